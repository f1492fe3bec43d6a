"""Who may read special-category notes: the client's own coach and their team, nobody else."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import may_read_special_category
from clients_api.caseload.models import Team, TeamMember
from clients_api.client.models import Client
from polku_kit.auth import Principal
from polku_kit.testing import LAHTI, MIKKELI


def person(subject: str, role: str, org: uuid.UUID = LAHTI) -> Principal:
    return Principal(subject=subject, roles=frozenset({role}), organisation_id=org)


async def team(session: AsyncSession, *members: str, org: uuid.UUID = LAHTI) -> uuid.UUID:
    row = Team(organisation_id=org, name=f"Tiimi {uuid.uuid4()}", created_by="manager-1")
    session.add(row)
    await session.flush()
    session.add_all(
        [
            TeamMember(team_id=row.id, coach_subject=member, display_name=member, added_by="manager-1")
            for member in members
        ]
    )
    await session.flush()
    return row.id


@pytest.mark.parametrize(
    ("principal", "allowed"),
    [
        (person("coach-aino", "coach"), True),
        (person("coach-other", "coach"), False),
        (person("coach-aino", "coach", MIKKELI), False),
        (person("coach-aino", "manager"), False),
        (person("coach-aino", "partner"), False),
        (person("admin", "admin"), False),
    ],
)
async def test_without_teams_only_the_clients_coach(
    db_session: AsyncSession, principal: Principal, allowed: bool
) -> None:
    client = Client(organisation_id=LAHTI, coach_subject="coach-aino")
    assert await may_read_special_category(db_session, principal, client) is allowed


async def test_a_teammate_of_the_clients_coach_may_read_and_a_coach_of_another_team_may_not(
    db_session: AsyncSession,
) -> None:
    await team(db_session, "coach-aino", "coach-mari")
    await team(db_session, "coach-pekka")
    client = Client(organisation_id=LAHTI, coach_subject="coach-aino")
    assert await may_read_special_category(db_session, person("coach-mari", "coach"), client) is True
    assert await may_read_special_category(db_session, person("coach-pekka", "coach"), client) is False
    assert await may_read_special_category(db_session, person("coach-mari", "manager"), client) is False


async def test_a_member_of_the_team_the_client_is_assigned_to_may_read(db_session: AsyncSession) -> None:
    youth = await team(db_session, "coach-mari")
    client = Client(organisation_id=LAHTI, coach_subject=None, team_id=youth)
    assert await may_read_special_category(db_session, person("coach-mari", "coach"), client) is True
    assert await may_read_special_category(db_session, person("coach-aino", "coach"), client) is False


async def test_a_team_of_another_organisation_does_not_count(db_session: AsyncSession) -> None:
    await team(db_session, "coach-aino", "coach-mari", org=MIKKELI)
    client = Client(organisation_id=LAHTI, coach_subject="coach-aino")
    assert await may_read_special_category(db_session, person("coach-mari", "coach"), client) is False
