"""Rules of caseloads: teams, assignment with history, the waiting-on state, caseload sizes, the morning
filters and saved filters.

Who may do what: managers and admins manage teams; coaches, managers and admins read them, assign clients and
use the caseload views. A coach sees the caseload sizes of every coach of their organisation (numbers only, no
client data): that is how a team balances its work. A coach's morning view shows their own caseload unless they
name another coach or a team of their organisation; a manager names one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access import repository as access_repository
from clients_api.access import seen
from clients_api.access.service import PURPOSE, check_caseload_reach, client_in_scope
from clients_api.assessment import repository as assessment_repository
from clients_api.caseload import repository
from clients_api.caseload.filters import ClientFacts, Evaluation, MorningFilter, evaluate
from clients_api.caseload.models import AssignmentAction, ClientAssignment, SavedFilter, Team, TeamMember
from clients_api.caseload.schemas import (
    AssignmentCreate,
    AssignmentRead,
    CaseloadItem,
    CaseloadSizes,
    CaseloadView,
    CoachCaseload,
    CoachRead,
    FilterParameters,
    MemberCreate,
    MemberRead,
    MilestoneRead,
    SavedFilterRead,
    SavedFilterWrite,
    TeamCaseload,
    TeamCreate,
    TeamRead,
    WaitingOnRead,
    WaitingOnUpdate,
)
from clients_api.client import repository as client_repository
from clients_api.client.models import Client, ClientStatus, WaitingOn
from clients_api.client.service import current_unemployment_start
from clients_api.kela import repository as kela_repository
from clients_api.plan.status import DEFINITION
from clients_api.schedule import repository as schedule_repository
from clients_api.schedule.stored import open_deadlines, refresh_deadlines
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal, Role
from polku_kit.calendar import add_months, today
from polku_kit.errors import Conflict, FieldError, NotFound, Unprocessable
from polku_kit.outbox import emit


class TeamNotFound(NotFound):
    slug = "team-not-found"
    title = "Team not found"


class TeamNameTaken(Conflict):
    slug = "team-name-taken"
    title = "The organisation already has a team of this name"


class MemberNotFound(NotFound):
    slug = "team-member-not-found"
    title = "Not a member of the team"


class AlreadyMember(Conflict):
    slug = "team-member-exists"
    title = "Already a member of the team"


class CoachNotInTeam(Conflict):
    slug = "coach-not-in-team"
    title = "The coach is not a member of the team"


class AssignmentUnchanged(Conflict):
    slug = "assignment-unchanged"
    title = "The client already has this coach and team"


class SavedFilterNotFound(NotFound):
    slug = "saved-filter-not-found"
    title = "Saved filter not found"


class SavedFilterNameTaken(Conflict):
    slug = "saved-filter-name-taken"
    title = "You already have a saved filter of this name"


async def shares_team(session: AsyncSession, organisation_id: uuid.UUID, subject_a: str, subject_b: str) -> bool:
    """Whether two coaches are members of one team of the organisation (a client's team may, for example, read
    the special-category notes the client's coach may read)."""
    return await access_repository.shares_team(
        session, organisation_id=organisation_id, subject_a=subject_a, subject_b=subject_b
    )


# Teams ---------------------------------------------------------------------------------------------------------


def _team_read(team: Team, members: list[TeamMember], initial: set[uuid.UUID] | None = None) -> TeamRead:
    return TeamRead(
        id=team.id,
        name=team.name,
        created_by=team.created_by,
        created_at=team.created_at,
        members=[MemberRead.model_validate(member) for member in members],
        initial_service=team.id in (initial or set()),
    )


async def _team_in_scope(session: AsyncSession, principal: Principal, team_id: uuid.UUID) -> Team:
    team = await repository.team(session, organisation_id=principal.organisation(), team_id=team_id)
    if team is None:
        raise TeamNotFound(f"No team {team_id}")
    return team


async def create_team(*, session: AsyncSession, principal: Principal, data: TeamCreate) -> TeamRead:
    organisation_id = principal.organisation()
    if await repository.team_by_name(session, organisation_id=organisation_id, name=data.name) is not None:
        raise TeamNameTaken(f"A team called {data.name!r} exists")
    team = Team(organisation_id=organisation_id, name=data.name, created_by=principal.subject)
    session.add(team)
    await session.flush()
    await session.refresh(team)
    await record(
        session, actor=principal, action=AuditAction.create, resource_type="team", resource_id=team.id, purpose=PURPOSE
    )
    return _team_read(team, [])


async def list_teams(*, session: AsyncSession, principal: Principal) -> list[TeamRead]:
    organisation_id = principal.organisation()
    found = await repository.teams(session, organisation_id=organisation_id)
    members = await repository.members(session, [team.id for team in found])
    initial = await repository.initial_service_team_ids(session, organisation_id=organisation_id)
    return [_team_read(team, members[team.id], initial) for team in found]


async def read_team(*, session: AsyncSession, principal: Principal, team_id: uuid.UUID) -> TeamRead:
    team = await _team_in_scope(session, principal, team_id)
    initial = await repository.initial_service_team_ids(session, organisation_id=team.organisation_id)
    return _team_read(team, (await repository.members(session, [team.id]))[team.id], initial)


async def list_coaches(*, session: AsyncSession, principal: Principal) -> list[CoachRead]:
    """The organisation's coaches a manager can pick by name: those who have used the service as coaches (with the
    name of their token then) and the members of its teams (with the name the team shows), sorted by name. The
    coaches this process has seen and not written yet are written first (:mod:`clients_api.access.seen`)."""
    organisation_id = principal.organisation()
    await seen.write_waiting(session)
    teams = await repository.teams(session, organisation_id=organisation_id)
    members = await repository.members(session, [team.id for team in teams])
    coaches: dict[str, CoachRead] = {
        known.subject: CoachRead(
            coach_subject=known.subject, name=known.name, last_seen_at=known.last_seen_at, team_ids=[]
        )
        for known in await repository.known_coaches(session, organisation_id=organisation_id)
    }
    for team in teams:
        for member in members[team.id]:
            coach = coaches.setdefault(
                member.coach_subject,
                CoachRead(coach_subject=member.coach_subject, name=None, last_seen_at=None, team_ids=[]),
            )
            coach.name = coach.name or member.display_name
            coach.team_ids.append(team.id)
    return sorted(
        coaches.values(), key=lambda coach: ((coach.name or coach.coach_subject).casefold(), coach.coach_subject)
    )


async def add_member(
    *, session: AsyncSession, principal: Principal, team_id: uuid.UUID, data: MemberCreate
) -> TeamRead:
    team = await _team_in_scope(session, principal, team_id)
    if await access_repository.member(session, team_id=team.id, coach_subject=data.coach_subject) is not None:
        raise AlreadyMember(f"{data.coach_subject} is already in the team")
    session.add(
        TeamMember(
            team_id=team.id,
            coach_subject=data.coach_subject,
            display_name=data.display_name,
            added_by=principal.subject,
        )
    )
    await session.flush()
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="team",
        resource_id=team.id,
        purpose=PURPOSE,
        details={"added": data.coach_subject},
    )
    return _team_read(team, (await repository.members(session, [team.id]))[team.id])


