"""The queries behind access checks: a client of the caller's organisation, a coach's teams and colleagues."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from clients_api.caseload.models import Team, TeamMember
from clients_api.client.models import Client


async def get(session: AsyncSession, *, organisation_id: uuid.UUID, client_id: uuid.UUID) -> Client | None:
    return await session.scalar(select(Client).where(Client.id == client_id, Client.organisation_id == organisation_id))


async def member(session: AsyncSession, *, team_id: uuid.UUID, coach_subject: str) -> TeamMember | None:
    return await session.get(TeamMember, (team_id, coach_subject))


async def reach(session: AsyncSession, *, organisation_id: uuid.UUID, subject: str) -> tuple[set[uuid.UUID], set[str]]:
    """The teams a coach belongs to in the organisation, and every coach of those teams."""
    mine = (
        select(TeamMember.team_id)
        .join(Team, Team.id == TeamMember.team_id)
        .where(Team.organisation_id == organisation_id, TeamMember.coach_subject == subject)
    )
    rows = (
        await session.execute(select(TeamMember.team_id, TeamMember.coach_subject).where(TeamMember.team_id.in_(mine)))
    ).all()
    return {row.team_id for row in rows}, {row.coach_subject for row in rows}


async def shares_team(session: AsyncSession, *, organisation_id: uuid.UUID, subject_a: str, subject_b: str) -> bool:
    first, second = aliased(TeamMember), aliased(TeamMember)
    query = (
        select(first.team_id)
        .join(second, second.team_id == first.team_id)
        .join(Team, Team.id == first.team_id)
        .where(
            Team.organisation_id == organisation_id, first.coach_subject == subject_a, second.coach_subject == subject_b
        )
        .limit(1)
    )
    return await session.scalar(query) is not None
