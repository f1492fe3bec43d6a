"""``/v1/employers``: the employer register, the log of contacts with each employer, and the account manager's
next steps due."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from employer_api.employer import service
from employer_api.employer.schemas import (
    EmployerContactCreate,
    EmployerContactRead,
    EmployerContactUpdate,
    EmployerCreate,
    EmployerRead,
    EmployerUpdate,
    NextStepDue,
)
from employer_api.roles import EmployerReader, EmployerServices, Reader, Sightings
from polku_kit import versioning
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.idempotency import IdempotencyDep
from polku_kit.pagination import Cursor, Limit, Page
from polku_kit.types import Text

router = APIRouter(tags=["employers"], responses=problem_responses(401, 403))


@router.post(
    "/employers",
    status_code=status.HTTP_201_CREATED,
    response_model=EmployerRead,
    responses=problem_responses(409, 422),
    summary="Register an employer (a business id once in an authority: 409 names the one registered; the account "
    "manager is a staff member of the authority known to the service, see /v1/staff)",
)
async def create_employer(
    data: EmployerCreate,
    session: SessionDep,
    principal: EmployerServices,
    sightings: Sightings,
    idempotency: IdempotencyDep,
) -> EmployerRead:
    created = await service.create(session=session, principal=principal, sightings=sightings, data=data)
    return await idempotency.remember(created, status_code=status.HTTP_201_CREATED)


@router.get(
    "/employers",
    response_model=Page[EmployerRead],
    responses=problem_responses(400, 422),
    summary="The authority's employers",
)
async def list_employers(
    session: SessionDep,
    principal: Reader,
    municipality: Annotated[str | None, Query(pattern=r"^\d{3}$", description="Has a workplace here")] = None,
    industry: Annotated[str | None, Query(pattern=r"^[A-UX]$", description="TOL 2008 main class")] = None,
    account_manager: Annotated[Text | None, Query(max_length=200, description="Looked after by")] = None,
    name: Annotated[Text | None, Query(max_length=200, description="Name contains")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[EmployerRead]:
    return await service.search(
        session=session,
        principal=principal,
        municipality=municipality,
        industry_main_class=industry,
        account_manager_subject=account_manager,
        name=name,
        limit=limit,
        cursor=cursor,
    )


@router.get(
    "/employers/{employer_id}",
    response_model=EmployerRead,
    responses=problem_responses(404, 422),
    summary="One employer; its ETag is what a change sends back in If-Match",
)
async def get_employer(
    employer_id: uuid.UUID, session: SessionDep, principal: Reader, response: Response
) -> EmployerRead:
    found = await service.read(session=session, principal=principal, employer_id=employer_id)
    response.headers["ETag"] = versioning.etag(found)
    return found


@router.patch(
    "/employers/{employer_id}",
    response_model=EmployerRead,
    responses=problem_responses(404, 409, 412, 422, 428),
    summary="Change an employer's details (If-Match: the ETag of the version edited)",
)
async def update_employer(
    employer_id: uuid.UUID,
    data: EmployerUpdate,
    session: SessionDep,
    principal: EmployerServices,
    sightings: Sightings,
    response: Response,
    if_match: versioning.IfMatch = None,
) -> EmployerRead:
    changed = await service.update(
        session=session, principal=principal, sightings=sightings, employer_id=employer_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = versioning.etag(changed)
    return changed


@router.post(
    "/employers/{employer_id}/contacts",
    status_code=status.HTTP_201_CREATED,
    response_model=EmployerContactRead,
    responses=problem_responses(404, 422),
    summary="Record a visit, call, event or e-mail with the employer, and the next step agreed",
)
async def record_contact(
    employer_id: uuid.UUID,
    data: EmployerContactCreate,
    session: SessionDep,
    principal: EmployerServices,
    idempotency: IdempotencyDep,
) -> EmployerContactRead:
    created = await service.record_contact(session=session, principal=principal, employer_id=employer_id, data=data)
    return await idempotency.remember(created, status_code=status.HTTP_201_CREATED)


@router.get(
    "/employers/{employer_id}/contacts",
    response_model=Page[EmployerContactRead],
    responses=problem_responses(400, 404, 422),
    summary="The log of contacts with the employer, newest first",
)
async def list_contacts(
    employer_id: uuid.UUID, session: SessionDep, principal: EmployerReader, limit: Limit = 50, cursor: Cursor = None
) -> Page[EmployerContactRead]:
    return await service.contacts(
        session=session, principal=principal, employer_id=employer_id, limit=limit, cursor=cursor
    )


@router.patch(
    "/employers/{employer_id}/contacts/{contact_id}",
    response_model=EmployerContactRead,
    responses=problem_responses(404, 412, 422, 428),
    summary="Record a contact's outcome, change its next step or mark it done (If-Match)",
)
async def update_contact(
    employer_id: uuid.UUID,
    contact_id: uuid.UUID,
    data: EmployerContactUpdate,
    session: SessionDep,
    principal: EmployerServices,
    response: Response,
    if_match: versioning.IfMatch = None,
) -> EmployerContactRead:
    changed = await service.update_contact(
        session=session,
        principal=principal,
        employer_id=employer_id,
        contact_id=contact_id,
        data=data,
        if_match=if_match,
    )
    response.headers["ETag"] = versioning.etag(changed)
    return changed


@router.get(
    "/next-steps-due",
    response_model=list[NextStepDue],
    responses=problem_responses(422),
    summary="The open next steps with the employers an account manager looks after, overdue first",
)
async def next_steps_due(
    session: SessionDep,
    principal: EmployerReader,
    account_manager: Annotated[
        Text | None, Query(max_length=200, description="Whose list (the caller's own when not named)")
    ] = None,
    limit: Limit = 100,
) -> list[NextStepDue]:
    return await service.next_steps_due(
        session=session, principal=principal, account_manager_subject=account_manager, limit=limit
    )