async def remove_member(*, session: AsyncSession, principal: Principal, team_id: uuid.UUID, coach_subject: str) -> None:
    team = await _team_in_scope(session, principal, team_id)
    if await access_repository.member(session, team_id=team.id, coach_subject=coach_subject) is None:
        raise MemberNotFound(f"{coach_subject} is not in the team")
    await repository.remove_member(session, team_id=team.id, coach_subject=coach_subject)
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="team",
        resource_id=team.id,
        purpose=PURPOSE,
        details={"removed": coach_subject},
    )


# Assignment ----------------------------------------------------------------------------------------------------


async def assign(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: AssignmentCreate
) -> AssignmentRead:
    """Assign, reassign or unassign (no coach and no team). A named team must be of the organisation, and a coach
    named with a team must be one of its members."""
    client = await client_in_scope(session, principal, client_id)
    if data.team_id is not None:
        team = await _team_in_scope(session, principal, data.team_id)
        if (
            data.coach_subject is not None
            and await access_repository.member(session, team_id=team.id, coach_subject=data.coach_subject) is None
        ):
            raise CoachNotInTeam(f"{data.coach_subject} is not a member of {team.name}")
    previous_coach, previous_team = client.coach_subject, client.team_id
    if (data.coach_subject, data.team_id) == (previous_coach, previous_team):
        raise AssignmentUnchanged("Nothing would change")
    if data.coach_subject is None and data.team_id is None:
        action = AssignmentAction.unassigned
    elif previous_coach is None and previous_team is None:
        action = AssignmentAction.assigned
    else:
        action = AssignmentAction.reassigned
    client.coach_subject, client.team_id = data.coach_subject, data.team_id
    client.version += 1
    entry = ClientAssignment(
        client_id=client.id,
        organisation_id=client.organisation_id,
        action=action.value,
        coach_subject=data.coach_subject,
        team_id=data.team_id,
        previous_coach_subject=previous_coach,
        previous_team_id=previous_team,
        reason=data.reason,
        assigned_by=principal.subject,
    )
    session.add(entry)
    await session.flush()
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="client_assignment",
        resource_id=entry.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={
            "action": action.value,
            "coach": {"from": previous_coach, "to": data.coach_subject},
            "team": {
                "from": str(previous_team) if previous_team else None,
                "to": str(data.team_id) if data.team_id else None,
            },
        },
    )
    await emit(
        session,
        type="fi.polku.client.assigned.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={
            "client_id": str(client.id),
            "action": action.value,
            "coach_subject": data.coach_subject,
            "team_id": str(data.team_id) if data.team_id else None,
            "previous_coach_subject": previous_coach,
            "previous_team_id": str(previous_team) if previous_team else None,
        },
    )
    return AssignmentRead.model_validate(entry)


