"""``/v1/supports``: pay subsidies, recruitment bonuses, summer-job vouchers and grants to associations, with the
money committed by month, and the money committed in a year."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from employer_api.clients import ClientsApi
from employer_api.roles import EmployerReader, EmployerServices
from employer_api.support import service
from employer_api.support.schemas import CommittedSummary, SupportCreate, SupportRead, SupportStatusChange
from polku_kit import versioning
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.idempotency import IdempotencyDep

router = APIRouter(prefix="/supports", tags=["supports"], responses=problem_responses(401, 403))


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=SupportRead,
    responses=problem_responses(404, 422, 503),
    summary="Record a support decision and the euros it commits by month",
)
async def create_support(
    data: SupportCreate,
    session: SessionDep,
    principal: EmployerServices,
    clients_api: ClientsApi,
    idempotency: IdempotencyDep,
) -> SupportRead:
    created = await service.create(session=session, principal=principal, clients_api=clients_api, data=data)
    return await idempotency.remember(created, status_code=status.HTTP_201_CREATED)


@router.get(
    "",
    response_model=list[SupportRead],
    responses=problem_responses(422),
    summary="The authority's supports, newest decision first",
)
async def list_supports(
    session: SessionDep,
    principal: EmployerReader,
    employer_id: uuid.UUID | None = None,
    client_id: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[SupportRead]:
    return await service.search(
        session=session, principal=principal, employer_id=employer_id, client_id=client_id, limit=limit
    )


@router.get(
    "/committed",
    response_model=CommittedSummary,
    responses=problem_responses(422),
    summary="The money the authority's supports commit in a year, by kind and month",
)
async def committed_in_year(
    session: SessionDep,
    principal: EmployerReader,
    year: Annotated[int, Query(ge=2000, le=2100, description="The calendar year, e.g. 2026")],
) -> CommittedSummary:
    return await service.committed(session=session, principal=principal, year=year)


@router.get(
    "/{support_id}",
    response_model=SupportRead,
    responses=problem_responses(404, 422),
    summary="One support decision; its ETag is what a change sends back",
)
async def get_support(
    support_id: uuid.UUID, session: SessionDep, principal: EmployerReader, response: Response
) -> SupportRead:
    found = await service.read(session=session, principal=principal, support_id=support_id)
    response.headers["ETag"] = versioning.etag(found)
    return found


@router.post(
    "/{support_id}/status",
    response_model=SupportRead,
    responses=problem_responses(404, 409, 412, 422, 428),
    summary="Mark a support paid, or cancel it (If-Match)",
)
async def change_support_status(
    support_id: uuid.UUID,
    data: SupportStatusChange,
    session: SessionDep,
    principal: EmployerServices,
    response: Response,
    if_match: versioning.IfMatch = None,
) -> SupportRead:
    changed = await service.change_status(
        session=session, principal=principal, support_id=support_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = versioning.etag(changed)
    return changed
