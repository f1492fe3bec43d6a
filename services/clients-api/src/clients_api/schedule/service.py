"""Interviews held (and cancelled), deadline waivers, the statutory schedule of one client, and the announcement
of deadlines that have become overdue."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from clients_api.access.repository import reach_parameters
from clients_api.access.service import (
    PURPOSE,
    OutsideYourTeam,
    check_caseload_reach,
    client_in_scope,
    reached_by,
    read_client_rows,
)
from clients_api.schedule import repository
from clients_api.schedule.deadlines import Deadline, DeadlineKind, DeadlineStatus, kind_order, status_on
from clients_api.schedule.models import DeadlineWaiver, Interview
from clients_api.schedule.schemas import (
    DeadlineRead,
    DueItem,
    DueList,
    DueStatementRequest,
    InterviewCancel,
    InterviewCreate,
    InterviewRead,
    RuleSetRead,
    ScheduleRead,
    WaiverCreate,
    WaiverRead,
)
from clients_api.schedule.statement_requests import ANSWER_RULE, answer_due_on
from clients_api.schedule.stored import deadlines_of, refresh_deadlines, schedule_of
from polku_kit.audit import AuditAction, record, record_parameters
from polku_kit.auth import Principal, Role
from polku_kit.calendar import today
from polku_kit.db import OneStatement
from polku_kit.errors import Conflict, FieldError, NotFound, Unprocessable
from polku_kit.outbox import emit

# Who announces overdue deadlines (the actor of their timeline entries).
OVERDUE_ACTOR = "system:overdue-notice"


class InterviewNotFound(NotFound):
    slug = "interview-not-found"
    title = "Interview not found"


class InterviewAlreadyCancelled(Conflict):
    slug = "interview-already-cancelled"
    title = "The interview is already cancelled"


class DeadlineAlreadyWaived(Conflict):
    slug = "deadline-already-waived"
    title = "The deadline is already waived"


async def record_interview(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: InterviewCreate
) -> InterviewRead:
    client = await client_in_scope(session, principal, client_id)
    if data.held_on > today() or data.held_on < client.job_search_started_on:
        raise Unprocessable(
            "An interview is recorded after it is held, and within the job search",
            errors=[
                FieldError(
                    field="body.held_on", message="outside the job search or in the future", code="out_of_range"
                ).model_dump()
            ],
        )
    interview = Interview(
        client_id=client.id,
        held_on=data.held_on,
        channel=data.channel.value,
        notes=data.notes,
        recorded_by=principal.subject,
    )
    session.add(interview)
    await session.flush()
    await session.refresh(interview)
    await refresh_deadlines(session, [client.id], today())
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="interview",
        resource_id=interview.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    await emit(
        session,
        type="fi.polku.client.interview_held.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={"client_id": str(client.id), "held_on": data.held_on.isoformat(), "channel": data.channel.value},
    )
    return InterviewRead.model_validate(interview)


async def cancel_interview(
    *,
    session: AsyncSession,
    principal: Principal,
    client_id: uuid.UUID,
    interview_id: uuid.UUID,
    data: InterviewCancel,
) -> InterviewRead:
    """Cancel a recorded interview with a reason: it stays in the history but no longer meets a deadline."""
    client = await client_in_scope(session, principal, client_id)
    interview = await repository.interview(session, client_id=client.id, interview_id=interview_id)
    if interview is None:
        raise InterviewNotFound(f"No interview {interview_id} for this client")
    if interview.cancelled_at is not None:
        raise InterviewAlreadyCancelled(f"Cancelled at {interview.cancelled_at.isoformat()}")
    interview.cancelled_at = datetime.now(UTC)
    interview.cancelled_by = principal.subject
    interview.cancelled_by_party = data.party.value
    interview.cancellation_reason = data.reason
    await session.flush()
    await refresh_deadlines(session, [client.id], today())
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="interview",
        resource_id=interview.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"cancelled": True, "party": data.party.value},
    )
    await emit(
        session,
        type="fi.polku.client.interview_cancelled.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={
            "client_id": str(client.id),
            "interview_id": str(interview.id),
            "held_on": interview.held_on.isoformat(),
            "party": data.party.value,
        },
    )
    return InterviewRead.model_validate(interview)


async def waive_deadline(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: WaiverCreate
) -> WaiverRead:
    client = await client_in_scope(session, principal, client_id)
    day = today()
    if await repository.waived(session, client_id=client.id, kind=data.kind.value, number=data.number):
        raise DeadlineAlreadyWaived(f"{data.kind.value} {data.number} is already waived")
    deadline = next(
        (d for d in await deadlines_of(session, client, day) if d.kind is data.kind and d.number == data.number), None
    )
    if deadline is None or deadline.held_on is not None:
        raise Unprocessable(
            "Only a deadline of the schedule that is not yet met can be waived",
            errors=[
                FieldError(
                    field="body.number", message="no such open deadline in the schedule", code="no_open_deadline"
                ).model_dump()
            ],
        )
    waiver = DeadlineWaiver(
        client_id=client.id,
        kind=data.kind.value,
        number=data.number,
        due_on=deadline.due_on,
        reason=data.reason,
        waived_by=principal.subject,
    )
    session.add(waiver)
    await session.flush()
    await session.refresh(waiver)
    await refresh_deadlines(session, [client.id], day)
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="deadline_waiver",
        resource_id=waiver.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"kind": data.kind.value, "number": data.number},
    )
    await emit(
        session,
        type="fi.polku.client.deadline_waived.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={
            "client_id": str(client.id),
            "kind": data.kind.value,
            "number": data.number,
            "due_on": deadline.due_on.isoformat(),
        },
    )
    return WaiverRead.model_validate(waiver)


async def list_interviews(
    *, statement: OneStatement, principal: Principal, client_id: uuid.UUID
) -> list[InterviewRead]:
    """The interviews held, oldest first, if the caller reaches the client (the same 404 as a missing one otherwise),
    and the read's audit record, in one statement (decision 82)."""
    rows = await read_client_rows(statement, principal, client_id, repository.INTERVIEWS, resource_type="interview")
    return [InterviewRead.model_validate(row) for row in rows]


