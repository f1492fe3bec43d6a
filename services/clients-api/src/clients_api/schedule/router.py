"""``/v1/clients/{client_id}/interviews`` and ``/v1/clients/{client_id}/schedule``."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from clients_api.access.dependencies import Staff
from clients_api.schedule import duty_service, service
from clients_api.schedule.schemas import (
    DueList,
    DutiesRead,
    DutyClearanceCreate,
    DutyRead,
    InterviewCancel,
    InterviewCreate,
    InterviewRead,
    ScheduleRead,
    WaiverCreate,
    WaiverRead,
)
from polku_kit.db import Database, SessionDep, StatementDep
from polku_kit.errors import problem_responses
from polku_kit.idempotency import IdempotencyDep
from polku_kit.types import Text

router = APIRouter(prefix="/clients/{client_id}", tags=["schedule"], responses=problem_responses(401, 403, 404))


@router.post(
    "/interviews",
    status_code=status.HTTP_201_CREATED,
    response_model=InterviewRead,
    summary="Record an interview or job-search discussion held with the client",
    responses=problem_responses(422),
)
async def record_interview(
    client_id: uuid.UUID, data: InterviewCreate, session: SessionDep, principal: Staff, idempotency: IdempotencyDep
) -> InterviewRead:
    recorded = await service.record_interview(session=session, principal=principal, client_id=client_id, data=data)
    return await idempotency.remember(recorded, status_code=status.HTTP_201_CREATED)


@router.get("/interviews", response_model=list[InterviewRead], summary="Interviews held, oldest first")
async def list_interviews(client_id: uuid.UUID, statement: StatementDep, principal: Staff) -> list[InterviewRead]:
    return await service.list_interviews(statement=statement, principal=principal, client_id=client_id)


@router.post(
    "/interviews/{interview_id}/cancel",
    response_model=InterviewRead,
    summary="Cancel a recorded interview with a reason; it no longer meets a deadline",
    responses=problem_responses(409, 422),
)
async def cancel_interview(
    client_id: uuid.UUID,
    interview_id: uuid.UUID,
    data: InterviewCancel,
    session: SessionDep,
    principal: Staff,
    idempotency: IdempotencyDep,
) -> InterviewRead:
    cancelled = await service.cancel_interview(
        session=session, principal=principal, client_id=client_id, interview_id=interview_id, data=data
    )
    return await idempotency.remember(cancelled)


@router.post(
    "/schedule/waivers",
    status_code=status.HTTP_201_CREATED,
    response_model=WaiverRead,
    summary="Waive one open deadline of the schedule with a reason",
    responses=problem_responses(409, 422),
)
async def waive_deadline(
    client_id: uuid.UUID, data: WaiverCreate, session: SessionDep, principal: Staff, idempotency: IdempotencyDep
) -> WaiverRead:
    waived = await service.waive_deadline(session=session, principal=principal, client_id=client_id, data=data)
    return await idempotency.remember(waived, status_code=status.HTTP_201_CREATED)


@router.get(
    "/schedule",
    response_model=ScheduleRead,
    summary="The statutory deadlines by the rule sets in force, each met, due or overdue",
)
async def read_schedule(
    request: Request, client_id: uuid.UUID, statement: StatementDep, principal: Staff
) -> ScheduleRead:
    database: Database = request.app.state.database
    return await service.read_schedule(
        statement=statement, sessions=database.sessionmaker, principal=principal, client_id=client_id
    )


due_router = APIRouter(tags=["schedule"], responses=problem_responses(401, 403))


@due_router.get(
    "/due-list",
    response_model=DueList,
    summary="Statutory deadlines to act on: overdue first, then those due within the horizon",
)
async def read_due_list(
    request: Request,
    statement: StatementDep,
    principal: Staff,
    coach: Annotated[Text | None, Query(max_length=200, description="A coach's subject; default: yourself")] = None,
    horizon_days: Annotated[
        int, Query(ge=0, le=31, description="The deadlines due up to this many days from today (0: today only)")
    ] = 7,
) -> DueList | Response:
    database: Database = request.app.state.database
    answer = await service.due_list(
        statement=statement, sessions=database.sessionmaker, principal=principal, coach=coach, horizon_days=horizon_days
    )
    # The list as its statement built it (JSON of a DueList), sent as it is.
    return Response(answer, media_type="application/json") if isinstance(answer, str) else answer


@router.get(
    "/duties",
    response_model=DutiesRead,
    summary="The 2026 duties of the job search (job-search profile, under-25s' education application), cleared or not",
)
async def read_duties(client_id: uuid.UUID, session: SessionDep, principal: Staff) -> DutiesRead:
    return await duty_service.read(session=session, principal=principal, client_id=client_id)


@router.post(
    "/duties/clearances",
    status_code=status.HTTP_201_CREATED,
    response_model=DutyRead,
    summary="Clear a duty with the reason (done, or does not apply)",
    responses=problem_responses(409, 422),
)
async def clear_duty(
    client_id: uuid.UUID, data: DutyClearanceCreate, session: SessionDep, principal: Staff, idempotency: IdempotencyDep
) -> DutyRead:
    cleared = await duty_service.clear(session=session, principal=principal, client_id=client_id, data=data)
    return await idempotency.remember(cleared, status_code=status.HTTP_201_CREATED)
