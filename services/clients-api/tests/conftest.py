import uuid
from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api import SERVICE_DIR
from clients_api.caseload.models import Team, TeamMember
from clients_api.main import create_app
from clients_api.settings import Settings
from polku_kit.testing import LAHTI, ServiceSpec


@pytest.fixture(scope="session")
def service_spec() -> ServiceSpec:
    return ServiceSpec(create_app=create_app, settings_class=Settings, service_dir=SERVICE_DIR)


TeamOf = Callable[..., Awaitable[uuid.UUID]]


@pytest.fixture
def team_of(db_session: AsyncSession) -> TeamOf:
    """Makes a team of the given coaches (a coach reaches the clients of their team's coaches)."""

    async def make(*coaches: str, organisation_id: uuid.UUID = LAHTI) -> uuid.UUID:
        team = Team(organisation_id=organisation_id, name=f"Tiimi {uuid.uuid4().hex[:8]}", created_by="manager-1")
        db_session.add(team)
        await db_session.flush()
        db_session.add_all([TeamMember(team_id=team.id, coach_subject=coach, display_name=coach, added_by="manager-1")
                            for coach in coaches])
        await db_session.flush()
        return team.id

    return make
