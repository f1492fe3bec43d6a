import uuid
from collections.abc import Callable

import pytest

from employer_api import SERVICE_DIR
from employer_api.main import create_app
from employer_api.settings import Settings
from polku_kit.testing import LAHTI, ServiceSpec, TestIssuer

Headers = Callable[..., dict[str, str]]


@pytest.fixture(scope="session")
def service_spec() -> ServiceSpec:
    return ServiceSpec(create_app=create_app, settings_class=Settings, service_dir=SERVICE_DIR)


@pytest.fixture
def as_(test_issuer: TestIssuer) -> Headers:
    """``as_("employer_services")``, ``as_("coach", org=MIKKELI)``: headers of a caller with one role (subject
    ``{role}-{org}`` unless named)."""

    def headers(role: str, org: uuid.UUID | None = LAHTI, subject: str | None = None) -> dict[str, str]:
        return test_issuer.headers(subject=subject or f"{role}-{org}", roles=[role], org=org)

    return headers
