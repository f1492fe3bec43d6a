"""The queries behind access checks: a client of the caller's organisation, a coach's teams and colleagues."""

from __future__ import annotations

import uuid

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from clients_api.caseload.models import Team, TeamMember
from clients_api.client.models import Client


async def get(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    client_id: uuid.UUID,
    reached_by: str | None = None,
    lock: bool = False,
) -> Client | None:
    """The client; with ``reached_by`` (a coach's subject) only if that coach reaches it (``access.service.Reach``),
    decided in the same statement: the coach's teams are subqueries, not a round trip of their own. ``lock``: the
    client's row locked until the transaction ends (``FOR UPDATE``), in the same statement too."""
    query = select(Client).where(Client.id == client_id, Client.organisation_id == organisation_id)
    if reached_by is not None:
        teams = (
            select(TeamMember.team_id)
            .join(Team, Team.id == TeamMember.team_id)
            .where(Team.organisation_id == organisation_id, TeamMember.coach_subject == reached_by)
        )
        colleagues = select(TeamMember.coach_subject).where(TeamMember.team_id.in_(teams))
        query = query.where(
            or_(
                and_(Client.coach_subject.is_(None), Client.team_id.is_(None)),
                Client.coach_subject == reached_by,
                Client.coach_subject.in_(colleagues),
                Client.team_id.in_(teams),
            )
        )
    if lock:
        query = query.with_for_update(of=Client)
    return await session.scalar(query)


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