async def read_schedule(
    *,
    statement: OneStatement,
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    client_id: uuid.UUID,
) -> ScheduleRead:
    """The client's schedule on the day, if the caller reaches the client (the same 404 as a missing one otherwise).
    Its stored deadlines up to date (most days: registration, every change and the daily job keep them): they, their
    waivers' reasons and the read's audit record in one statement (decision 82). Out of date: nothing read nor recorded
    by it, and the schedule is answered in a transaction of its own that refreshes them first
    (:func:`read_schedule_in_transaction`), as before; so one schedule, one record, either way."""
    day = today()
    rows = await read_client_rows(
        statement, principal, client_id, repository.SCHEDULE, resource_type="schedule", values={"day": day}, key=None
    )
    valid_until = rows[0].deadlines_valid_until
    if valid_until is None or valid_until < day:
        async with sessions() as session, session.begin():
            return await read_schedule_in_transaction(session=session, principal=principal, client_id=client_id)
    shown = [row for row in rows if row.kind is not None]
    reasons = {(row.kind, row.number): row.waiver_reason for row in shown if row.waiver_reason is not None}
    return _schedule_read(client_id, day, schedule_of(shown, day), reasons)


async def read_schedule_in_transaction(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID
) -> ScheduleRead:
    """:func:`read_schedule` in the request's transaction: the stored deadlines out of date refreshed first, then read
    with the waivers' reasons, and the audit record."""
    client = await client_in_scope(session, principal, client_id)
    day = today()
    deadlines = await deadlines_of(session, client, day)
    reasons = (
        await repository.waiver_reasons(session, client_id=client.id)
        if any(d.status is DeadlineStatus.waived for d in deadlines)
        else {}
    )
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="schedule",
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    return _schedule_read(client.id, day, deadlines, reasons)


def _schedule_read(
    client_id: uuid.UUID, day: date, deadlines: list[Deadline], reasons: dict[tuple[str, int], str]
) -> ScheduleRead:
    return ScheduleRead(
        client_id=client_id,
        today=day,
        deadlines=[
            DeadlineRead(
                kind=d.kind,
                number=d.number,
                due_on=d.due_on,
                status=d.status,
                held_on=d.held_on,
                rule_set=RuleSetRead(
                    key=d.rule_set.key,
                    name=d.rule_set.name,
                    valid_from=d.rule_set.valid_from,
                    valid_until=d.rule_set.valid_until,
                    sources=list(d.rule_set.sources),
                ),
                waiver_reason=reasons.get((d.kind.value, d.number)) if d.status is DeadlineStatus.waived else None,
            )
            for d in deadlines
        ],
    )


