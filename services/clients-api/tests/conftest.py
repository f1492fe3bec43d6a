import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api import SERVICE_DIR
from clients_api.caseload.models import Team, TeamMember
from clients_api.main import create_app
from clients_api.settings import Settings
from polku_kit.testing import (
    LAHTI,
    ServiceSpec,
    TestIssuer,
    build_test_app,
    create_migrated_database,
    make_test_settings,
)

from . import factories


@pytest.fixture(scope="session")
def service_spec() -> ServiceSpec:
    return ServiceSpec(create_app=create_app, settings_class=Settings, service_dir=SERVICE_DIR)


@pytest.fixture
async def client_id(client: httpx.AsyncClient, test_issuer: TestIssuer) -> str:
    """Matti Meikäläinen (:func:`factories.registration`), registered by coach Aino in Lahti."""
    return await factories.register(client, factories.coach(test_issuer))


TeamOf = Callable[..., Awaitable[uuid.UUID]]


@pytest.fixture
def team_of(db_session: AsyncSession) -> TeamOf:
    """Makes a team of the given coaches (a coach reaches the clients of their team's coaches)."""

    async def make(*coaches: str, organisation_id: uuid.UUID = LAHTI) -> uuid.UUID:
        team = Team(organisation_id=organisation_id, name=f"Tiimi {uuid.uuid4().hex[:8]}", created_by="manager-1")
        db_session.add(team)
        await db_session.flush()
        db_session.add_all(
            [
                TeamMember(team_id=team.id, coach_subject=coach, display_name=coach, added_by="manager-1")
                for coach in coaches
            ]
        )
        await db_session.flush()
        return team.id

    return make


@pytest_asyncio.fixture(loop_scope="session")
async def committed_client(
    service_spec: ServiceSpec, postgres_server_url: str, test_issuer: TestIssuer
) -> AsyncIterator[httpx.AsyncClient]:
    """The app on a database of its own where every request commits as in production (not the test's rolled-back
    transaction), so that requests sent at once really run at once, each in its own transaction."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    url = await create_migrated_database(postgres_server_url, SERVICE_DIR, f"test_clients_committed_{worker}")
    app = build_test_app(service_spec, make_test_settings(service_spec, url, test_issuer), test_issuer)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://service.test") as http:
            yield http
    finally:
        await app.state.database.dispose()
