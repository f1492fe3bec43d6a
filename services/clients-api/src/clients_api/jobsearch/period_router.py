"""``/v1/clients/{client_id}/job-search-periods``: a client's job-search periods, starting one and ending one."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from clients_api.access.dependencies import Staff
from clients_api.jobsearch import period_service
from clients_api.jobsearch.schemas import SearchPeriodEnd, SearchPeriodRead, SearchPeriodStart
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.idempotency import IdempotencyDep
from polku_kit.versioning import IfMatch

router = APIRouter(
    prefix="/clients/{client_id}/job-search-periods",
    tags=["job search"],
    responses=problem_responses(401, 403, 404),
)


@router.get("", response_model=list[SearchPeriodRead], summary="The client's job-search periods, oldest first")
async def list_job_search_periods(
    client_id: uuid.UUID, session: SessionDep, principal: Staff
) -> list[SearchPeriodRead]:
    return await period_service.list_periods(session=session, principal=principal, client_id=client_id)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=SearchPeriodRead,
    summary="Start a new job-search period; a new initial interview only six months after the previous ended",
    responses=problem_responses(409, 422),
)
async def start_job_search_period(
    client_id: uuid.UUID,
    data: SearchPeriodStart,
    session: SessionDep,
    principal: Staff,
    idempotency: IdempotencyDep,
    response: Response,
) -> SearchPeriodRead:
    started = await period_service.start_period(session=session, principal=principal, client_id=client_id, data=data)
    response.headers["ETag"] = period_service.etag(started)
    return await idempotency.remember(started, status_code=status.HTTP_201_CREATED)


@router.post(
    "/{period_id}/end",
    response_model=SearchPeriodRead,
    summary="End the open job-search period with the reason (If-Match: the period's ETag)",
    responses=problem_responses(409, 412, 422, 428),
)
async def end_job_search_period(
    client_id: uuid.UUID,
    period_id: uuid.UUID,
    data: SearchPeriodEnd,
    session: SessionDep,
    principal: Staff,
    response: Response,
    if_match: IfMatch = None,
) -> SearchPeriodRead:
    ended = await period_service.end_period(
        session=session, principal=principal, client_id=client_id, period_id=period_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = period_service.etag(ended)
    return ended
