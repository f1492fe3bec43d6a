"""referrals-api's pytest fixtures, for its own tests and for the cross-service tests that run it beside clients-api
(tests/integration): the service under test, callers by role, and the partner network. A conftest imports the
fixtures it uses from here; the kit's plugin (polku_kit.testing) gives the database, the app and the issuer."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.testing import LAHTI, MIKKELI, ServiceSpec, TestIssuer
from referrals_api import SERVICE_DIR
from referrals_api.main import create_app
from referrals_api.organisation.models import Organisation, OrganisationType
from referrals_api.seed import seed_organisations
from referrals_api.settings import Settings

# A partner in Mikkeli's network: the "other organisation" of the access tests.
MIKKELI_WORKSHOP = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000007")

Headers = Callable[..., dict[str, str]]


@pytest.fixture(scope="session")
def service_spec() -> ServiceSpec:
    return ServiceSpec(create_app=create_app, settings_class=Settings, service_dir=SERVICE_DIR)


@pytest.fixture
def as_(test_issuer: TestIssuer) -> Headers:
    """``as_("coach")``, ``as_("partner", org=KELA)``: headers of a caller with one role."""

    def headers(role: str, org: uuid.UUID | None = LAHTI, subject: str | None = None) -> dict[str, str]:
        return test_issuer.headers(subject=subject or f"{role}-{org}", roles=[role], org=org)

    return headers


@pytest.fixture
async def network(db_session: AsyncSession) -> None:
    """The demo partners of Lahti's network, and one partner of Mikkeli's."""
    await seed_organisations(db_session)
    db_session.add(
        Organisation(
            id=MIKKELI_WORKSHOP,
            authority_id=MIKKELI,
            name="Mikkelin nuorten työpaja",
            type=OrganisationType.third_sector_workshop,
            business_id="1234567-1",
            email=None,
            website=None,
            municipalities=["491"],
            contacts=[],
        )
    )
    await db_session.flush()
