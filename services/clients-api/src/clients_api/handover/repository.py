"""Queries of initial-service teams and hand-overs."""

from __future__ import annotations

import uuid

from sqlalchemy import func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.caseload.models import Team, TeamMember
from clients_api.client.models import Client, ClientStatus
from clients_api.handover.models import ClientHandover, HandoverState, InitialServiceTeam

ACTIVE = (ClientStatus.unemployed.value, ClientStatus.in_activating_service.value)


async def team(session: AsyncSession, *, organisation_id: uuid.UUID, team_id: uuid.UUID) -> Team | None:
    return await session.scalar(select(Team).where(Team.id == team_id, Team.organisation_id == organisation_id))


async def marking(session: AsyncSession, *, team_id: uuid.UUID) -> InitialServiceTeam | None:
    return await session.get(InitialServiceTeam, team_id)


async def initial_team_ids(session: AsyncSession, *, organisation_id: uuid.UUID) -> set[uuid.UUID]:
    query = select(InitialServiceTeam.team_id).where(InitialServiceTeam.organisation_id == organisation_id)
    return set((await session.scalars(query)).all())


async def organisations_with_initial_service(session: AsyncSession) -> list[uuid.UUID]:
    """The organisations that have marked at least one initial-service team (the routing job visits these)."""
    query = select(InitialServiceTeam.organisation_id).distinct().order_by(InitialServiceTeam.organisation_id)
    return list((await session.scalars(query)).all())


async def lock_routing(session: AsyncSession, *, organisation_id: uuid.UUID) -> None:
    """Serialise routing within one organisation for the rest of the transaction: two runs at once (the job on
    two replicas, or the job and a manager's call) would otherwise both pick the same clients."""
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended('client_handover_routing:' || :org, 0))"),
        {"org": str(organisation_id)},
    )


async def clients_in_initial_service(session: AsyncSession, *, organisation_id: uuid.UUID) -> list[Client]:
    """Active clients held by an initial-service team (assigned to it, or to one of its coaches) with no open
    hand-over."""
    initial = select(InitialServiceTeam.team_id).where(InitialServiceTeam.organisation_id == organisation_id)
    initial_coaches = select(TeamMember.coach_subject).where(TeamMember.team_id.in_(initial))
    open_handover = select(ClientHandover.client_id).where(ClientHandover.state == HandoverState.open.value)
    query = (
        select(Client)
        .where(
            Client.organisation_id == organisation_id,
            Client.status.in_(ACTIVE),
            or_(Client.team_id.in_(initial), Client.coach_subject.in_(initial_coaches)),
            Client.id.not_in(open_handover),
        )
        .order_by(Client.job_search_started_on, Client.id)
    )
    return list((await session.scalars(query)).all())


async def personal_coaches(session: AsyncSession, *, organisation_id: uuid.UUID) -> list[tuple[str, uuid.UUID, int]]:
    """(coach, team, active clients) of every member of a team that is not an initial-service team, the least
    loaded first."""
    initial = select(InitialServiceTeam.team_id).where(InitialServiceTeam.organisation_id == organisation_id)
    load = (
        select(Client.coach_subject, func.count().label("clients"))
        .where(Client.organisation_id == organisation_id, Client.status.in_(ACTIVE))
        .group_by(Client.coach_subject)
        .subquery()
    )
    query = (
        select(TeamMember.coach_subject, TeamMember.team_id, func.coalesce(load.c.clients, 0))
        .join(Team, Team.id == TeamMember.team_id)
        .outerjoin(load, load.c.coach_subject == TeamMember.coach_subject)
        .where(Team.organisation_id == organisation_id, TeamMember.team_id.not_in(initial))
        .order_by(func.coalesce(load.c.clients, 0), TeamMember.coach_subject, TeamMember.team_id)
    )
    return [(row[0], row[1], int(row[2])) for row in (await session.execute(query)).all()]


async def open_for(session: AsyncSession, *, client_id: uuid.UUID) -> ClientHandover | None:
    query = select(ClientHandover).where(
        ClientHandover.client_id == client_id, ClientHandover.state == HandoverState.open.value
    )
    return await session.scalar(query)


async def get(
    session: AsyncSession, *, organisation_id: uuid.UUID, handover_id: uuid.UUID, lock: bool = False
) -> ClientHandover | None:
    query = select(ClientHandover).where(
        ClientHandover.id == handover_id, ClientHandover.organisation_id == organisation_id
    )
    if lock:
        query = query.with_for_update()
    return await session.scalar(query)


async def coach_teams(session: AsyncSession, *, organisation_id: uuid.UUID, coach_subject: str) -> set[uuid.UUID]:
    query = (
        select(TeamMember.team_id)
        .join(Team, Team.id == TeamMember.team_id)
        .where(Team.organisation_id == organisation_id, TeamMember.coach_subject == coach_subject)
    )
    return set((await session.scalars(query)).all())


async def tasks(
    session: AsyncSession, *, organisation_id: uuid.UUID, coach_subject: str, teams: set[uuid.UUID], incoming: bool
) -> list[tuple[ClientHandover, str, str]]:
    """Open hand-overs with the client's names: coming to the coach, or leaving the coach or their teams."""
    side = (
        ClientHandover.to_coach_subject == coach_subject
        if incoming
        else or_(ClientHandover.from_coach_subject == coach_subject, ClientHandover.from_team_id.in_(teams))
    )
    query = (
        select(ClientHandover, Client.first_names, Client.last_name)
        .join(Client, Client.id == ClientHandover.client_id)
        .where(
            ClientHandover.organisation_id == organisation_id,
            ClientHandover.state == HandoverState.open.value,
            side,
        )
        .order_by(ClientHandover.due_on, ClientHandover.id)
    )
    return [(row[0], row[1], row[2]) for row in (await session.execute(query)).all()]
