"""``/v1/clients/{client_id}/job-search``: reported applications, periods with their shortfall, neglects."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

import clients_api.jobsearch.inbound  # noqa: F401  (applications from employer-api's job offers)
from clients_api.access.dependencies import Staff
from clients_api.jobsearch import service
from clients_api.jobsearch.schemas import ApplicationCreate, ApplicationRead, JobSearchRead, NeglectCreate, NeglectRead
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.idempotency import IdempotencyDep

router = APIRouter(
    prefix="/clients/{client_id}/job-search", tags=["job search"], responses=problem_responses(401, 403, 404)
)


@router.get(
    "",
    response_model=JobSearchRead,
    summary="Review periods of the job-search obligation: required, reported and the shortfall",
)
async def read_job_search(client_id: uuid.UUID, session: SessionDep, principal: Staff) -> JobSearchRead:
    return await service.read(session=session, principal=principal, client_id=client_id)


@router.post(
    "/applications",
    status_code=status.HTTP_201_CREATED,
    response_model=ApplicationRead,
    summary="Record a job opportunity the client reports having applied for",
    responses=problem_responses(422),
)
async def report_application(
    client_id: uuid.UUID, data: ApplicationCreate, session: SessionDep, principal: Staff, idempotency: IdempotencyDep
) -> ApplicationRead:
    reported = await service.report_application(session=session, principal=principal, client_id=client_id, data=data)
    return await idempotency.remember(reported, status_code=status.HTTP_201_CREATED)


@router.get("/applications", response_model=list[ApplicationRead], summary="Reported applications, oldest first")
async def list_applications(client_id: uuid.UUID, session: SessionDep, principal: Staff) -> list[ApplicationRead]:
    return await service.list_applications(session=session, principal=principal, client_id=client_id)


@router.post(
    "/neglects",
    status_code=status.HTTP_201_CREATED,
    response_model=NeglectRead,
    summary="Record a neglected review period; the consequence comes from the rule set in force",
    responses=problem_responses(409, 422),
)
async def record_neglect(
    client_id: uuid.UUID, data: NeglectCreate, session: SessionDep, principal: Staff, idempotency: IdempotencyDep
) -> NeglectRead:
    recorded = await service.record_neglect(session=session, principal=principal, client_id=client_id, data=data)
    return await idempotency.remember(recorded, status_code=status.HTTP_201_CREATED)