async def assignment_history(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID
) -> list[AssignmentRead]:
    client = await client_in_scope(session, principal, client_id)
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="client_assignment",
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    return [AssignmentRead.model_validate(row) for row in await repository.assignments(session, client_id=client.id)]


async def set_waiting_on(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: WaitingOnUpdate
) -> WaitingOnRead:
    client = await client_in_scope(session, principal, client_id)
    day = today()
    since = data.since or day
    if since > day:
        raise Unprocessable(
            "The wait cannot begin in the future",
            errors=[FieldError(field="body.since", message="is in the future", code="future_date").model_dump()],
        )
    previous = client.waiting_on
    client.waiting_on = data.waiting_on.value if data.waiting_on else None
    client.waiting_since = since if data.waiting_on else None
    client.version += 1
    await session.flush()
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="client",
        resource_id=client.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"waiting_on": {"from": previous, "to": client.waiting_on}},
    )
    return WaitingOnRead(
        client_id=client.id,
        waiting_on=client.waiting_on,  # type: ignore[arg-type]
        waiting_since=client.waiting_since,
    )


# Caseload views ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scope:
    coach: str | None
    team_id: uuid.UUID | None


async def _resolve_scope(
    session: AsyncSession, principal: Principal, coach: str | None, team_id: uuid.UUID | None
) -> tuple[_Scope, list[str] | None]:
    if team_id is not None:
        team = await _team_in_scope(session, principal, team_id)
        await check_caseload_reach(session, principal, team_id=team.id)
        subjects = [member.coach_subject for member in (await repository.members(session, [team.id]))[team.id]]
        return _Scope(None, team.id), subjects
    if coach is None and Role.coach in principal.roles:
        coach = principal.subject
    if coach is None:
        raise Unprocessable(
            "Name a coach or a team",
            errors=[FieldError(field="query.coach", message="name a coach or a team", code="missing").model_dump()],
        )
    await check_caseload_reach(session, principal, coach=coach)
    return _Scope(coach, None), [coach]


async def _evaluate(
    session: AsyncSession, clients: list[Client], day: date
) -> list[tuple[Client, ClientFacts, Evaluation]]:
    ids = [client.id for client in clients]
    interviews = await schedule_repository.interview_days(session, ids, on=day)  # held today
    histories = await client_repository.status_entries(session, ids)
    assessments = await assessment_repository.current_for_clients(session, client_ids=ids)
    subsidy_days = await kela_repository.for_clients(session, ids)
    # The open deadlines only: a morning filter asks which are overdue, due today or next.
    deadlines = await open_deadlines(session, clients, day)
    evaluated: list[tuple[Client, ClientFacts, Evaluation]] = []
    for client in clients:
        facts = ClientFacts(
            birth_date=client.birth_date,
            job_search_started_on=client.job_search_started_on,
            coach_subject=client.coach_subject,
            waiting_on=client.waiting_on,
            unemployed_since=current_unemployment_start(client, histories[client.id], day),
            interviews_held=interviews.get(client.id, []),
            assessed=client.id in assessments,
            deadlines=deadlines[client.id],
            subsidy_days=(subsidy_days[client.id].days, subsidy_days[client.id].counted_on)
            if client.id in subsidy_days
            else None,
            integration_ends_on=assessments[client.id].integration_ends_on if client.id in assessments else None,
        )
        evaluated.append((client, facts, evaluate(facts, day)))
    return evaluated


