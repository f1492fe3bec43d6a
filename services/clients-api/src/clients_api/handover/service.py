"""Marking initial-service teams, routing their clients to personal coaches, and the hand-over tasks.

Seed 004 (Mikkelin seudun kuntakokeilu): the initial service (*alkupalvelu*) holds the first three months; the
personal coach (*omavalmentaja*) holds the last interview of those months and takes the client over, unless
the client has found work before. The initial service may hand a client over earlier when that gets them to
the right services sooner. A hand-over is a task on both sides (the initial-service team hands over, the
personal coach takes over) until it is done: then the client is assigned to the personal coach, with the
assignment history and event of any other assignment.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from clients_api.access import repository as access_repository
from clients_api.access.service import PURPOSE, check_caseload_reach, client_in_scope
from clients_api.caseload.models import AssignmentAction, ClientAssignment
from clients_api.client.models import Client
from clients_api.handover import repository
from clients_api.handover.models import ClientHandover, HandoverState, InitialServiceTeam, utc_now
from clients_api.handover.rules import ROUTING_LEAD_DAYS, Interview, handover_due
from clients_api.handover.schemas import (
    HandoverCreate,
    HandoverRead,
    HandoverTask,
    InitialServiceRead,
    InitialServiceWrite,
    Side,
)
from clients_api.schedule.deadlines import DeadlineKind
from clients_api.schedule.stored import deadlines_of
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal, Role
from polku_kit.calendar import today
from polku_kit.errors import Conflict, Forbidden, NotFound
from polku_kit.outbox import emit


class TeamNotFound(NotFound):
    slug = "team-not-found"
    title = "Team not found"


class HandoverNotFound(NotFound):
    slug = "handover-not-found"
    title = "Hand-over not found"


class HandoverOpen(Conflict):
    slug = "handover-open"
    title = "The client already has an open hand-over"


class HandoverDone(Conflict):
    slug = "handover-done"
    title = "The hand-over is already done"


class NotInInitialService(Conflict):
    slug = "not-in-initial-service"
    title = "The client is not held by an initial-service team"


class CoachNotInTeam(Conflict):
    slug = "coach-not-in-team"
    title = "The coach is not a member of the team"


class NoPersonalCoach(Conflict):
    slug = "no-personal-coach"
    title = "No personal coach is named for the hand-over"


class NotYourHandover(Forbidden):
    slug = "not-your-handover"
    title = "Only the coaches of either side, or a manager, complete a hand-over"


# Initial-service teams -----------------------------------------------------------------------------------------


async def _team(session: AsyncSession, principal: Principal, team_id: uuid.UUID) -> uuid.UUID:
    team = await repository.team(session, organisation_id=principal.organisation(), team_id=team_id)
    if team is None:
        raise TeamNotFound(f"No team {team_id}")
    return team.id


def _marking_read(team_id: uuid.UUID, marking: InitialServiceTeam | None) -> InitialServiceRead:
    return InitialServiceRead(
        team_id=team_id,
        initial_service=marking is not None,
        marked_by=marking.marked_by if marking else None,
        marked_at=marking.marked_at if marking else None,
    )


async def read_initial_service(
    *, session: AsyncSession, principal: Principal, team_id: uuid.UUID
) -> InitialServiceRead:
    team_id = await _team(session, principal, team_id)
    return _marking_read(team_id, await repository.marking(session, team_id=team_id))


async def set_initial_service(
    *, session: AsyncSession, principal: Principal, team_id: uuid.UUID, data: InitialServiceWrite
) -> InitialServiceRead:
    team_id = await _team(session, principal, team_id)
    marking = await repository.marking(session, team_id=team_id)
    if data.initial_service and marking is None:
        marking = InitialServiceTeam(
            team_id=team_id, organisation_id=principal.organisation(), marked_by=principal.subject, marked_at=utc_now()
        )
        session.add(marking)
    elif not data.initial_service and marking is not None:
        await session.delete(marking)
        marking = None
    else:
        return _marking_read(team_id, marking)
    await session.flush()
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="team",
        resource_id=team_id,
        purpose=PURPOSE,
        details={"initial_service": data.initial_service},
    )
    await emit(
        session,
        type="fi.polku.team.initial_service_changed.v1",
        subject=f"teams/{team_id}",
        source="/polku/clients-api",
        audience=[principal.organisation()],
        data={"team_id": str(team_id), "initial_service": data.initial_service},
    )
    return _marking_read(team_id, marking)


# Hand-overs ----------------------------------------------------------------------------------------------------


async def _due_on(session: AsyncSession, client: Client) -> date:
    deadlines = await deadlines_of(session, client, today())
    interviews = [Interview(d.due_on, supplementary=d.kind == DeadlineKind.supplementary_interview) for d in deadlines]
    return handover_due(client.job_search_started_on, interviews)


async def _opened(
    session: AsyncSession, principal: Principal, client: Client, handover: ClientHandover
) -> HandoverRead:
    session.add(handover)
    await session.flush()
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="client_handover",
        resource_id=handover.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"to_coach": handover.to_coach_subject, "due_on": handover.due_on.isoformat()},
    )
    await emit(
        session,
        type="fi.polku.client.handover_opened.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={
            "handover_id": str(handover.id),
            "client_id": str(client.id),
            "due_on": handover.due_on.isoformat(),
            "from_team_id": str(handover.from_team_id) if handover.from_team_id else None,
            "to_coach_subject": handover.to_coach_subject,
        },
    )
    return HandoverRead.model_validate(handover)


def _from_team(client: Client, initial: set[uuid.UUID], teams_of_coach: set[uuid.UUID]) -> uuid.UUID | None:
    if client.team_id in initial:
        return client.team_id
    return min(teams_of_coach & initial, default=None)


async def route(*, session: AsyncSession, principal: Principal, lead_days: int) -> list[HandoverRead]:
    """Open a hand-over for every client of an initial-service team whose hand-over falls due within
    ``lead_days``, to the personal coach with the fewest active clients (counting those routed now)."""
    organisation_id = principal.organisation()
    await repository.lock_routing(session, organisation_id=organisation_id)
    day = today()
    initial = await repository.initial_team_ids(session, organisation_id=organisation_id)
    coaches = await repository.personal_coaches(session, organisation_id=organisation_id)
    load = {coach: clients for coach, _, clients in coaches}
    team_of: dict[str, uuid.UUID] = {}
    for coach, team_id, _ in coaches:
        team_of.setdefault(coach, team_id)
    opened = []
    for client in await repository.clients_in_initial_service(session, organisation_id=organisation_id):
        due = await _due_on(session, client)
        if (due - day).days > lead_days:
            continue
        target = min(load, key=lambda coach: (load[coach], coach), default=None)
        if target is not None:
            load[target] += 1
        teams_of_coach = (
            await repository.coach_teams(session, organisation_id=organisation_id, coach_subject=client.coach_subject)
            if client.coach_subject
            else set()
        )
        handover = ClientHandover(
            client_id=client.id,
            organisation_id=organisation_id,
            state=HandoverState.open.value,
            due_on=due,
            from_team_id=_from_team(client, initial, teams_of_coach),
            from_coach_subject=client.coach_subject,
            to_coach_subject=target,
            to_team_id=team_of.get(target) if target else None,
            reason="The initial service's three months end",
            created_by=principal.subject,
            created_at=utc_now(),
        )
        opened.append(await _opened(session, principal, client, handover))
    return opened


# The subject the routing job acts as: the hand-overs it opens say that a job opened them, not a person.
ROUTING_ACTOR = "system:handover-routing"


async def route_all(sessions: async_sessionmaker[AsyncSession], *, lead_days: int = ROUTING_LEAD_DAYS) -> int:
    """:func:`route` for every organisation with an initial-service team, each in its own transaction, as the
    routing job (seed 004: the initial service's three months end, the personal coach takes over). Safe to run
    often and on several replicas at once. Returns how many hand-overs this run opened."""
    async with sessions() as session:
        organisations = await repository.organisations_with_initial_service(session)
    opened = 0
    for organisation_id in organisations:
        job = Principal(subject=ROUTING_ACTOR, roles=frozenset({Role.service}), organisation_id=organisation_id)
        async with sessions() as session, session.begin():
            opened += len(await route(session=session, principal=job, lead_days=lead_days))
    return opened


async def create(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: HandoverCreate
) -> HandoverRead:
    """Hand a client over to a named personal coach now (also before the three months end)."""
    client = await client_in_scope(session, principal, client_id)
    organisation_id = principal.organisation()
    initial = await repository.initial_team_ids(session, organisation_id=organisation_id)
    teams_of_coach = (
        await repository.coach_teams(session, organisation_id=organisation_id, coach_subject=client.coach_subject)
        if client.coach_subject
        else set()
    )
    from_team = _from_team(client, initial, teams_of_coach)
    if from_team is None:
        raise NotInInitialService("Mark the client's team as an initial-service team first")
    if await repository.open_for(session, client_id=client.id) is not None:
        raise HandoverOpen("Complete the open hand-over first")
    if data.to_team_id is not None:
        if await repository.team(session, organisation_id=organisation_id, team_id=data.to_team_id) is None:
            raise TeamNotFound(f"No team {data.to_team_id}")
        if (
            await access_repository.member(session, team_id=data.to_team_id, coach_subject=data.to_coach_subject)
            is None
        ):
            raise CoachNotInTeam(f"{data.to_coach_subject} is not a member of the team")
    handover = ClientHandover(
        client_id=client.id,
        organisation_id=organisation_id,
        state=HandoverState.open.value,
        due_on=min(await _due_on(session, client), today()),
        from_team_id=from_team,
        from_coach_subject=client.coach_subject,
        to_coach_subject=data.to_coach_subject,
        to_team_id=data.to_team_id,
        reason=data.reason,
        created_by=principal.subject,
        created_at=utc_now(),
    )
    return await _opened(session, principal, client, handover)


async def tasks(
    *, session: AsyncSession, principal: Principal, side: Side, coach_subject: str | None
) -> list[HandoverTask]:
    """The open hand-overs on one side of a coach: those coming to them, or those leaving them or their teams."""
    coach = coach_subject or principal.subject
    await check_caseload_reach(session, principal, coach=coach)
    organisation_id = principal.organisation()
    teams = await repository.coach_teams(session, organisation_id=organisation_id, coach_subject=coach)
    rows = await repository.tasks(
        session, organisation_id=organisation_id, coach_subject=coach, teams=teams, incoming=side is Side.incoming
    )
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="client_handover_list",
        purpose=PURPOSE,
        details={"coach": coach, "side": side.value, "clients": [str(row.client_id) for row, _, _ in rows]},
    )
    return [
        HandoverTask(**HandoverRead.model_validate(row).model_dump(), client_first_names=first, client_last_name=last)
        for row, first, last in rows
    ]


async def _may_complete(session: AsyncSession, principal: Principal, handover: ClientHandover) -> bool:
    if principal.roles & {Role.manager, Role.admin}:
        return True
    if principal.subject in (handover.to_coach_subject, handover.from_coach_subject):
        return True
    return handover.from_team_id is not None and (
        await access_repository.member(session, team_id=handover.from_team_id, coach_subject=principal.subject)
        is not None
    )


async def complete(*, session: AsyncSession, principal: Principal, handover_id: uuid.UUID) -> HandoverRead:
    """The hand-over is done: the client becomes the personal coach's (and their team's)."""
    handover = await repository.get(
        session, organisation_id=principal.organisation(), handover_id=handover_id, lock=True
    )
    if handover is None:
        raise HandoverNotFound(f"No hand-over {handover_id}")
    if not await _may_complete(session, principal, handover):
        raise NotYourHandover("A coach of either side, or a manager, completes a hand-over")
    if handover.state != HandoverState.open.value:
        raise HandoverDone(f"Done by {handover.completed_by}")
    if handover.to_coach_subject is None:
        raise NoPersonalCoach("No personal coach was free when it was routed: name one with a new hand-over")
    client = await access_repository.get(
        session, organisation_id=handover.organisation_id, client_id=handover.client_id
    )
    if client is None:  # the client row cascades with its hand-overs; kept for the type checker
        raise HandoverNotFound(f"No hand-over {handover_id}")
    previous_coach, previous_team = client.coach_subject, client.team_id
    client.coach_subject, client.team_id = handover.to_coach_subject, handover.to_team_id
    client.version += 1
    entry = ClientAssignment(
        client_id=client.id,
        organisation_id=client.organisation_id,
        action=AssignmentAction.reassigned.value,
        coach_subject=handover.to_coach_subject,
        team_id=handover.to_team_id,
        previous_coach_subject=previous_coach,
        previous_team_id=previous_team,
        # The sending coach's own words, in the language they wrote them; the hand-over itself is on the timeline.
        reason=handover.reason,
        assigned_by=principal.subject,
    )
    session.add(entry)
    handover.state, handover.completed_by, handover.completed_at = (
        HandoverState.done.value,
        principal.subject,
        utc_now(),
    )
    await session.flush()
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="client_handover",
        resource_id=handover.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"coach": {"from": previous_coach, "to": handover.to_coach_subject}},
    )
    await emit(
        session,
        type="fi.polku.client.assigned.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={
            "client_id": str(client.id),
            "action": AssignmentAction.reassigned.value,
            "coach_subject": handover.to_coach_subject,
            "team_id": str(handover.to_team_id) if handover.to_team_id else None,
            "previous_coach_subject": previous_coach,
            "previous_team_id": str(previous_team) if previous_team else None,
        },
    )
    await emit(
        session,
        type="fi.polku.client.handover_completed.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={"handover_id": str(handover.id), "client_id": str(client.id), "due_on": handover.due_on.isoformat()},
    )
    return HandoverRead.model_validate(handover)
