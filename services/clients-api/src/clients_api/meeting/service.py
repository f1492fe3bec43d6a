"""Meetings booked with a client for a deadline of the statutory schedule (*ajanvaraus*): booked inside the
deadline's window (:mod:`clients_api.meeting.window`), rescheduled or cancelled with ``If-Match``, and recorded as
held through the interview it was for (:func:`clients_api.schedule.service.record_interview`), which meets the
deadline. Every act is audited and announced; every meeting names the coach and the person who last acted."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import PURPOSE, check_caseload_reach, client_in_scope, read_client_rows
from clients_api.client.models import Client
from clients_api.meeting import repository
from clients_api.meeting.calendar_file import calendar
from clients_api.meeting.models import Meeting, MeetingState
from clients_api.meeting.schemas import (
    CoachMeetingRead,
    CoachMeetings,
    MeetingCancel,
    MeetingCreate,
    MeetingHeld,
    MeetingRead,
    MeetingUpdate,
)
from clients_api.meeting.window import BOOKABLE, Window, window
from clients_api.schedule import service as schedule_service
from clients_api.schedule.deadlines import Deadline, DeadlineKind
from clients_api.schedule.models import InterviewChannel
from clients_api.schedule.schemas import InterviewCreate
from clients_api.schedule.stored import deadlines_of
from polku_kit import versioning
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal, Role
from polku_kit.calendar import HELSINKI, local_date, today
from polku_kit.db import OneStatement
from polku_kit.errors import Conflict, FieldError, NotFound, Unprocessable
from polku_kit.outbox import emit

SOURCE = "/polku/clients-api"


class MeetingNotFound(NotFound):
    slug = "meeting-not-found"
    title = "Meeting not found"


class MeetingAlreadyBooked(Conflict):
    slug = "meeting-already-booked"
    title = "A meeting is already booked for this deadline"


class MeetingNotBooked(Conflict):
    slug = "meeting-not-booked"
    title = "The meeting is no longer booked"


class MeetingChanged(versioning.RecordChanged):
    slug = "meeting-changed"
    title = "The meeting was changed by someone else"


def _name(principal: Principal) -> str:
    return principal.name or principal.subject


def _field(field: str, message: str, code: str) -> list[dict[str, str]]:
    return [FieldError(field=field, message=message, code=code).model_dump()]


async def _deadline(session: AsyncSession, client: Client, kind: DeadlineKind, number: int) -> tuple[Deadline, Window]:
    """The open deadline a meeting serves, and its window; a 422 naming the field when there is none."""
    day = today()
    deadlines = await deadlines_of(session, client, day)
    deadline = next((d for d in deadlines if d.kind is kind and d.number == number), None)
    if kind not in BOOKABLE or deadline is None or deadline.held_on is not None or deadline.status.value == "waived":
        raise Unprocessable(
            "A meeting is booked for an open interview deadline of the schedule",
            errors=_field(
                "body.deadline_number", "no such open interview deadline in the schedule", "no_open_deadline"
            ),
        )
    return deadline, window(deadlines, deadline, started_on=client.job_search_started_on, today=day)


def _check_window(starts_at: datetime, allowed: Window) -> None:
    day = local_date(starts_at)
    if starts_at < datetime.now(UTC) or not allowed.opens_on <= day <= allowed.closes_on:
        raise Unprocessable(
            f"The meeting must be from now on, between {allowed.opens_on.isoformat()} and "
            f"{allowed.closes_on.isoformat()}",
            errors=_field(
                "body.starts_at",
                f"outside the deadline's window {allowed.opens_on.isoformat()}–{allowed.closes_on.isoformat()}",
                "outside_window",
            ),
            window={"opens_on": allowed.opens_on.isoformat(), "closes_on": allowed.closes_on.isoformat()},
        )


def _data(meeting: Meeting, **extra: object) -> dict[str, object]:
    return {
        "client_id": str(meeting.client_id),
        "meeting_id": str(meeting.id),
        "deadline_kind": meeting.deadline_kind,
        "deadline_number": meeting.deadline_number,
        "starts_at": meeting.starts_at.isoformat(),
        "channel": meeting.channel,
        "coach_subject": meeting.coach_subject,
        **extra,
    }


async def _audit(
    session: AsyncSession, principal: Principal, action: AuditAction, meeting: Meeting, **details: object
) -> None:
    await record(
        session,
        actor=principal,
        action=action,
        resource_type="meeting",
        resource_id=meeting.id,
        data_subject_id=meeting.client_id,
        purpose=PURPOSE,
        details=details or None,
    )


async def book(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: MeetingCreate
) -> MeetingRead:
    client = await client_in_scope(session, principal, client_id)
    deadline, allowed = await _deadline(session, client, data.deadline_kind, data.deadline_number)
    _check_window(data.starts_at, allowed)
    if await repository.booked_for(session, client_id=client.id, kind=deadline.kind.value, number=deadline.number):
        raise MeetingAlreadyBooked(f"{deadline.kind.value} {deadline.number} already has a meeting booked")
    meeting = Meeting(
        client_id=client.id,
        organisation_id=client.organisation_id,
        version=1,
        state=MeetingState.booked.value,
        deadline_kind=deadline.kind.value,
        deadline_number=deadline.number,
        deadline_due_on=deadline.due_on,
        starts_at=data.starts_at,
        duration_minutes=data.duration_minutes,
        channel=data.channel.value,
        location=data.location,
        coach_subject=principal.subject,
        coach_name=_name(principal),
        booked_by=principal.subject,
        booked_by_name=_name(principal),
        updated_by=principal.subject,
        updated_by_name=_name(principal),
    )
    session.add(meeting)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as error:  # booked by someone else at the same moment
        raise MeetingAlreadyBooked(f"{deadline.kind.value} {deadline.number} already has a meeting booked") from error
    await session.refresh(meeting)
    await _audit(session, principal, AuditAction.create, meeting)
    await emit(
        session,
        type="fi.polku.client.meeting_booked.v1",
        subject=f"clients/{client.id}",
        source=SOURCE,
        audience=[client.organisation_id],
        data=_data(meeting),
    )
    return MeetingRead.model_validate(meeting)


async def _booked(
    session: AsyncSession, principal: Principal, client_id: uuid.UUID, meeting_id: uuid.UUID, if_match: str | None
) -> tuple[Client, Meeting]:
    client = await client_in_scope(session, principal, client_id)
    meeting = await repository.meeting(session, client_id=client.id, meeting_id=meeting_id, for_update=True)
    if meeting is None:
        raise MeetingNotFound(f"No meeting {meeting_id} for this client")
    versioning.check(
        meeting, if_match, current=f"/v1/clients/{client.id}/meetings/{meeting.id}", changed=MeetingChanged
    )
    if meeting.state != MeetingState.booked.value:
        raise MeetingNotBooked(f"The meeting is {meeting.state}")
    return client, meeting


def _touch(meeting: Meeting, principal: Principal) -> None:
    meeting.version += 1
    meeting.updated_by = principal.subject
    meeting.updated_by_name = _name(principal)
    meeting.updated_at = datetime.now(UTC)


async def reschedule(
    *,
    session: AsyncSession,
    principal: Principal,
    client_id: uuid.UUID,
    meeting_id: uuid.UUID,
    data: MeetingUpdate,
    if_match: str | None,
) -> MeetingRead:
    client, meeting = await _booked(session, principal, client_id, meeting_id, if_match)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("starts_at") is not None:
        _, allowed = await _deadline(session, client, DeadlineKind(meeting.deadline_kind), meeting.deadline_number)
        _check_window(changes["starts_at"], allowed)
    for name in ("channel", "duration_minutes", "starts_at"):
        if changes.get(name) is None:
            changes.pop(name, None)
    if "channel" in changes:
        changes["channel"] = changes["channel"].value
    before = {name: getattr(meeting, name) for name in changes}
    for name, value in changes.items():
        setattr(meeting, name, value)
    _touch(meeting, principal)
    await session.flush()
    await _audit(session, principal, AuditAction.update, meeting, changed=sorted(changes))
    await emit(
        session,
        type="fi.polku.client.meeting_rescheduled.v1",
        subject=f"clients/{client.id}",
        source=SOURCE,
        audience=[client.organisation_id],
        data=_data(meeting, previous_starts_at=before.get("starts_at", meeting.starts_at).isoformat()),
    )
    return MeetingRead.model_validate(meeting)


async def cancel(
    *,
    session: AsyncSession,
    principal: Principal,
    client_id: uuid.UUID,
    meeting_id: uuid.UUID,
    data: MeetingCancel,
    if_match: str | None,
) -> MeetingRead:
    client, meeting = await _booked(session, principal, client_id, meeting_id, if_match)
    meeting.state = MeetingState.cancelled.value
    meeting.cancellation_reason = data.reason
    _touch(meeting, principal)
    await session.flush()
    await _audit(session, principal, AuditAction.update, meeting, state=meeting.state)
    await emit(
        session,
        type="fi.polku.client.meeting_cancelled.v1",
        subject=f"clients/{client.id}",
        source=SOURCE,
        audience=[client.organisation_id],
        data=_data(meeting),
    )
    return MeetingRead.model_validate(meeting)


async def held(
    *,
    session: AsyncSession,
    principal: Principal,
    client_id: uuid.UUID,
    meeting_id: uuid.UUID,
    data: MeetingHeld,
    if_match: str | None,
) -> MeetingRead:
    """Record the meeting as held: the interview is recorded on the meeting's day as the interview endpoint
    records it (audited, announced, the deadlines refreshed), and the meeting points to it."""
    client, meeting = await _booked(session, principal, client_id, meeting_id, if_match)
    held_on = local_date(meeting.starts_at)
    if held_on > today():
        raise Unprocessable(
            "A meeting is recorded as held on or after its day",
            errors=_field("path.meeting_id", f"the meeting is on {held_on.isoformat()}", "not_yet_held"),
        )
    interview = await schedule_service.record_interview(
        session=session,
        principal=principal,
        client_id=client.id,
        data=InterviewCreate(held_on=held_on, channel=InterviewChannel(meeting.channel), notes=data.notes),
    )
    meeting.state = MeetingState.held.value
    meeting.interview_id = interview.id
    _touch(meeting, principal)
    await session.flush()
    await _audit(session, principal, AuditAction.update, meeting, state=meeting.state)
    await emit(
        session,
        type="fi.polku.client.meeting_held.v1",
        subject=f"clients/{client.id}",
        source=SOURCE,
        audience=[client.organisation_id],
        data=_data(meeting, interview_id=str(interview.id)),
    )
    return MeetingRead.model_validate(meeting)


async def read(
    *, statement: OneStatement, principal: Principal, client_id: uuid.UUID, meeting_id: uuid.UUID
) -> MeetingRead:
    """The client's meeting, if the caller reaches the client (the same 404 as a missing one otherwise), and the read's
    audit record naming the meeting, in one statement (decision 82); a meeting missing or of another client is its own
    404, with no record."""
    rows = await read_client_rows(
        statement, principal, client_id, repository.ONE, resource_type="meeting", values={"meeting_id": meeting_id}
    )
    if not rows:
        raise MeetingNotFound(f"No meeting {meeting_id} for this client")
    return MeetingRead.model_validate(rows[0])


async def of_client(*, statement: OneStatement, principal: Principal, client_id: uuid.UUID) -> list[MeetingRead]:
    """The client's meetings, by time, if the caller reaches the client (the same 404 as a missing one otherwise), and
    the read's audit record, in one statement (decision 82)."""
    rows = await read_client_rows(statement, principal, client_id, repository.OF_CLIENT, resource_type="meeting")
    return [MeetingRead.model_validate(row) for row in rows]


