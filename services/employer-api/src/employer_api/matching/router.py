"""``/v1/vacancies/{vacancy_id}/candidates`` and ``/v1/clients/{client_id}/vacancy-matches``: matching both ways,
each result with its score in parts."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from employer_api.clients import ClientsApi
from employer_api.matching import service
from employer_api.matching.schemas import CandidateMatch, VacancyMatch
from employer_api.roles import Matcher
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses

MatchLimit = Annotated[int, Query(ge=1, le=100, description="How many, best first")]
router = APIRouter(tags=["matching"], responses=problem_responses(401, 403))


@router.get(
    "/vacancies/{vacancy_id}/candidates",
    response_model=list[CandidateMatch],
    responses=problem_responses(404, 422, 503),
    summary="The candidates for a vacancy within the caller's reach, best first, each score in parts",
)
async def vacancy_candidates(
    vacancy_id: uuid.UUID, session: SessionDep, principal: Matcher, clients_api: ClientsApi, limit: MatchLimit = 20
) -> list[CandidateMatch]:
    return await service.candidates_for(
        session=session, principal=principal, clients_api=clients_api, vacancy_id=vacancy_id, limit=limit
    )


@router.get(
    "/clients/{client_id}/vacancy-matches",
    response_model=list[VacancyMatch],
    responses=problem_responses(404, 422, 503),
    summary="The published vacancies for a client within the caller's reach, best first, each score in parts",
)
async def client_vacancy_matches(
    client_id: uuid.UUID, session: SessionDep, principal: Matcher, clients_api: ClientsApi, limit: MatchLimit = 20
) -> list[VacancyMatch]:
    return await service.vacancies_for(
        session=session, principal=principal, clients_api=clients_api, client_id=client_id, limit=limit
    )
