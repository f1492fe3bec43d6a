"""``/v1/clients/{client_id}/assessment`` (with ``ETag``/``If-Match``) and ``/v1/occupations`` (ISCO-08)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query, Response

from clients_api.access.dependencies import Staff, Vault
from clients_api.assessment import service
from clients_api.assessment.schemas import AssessmentRead, AssessmentWrite, OccupationRead
from polku_classifications.isco08 import IscoLevel
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
