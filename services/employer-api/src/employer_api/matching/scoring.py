"""The score of a match between a vacancy and a candidate, in parts a person can check (*selitettävä
täsmäytys*). The points of each part are data (:data:`POINTS`), and every part says why it scored what it did
with a stable reason code the SPA translates. 100 points at most.

- occupation: the same ISCO-08 unit group (4 digits) as the vacancy, or the same minor group (3 digits);
- competences and licences: the vacancy's competences the candidate has (as an occupation or a competence), and
  the driving licences it requires that they hold;
- location: the same municipality, else the same commuting area (the sub-regional unit, *seutukunta*, of
  Statistics Finland's classification in :mod:`polku_classifications.sub_regions`), else remote work: a job
  in one's own municipality first, one within commuting distance next, a remote one last;
- languages: the share of the languages the job needs that the candidate speaks;
- availability: whether the client is free on the day the job starts (the vacancy's start date, or today when
  it has none or it has passed). A job seeker is free except on the days of their activating-service episodes
  (clients-api's episode events, kept as the profile's ``engaged``: an episode without an end goes on); the first
  free day from the start is the day they are available from. Free on the start day: full points; engaged then but
  free within :data:`SOON_DAYS` days of it: half; engaged then in an episode whose end is not known, or in an
  activating service by status with no episode known from today on: half (can start when it ends, as before the
  dates were known); engaged through the whole :data:`SOON_DAYS`: none. A client whose status is not in the job
  search is not available;
- support fit: a vacancy offering a support whose target groups the candidate is in (:data:`SUPPORT_GROUPS`):
  long-term unemployed (unemployed for at least 12 months: Statistics Finland's definition of
  *pitkäaikaistyötön*, judged on the day from the start of the unemployment), under 25 or an immigrant in the
  integration period (clients-api's target groups, carried by its events). The pay subsidy's groups are among
  those the law names as disadvantaged workers (Laki julkisesta työvoima- ja yrityspalvelusta 916/2012, 7 luku,
  as worded by 371/2023: the young aged 15–24, immigrants, and the unemployed for six months or more); the
  municipal recruitment bonus is for hiring the long-term unemployed, summer-job vouchers for the young.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import NamedTuple

from polku_classifications import isco08, sub_regions

POINTS = {
    "occupation_unit_group": 40,
    "occupation_minor_group": 25,
    "competences": 10,
    "licences": 10,
    "same_municipality": 15,
    "same_commuting_area": 10,
    "remote": 5,
    "languages": 10,
    "available_at_start": 10,
    "available_soon": 5,
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
# How many days after the start a client engaged on the start day may become free and still score half.
SOON_DAYS = 30
# A vacancy's support → the target groups it is for; the first group of the candidate's that fits names the reason.
SUPPORT_GROUPS = {
    "pay_subsidy": ("long_term_unemployed", "under_25", "immigrant_in_integration_period"),
    "recruitment_bonus": ("long_term_unemployed",),
    "summer_job_voucher": ("under_25",),
}
FIT_REASONS = {
    "long_term_unemployed": "long_term_unemployed_with_support",
    "under_25": "young_with_support",
    "immigrant_in_integration_period": "immigrant_with_support",
}


class VacancyTerms(NamedTuple):
    occupation: str
    competences: tuple[str, ...]
    driving_licences: tuple[str, ...]
    languages: tuple[str, ...]
    municipality: str | None
    remote: bool
    supports: tuple[str, ...]
    starts_on: date | None = None


@dataclass(frozen=True)
class Candidate:
    occupations: tuple[str, ...]
    competences: tuple[str, ...]
    driving_licences: tuple[str, ...]
    languages: tuple[str, ...]
    municipality: str | None
    status: str | None
    unemployed_since: date | None
    target_groups: tuple[str, ...] = ()
    # The periods the client is engaged in an activating service, each from its first day to the day after its
    # last (None: going on), as the profile's multirange gives them.
    engaged: tuple[tuple[date | None, date | None], ...] = ()

    # Worked out once per candidate (a client's vacancies are many scores of one candidate).
    @cached_property
    def minor_groups(self) -> frozenset[str]:
        return frozenset(isco08.minor_group(code) for code in self.occupations if len(code) >= 3)

    @cached_property
    def knows(self) -> frozenset[str]:
        """The occupations whose competence the candidate has: their own, and their competences."""
        return frozenset(self.occupations) | frozenset(self.competences)


class Part(NamedTuple):
    """One part of a score (a named tuple: a client's vacancies are scored by the hundred)."""

    part: str
    points: int
    maximum: int
    reason: str
    # The first day the client is free from the job's start (availability only; None when no such day is known).
    available_from: date | None = None


def _share(wanted: tuple[str, ...], held: set[str] | frozenset[str], points: int) -> int:
    return points if not wanted else round(points * len(set(wanted) & held) / len(set(wanted)))


def shares(wanted: tuple[str, ...], points: int) -> list[int]:
    """The points of a share part for holding 0, 1, … of the distinct ``wanted`` (by :func:`_share` itself): what
    the database ranks by (:mod:`employer_api.matching.repository`) is what this module explains."""
    distinct = sorted(set(wanted))
    return [_share(tuple(distinct), set(distinct[:held]), points) for held in range(len(distinct) + 1)]


def wanted_groups(supports: tuple[str, ...]) -> set[str]:
    """The target groups a vacancy's supports are for."""
    return {group for support in supports for group in SUPPORT_GROUPS.get(support, ())}


def score(vacancy: VacancyTerms, candidate: Candidate, *, today: date) -> list[Part]:
    parts: list[Part] = []
    unit = vacancy.occupation
    if unit in candidate.occupations:
        parts.append(Part("occupation", POINTS["occupation_unit_group"], MAXIMUM["occupation"], "same_unit_group"))
    elif isco08.minor_group(unit) in candidate.minor_groups:
        parts.append(Part("occupation", POINTS["occupation_minor_group"], MAXIMUM["occupation"], "same_minor_group"))
    else:
        parts.append(Part("occupation", 0, MAXIMUM["occupation"], "other_occupation"))

    competences = _share(vacancy.competences, candidate.knows, POINTS["competences"])
    licences = _share(vacancy.driving_licences, set(candidate.driving_licences), POINTS["licences"])
    missing = sorted(set(vacancy.driving_licences) - set(candidate.driving_licences))
    reason = "all_required" if competences + licences == MAXIMUM["competences_and_licences"] else "some_missing"
    if missing:
        reason = "licence_missing"
    parts.append(Part("competences_and_licences", competences + licences, MAXIMUM["competences_and_licences"], reason))

    if vacancy.municipality is not None and vacancy.municipality == candidate.municipality:
        parts.append(Part("location", POINTS["same_municipality"], MAXIMUM["location"], "same_municipality"))
    elif sub_regions.same_commuting_area(vacancy.municipality, candidate.municipality):
        parts.append(Part("location", POINTS["same_commuting_area"], MAXIMUM["location"], "same_commuting_area"))
    elif vacancy.remote:
        parts.append(Part("location", POINTS["remote"], MAXIMUM["location"], "remote"))
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

    parts.append(availability(vacancy, candidate, today))
    parts.append(_support_fit(vacancy, candidate, today))
    return parts


def start_day(vacancy: VacancyTerms, today: date) -> date:
    """The day availability is judged on: the job's start, or today when it has none or it has passed."""
    return today if vacancy.starts_on is None or vacancy.starts_on < today else vacancy.starts_on


def first_free(engaged: tuple[tuple[date | None, date | None], ...], day: date) -> date | None:
    """The first day from ``day`` on that no engaged period covers; None if one going on for good covers it."""
    free: date | None = day
    moved = True
    while moved and free is not None:
        moved = False
        for lower, upper in engaged:
            if (lower is None or lower <= free) and (upper is None or free < upper):
                free, moved = upper, True
                break
    return free


def availability(vacancy: VacancyTerms, candidate: Candidate, today: date) -> Part:
    """The availability part (the rule in the module's description)."""
    maximum = MAXIMUM["availability"]
    if candidate.status not in ("unemployed", "in_activating_service"):
        return Part("availability", 0, maximum, "not_available")
    start = start_day(vacancy, today)
    free = first_free(candidate.engaged, start)
    if free == start:
        known_ahead = any(upper is None or upper > today for _, upper in candidate.engaged)
        if candidate.status == "in_activating_service" and not known_ahead:
            return Part("availability", POINTS["in_activating_service"], maximum, "in_activating_service")
        return Part("availability", POINTS["available_at_start"], maximum, "available_at_start", free)
    if free is None:
        return Part("availability", POINTS["in_activating_service"], maximum, "in_activating_service")
    if (free - start).days <= SOON_DAYS:
        return Part("availability", POINTS["available_soon"], maximum, "available_soon", free)
    return Part("availability", 0, maximum, "available_later", free)


def groups_on(candidate: Candidate, today: date) -> list[str]:
    """The candidate's target groups on ``today``: long-term unemployment judged from the start of the
    unemployment, the others as clients-api's newest event gave them."""
    long_term = candidate.unemployed_since is not None and (today - candidate.unemployed_since).days >= LONG_TERM_DAYS
    others = [group for group in candidate.target_groups if group != "long_term_unemployed"]
    return (["long_term_unemployed"] if long_term else []) + others


def _support_fit(vacancy: VacancyTerms, candidate: Candidate, today: date) -> Part:
    groups = groups_on(candidate, today)
    wanted = wanted_groups(vacancy.supports)
    for group in groups:
        if group in wanted:
            return Part("support_fit", POINTS["support_fit"], MAXIMUM["support_fit"], FIT_REASONS[group])
    return Part("support_fit", 0, MAXIMUM["support_fit"], "no_support_fit")


def total(parts: list[Part]) -> int:
    return sum(part.points for part in parts)