async def caseload_view(
    *,
    session: AsyncSession,
    principal: Principal,
    coach: str | None,
    team_id: uuid.UUID | None,
    filters: list[MorningFilter],
) -> CaseloadView:
    """The morning view. ``unassigned`` shows the organisation's clients without a coach (the pool a coach takes
    from); every other filter narrows the coach's or the team's own caseload. Several filters: all must match."""
    organisation_id = principal.organisation()
    scope, subjects = await _resolve_scope(session, principal, coach, team_id)
    day = today()
    own = await repository.caseload(
        session, organisation_id=organisation_id, coach_subjects=subjects, team_id=scope.team_id
    )
    evaluated_own = await _evaluate(session, own, day)
    counts = {name: 0 for name in MorningFilter}
    for _client, _facts, result in evaluated_own:
        for name in result.filters:
            counts[name] += 1
    counts[MorningFilter.unassigned] = await repository.count_unassigned(session, organisation_id=organisation_id)
    if MorningFilter.unassigned in filters:
        pool = await repository.caseload(session, organisation_id=organisation_id, unassigned=True)
        candidates = await _evaluate(session, pool, day)
    else:
        candidates = evaluated_own
    wanted = set(filters)
    items = [
        CaseloadItem(
            client_id=client.id,
            client_name=f"{client.last_name}, {client.first_names}",
            status=ClientStatus(client.status),
            coach_subject=client.coach_subject,
            team_id=client.team_id,
            matches=sorted(result.filters),
            overdue_deadlines=result.overdue_deadlines,
            next_deadline_on=result.next_deadline_on,
            unemployed_since=facts.unemployed_since,
            unemployment_milestone=MilestoneRead(months=result.milestone.months, reached_on=result.milestone.reached_on)
            if result.milestone
            else None,
            typ_assessment_due_on=result.typ_assessment_due_on,
            typ_trigger=result.typ_trigger,
            integration_period_ends_on=result.integration_ends_on,
            waiting_on=WaitingOn(client.waiting_on) if client.waiting_on else None,
            waiting_since=client.waiting_since,
        )
        for client, facts, result in candidates
        if wanted <= result.filters
    ]
    items.sort(key=lambda item: (item.overdue_deadlines == 0, item.client_name))
    await record(
        session,
        actor=principal,
        action=AuditAction.search,
        resource_type="caseload",
        purpose=PURPOSE,
        details={
            "coach": scope.coach,
            "team": str(scope.team_id) if scope.team_id else None,
            "filters": sorted(filters),
            "results": [str(item.client_id) for item in items],
        },
    )
    return CaseloadView(
        today=day, coach=scope.coach, team_id=scope.team_id, filters=sorted(wanted), counts=counts, items=items
    )


