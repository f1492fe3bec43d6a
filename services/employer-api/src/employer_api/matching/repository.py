"""Matching's reads, each a statement whose text is fixed (built once, prepared once per connection, its terms
bound as parameters) and whose rows come back as the driver gives them (no ORM entities, no per-element array
processing):

- the terms of one of the authority's vacancies;
- the candidates for a vacancy, ranked by the score (:func:`score_sql`) in the database, so that only the rows
  asked for (a page, best first) leave it, read through the GIN indexes of the organisation's profiles;
- one of the organisation's candidate profiles;
- the open vacancies a client's occupations point to, read through the partial index of published vacancies by
  (authority, minor group, unit group)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import TextualSelect, Uuid, text
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.candidate.models import CANDIDATE_STATUSES
from employer_api.matching import scoring
from polku_classifications import isco08, sub_regions

P = scoring.POINTS
# What scoring reads of a profile (:class:`scoring.Candidate`).
PROFILE_COLUMNS = (
    "client_id, occupations, competences, driving_licences, languages, municipality, status, unemployed_since, "
    "target_groups, engaged"
)
# What scoring reads of a vacancy (:class:`scoring.VacancyTerms`) and what a match shows of it.
VACANCY_COLUMNS = (
    "id, employer_id, title_fi, occupation_code, occupation_minor_group, municipality, application_deadline, "
    "competences, driving_licences, languages, remote, supports, starts_on"
)
_STATUSES = ", ".join(f"'{status}'" for status in CANDIDATE_STATUSES)


def slots(count: int) -> int:
    """The places a statement has for ``count`` distinct codes of a share part: the next power of two (0, 1, 2,
    4, …), the unused ones bound to an empty array (which overlaps nothing), so that a few statement texts serve
    every vacancy."""
    return 0 if count == 0 else 1 << (count - 1).bit_length()


def _held(name: str, count: int, *columns: str) -> str:
    """How many of the ``count`` places ``name_1`` … the profile's ``columns`` hold (each place one code)."""
    if count == 0:
        return "0"
    return " + ".join(
        "CAST(" + " OR ".join(f"{column} && CAST(:{name}_{n} AS text[])" for column in columns) + " AS integer)"
        for n in range(1, count + 1)
    )


def score_sql(competences: int, licences: int, languages: int) -> str:
    """:func:`scoring.score`'s total as SQL over a candidate profile's columns, for a vacancy whose share parts
    have these numbers of places (:func:`slots`); the vacancy's terms are the parameters
    :func:`score_parameters` gives. The share parts look up the points :func:`scoring.shares` computes (its own
    rounding), so that the database cannot round differently; ``tests/matching/test_ranking.py`` holds the two
    to the same totals."""
    return f"""(
        CASE WHEN occupations && CAST(:unit_group AS text[]) THEN {P["occupation_unit_group"]}
             WHEN minor_groups && CAST(:minor_group AS text[]) THEN {P["occupation_minor_group"]} ELSE 0 END
        + (CAST(:competence_points AS integer[]))[1 + {_held("competence", competences, "occupations", "competences")}]
        + (CAST(:licence_points AS integer[]))[1 + {_held("licence", licences, "driving_licences")}]
        + CASE WHEN municipality = CAST(:municipality AS text) THEN {P["same_municipality"]}
               WHEN municipality = ANY (CAST(:commuting_area AS text[])) THEN {P["same_commuting_area"]}
               ELSE CAST(:elsewhere AS integer) END
        + (CAST(:language_points AS integer[]))[1 + {_held("language", languages, "languages")}]
        + CASE WHEN status IS NULL OR status NOT IN ({_STATUSES}) THEN 0
               WHEN NOT (engaged @> CAST(:start_day AS date)) THEN
                    CASE WHEN status = 'in_activating_service'
                              AND NOT (engaged && daterange(CAST(:today AS date), NULL))
                         THEN {P["in_activating_service"]} ELSE {P["available_at_start"]} END
               WHEN engaged @> daterange(CAST(:start_day AS date), NULL) THEN {P["in_activating_service"]}
               WHEN NOT (engaged @> daterange(CAST(:start_day AS date), CAST(:soon_until AS date)))
                    THEN {P["available_soon"]}
               ELSE 0 END
        + CASE WHEN unemployed_since <= CAST(:long_term_since AS date)
                    OR target_groups && CAST(:fitting_groups AS text[]) THEN {P["support_fit"]} ELSE 0 END
    )"""


@dataclass(frozen=True)
class Ranking:
    """The statement that ranks candidates for one vacancy, and its parameters (without the page's)."""

    statement: TextualSelect
    parameters: dict[str, Any]


def _places(name: str, codes: list[str], count: int) -> dict[str, list[str]]:
    return {f"{name}_{n + 1}": codes[n : n + 1] for n in range(count)}


