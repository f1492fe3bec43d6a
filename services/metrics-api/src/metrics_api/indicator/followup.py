"""Structural unemployment, education and the effectiveness follow-up (pure functions, as in ``compute``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from metrics_api.indicator.compute import (
    ENDED,
    IN_SERVICE,
    UNEMPLOYED,
    Anchor,
    Cell,
    Month,
    Person,
    Tally,
    _withhold,
    as_count,
    as_share,
    suppress,
    tally_cells,
    with_totals,
)
from metrics_api.indicator.definitions import Group, activating_on
from polku_kit.calendar import add_months

# Structural unemployment's four components, in the statistic's order: a person counts in the first that fits.
LONG_TERM = "long_term_unemployed"
COMPARABLE = "comparable_long_term_unemployed"
AFTER_SERVICE = "unemployed_after_service"
SERVICE_TO_SERVICE = "service_to_service"
COMPONENTS = (LONG_TERM, COMPARABLE, AFTER_SERVICE, SERVICE_TO_SERVICE)

# ISCED 2011 levels with no qualification after basic education (Statistics Finland: *perusaste tai tuntematon*).
NO_POST_BASIC = frozenset({"none", "basic"})


def service_spans(person: Person) -> list[tuple[date, date | None]]:
    """Activating services as (first day, last day or None): the listed episodes where the client has any, otherwise
    the spans of the status in_activating_service (as the activation rate counts them)."""
    if person.episodes:
        return sorted(
            (e.started_on, e.ended_on) for e in person.episodes if activating_on(e.service_type, e.started_on)
        )
    return [
        (s.start, s.end - timedelta(days=1) if s.end is not None else None)
        for s in person.segments()
        if s.status == IN_SERVICE
    ]


def unemployed_days(person: Person, first: date, last: date) -> int:
    """Days from ``first`` to ``last`` (both included) on which the person was unemployed."""
    days = 0
    for spell in person.spells():
        start = max(spell.start, first)
        end = min(spell.end - timedelta(days=1) if spell.end is not None else last, last)
        if start <= end:
            days += (end - start).days + 1
    return days


def component(person: Person, day: date) -> str | None:
    """The person's component of structural unemployment on the count date, or None."""
    status = person.status_on(day)
    spans = service_spans(person)
    in_service = any(start <= day and (end is None or day <= end) for start, end in spans)
    if status == UNEMPLOYED and not in_service:
        if person.long_term_unemployed(day):
            return LONG_TERM
        window_first = add_months(day, -16) + timedelta(days=1)
        if unemployed_days(person, window_first, day) >= (day - add_months(day, -12)).days:
            return COMPARABLE
        three_months_ago = add_months(day, -3)
        if any(end is not None and three_months_ago <= end < day for _, end in spans):
            return AFTER_SERVICE
        return None
    if in_service:
        current = [(start, end) for start, end in spans if start <= day and (end is None or day <= end)]
        started = min(start for start, _ in current)
        year_ago = add_months(day, -12)
        if any(end is not None and year_ago <= end < started and (started - end).days <= 31 for _, end in spans):
            return SERVICE_TO_SERVICE
    return None


def structurally_unemployed(people: Iterable[Person], months: list[Month], group: Group) -> list[Cell]:
    """Cells by component (the breakdown) and their total, by municipality on the count date."""
    cells = []
    people = list(people)
    for month in months:
        day = month.count_date
        tally: Tally = defaultdict(lambda: [0, 0, 0])
        for person in people:
            found = component(person, day)
            if found is not None and person.in_group(group, day):
                tally[(person.municipality_on(day), found)][0] += 1
        cells += tally_cells(month, day, group, with_totals(tally), as_count)
    return cells


def without_post_basic_education(people: Iterable[Person], months: list[Month], group: Group) -> list[Cell]:
    """Job seekers on the count date whose recorded highest education is basic or none ÷ job seekers whose
    education is recorded × 100."""
    cells = []
    people = list(people)
    for month in months:
        day = month.count_date
        tally: Tally = defaultdict(lambda: [0, 0, 0])
        for person in people:
            if person.status_on(day) in (None, ENDED) or not person.in_group(group, day):
                continue
            known, level = person.education_on(day)
            if not known or level is None:  # no assessment, or one that records no education: not known
                continue
            numbers = tally[(person.municipality_on(day), None)]
            numbers[0] += int(level in NO_POST_BASIC)
            numbers[1] += 1
        cells += tally_cells(month, day, group, with_totals(tally), as_share)
    return cells


# Where a client stands on the follow-up day, in the order the first that fits is taken.
OPEN_LABOUR_MARKET = "open_labour_market"
SUBSIDISED_WORK = "subsidised_work"
EDUCATION = "education"
UNEMPLOYED_DESTINATION = "unemployed"
OTHER_SERVICE = "in_other_service"
OUTSIDE = "outside_labour_force"
NOT_KNOWN = "not_known"
DESTINATIONS = (
    OPEN_LABOUR_MARKET,
    SUBSIDISED_WORK,
    EDUCATION,
    UNEMPLOYED_DESTINATION,
    OTHER_SERVICE,
    OUTSIDE,
    NOT_KNOWN,
)
SUBSIDISED_TYPES = frozenset({"pay_subsidised_work"})
EDUCATION_TYPES = frozenset({"labour_market_training", "self_motivated_study"})
HORIZONS = (3, 6, 12)
BY = ("service_type", "provider", "employer_sector")


