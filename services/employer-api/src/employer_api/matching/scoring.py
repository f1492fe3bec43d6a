"""The score of a match between a vacancy and a candidate, in parts a person can check (*selitettävä
täsmäytys*). The points of each part are data (:data:`POINTS`), and every part says why it scored what it did
with a stable reason code the SPA translates. 100 points at most.

- occupation: the same ISCO-08 unit group (4 digits) as the vacancy, or the same minor group (3 digits);
- competences and licences: the vacancy's competences the candidate has (as an occupation or a competence), and
  the driving licences it requires that they hold;
- location: the same municipality, the same region (*maakunta*, the commuting area the classifications know),
  or remote work;
- languages: the share of the languages the job needs that the candidate speaks;
- availability: in the job search now (unemployed), or in an activating service (can start when it ends);
- support fit: a vacancy that fits a pay subsidy or a recruitment bonus, and a candidate long-term unemployed
  (unemployed for at least 12 months: Statistics Finland's definition of *pitkäaikaistyötön*), whom those
  supports are for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from polku_classifications import isco08, municipalities

POINTS = {
    "occupation_unit_group": 40,
    "occupation_minor_group": 25,
    "competences": 10,
    "licences": 10,
    "same_municipality": 15,
    "same_region": 10,
    "remote": 15,
    "languages": 10,
    "unemployed": 10,
    "in_activating_service": 5,
    "support_fit": 5,
}
MAXIMUM = {
    "occupation": 40,
    "competences_and_licences": 20,
    "location": 15,
    "languages": 10,
    "availability": 10,
    "support_fit": 5,
}
LONG_TERM_DAYS = 365
LONG_TERM_SUPPORTS = frozenset({"pay_subsidy", "recruitment_bonus"})


@dataclass(frozen=True)
class VacancyTerms:
    occupation: str
    competences: tuple[str, ...]
    driving_licences: tuple[str, ...]
    languages: tuple[str, ...]
    municipality: str | None
    remote: bool
    supports: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    occupations: tuple[str, ...]
    competences: tuple[str, ...]
    driving_licences: tuple[str, ...]
    languages: tuple[str, ...]
    municipality: str | None
    status: str | None
    unemployed_since: date | None


@dataclass(frozen=True)
class Part:
    part: str
    points: int
    maximum: int
    reason: str


def _share(wanted: tuple[str, ...], held: set[str], points: int) -> int:
    return points if not wanted else round(points * len(set(wanted) & held) / len(set(wanted)))


def score(vacancy: VacancyTerms, candidate: Candidate, *, today: date) -> list[Part]:
    parts: list[Part] = []
    unit = vacancy.occupation
    if unit in candidate.occupations:
        parts.append(Part("occupation", POINTS["occupation_unit_group"], MAXIMUM["occupation"], "same_unit_group"))
    elif isco08.minor_group(unit) in {isco08.minor_group(code) for code in candidate.occupations if len(code) >= 3}:
        parts.append(Part("occupation", POINTS["occupation_minor_group"], MAXIMUM["occupation"], "same_minor_group"))
    else:
        parts.append(Part("occupation", 0, MAXIMUM["occupation"], "other_occupation"))

    knows = set(candidate.occupations) | set(candidate.competences)
    competences = _share(vacancy.competences, knows, POINTS["competences"])
    licences = _share(vacancy.driving_licences, set(candidate.driving_licences), POINTS["licences"])
    missing = sorted(set(vacancy.driving_licences) - set(candidate.driving_licences))
    reason = "all_required" if competences + licences == MAXIMUM["competences_and_licences"] else "some_missing"
    if missing:
        reason = "licence_missing"
    parts.append(Part("competences_and_licences", competences + licences, MAXIMUM["competences_and_licences"], reason))

    region = municipalities.region(candidate.municipality) if candidate.municipality else None
    if vacancy.remote:
        parts.append(Part("location", POINTS["remote"], MAXIMUM["location"], "remote"))
    elif vacancy.municipality is not None and vacancy.municipality == candidate.municipality:
        parts.append(Part("location", POINTS["same_municipality"], MAXIMUM["location"], "same_municipality"))
    elif (
        vacancy.municipality is not None
        and region is not None
        and region == municipalities.region(vacancy.municipality)
    ):
        parts.append(Part("location", POINTS["same_region"], MAXIMUM["location"], "same_region"))
    else:
        parts.append(Part("location", 0, MAXIMUM["location"], "elsewhere"))

    languages = _share(vacancy.languages, set(candidate.languages), POINTS["languages"])
    parts.append(
        Part(
            "languages",
            languages,
            MAXIMUM["languages"],
            "speaks_all" if languages == MAXIMUM["languages"] else "language_missing",
        )
    )

    if candidate.status == "unemployed":
        parts.append(Part("availability", POINTS["unemployed"], MAXIMUM["availability"], "in_job_search"))
    elif candidate.status == "in_activating_service":
        parts.append(
            Part("availability", POINTS["in_activating_service"], MAXIMUM["availability"], "in_activating_service")
        )
    else:
        parts.append(Part("availability", 0, MAXIMUM["availability"], "not_available"))

    long_term = candidate.unemployed_since is not None and (today - candidate.unemployed_since).days >= LONG_TERM_DAYS
    fits = long_term and bool(LONG_TERM_SUPPORTS & set(vacancy.supports))
    parts.append(
        Part(
            "support_fit",
            POINTS["support_fit"] if fits else 0,
            MAXIMUM["support_fit"],
            "long_term_unemployed_with_support" if fits else "no_support_fit",
        )
    )
    return parts


def total(parts: list[Part]) -> int:
    return sum(part.points for part in parts)