def score_parameters(vacancy: scoring.VacancyTerms, *, today: date) -> tuple[tuple[int, int, int], dict[str, Any]]:
    """The places of the vacancy's share parts (competences, licences, languages), and the parameters of
    :func:`score_sql` for it."""
    competences, licences, languages = (
        sorted(set(vacancy.competences)),
        sorted(set(vacancy.driving_licences)),
        sorted(set(vacancy.languages)),
    )
    shape = (slots(len(competences)), slots(len(licences)), slots(len(languages)))
    wanted = scoring.wanted_groups(vacancy.supports)
    start = scoring.start_day(vacancy, today)
    parameters: dict[str, Any] = {
        "unit_group": [vacancy.occupation],
        "minor_group": [isco08.minor_group(vacancy.occupation)],
        "competence_points": scoring.shares(tuple(competences), P["competences"]),
        "licence_points": scoring.shares(tuple(licences), P["licences"]),
        "language_points": scoring.shares(tuple(languages), P["languages"]),
        "municipality": vacancy.municipality,
        "commuting_area": sorted(sub_regions.commuting_area(vacancy.municipality)),
        "elsewhere": P["remote"] if vacancy.remote else 0,
        "long_term_since": (
            today - timedelta(days=scoring.LONG_TERM_DAYS) if "long_term_unemployed" in wanted else None
        ),
        "fitting_groups": sorted(wanted - {"long_term_unemployed"}),
        "today": today,
        "start_day": start,
        "soon_until": start + timedelta(days=scoring.SOON_DAYS + 1),
        **_places("competence", competences, shape[0]),
        **_places("licence", licences, shape[1]),
        **_places("language", languages, shape[2]),
    }
    return shape, parameters


@lru_cache(maxsize=64)
def _ranking_statement(competences: int, licences: int, languages: int) -> TextualSelect:
    """The organisation's candidates in the job search sharing the vacancy's minor group or one of its
    competences, read through the GIN indexes (a bitmap OR of two), best score first (then by id), a window of
    them with what scoring reads of each. Every vacancy's occupation is a unit group (four digits), and a profile
    holding it holds its minor group: the minor group finds them."""
    return text(
        f"""
        SELECT {PROFILE_COLUMNS}, {score_sql(competences, licences, languages)} AS score
        FROM candidate_profile
        WHERE organisation_id = :organisation_id AND status IN ({_STATUSES})
          AND (minor_groups && CAST(:minor_group AS text[]) OR competences && CAST(:related AS text[]))
        ORDER BY score DESC, client_id
        LIMIT :limit OFFSET :offset
        """  # noqa: S608 (this module's constants; every value is a parameter)
    ).columns(client_id=Uuid)


def ranking(vacancy: scoring.VacancyTerms, *, organisation_id: uuid.UUID, today: date) -> Ranking:
    shape, parameters = score_parameters(vacancy, today=today)
    parameters.update(organisation_id=organisation_id, related=sorted({vacancy.occupation, *vacancy.competences}))
    return Ranking(_ranking_statement(*shape), parameters)


async def ranked_candidates(session: AsyncSession, ranking: Ranking, *, offset: int, limit: int) -> list[Any]:
    """The candidates ranked ``offset`` … ``offset + limit - 1``, best first: what scoring reads of each."""
    return list(await session.execute(ranking.statement, {**ranking.parameters, "offset": offset, "limit": limit}))


_VACANCY_TERMS = text(
    f"SELECT {VACANCY_COLUMNS} FROM vacancy WHERE authority_id = :authority_id AND id = :vacancy_id"  # noqa: S608
).columns(id=Uuid, employer_id=Uuid)


async def vacancy_terms(session: AsyncSession, *, authority_id: uuid.UUID, vacancy_id: uuid.UUID) -> Any | None:
    """One of the authority's vacancies, as scoring reads it."""
    return (await session.execute(_VACANCY_TERMS, {"authority_id": authority_id, "vacancy_id": vacancy_id})).first()


_PROFILE = text(
    f"SELECT {PROFILE_COLUMNS}, minor_groups FROM candidate_profile "  # noqa: S608
    "WHERE organisation_id = :organisation_id AND client_id = :client_id"
).columns(client_id=Uuid)


async def profile(session: AsyncSession, *, organisation_id: uuid.UUID, client_id: uuid.UUID) -> Any | None:
    """What scoring reads of one of the organisation's profiles, and its minor groups."""
    return (await session.execute(_PROFILE, {"organisation_id": organisation_id, "client_id": client_id})).first()


VACANCIES = text(
    f"""
    SELECT {VACANCY_COLUMNS} FROM vacancy
    WHERE authority_id = :authority_id AND status = 'published'
      AND (occupation_minor_group = ANY (CAST(:minor_groups AS text[]))
           OR occupation_code = ANY (CAST(:occupations AS text[])))
    ORDER BY application_deadline, id
    LIMIT :limit
    """  # noqa: S608
).columns(id=Uuid, employer_id=Uuid)


async def vacancies_for(
    session: AsyncSession, *, authority_id: uuid.UUID, occupations: list[str], minor_groups: list[str], limit: int
) -> list[Any]:
    """The authority's published vacancies of the client's unit groups or minor groups, the soonest deadline
    first."""
    if not occupations and not minor_groups:
        return []
    parameters = {"authority_id": authority_id, "occupations": occupations, "minor_groups": minor_groups}
    return list((await session.execute(VACANCIES, {**parameters, "limit": limit})).all())