async def due_list(
    *,
    statement: OneStatement,
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    coach: str | None,
    horizon_days: int,
) -> DueList | str:
    """The deadlines a coach must act on. A coach sees their own caseload unless they name another coach of
    their organisation (their team); a manager names the coach or sees the whole organisation. Waived
    deadlines are not shown. Read from the stored deadlines of the caseload, so its cost follows the caseload.

    On most days every client's stored deadlines are up to date, and the list is one statement sent on its own
    (``repository.due_list_statement``): the reach of a coach who names another, the caseload's freshness, the
    deadlines, the open statement requests and the list's audit record, the answer built in SQL and returned as the
    JSON it is (a ``DueList``: no model is built for it). When some client's stored deadlines are out of date (never
    computed, or past their horizon) that statement writes nothing, and the list is read in a transaction of its own
    after their refresh (:func:`due_list_in_transaction`)."""
    organisation_id = principal.organisation()
    if coach is None and Role.coach in principal.roles:
        coach = principal.subject
    caller = reached_by(principal)
    day = today()
    until = day + timedelta(days=horizon_days)
    found = await repository.due_list_in_one_statement(
        statement,
        coach=coach is not None,
        reach=caller is not None and coach != caller,
        parameters={
            **reach_parameters(organisation_id=organisation_id, reached_by=caller),
            "coach_subject": coach,
            "day": day,
            "until": until,
            "due_rule": ANSWER_RULE,
            **record_parameters(
                actor=principal,
                action=AuditAction.read,
                resource_type="due_list",
                purpose=PURPOSE,
                details={"coach": coach},
            ),
        },
    )
    if not found.allowed:
        raise OutsideYourTeam("A coach sees their own caseload and their team's")
    if found.stale:
        async with sessions() as session, session.begin():
            return await due_list_in_transaction(
                session=session, principal=principal, coach=coach, day=day, until=until
            )
    return found.answer


async def due_list_in_transaction(
    *, session: AsyncSession, principal: Principal, coach: str | None, day: date, until: date
) -> DueList:
    """:func:`due_list` in the request's transaction: the stored deadlines out of date refreshed first, then read
    with the rest, and the audit record."""
    organisation_id = principal.organisation()
    await check_caseload_reach(session, principal, coach=coach)
    # The caseload's freshness and its stored deadlines in one statement; the deadlines of the clients whose stored
    # ones were out of date are read again after their refresh.
    clients, stale, rows = await repository.freshness_and_due(
        session, organisation_id=organisation_id, coach_subject=coach, day=day, until=until
    )
    if stale:
        await refresh_deadlines(session, stale, day)
        refreshed = set(stale)
        rows = [
            *(row for row in rows if row.client_id not in refreshed),
            *await repository.due(
                session, organisation_id=organisation_id, coach_subject=coach, until=until, client_ids=stale
            ),
        ]
    items = [
        DueItem(
            client_id=row.client_id,
            client_name=f"{row.last_name}, {row.first_names}",
            kind=DeadlineKind(row.kind),
            number=row.number,
            due_on=row.due_on,
            status=status_on(row.due_on, None, False, day),
            rule_set=row.rule_set,
        )
        for row in rows
    ]
    items.sort(
        key=lambda item: (
            item.status is not DeadlineStatus.overdue,
            item.due_on,
            item.client_name,
            kind_order(item.kind),
            item.number,
        )
    )
    requests = [
        DueStatementRequest(
            id=request.id,
            client_id=request.client_id,
            client_name=f"{last_name}, {first_names}",
            requester=request.requester,
            request_id=request.request_id,
            requested_on=request.requested_on,
            due_on=answer_due_on(request.requested_on),
            due_rule=ANSWER_RULE,
            days_waiting=max((day - request.requested_on).days, 0),
            status=request.status,
            statement_id=request.statement_id,
            version=request.version,
        )
        for request, last_name, first_names in await repository.due_statement_requests(
            session, organisation_id=organisation_id, coach_subject=coach
        )
        if request.client_id is not None
    ]
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="due_list",
        purpose=PURPOSE,
        # The statement requests shown, by id (each names its client): in the one record, so that the list's
        # statements stay four however many requests wait.
        details={"coach": coach, "clients": clients, "statement_requests": [str(request.id) for request in requests]},
    )
    return DueList(today=day, horizon_until=until, coach=coach, items=items, statement_requests=requests)


