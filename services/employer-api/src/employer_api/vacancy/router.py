"""``/v1/vacancies``: vacancies of the authority's employers, with filters in the address, and their lifecycle."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from employer_api.roles import EmployerServices, Reader
from employer_api.vacancy import service
from employer_api.vacancy.models import EmploymentType, SupportKind, VacancyStatus
from employer_api.vacancy.schemas import StatusChange, VacancyCreate, VacancyRead, VacancyUpdate
from polku_kit import versioning
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.idempotency import IdempotencyDep
from polku_kit.pagination import Cursor, Limit, Page

router = APIRouter(prefix="/vacancies", tags=["vacancies"], responses=problem_responses(401, 403))


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=VacancyRead,
    responses=problem_responses(404, 422),
    summary="Draft a vacancy for one of the authority's employers",
)
async def create_vacancy(
    data: VacancyCreate, session: SessionDep, principal: EmployerServices, idempotency: IdempotencyDep
) -> VacancyRead:
    created = await service.create(session=session, principal=principal, data=data)
    return await idempotency.remember(created, status_code=status.HTTP_201_CREATED)


@router.get(
    "",
    response_model=Page[VacancyRead],
    responses=problem_responses(400, 422),
    summary="The authority's vacancies, newest first, filtered",
)
async def list_vacancies(
    session: SessionDep,
    principal: Reader,
    vacancy_status: Annotated[
        VacancyStatus | None, Query(alias="status", description="Only vacancies at this point of their lifecycle")
    ] = None,
    employer_id: uuid.UUID | None = None,
    municipality: Annotated[
        str | None,
        Query(
            pattern=r"^\d{3}$", description="Only vacancies in this municipality (Statistics Finland's code, e.g. 398)"
        ),
    ] = None,
    occupation: Annotated[str | None, Query(pattern=r"^\d{1,4}$", description="ISCO-08 code or its prefix")] = None,
    employment_type: Annotated[
        EmploymentType | None, Query(description="Only vacancies offering this kind of employment")
    ] = None,
    support: Annotated[SupportKind | None, Query(description="Only vacancies that fit this support")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[VacancyRead]:
    return await service.search(
        session=session,
        principal=principal,
        status=vacancy_status,
        employer_id=employer_id,
        municipality=municipality,
        occupation=occupation,
        employment_type=employment_type,
        support=support,
        limit=limit,
        cursor=cursor,
    )


@router.get(
    "/{vacancy_id}",
    response_model=VacancyRead,
    responses=problem_responses(404, 422),
    summary="One vacancy, with the statuses it may move to; its ETag is what a change sends back",
)
async def get_vacancy(vacancy_id: uuid.UUID, session: SessionDep, principal: Reader, response: Response) -> VacancyRead:
    found = await service.read(session=session, principal=principal, vacancy_id=vacancy_id)
    response.headers["ETag"] = versioning.etag(found)
    return found


@router.patch(
    "/{vacancy_id}",
    response_model=VacancyRead,
    responses=problem_responses(404, 409, 412, 422, 428),
    summary="Change a vacancy that has not ended (If-Match)",
)
async def update_vacancy(
    vacancy_id: uuid.UUID,
    data: VacancyUpdate,
    session: SessionDep,
    principal: EmployerServices,
    response: Response,
    if_match: versioning.IfMatch = None,
) -> VacancyRead:
    changed = await service.update(
        session=session, principal=principal, vacancy_id=vacancy_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = versioning.etag(changed)
    return changed


@router.post(
    "/{vacancy_id}/status",
    response_model=VacancyRead,
    responses=problem_responses(404, 409, 412, 422, 428),
    summary="Publish, fill or close a vacancy (If-Match; one of its allowed_transitions)",
)
async def change_vacancy_status(
    vacancy_id: uuid.UUID,
    data: StatusChange,
    session: SessionDep,
    principal: EmployerServices,
    response: Response,
    if_match: versioning.IfMatch = None,
) -> VacancyRead:
    changed = await service.change_status(
        session=session, principal=principal, vacancy_id=vacancy_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = versioning.etag(changed)
    return changed
