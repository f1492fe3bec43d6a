"""``/v1/job-offers`` (coaches offer vacancies to their clients) and ``/v1/introductions`` (employer services
introduce candidates to employers, under the client's consent)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from employer_api.clients import ClientsApi
from employer_api.placement import service
from employer_api.placement.models import IntroductionStatus, OfferStatus
from employer_api.placement.schemas import (
    IntroductionCreate,
    IntroductionOutcome,
    IntroductionRead,
    JobOfferCreate,
    JobOfferOutcome,
    JobOfferRead,
)
from employer_api.roles import EmployerServices, staff_roles
from polku_kit import versioning
from polku_kit.auth import Principal, Role
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.idempotency import IdempotencyDep

Offerer = Annotated[Principal, Depends(staff_roles(Role.coach))]
OutcomeRecorder = Annotated[Principal, Depends(staff_roles(Role.coach, Role.employer_services))]
PlacementReader = Annotated[Principal, Depends(staff_roles(Role.coach, Role.employer_services, Role.manager))]
ListLimit = Annotated[int, Query(ge=1, le=200)]
router = APIRouter(tags=["placements"], responses=problem_responses(401, 403))


@router.post(
    "/job-offers",
    status_code=status.HTTP_201_CREATED,
    response_model=JobOfferRead,
    responses=problem_responses(404, 409, 422, 503),
    summary="Offer a published vacancy to a client within the coach's reach, with a day to answer by",
)
async def create_job_offer(
    data: JobOfferCreate,
    session: SessionDep,
    principal: Offerer,
    clients_api: ClientsApi,
    idempotency: IdempotencyDep,
) -> JobOfferRead:
    created = await service.offer(session=session, principal=principal, clients_api=clients_api, data=data)
    return await idempotency.remember(created, status_code=status.HTTP_201_CREATED)


@router.get(
    "/job-offers",
    response_model=list[JobOfferRead],
    responses=problem_responses(422),
    summary="The authority's job offers, newest first (filter by client, vacancy or status)",
)
async def list_job_offers(
    session: SessionDep,
    principal: PlacementReader,
    client_id: uuid.UUID | None = None,
    vacancy_id: uuid.UUID | None = None,
    offer_status: Annotated[
        OfferStatus | None, Query(alias="status", description="Only offers at this point (what came of them)")
    ] = None,
    limit: ListLimit = 50,
) -> list[JobOfferRead]:
    return await service.list_offers(
        session=session,
        principal=principal,
        client_id=client_id,
        vacancy_id=vacancy_id,
        status=offer_status,
        limit=limit,
    )


@router.post(
    "/job-offers/{job_offer_id}/outcome",
    response_model=JobOfferRead,
    responses=problem_responses(404, 409, 412, 422, 428),
    summary="Record what came of a job offer (If-Match)",
)
async def record_job_offer_outcome(
    job_offer_id: uuid.UUID,
    data: JobOfferOutcome,
    session: SessionDep,
    principal: OutcomeRecorder,
    response: Response,
    if_match: versioning.IfMatch = None,
) -> JobOfferRead:
    changed = await service.record_offer_outcome(
        session=session, principal=principal, offer_id=job_offer_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = versioning.etag(changed)
    return changed


@router.post(
    "/introductions",
    status_code=status.HTTP_201_CREATED,
    response_model=IntroductionRead,
    responses=problem_responses(404, 409, 422, 503),
    summary="Introduce a candidate to the vacancy's employer (409 naming what the client's consent lacks)",
)
async def create_introduction(
    data: IntroductionCreate,
    session: SessionDep,
    principal: EmployerServices,
    clients_api: ClientsApi,
    idempotency: IdempotencyDep,
) -> IntroductionRead:
    created = await service.introduce(session=session, principal=principal, clients_api=clients_api, data=data)
    return await idempotency.remember(created, status_code=status.HTTP_201_CREATED)


@router.get(
    "/introductions",
    response_model=list[IntroductionRead],
    responses=problem_responses(422),
    summary="The authority's introductions, newest first (filter by client, vacancy or status)",
)
async def list_introductions(
    session: SessionDep,
    principal: PlacementReader,
    client_id: uuid.UUID | None = None,
    vacancy_id: uuid.UUID | None = None,
    introduction_status: Annotated[
        IntroductionStatus | None,
        Query(alias="status", description="Only introductions at this point (what came of them)"),
    ] = None,
    limit: ListLimit = 50,
) -> list[IntroductionRead]:
    return await service.list_introductions(
        session=session,
        principal=principal,
        client_id=client_id,
        vacancy_id=vacancy_id,
        status=introduction_status,
        limit=limit,
    )


@router.post(
    "/introductions/{introduction_id}/outcome",
    response_model=IntroductionRead,
    responses=problem_responses(404, 409, 412, 422, 428),
    summary="Record what came of an introduction: invited to interview, hired, not hired (If-Match)",
)
async def record_introduction_outcome(
    introduction_id: uuid.UUID,
    data: IntroductionOutcome,
    session: SessionDep,
    principal: EmployerServices,
    response: Response,
    if_match: versioning.IfMatch = None,
) -> IntroductionRead:
    changed = await service.record_introduction_outcome(
        session=session, principal=principal, introduction_id=introduction_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = versioning.etag(changed)
    return changed


@router.post(
    "/introductions/{introduction_id}/disclosure",
    response_model=IntroductionRead,
    responses=problem_responses(404, 409, 412, 428, 503),
    summary="Make an anonymous introduction named once the client's consent covers the name and contact details "
    "for the employer (409 naming what it lacks; If-Match)",
)
async def disclose_introduction(
    introduction_id: uuid.UUID,
    session: SessionDep,
    principal: EmployerServices,
    clients_api: ClientsApi,
    response: Response,
    if_match: versioning.IfMatch = None,
) -> IntroductionRead:
    disclosed = await service.disclose(
        session=session,
        principal=principal,
        clients_api=clients_api,
        introduction_id=introduction_id,
        if_match=if_match,
    )
    response.headers["ETag"] = versioning.etag(disclosed)
    return disclosed