async def announce_overdue(
    sessions: async_sessionmaker[AsyncSession], *, on: date | None = None, batch: int = 500
) -> int:
    """Announce each deadline of the statutory schedule (Laki työvoimapalvelujen järjestämisestä 380/2023, ch. 6;
    the rule sets in :mod:`clients_api.schedule.rules`) the first time it is seen overdue: one
    ``fi.polku.client.deadline_overdue.v1`` per client, job-search period, kind and number. A deadline met, met
    late or waived is not overdue, so it is never announced, and one announced stays announced when a late
    interview meets it.

    Organisation by organisation, in keyset pages of ``batch`` clients in the job search, each page in its own
    transaction. Safe to run often and on several replicas at once: the notice table's unique key lets one run
    only announce a deadline. Returns how many deadlines this run announced."""
    day = on or today()
    announced = 0
    organisation_id: uuid.UUID | None = None
    with structlog.contextvars.bound_contextvars(subject=OVERDUE_ACTOR):
        while True:
            async with sessions() as session:
                organisation_id = await repository.organisation_after(session, organisation_id)
            if organisation_id is None:
                return announced
            await refresh_organisation(sessions, organisation_id=organisation_id, day=day, batch=batch)
            after: uuid.UUID | None = None
            while True:
                async with sessions() as session, session.begin():
                    page = await repository.job_seekers(
                        session, organisation_id=organisation_id, after=after, limit=batch
                    )
                    announced += await _announce_page(session, organisation_id, [row[0] for row in page], day)
                if len(page) < batch:
                    break
                after = page[-1][0]


async def refresh_organisation(
    sessions: async_sessionmaker[AsyncSession], *, organisation_id: uuid.UUID, day: date, batch: int = 500
) -> int:
    """Bring the stored deadlines of an organisation's clients up to ``day``: pages of ``batch`` clients out of
    date, each in its own transaction. Several runs at once take different clients (a client being refreshed by
    one is skipped by the others). Returns how many clients this run refreshed."""
    refreshed = 0
    while True:
        async with sessions() as session, session.begin():
            stale = await repository.stale_page(session, organisation_id=organisation_id, day=day, limit=batch)
            await refresh_deadlines(session, stale, day)
        refreshed += len(stale)
        if len(stale) < batch:
            return refreshed


async def refresh_all(sessions: async_sessionmaker[AsyncSession], *, on: date | None = None, batch: int = 500) -> int:
    """:func:`refresh_organisation` for every organisation (after a migration, a bulk load, or in the seed)."""
    day = on or today()
    refreshed = 0
    organisation_id: uuid.UUID | None = None
    while True:
        async with sessions() as session:
            organisation_id = await repository.organisation_after(session, organisation_id)
        if organisation_id is None:
            return refreshed
        refreshed += await refresh_organisation(sessions, organisation_id=organisation_id, day=day, batch=batch)


async def _announce_page(
    session: AsyncSession, organisation_id: uuid.UUID, client_ids: list[uuid.UUID], day: date
) -> int:
    """Announce the stored deadlines of these clients that are overdue on ``day`` and not announced before."""
    overdue = await repository.unannounced_overdue(session, client_ids, day)
    if not overdue:
        return 0
    new = await repository.remember_overdue(
        session,
        [
            {
                "id": uuid.uuid4(),
                "client_id": row.client_id,
                "kind": row.kind,
                "number": row.number,
                "due_on": row.due_on,
                "rule_set": row.rule_set,
                "search_started_on": row.job_search_started_on,
            }
            for row in overdue
        ],
    )
    for row in overdue:
        if (row.client_id, row.kind, row.number) not in new:
            continue
        await emit(
            session,
            type="fi.polku.client.deadline_overdue.v1",
            subject=f"clients/{row.client_id}",
            source="/polku/clients-api",
            audience=[organisation_id],
            data={
                "client_id": str(row.client_id),
                "kind": row.kind,
                "number": row.number,
                "due_on": row.due_on.isoformat(),
                "rule_set": row.rule_set,
            },
        )
    return len(new)