async def of_coach(
    *, session: AsyncSession, principal: Principal, coach: str | None, since: date | None, days: int
) -> CoachMeetings:
    """A coach's meetings from ``since`` (default today) for ``days`` days, Helsinki time. A coach sees their own
    and their team's; a manager names the coach. Audited once per client whose name is shown."""
    if coach is None:
        coach = principal.subject
    if coach != principal.subject or Role.coach not in principal.roles:
        await check_caseload_reach(session, principal, coach=coach)
    first = since or today()
    until = first + timedelta(days=days)
    rows = await repository.of_coach(
        session,
        organisation_id=principal.organisation(),
        coach_subject=coach,
        since=datetime.combine(first, time(), HELSINKI),
        until=datetime.combine(until, time(), HELSINKI),
    )
    items = [
        CoachMeetingRead.model_validate(
            {**MeetingRead.model_validate(meeting).model_dump(), "client_name": f"{last}, {first_names}"}
        )
        for meeting, last, first_names in rows
    ]
    for client_id in sorted({item.client_id for item in items}):
        await record(
            session,
            actor=principal,
            action=AuditAction.read,
            resource_type="meeting",
            data_subject_id=client_id,
            purpose=PURPOSE,
            details={"coach": coach},
        )
    return CoachMeetings(coach=coach, since=first, until=until - timedelta(days=1), items=items)


async def calendar_file(*, session: AsyncSession, principal: Principal) -> bytes:
    """The caller's own meetings from 30 days back to a year ahead, as iCalendar."""
    meetings = await of_coach(
        session=session, principal=principal, coach=principal.subject, since=today() - timedelta(days=30), days=395
    )
    return calendar(meetings.items, name=f"Polku: {_name(principal)}")