async def caseload_sizes(*, session: AsyncSession, principal: Principal) -> CaseloadSizes:
    """The caseload balance: size, overdue deadlines and plan debt (clients without an up-to-date plan,
    :mod:`clients_api.plan.status`) per coach and per team of the caller's organisation, counted in the database in
    one statement (:func:`repository.caseload_balance`, decisions 45 and 80): its cost grows with the organisation's
    active clients, not with the clients of other organisations, and only the counts cross to the service."""
    organisation_id = principal.organisation()
    day = today()
    await refresh_deadlines(
        session, await repository.stale_active(session, organisation_id=organisation_id, day=day), day
    )
    counted = await repository.caseload_balance(
        session, organisation_id=organisation_id, day=day, born_after=add_months(day, -12 * 25)
    )
    teams = await repository.teams(session, organisation_id=organisation_id)
    members = await repository.members(session, [team.id for team in teams])
    names = {member.coach_subject: member.display_name for team_members in members.values() for member in team_members}

    nobody = repository.BalanceCounts(None, 0, 0, 0, 0, 0, 0)
    by_key = {row.key: row for row in counted}
    whole = by_key.get(None, nobody)
    per_coach = {subject: by_key.get(subject, nobody) for subject in names} | {
        row.key: row for row in counted if isinstance(row.key, str)
    }
    team_sizes = []
    for team in teams:
        counts = by_key.get(team.id, nobody)
        team_sizes.append(
            TeamCaseload(
                team_id=team.id,
                name=team.name,
                members=len(members[team.id]),
                active_clients=counts.active_clients,
                overdue_deadlines=counts.overdue_deadlines,
                up_to_date_plans=counts.up_to_date_plans,
                plan_debt=counts.active_clients - counts.up_to_date_plans,
            )
        )
    return CaseloadSizes(
        today=day,
        unassigned_clients=whole.unassigned_clients,
        under_25_without_named_coach=whole.unassigned_born_after,
        up_to_date_plans=whole.up_to_date_plans,
        plan_debt=whole.active_clients - whole.up_to_date_plans,
        plan_definition=DEFINITION,
        coaches=[
            CoachCaseload(
                coach_subject=subject,
                display_name=names.get(subject),
                active_clients=counts.active_clients,
                overdue_deadlines=counts.overdue_deadlines,
                clients_with_overdue_deadlines=counts.clients_with_overdue_deadlines,
                up_to_date_plans=counts.up_to_date_plans,
                plan_debt=counts.active_clients - counts.up_to_date_plans,
            )
            for subject, counts in sorted(per_coach.items(), key=lambda item: (-item[1].active_clients, item[0]))
        ],
        teams=team_sizes,
    )


# Saved filters -------------------------------------------------------------------------------------------------


def _saved_read(row: SavedFilter) -> SavedFilterRead:
    return SavedFilterRead(
        id=row.id,
        name=row.name,
        parameters=FilterParameters.model_validate(row.parameters),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


async def _own_filter(session: AsyncSession, principal: Principal, filter_id: uuid.UUID) -> SavedFilter:
    row = await repository.saved_filter(
        session, organisation_id=principal.organisation(), owner=principal.subject, filter_id=filter_id
    )
    if row is None:
        raise SavedFilterNotFound(f"No saved filter {filter_id}")
    return row


async def _name_free(session: AsyncSession, principal: Principal, name: str, keep: uuid.UUID | None = None) -> None:
    same = await repository.saved_filter_by_name(
        session, organisation_id=principal.organisation(), owner=principal.subject, name=name
    )
    if same is not None and same.id != keep:
        raise SavedFilterNameTaken(f"A saved filter called {name!r} exists")


async def create_saved_filter(
    *, session: AsyncSession, principal: Principal, data: SavedFilterWrite
) -> SavedFilterRead:
    await _name_free(session, principal, data.name)
    row = SavedFilter(
        organisation_id=principal.organisation(),
        owner_subject=principal.subject,
        name=data.name,
        parameters=data.parameters.model_dump(mode="json"),
    )
    session.add(row)
    await session.flush()
    await session.refresh(row)
    return _saved_read(row)


async def list_saved_filters(*, session: AsyncSession, principal: Principal) -> list[SavedFilterRead]:
    rows = await repository.saved_filters(session, organisation_id=principal.organisation(), owner=principal.subject)
    return [_saved_read(row) for row in rows]


async def read_saved_filter(*, session: AsyncSession, principal: Principal, filter_id: uuid.UUID) -> SavedFilterRead:
    return _saved_read(await _own_filter(session, principal, filter_id))


async def replace_saved_filter(
    *, session: AsyncSession, principal: Principal, filter_id: uuid.UUID, data: SavedFilterWrite
) -> SavedFilterRead:
    row = await _own_filter(session, principal, filter_id)
    await _name_free(session, principal, data.name, keep=row.id)
    row.name, row.parameters = data.name, data.parameters.model_dump(mode="json")
    await session.flush()
    await session.refresh(row)
    return _saved_read(row)


async def delete_saved_filter(*, session: AsyncSession, principal: Principal, filter_id: uuid.UUID) -> None:
    row = await _own_filter(session, principal, filter_id)
    await session.delete(row)
    await session.flush()
