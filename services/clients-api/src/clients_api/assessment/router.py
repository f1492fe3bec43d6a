"""``/v1/clients/{client_id}/assessment`` (with ``ETag``/``If-Match``), and the classifications staff pick from:
``/v1/occupations`` (ISCO-08) and ``/v1/municipalities``."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query, Response

from clients_api.access.dependencies import Staff, Vault
from clients_api.assessment import service
from clients_api.assessment.schemas import AssessmentRead, AssessmentWrite, MunicipalityRead, OccupationRead
from polku_classifications.isco08 import IscoLevel
from polku_kit import versioning
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.types import Text

router = APIRouter(
    prefix="/clients/{client_id}/assessment", tags=["assessments"], responses=problem_responses(401, 403, 404)
)


@router.get(
    "",
    response_model=AssessmentRead,
    summary="The current initial assessment; health and social notes only for the client's coach",
)
async def read_assessment(
    client_id: uuid.UUID, session: SessionDep, principal: Staff, vault: Vault, response: Response
) -> AssessmentRead:
    assessment = await service.read(session=session, principal=principal, vault=vault, client_id=client_id)
    response.headers["ETag"] = service.etag(assessment.version)
    return assessment


@router.put(
    "",
    response_model=AssessmentRead,
    summary="Save the assessment as a new version (If-Match: the ETag of the version edited)",
    responses=problem_responses(412, 422, 428),
)
async def save_assessment(
    client_id: uuid.UUID,
    data: AssessmentWrite,
    session: SessionDep,
    principal: Staff,
    vault: Vault,
    response: Response,
    if_match: Annotated[str | None, Header(max_length=100)] = None,
) -> AssessmentRead:
    assessment = await service.save(
        session=session, principal=principal, vault=vault, client_id=client_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = service.etag(assessment.version)
    return assessment


@router.get(
    "/versions",
    response_model=list[AssessmentRead],
    summary="Every version, oldest first, with who saved it (without health and social notes)",
)
async def list_assessment_versions(client_id: uuid.UUID, session: SessionDep, principal: Staff) -> list[AssessmentRead]:
    return await service.history(session=session, principal=principal, client_id=client_id)


Classifier = Annotated[Principal, Depends(require_roles(Role.coach, Role.employer_services, Role.manager, Role.admin))]
# A public statistical classification: every person signed in may read it (machine tokens may not).
ClassificationReader = Annotated[
    Principal,
    Depends(require_roles(Role.coach, Role.employer_services, Role.manager, Role.admin, Role.dpo, Role.partner)),
]
occupation_router = APIRouter(tags=["assessments"], responses=problem_responses(401, 403))


@occupation_router.get(
    "/occupations",
    response_model=list[OccupationRead],
    summary="Search ISCO-08 occupations by code prefix or by label in Finnish, Swedish or English",
)
async def search_occupations(
    principal: Classifier,
    q: Annotated[Text | None, Query(max_length=100, description="Code prefix or part of a label")] = None,
    lang: Annotated[Literal["fi", "sv", "en"] | None, Query(description="Search labels in this language only")] = None,
    level: Annotated[
        IscoLevel | None, Query(description="Only occupations of this level of the classification (its code's length)")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[OccupationRead]:
    del principal
    return service.search_occupations(query=q, language=lang, level=level, limit=limit)


@occupation_router.get(
    "/municipalities",
    response_model=list[MunicipalityRead],
    summary="Every municipality of Statistics Finland's municipality classification, with its region and sub-region",
    description=(
        "A public classification for every person signed in (staff, partners, the data protection officer), the "
        "same list for each, in code order: ETag and Cache-Control let a browser keep it, and If-None-Match with "
        "the current ETag is answered 304 Not Modified."
    ),
    responses={304: {"description": "Not Modified: the list named by If-None-Match is current"}},
)
async def list_municipalities(
    principal: ClassificationReader,
    response: Response,
    if_none_match: Annotated[
        str | None,
        Header(max_length=200, description="The ETag of the list the caller holds: if it is current, 304 and no body"),
    ] = None,
) -> list[MunicipalityRead] | Response:
    del principal
    rows, tag = service.municipality_list()
    headers = {"ETag": tag, "Cache-Control": "private, max-age=86400"}
    if if_none_match is not None and versioning.matches(if_none_match, tag):
        return Response(status_code=304, headers=headers)
    response.headers.update(headers)
    return rows
