"""Matching both ways, explained (:mod:`employer_api.matching.scoring`): the candidates for a vacancy, and the
vacancies for a client. Candidates are clients of the caller's organisation in the job search, and only those
clients-api says the caller reaches (``GET /v1/client-reach``, asked for the caller: a coach sees their own
caseload and their team's). The profiles are narrowed in SQL through indexes and ranked there; only a page is
read back and explained."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.candidate import repository as candidates
from employer_api.clients import reached
from employer_api.matching import repository, scoring
from employer_api.matching.schemas import CandidateMatch, ScorePart, VacancyMatch
from employer_api.vacancy.service import visible as visible_vacancy
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.calendar import today
from polku_kit.errors import NotFound
from polku_kit.service_client import OnBehalfOf

PURPOSE = "employer services: matching job seekers and vacancies"
# How many profiles one request scores at most (those of the vacancy's own unit group first).
SCORED = 200


class CandidateNotFound(NotFound):
    slug = "candidate-not-found"
    title = "Client not found"


def terms(vacancy: Any) -> scoring.VacancyTerms:
    return scoring.VacancyTerms(
        occupation=vacancy.occupation_code,
        competences=tuple(vacancy.competences),
        driving_licences=tuple(vacancy.driving_licences),
        languages=tuple(vacancy.languages),
        municipality=vacancy.municipality,
        remote=vacancy.remote,
        supports=tuple(vacancy.supports),
    )


def candidate(profile: Any) -> scoring.Candidate:
    return scoring.Candidate(
        occupations=tuple(profile.occupations),
        competences=tuple(profile.competences),
        driving_licences=tuple(profile.driving_licences),
        languages=tuple(profile.languages),
        municipality=profile.municipality,
        status=profile.status,
        unemployed_since=profile.unemployed_since,
        target_groups=tuple(profile.target_groups),
    )


def _parts(parts: list[scoring.Part]) -> list[ScorePart]:
    return [ScorePart(part=p.part, points=p.points, maximum=p.maximum, reason=p.reason) for p in parts]


async def candidates_for(
    *, session: AsyncSession, principal: Principal, clients_api: OnBehalfOf, vacancy_id: uuid.UUID, limit: int
) -> list[CandidateMatch]:
    """The database ranks every candidate the indexes find by the score (:func:`repository.candidate_score`) and
    gives the best SCORED ids; clients-api is asked once which of them the caller reaches; only the page's
    profiles are read and explained, in parts, by :mod:`scoring`."""
    vacancy = await visible_vacancy(session, principal, vacancy_id)
    vacancy_terms, day = terms(vacancy), today()
    best = await candidates.ranked(
        session,
        organisation_id=vacancy.authority_id,
        occupation=vacancy.occupation_code,
        minor_group=vacancy.occupation_minor_group,
        competences=list(vacancy.competences),
        score=repository.candidate_score(vacancy_terms, today=day),
        limit=SCORED,
    )
    within = await reached(clients_api, [client_id for client_id, _ in best])
    page = [client_id for client_id, _ in best if client_id in within][:limit]
    matches = []
    for profile in await candidates.scored_columns(session, client_ids=page):
        parts = scoring.score(vacancy_terms, candidate(profile), today=day)
        matches.append(CandidateMatch(client_id=profile.client_id, score=scoring.total(parts), parts=_parts(parts)))
    matches.sort(key=lambda match: (-match.score, str(match.client_id)))
    await record(
        session,
        actor=principal,
        action=AuditAction.search,
        resource_type="vacancy_candidates",
        resource_id=vacancy.id,
        purpose=PURPOSE,
        details={"client_ids": [match.client_id for match in matches]},
    )
    return matches


async def vacancies_for(
    *, session: AsyncSession, principal: Principal, clients_api: OnBehalfOf, client_id: uuid.UUID, limit: int
) -> list[VacancyMatch]:
    profile = await candidates.get(session, organisation_id=principal.organisation(), client_id=client_id)
    if profile is None or client_id not in await reached(clients_api, [client_id]):
        raise CandidateNotFound(f"No client {client_id} within your reach")
    rows = await repository.vacancies_for(
        session,
        authority_id=principal.organisation(),
        occupations=list(profile.occupations),
        minor_groups=list(profile.minor_groups),
        limit=SCORED,
    )
    day, seeker = today(), candidate(profile)
    # Scored as plain rows and tuples; only the page becomes response models.
    scored = []
    for vacancy in rows:
        parts = scoring.score(terms(vacancy), seeker, today=day)
        scored.append((-scoring.total(parts), vacancy.application_deadline, str(vacancy.id), vacancy, parts))
    scored.sort(key=lambda item: item[:3])
    matches = [
        VacancyMatch(
            vacancy_id=vacancy.id,
            employer_id=vacancy.employer_id,
            title_fi=vacancy.title_fi,
            occupation_code=vacancy.occupation_code,
            municipality=vacancy.municipality,
            application_deadline=vacancy.application_deadline.isoformat(),
            score=scoring.total(parts),
            parts=_parts(parts),
        )
        for *_, vacancy, parts in scored[:limit]
    ]
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="candidate_profile",
        resource_id=client_id,
        data_subject_id=client_id,
        purpose=PURPOSE,
    )
    return matches