def destination(person: Person, day: date) -> str:
    covering = [e for e in person.episodes if e.covers(day)]
    if any(
        kind == "pay_subsidy" and start <= day and (end is None or day <= end)
        for kind, _, start, end in person.supports
    ) or any(e.service_type in SUBSIDISED_TYPES for e in covering):
        return SUBSIDISED_WORK
    status = person.status_on(day)
    if status == "in_education" or any(e.service_type in EDUCATION_TYPES for e in covering):
        return EDUCATION
    if status == "employed":
        return OPEN_LABOUR_MARKET
    if status == ENDED or status is None:
        reasons = [reason for ended, reason in sorted(person.period_ends, key=lambda e: e[0]) if ended <= day]
        reason = reasons[-1] if reasons else None
        return {"employed": OPEN_LABOUR_MARKET, "in_education": EDUCATION}.get(reason or "", NOT_KNOWN)
    if any(activating_on(e.service_type, day) for e in covering) or status == IN_SERVICE:
        return OTHER_SERVICE
    if status == UNEMPLOYED:
        return UNEMPLOYED_DESTINATION
    return OUTSIDE


def _key(anchor: Anchor, by: str) -> str:
    if by == "service_type":
        return f"{anchor.origin}:{anchor.service_type}"
    if by == "provider":
        return f"{anchor.origin}:{anchor.provider or 'unknown'}"
    return f"{anchor.origin}:{anchor.sector or 'unknown'}"


def effectiveness(
    people: Iterable[Person], months: list[Month], *, horizons: Iterable[int], by: str, as_of: date
) -> list[Cell]:
    """By the month the follow-up starts in (a service or support ended, a referral completed, an offer made) and
    by the municipality on that day: of the cohort, the share standing in each destination ``h`` months later.
    Breakdown ``{h}m/{origin}:{key}/{destination}``; a cohort whose follow-up day is after ``as_of`` is left out."""
    cells = []
    people = list(people)
    for month in months:
        # (municipality, "{h}m/{key}") → destination → persons
        cohorts: dict[tuple[str | None, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(DESTINATIONS, 0))
        for person in people:
            for anchor in person.anchors:
                if anchor.day not in month:
                    continue
                place = person.municipality_on(anchor.day)
                for h in horizons:
                    later = add_months(anchor.day, h)
                    if later > as_of:
                        continue
                    where = destination(person, later)
                    for region in {place, None}:
                        cohorts[(region, f"{h}m/{_key(anchor, by)}")][where] += 1
        cells += cohort_cells(month, cohorts)
    return cells


def cohort_cells(month: Month, cohorts: dict[tuple[str | None, str], dict[str, int]]) -> list[Cell]:
    """A cell per cohort and destination: its persons and their share of the cohort (``cohorts``: (municipality,
    "{h}m/{origin}:{key}") → destination → persons)."""
    cells = []
    for (region, cohort), counts in sorted(cohorts.items(), key=lambda item: (str(item[0][0]), item[0][1])):
        size = sum(counts.values())
        for where, n in counts.items():
            cells.append(
                Cell(
                    month=str(month),
                    reference_day=None,
                    municipality=region,
                    group=Group.all,
                    breakdown=f"{cohort}/{where}",
                    value=as_share([n, size]),
                    persons=n,
                    denominator=size,
                )
            )
    return cells


def protect_cohorts(cells: list[Cell]) -> list[Cell]:
    """Small cells withheld (a destination's persons or the cohort's size of 1 to 4), then two kinds of parts
    protected: the destinations of a cohort (their total, the cohort's size, is every cell's denominator) and the
    municipalities of the organisation's cell. Where exactly one part of a family is withheld, the smallest shown
    part with persons is withheld too, or every part if none is; repeated until nothing changes."""
    for cell in cells:
        suppress(cell)
    families: dict[tuple[str, ...], list[Cell]] = defaultdict(list)
    for cell in cells:
        cohort = (cell.breakdown or "").rsplit("/", 1)[0]
        families[(cell.month, str(cell.municipality), cohort)].append(cell)
        if cell.municipality is not None:
            families[(cell.month, "municipalities", cell.breakdown or "")].append(cell)
    totals: dict[tuple[str, ...], Cell] = {
        (c.month, "municipalities", c.breakdown or ""): c for c in cells if c.municipality is None
    }
    changed = True
    while changed:
        changed = False
        for key, parts in families.items():
            total = totals.get(key) if key[1] == "municipalities" else None
            if (key[1] == "municipalities" and (total is None or total.suppressed)) or sum(
                part.suppressed for part in parts
            ) != 1:
                continue
            shown = [part for part in parts if not part.suppressed and part.persons]
            for part in [min(shown, key=lambda part: part.persons or 0)] if shown else parts:
                _withhold(part)
            changed = True
    return cells
