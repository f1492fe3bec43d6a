"""Matching both ways, explained (:mod:`employer_api.matching.scoring`): the candidates for a vacancy, and the
vacancies for a client. Candidates are clients of the caller's organisation in the job search, and only those
clients-api says the caller reaches (``GET /v1/client-reach``, asked for the caller: a coach sees their own
caseload and their team's). The profiles are narrowed in SQL through indexes and ranked there; clients-api is
asked about the page's best first (about the best 200 at once for a coach) and about the next ones only when
some of those are out of the caller's reach; only the page is explained."""

from __future__ import annotations

import uuid
from functools import lru_cache
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.clients import reached
from employer_api.matching import repository, scoring
from employer_api.matching.schemas import CandidateMatch, ScorePart, VacancyMatch
from employer_api.vacancy.service import VacancyNotFound
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal, Role
from polku_kit.calendar import today
from polku_kit.errors import NotFound
from polku_kit.service_client import OnBehalfOf

PURPOSE = "employer services: matching job seekers and vacancies"
# How many of the best ranked profiles one request considers at most, and how many vacancies of a client's
# occupations it scores.
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
        starts_on=vacancy.starts_on,
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
        engaged=tuple((period.lower, period.upper) for period in profile.engaged),
    )


@lru_cache(maxsize=512)
def _part(part: scoring.Part) -> ScorePart:
    """A part as the response shows it: there are few different ones (a part, its points and reason), each built
    and validated once and shared by every answer (the model is frozen)."""
    return ScorePart(
        part=part.part,
        points=part.points,
        maximum=part.maximum,
        reason=part.reason,
        available_from=part.available_from,
    )


def _parts(parts: list[scoring.Part]) -> list[ScorePart]:
    return [_part(part) for part in parts]


def _windows(principal: Principal, limit: int) -> tuple[int, ...]:
    """How many of the best ranked profiles to read and ask clients-api about, in turn. Employer services and
    managers reach the organisation's job seekers: the page's best first, the rest of the best SCORED only when
    some of those were out of reach. A coach reaches a caseload, a few dozen of the organisation's thousands: the
    best SCORED at once. clients-api decides either way; this only spares a question."""
    if Role.coach in principal.roles and not principal.has_any(Role.employer_services, Role.manager):
        return (SCORED,)
    return (limit, SCORED - limit)


async def _best_within_reach(
    session: AsyncSession, clients_api: OnBehalfOf, ranking: repository.Ranking, *, windows: tuple[int, ...], limit: int
) -> list[Any]:
    """The best ``limit`` ranked profiles the caller reaches, best first: each window of the ranking read and asked
    about in one question, until the page is full or the windows end."""
    page: list[Any] = []
    asked: set[uuid.UUID] = set()
    offset = 0
    for window in windows:
        if window <= 0:
            break
        rows = await repository.ranked_candidates(session, ranking, offset=offset, limit=window)
        offset += window
        # A profile changed between two reads may be ranked again: it is asked about and shown once.
        fresh = [row for row in rows if row.client_id not in asked]
        asked.update(row.client_id for row in fresh)
        within = await reached(clients_api, [row.client_id for row in fresh])
        page += [row for row in fresh if row.client_id in within][: limit - len(page)]
        if len(page) == limit or len(rows) < window:
            break
    return page


async def candidates_for(
    *, session: AsyncSession, principal: Principal, clients_api: OnBehalfOf, vacancy_id: uuid.UUID, limit: int
) -> list[CandidateMatch]:
    """The database ranks every candidate the indexes find by the score (:func:`repository.score_sql`) and gives
    the best first with what scoring reads of them; clients-api says which of them the caller reaches; the page
    is explained, in parts, by :mod:`scoring`."""
    vacancy = await repository.vacancy_terms(session, authority_id=principal.organisation(), vacancy_id=vacancy_id)
    if vacancy is None:
        raise VacancyNotFound(f"No vacancy {vacancy_id}")
    vacancy_terms, day = terms(vacancy), today()
    ranking = repository.ranking(vacancy_terms, organisation_id=principal.organisation(), today=day)
    matches = []
    windows = _windows(principal, limit)
    for profile in await _best_within_reach(session, clients_api, ranking, windows=windows, limit=limit):
        parts = scoring.score(vacancy_terms, candidate(profile), today=day)
        matches.append(CandidateMatch(client_id=profile.client_id, score=scoring.total(parts), parts=_parts(parts)))
    await record(
        session,
        actor=principal,
        action=AuditAction.search,
        resource_type="vacancy_candidates",
        resource_id=vacancy_id,
        purpose=PURPOSE,
        details={"client_ids": [match.client_id for match in matches]},
    )
    return matches


async def vacancies_for(
    *, session: AsyncSession, principal: Principal, clients_api: OnBehalfOf, client_id: uuid.UUID, limit: int
) -> list[VacancyMatch]:
    profile = await repository.profile(session, organisation_id=principal.organisation(), client_id=client_id)
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
