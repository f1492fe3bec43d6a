"""``/v1/clients/{client_id}/meetings`` (booking, rescheduling and cancelling with ``If-Match``, recording as held),
``/v1/meetings`` (a coach's days) and ``/v1/meetings/calendar.ics`` (the caller's own meetings as iCalendar)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from clients_api.access.dependencies import Staff
from clients_api.meeting import service
from clients_api.meeting.schemas import (
    CoachMeetings,
    MeetingCancel,
    MeetingCreate,
    MeetingHeld,
    MeetingRead,
    MeetingUpdate,
)
from polku_kit.db import SessionDep, StatementDep
from polku_kit.errors import problem_responses
from polku_kit.idempotency import IdempotencyDep
from polku_kit.types import IsoDate, Text
from polku_kit.versioning import IfMatch, etag

router = APIRouter(
    prefix="/clients/{client_id}/meetings", tags=["meetings"], responses=problem_responses(401, 403, 404)
)
ONE = "/{meeting_id}"


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=MeetingRead,
    summary="Book a meeting for an open interview deadline, inside the deadline's window",
    responses=problem_responses(409, 422),
)
async def book_meeting(
    client_id: uuid.UUID,
    data: MeetingCreate,
    session: SessionDep,
    principal: Staff,
    idempotency: IdempotencyDep,
    response: Response,
) -> MeetingRead:
    booked = await service.book(session=session, principal=principal, client_id=client_id, data=data)
    response.headers["ETag"] = etag(booked)
    return await idempotency.remember(booked, status_code=status.HTTP_201_CREATED)


@router.get("", response_model=list[MeetingRead], summary="The client's meetings, by time")
async def list_meetings(client_id: uuid.UUID, statement: StatementDep, principal: Staff) -> list[MeetingRead]:
    return await service.of_client(statement=statement, principal=principal, client_id=client_id)


@router.get(ONE, response_model=MeetingRead, summary="One meeting, with its ETag")
async def read_meeting(
    client_id: uuid.UUID, meeting_id: uuid.UUID, statement: StatementDep, principal: Staff, response: Response
) -> MeetingRead:
    meeting = await service.read(statement=statement, principal=principal, client_id=client_id, meeting_id=meeting_id)
    response.headers["ETag"] = etag(meeting)
    return meeting


@router.patch(
    ONE,
    response_model=MeetingRead,
    summary="Reschedule a booked meeting, or change its channel or place (If-Match: its ETag)",
    responses=problem_responses(409, 412, 422, 428),
)
async def reschedule_meeting(
    client_id: uuid.UUID,
    meeting_id: uuid.UUID,
    data: MeetingUpdate,
    session: SessionDep,
    principal: Staff,
    response: Response,
    if_match: IfMatch = None,
) -> MeetingRead:
    meeting = await service.reschedule(
        session=session, principal=principal, client_id=client_id, meeting_id=meeting_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = etag(meeting)
    return meeting


@router.post(
    ONE + "/cancel",
    response_model=MeetingRead,
    summary="Cancel a booked meeting with a reason (If-Match: its ETag)",
    responses=problem_responses(409, 412, 422, 428),
)
async def cancel_meeting(
    client_id: uuid.UUID,
    meeting_id: uuid.UUID,
    data: MeetingCancel,
    session: SessionDep,
    principal: Staff,
    response: Response,
    if_match: IfMatch = None,
) -> MeetingRead:
    meeting = await service.cancel(
        session=session, principal=principal, client_id=client_id, meeting_id=meeting_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = etag(meeting)
    return meeting


@router.post(
    ONE + "/held",
    response_model=MeetingRead,
    summary="Record a booked meeting as held: records the interview, which meets its deadline (If-Match: its ETag)",
    responses=problem_responses(409, 412, 422, 428),
)
async def record_meeting_held(
    client_id: uuid.UUID,
    meeting_id: uuid.UUID,
    data: MeetingHeld,
    session: SessionDep,
    principal: Staff,
    response: Response,
    if_match: IfMatch = None,
) -> MeetingRead:
    meeting = await service.held(
        session=session, principal=principal, client_id=client_id, meeting_id=meeting_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = etag(meeting)
    return meeting


coach_router = APIRouter(prefix="/meetings", tags=["meetings"], responses=problem_responses(401, 403))


@coach_router.get(
    "",
    response_model=CoachMeetings,
    summary="A coach's meetings day by day (default: yourself, today), with the clients' names",
    responses=problem_responses(422),
)
async def coach_meetings(
    session: SessionDep,
    principal: Staff,
    coach: Annotated[Text | None, Query(max_length=200, description="A coach's subject; default: yourself")] = None,
    since: Annotated[IsoDate | None, Query(description="The first day (Helsinki time); default: today")] = None,
    days: Annotated[int, Query(ge=1, le=62, description="How many days from the first")] = 1,
) -> CoachMeetings:
    return await service.of_coach(session=session, principal=principal, coach=coach, since=since, days=days)


@coach_router.get(
    "/calendar.ics",
    response_class=Response,
    summary="Your own meetings as an iCalendar file (RFC 5545), 30 days back and a year ahead",
    responses={200: {"content": {"text/calendar": {}}, "description": "An iCalendar file"}},
)
async def meetings_calendar(session: SessionDep, principal: Staff) -> Response:
    body = await service.calendar_file(session=session, principal=principal)
    return Response(
        content=body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="polku-meetings.ics"'},
    )
