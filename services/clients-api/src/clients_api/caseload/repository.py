"""Every query of caseloads. Each is scoped to the caller's organisation; a caseload is read through the index on
(organisation, coach, status), so its cost grows with the caseload, not with the clients in the database."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ColumnElement, Select, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.caseload.models import ClientAssignment, SavedFilter, Team, TeamMember
from clients_api.client.models import Client, ClientStatus
from clients_api.schedule.models import ClientDeadline
from clients_api.schedule.repository import open_condition, stale_condition

# Clients whose job search is on: they form a caseload (the same as the due list's).
ACTIVE = (ClientStatus.unemployed.value, ClientStatus.in_activating_service.value)


async def team(session: AsyncSession, *, organisation_id: uuid.UUID, team_id: uuid.UUID) -> Team | None:
    return await session.scalar(select(Team).where(Team.id == team_id, Team.organisation_id == organisation_id))


async def team_by_name(session: AsyncSession, *, organisation_id: uuid.UUID, name: str) -> Team | None:
    return await session.scalar(select(Team).where(Team.organisation_id == organisation_id, Team.name == name))


async def teams(session: AsyncSession, *, organisation_id: uuid.UUID) -> list[Team]:
    query = select(Team).where(Team.organisation_id == organisation_id).order_by(Team.name)
    return list((await session.scalars(query)).all())


async def members(session: AsyncSession, team_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[TeamMember]]:
    found: dict[uuid.UUID, list[TeamMember]] = {team_id: [] for team_id in team_ids}
    if team_ids:
        query = select(TeamMember).where(TeamMember.team_id.in_(team_ids)).order_by(TeamMember.display_name)
        for member in (await session.scalars(query)).all():
            found[member.team_id].append(member)
    return found


async def remove_member(session: AsyncSession, *, team_id: uuid.UUID, coach_subject: str) -> None:
    await session.execute(
        delete(TeamMember).where(TeamMember.team_id == team_id, TeamMember.coach_subject == coach_subject)
    )


async def assignments(session: AsyncSession, *, client_id: uuid.UUID) -> list[ClientAssignment]:
    query = (
        select(ClientAssignment)
        .where(ClientAssignment.client_id == client_id)
        .order_by(ClientAssignment.assigned_at, ClientAssignment.id)
    )
    return list((await session.scalars(query)).all())


def caseload_query(
    *,
    organisation_id: uuid.UUID,
    coach_subjects: list[str] | None = None,
    team_id: uuid.UUID | None = None,
    unassigned: bool = False,
) -> Select[Client]:
    """Active clients of the given coaches and/or assigned to the team, or (``unassigned``) those without a coach.
    With none of these, the whole organisation's active clients."""
    query = select(Client).where(Client.organisation_id == organisation_id, Client.status.in_(ACTIVE))
    if unassigned:
        query = query.where(Client.coach_subject.is_(None))
    else:
        scopes: list[ColumnElement[bool]] = []
        if coach_subjects is not None:
            scopes.append(Client.coach_subject.in_(coach_subjects))
        if team_id is not None:
            scopes.append(Client.team_id == team_id)
        if scopes:
            query = query.where(or_(*scopes))
    return query.order_by(Client.last_name, Client.first_names, Client.id)


async def caseload(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    coach_subjects: list[str] | None = None,
    team_id: uuid.UUID | None = None,
    unassigned: bool = False,
) -> list[Client]:
    query = caseload_query(
        organisation_id=organisation_id, coach_subjects=coach_subjects, team_id=team_id, unassigned=unassigned
    )
    return list((await session.scalars(query)).all())


async def count_unassigned(session: AsyncSession, *, organisation_id: uuid.UUID, born_after: date | None = None) -> int:
    query = (
        select(func.count())
        .select_from(Client)
        .where(Client.organisation_id == organisation_id, Client.status.in_(ACTIVE), Client.coach_subject.is_(None))
    )
    if born_after is not None:
        query = query.where(Client.birth_date > born_after)
    return int(await session.scalar(query) or 0)


async def saved_filters(session: AsyncSession, *, organisation_id: uuid.UUID, owner: str) -> list[SavedFilter]:
    query = (
        select(SavedFilter)
        .where(SavedFilter.organisation_id == organisation_id, SavedFilter.owner_subject == owner)
        .order_by(SavedFilter.name)
    )
    return list((await session.scalars(query)).all())


async def saved_filter(
    session: AsyncSession, *, organisation_id: uuid.UUID, owner: str, filter_id: uuid.UUID
) -> SavedFilter | None:
    return await session.scalar(
        select(SavedFilter).where(
            SavedFilter.id == filter_id,
            SavedFilter.organisation_id == organisation_id,
            SavedFilter.owner_subject == owner,
        )
    )


async def saved_filter_by_name(
    session: AsyncSession, *, organisation_id: uuid.UUID, owner: str, name: str
) -> SavedFilter | None:
    return await session.scalar(
        select(SavedFilter).where(
            SavedFilter.organisation_id == organisation_id, SavedFilter.owner_subject == owner, SavedFilter.name == name
        )
    )


CaseloadRow = tuple[uuid.UUID, str | None, uuid.UUID | None, int]


async def organisation_caseloads(session: AsyncSession, *, organisation_id: uuid.UUID, day: date) -> list[CaseloadRow]:
    """(id, coach, team, deadlines overdue on ``day``) of every active client of the organisation, for caseload
    sizes; the overdue ones counted from the stored deadlines."""
    overdue = (
        select(ClientDeadline.client_id, func.count().label("overdue"))
        .where(ClientDeadline.organisation_id == organisation_id, open_condition(), ClientDeadline.due_on < day)
        .group_by(ClientDeadline.client_id)
        .subquery()
    )
    rows = await session.execute(
        select(Client.id, Client.coach_subject, Client.team_id, func.coalesce(overdue.c.overdue, 0))
        .outerjoin(overdue, overdue.c.client_id == Client.id)
        .where(Client.organisation_id == organisation_id, Client.status.in_(ACTIVE))
    )
    return [(row[0], row[1], row[2], int(row[3])) for row in rows.all()]


async def stale_active(session: AsyncSession, *, organisation_id: uuid.UUID, day: date) -> list[uuid.UUID]:
    """The organisation's active clients whose stored deadlines are out of date on ``day``."""
    query = select(Client.id).where(
        Client.organisation_id == organisation_id, Client.status.in_(ACTIVE), stale_condition(day)
    )
    return list((await session.scalars(query)).all())
