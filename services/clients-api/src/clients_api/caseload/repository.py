"""Every query of caseloads. Each is scoped to the caller's organisation; a caseload is read through the index on
(organisation, coach, status), so its cost grows with the caseload, not with the clients in the database."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Date,
    Select,
    Text,
    Uuid,
    bindparam,
    cast,
    delete,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.caseload.models import ClientAssignment, KnownCoach, SavedFilter, Team, TeamMember
from clients_api.client.models import JOB_SEEKING_SQL, Client, ClientStatus
from clients_api.handover.models import InitialServiceTeam
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


async def initial_service_team_ids(session: AsyncSession, *, organisation_id: uuid.UUID) -> set[uuid.UUID]:
    query = select(InitialServiceTeam.team_id).where(InitialServiceTeam.organisation_id == organisation_id)
    return set((await session.scalars(query)).all())


async def known_coaches(session: AsyncSession, *, organisation_id: uuid.UUID) -> list[KnownCoach]:
    query = select(KnownCoach).where(KnownCoach.organisation_id == organisation_id)
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


@dataclass(frozen=True)
class BalanceCounts:
    """The counts of one coach's or team's caseload (``key``), or of the whole organisation's (``key`` None)."""

    key: str | uuid.UUID | None
    active_clients: int
    overdue_deadlines: int
    clients_with_overdue_deadlines: int
    up_to_date_plans: int
    unassigned_clients: int
    unassigned_born_after: int


def _balance_statement() -> CompoundSelect[Any]:
    """The caseload balance's statement, built once (its parameters ``organisation_id``, ``day`` and ``born_after``
    bound at each execution): building and keying a statement of this size cost more of the service's CPU than
    sending it (decision 80).

    The organisation's active clients are read once, from the job seekers' index, which holds every column the counts
    need, joined to their overdue deadlines counted from the organisation's open deadlines due before ``day``, whose
    index holds the client: both are index-only scans (decision 51), not looked up client by client. They are
    grouped at once by (coach, team): a row per pair that has clients, a few hundred at most, from which every
    figure is summed (a coach's over their teams, a team's from its members' and its own, the organisation's from
    all), so that the organisation's clients are aggregated once, not kept as a CTE of a row per client and read
    again for each figure (decision 80). Only the counts leave the database; the cost follows the organisation's
    active clients and overdue deadlines, not the clients of the database."""
    organisation_id = bindparam("organisation_id", type_=Uuid)
    day = bindparam("day", type_=Date)
    born_after = bindparam("born_after", type_=Date)
    overdue = (
        select(ClientDeadline.client_id, func.count().label("overdue"))
        .where(ClientDeadline.organisation_id == organisation_id, open_condition(), ClientDeadline.due_on < day)
        .group_by(ClientDeadline.client_id)
        .subquery("overdue")
    )
    # A client with overdue deadlines has a row in ``overdue`` (a count of at least one); one without has NULL.
    groups = (
        select(
            Client.coach_subject,
            Client.team_id,
            func.count().label("clients"),
            func.coalesce(func.sum(overdue.c.overdue), 0).label("overdue"),
            func.count(overdue.c.overdue).label("with_overdue"),
            func.count().filter(Client.plan_up_to_date_until >= day).label("current"),
            func.count().filter(Client.coach_subject.is_(None), Client.birth_date > born_after).label("young"),
        )
        .outerjoin(overdue, overdue.c.client_id == Client.id)
        # The status as SQL text: the job seekers' partial index is then proven to match whatever plan PostgreSQL
        # keeps for the prepared statement.
        .where(Client.organisation_id == organisation_id, text(f"client.{JOB_SEEKING_SQL}"))
        .group_by(Client.coach_subject, Client.team_id)
        .cte("groups")
    )
    counted = ("clients", "overdue", "with_overdue", "current")
    per_coach = (
        select(groups.c.coach_subject, *(func.sum(groups.c[name]).label(name) for name in counted))
        .where(groups.c.coach_subject.is_not(None))
        .group_by(groups.c.coach_subject)
        .cte("per_coach")
    )
    # A team's clients are its members' clients (summed from the coaches' counts, each coach's clients once per
    # team) and the clients assigned to it whose coach is not a member (its own groups): the two never overlap.
    of_members = (
        select(TeamMember.team_id, *(per_coach.c[name] for name in counted))
        .join(Team, Team.id == TeamMember.team_id)
        .join(per_coach, per_coach.c.coach_subject == TeamMember.coach_subject)
        .where(Team.organisation_id == organisation_id)
    )
    member = exists().where(TeamMember.team_id == groups.c.team_id, TeamMember.coach_subject == groups.c.coach_subject)
    assigned = select(groups.c.team_id, *(groups.c[name] for name in counted)).where(
        groups.c.team_id.is_not(None), ~member
    )
    parts = union_all(of_members, assigned).subquery("parts")
    zero = (literal(0), literal(0))
    per_team = select(
        literal("team"), cast(parts.c.team_id, Text), *(func.sum(parts.c[name]) for name in counted), *zero
    ).group_by(parts.c.team_id)
    unassigned = groups.c.coach_subject.is_(None)
    whole = select(
        literal("organisation"),
        literal(None, Text),
        *(func.coalesce(func.sum(groups.c[name]), 0) for name in counted),
        func.coalesce(func.sum(groups.c.clients).filter(unassigned), 0),
        func.coalesce(func.sum(groups.c.young), 0),
    )
    coaches = select(literal("coach"), per_coach.c.coach_subject, *(per_coach.c[name] for name in counted), *zero)
    return union_all(coaches, per_team, whole)


_BALANCE = _balance_statement()


async def caseload_balance(
    session: AsyncSession, *, organisation_id: uuid.UUID, day: date, born_after: date
) -> list[BalanceCounts]:
    """The caseload balance counted in one statement (:func:`_balance_statement`): a row per coach with active
    clients, per team of the organisation (clients of its members and clients assigned to it, each once) and one for
    the organisation (``key`` None: every active client, the unassigned ones, those born after ``born_after`` among
    them)."""
    found = []
    rows: Sequence[Any] = (
        await session.execute(_BALANCE, {"organisation_id": organisation_id, "day": day, "born_after": born_after})
    ).all()
    for row in rows:
        kind, key = row[0], row[1]
        found.append(
            BalanceCounts(
                key=None if kind == "organisation" else uuid.UUID(key) if kind == "team" else key,
                active_clients=int(row[2]),
                overdue_deadlines=int(row[3]),
                clients_with_overdue_deadlines=int(row[4]),
                up_to_date_plans=int(row[5]),
                unassigned_clients=int(row[6]),
                unassigned_born_after=int(row[7]),
            )
        )
    return found


async def stale_active(session: AsyncSession, *, organisation_id: uuid.UUID, day: date) -> list[uuid.UUID]:
    """The organisation's active clients whose stored deadlines are out of date on ``day``."""
    query = select(Client.id).where(
        Client.organisation_id == organisation_id, Client.status.in_(ACTIVE), stale_condition(day)
    )
    return list((await session.scalars(query)).all())
