"""Matching's reads: a candidate's score for one vacancy as a SQL expression (so that the database ranks every
candidate the indexes find and only one page's details leave it), and the open vacancies a client's occupations
point to, read through the partial index of published vacancies by (authority, minor group, unit group)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, case, false, literal, or_, select
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.candidate.models import CandidateProfile
from employer_api.matching import scoring
from employer_api.vacancy.models import Vacancy, VacancyStatus
from polku_classifications import isco08, sub_regions

P = scoring.POINTS


def _share(wanted: tuple[str, ...], held: Any, points: int) -> ColumnElement[int]:
    """:func:`scoring._share` in SQL: the points for how many of the distinct ``wanted`` the array ``held``
    holds, looked up in the list :func:`scoring.shares` computes (its own rounding)."""
    distinct = sorted(set(wanted))
    if not distinct:
        return literal(points)
    count = sum((case((held.overlap([code]), 1), else_=0) for code in distinct), literal(0))
    return array(scoring.shares(tuple(distinct), points))[count + 1]


def candidate_score(vacancy: scoring.VacancyTerms, *, today: date) -> ColumnElement[int]:
    """The total of :func:`scoring.score` for each candidate profile, as SQL over its columns (the vacancy's terms
    bound as constants). The parts a person reads are computed by :mod:`scoring` for the page shown; a test
    holds the two to the same totals."""
    profile = CandidateProfile
    occupation = case(
        (profile.occupations.overlap([vacancy.occupation]), P["occupation_unit_group"]),
        (profile.minor_groups.overlap([isco08.minor_group(vacancy.occupation)]), P["occupation_minor_group"]),
        else_=0,
    )
    competences = sum(
        (
            case((or_(profile.occupations.overlap([code]), profile.competences.overlap([code])), 1), else_=0)
            for code in sorted(set(vacancy.competences))
        ),
        literal(0),
    )
    competence_points = (
        array(scoring.shares(vacancy.competences, P["competences"]))[competences + 1]
        if vacancy.competences
        else literal(P["competences"])
    )
    licences = _share(vacancy.driving_licences, profile.driving_licences, P["licences"])
    elsewhere = P["remote"] if vacancy.remote else 0
    if vacancy.municipality is None:
        location: ColumnElement[int] = literal(elsewhere)
    else:
        area = sorted(sub_regions.commuting_area(vacancy.municipality))
        location = case(
            (profile.municipality == vacancy.municipality, P["same_municipality"]),
            (profile.municipality.in_(area) if area else false(), P["same_commuting_area"]),
            else_=elsewhere,
        )
    languages = _share(vacancy.languages, profile.languages, P["languages"])
    availability = case(
        (profile.status == "unemployed", P["unemployed"]),
        (profile.status == "in_activating_service", P["in_activating_service"]),
        else_=0,
    )
    wanted = scoring.wanted_groups(vacancy.supports)
    fits = []
    if "long_term_unemployed" in wanted:
        fits.append(profile.unemployed_since <= today - timedelta(days=scoring.LONG_TERM_DAYS))
    if others := sorted(wanted - {"long_term_unemployed"}):
        fits.append(profile.target_groups.overlap(others))
    support_fit = case((or_(*fits), P["support_fit"]), else_=0) if fits else literal(0)
    return occupation + competence_points + licences + location + languages + availability + support_fit


_VACANCY = cast(Table, Vacancy.__table__)
# What scoring reads of a vacancy (:class:`scoring.VacancyTerms`) and what a match shows of it: table columns, so
# that the rows come back as plain rows (no entity loading).
MATCH_COLUMNS = tuple(
    _VACANCY.c[name]
    for name in (
        "id",
        "employer_id",
        "title_fi",
        "occupation_code",
        "municipality",
        "application_deadline",
        "competences",
        "driving_licences",
        "languages",
        "remote",
        "supports",
    )
)


def vacancies_query(*, authority_id: uuid.UUID, occupations: list[str], minor_groups: list[str], limit: int) -> Any:
    return (
        select(*MATCH_COLUMNS)
        .where(
            _VACANCY.c.authority_id == authority_id,
            _VACANCY.c.status == VacancyStatus.published,
            or_(_VACANCY.c.occupation_minor_group.in_(minor_groups), _VACANCY.c.occupation_code.in_(occupations)),
        )
        .order_by(_VACANCY.c.application_deadline, _VACANCY.c.id)
        .limit(limit)
    )


async def vacancies_for(
    session: AsyncSession, *, authority_id: uuid.UUID, occupations: list[str], minor_groups: list[str], limit: int
) -> list[Any]:
    if not occupations and not minor_groups:
        return []
    query = vacancies_query(authority_id=authority_id, occupations=occupations, minor_groups=minor_groups, limit=limit)
    return list((await session.execute(query)).all())
