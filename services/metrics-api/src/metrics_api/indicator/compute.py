"""Figures from facts: pure functions, no database, no clock. Everything is reconstructed from dated history, so a
figure depends on the facts alone, never on the order they arrived in.

A person's status changes are ordered by day, then by the time and id of the event that recorded them (two changes
on one day: the later one holds from that day). A status *segment* runs from a change to the next change to a
different status; an *unemployment spell* is a segment with the status unemployed; a *job search* is a run of
segments without search_ended.
"""

from __future__ import annotations

import calendar
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from metrics_api.indicator.definitions import Group, activating_on
from polku_kit.calendar import add_months, on_or_before

UNEMPLOYED = "unemployed"
IN_SERVICE = "in_activating_service"
ENDED = "search_ended"
IN_SCHEDULE = frozenset({UNEMPLOYED, IN_SERVICE})


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def count_date(self) -> date:
        """The last working day of the month."""
        return on_or_before(self.last)

    def __contains__(self, day: date) -> bool:
        return (day.year, day.month) == (self.year, self.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def parse(cls, text: str) -> Month:
        year, month = text.split("-")
        return cls(int(year), int(month))

    def until(self, last: Month) -> list[Month]:
        months, year, month = [], self.year, self.month
        while (year, month) <= (last.year, last.month):
            months.append(Month(year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


@dataclass(frozen=True)
class Segment:
    status: str
    start: date
    end: date | None  # the day the next status began (exclusive); None: still on

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Episode:
    service_type: str
    started_on: date
    ended_on: date | None
    provider: str | None = None

    def covers(self, day: date) -> bool:
        return self.started_on <= day and (self.ended_on is None or day <= self.ended_on)


@dataclass(frozen=True)
class Anchor:
    """Where an effectiveness follow-up starts: the day a service, support or referral ended or an offer was made."""

    origin: str  # service | support | referral | job_offer
    service_type: str
    provider: str | None
    sector: str | None
    day: date


@dataclass
class Person:
    client_id: uuid.UUID
    birth_date: date | None
    citizenship: str | None
    # (day, event time, event id, value), in any order: sorted when read
    status_changes: list[tuple[date, datetime, str, str]] = field(default_factory=list)
    municipality_changes: list[tuple[date, datetime, str, str]] = field(default_factory=list)
    coach_changes: list[tuple[date, datetime, str, str | None]] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    # job-search periods as clients-api records them: (started, ended or None)
    periods: list[tuple[date, date | None]] = field(default_factory=list)
    # why each period ended: (ended, reason)
    period_ends: list[tuple[date, str | None]] = field(default_factory=list)
    # the highest education level by assessment: (assessed on, version, level or None)
    education_changes: list[tuple[date, int, str | None]] = field(default_factory=list)
    # supports (pay subsidy, …): (type, employer's TOL main class, starts, ends or None)
    supports: list[tuple[str, str | None, date, date | None]] = field(default_factory=list)
    # what a follow-up starts from: ended services, ended supports, completed referrals, job offers
    anchors: list[Anchor] = field(default_factory=list)
    _segments: list[Segment] | None = None

    def segments(self) -> list[Segment]:
        if self._segments is None:
            by_day: dict[date, str] = {}
            for day, _, _, status in sorted(self.status_changes):
                by_day[day] = status  # the last change of a day holds from that day
            starts: list[tuple[str, date]] = []
            for day, status in sorted(by_day.items()):
                if not starts or starts[-1][0] != status:
                    starts.append((status, day))
            self._segments = [
                Segment(status, start, starts[i + 1][1] if i + 1 < len(starts) else None)
                for i, (status, start) in enumerate(starts)
            ]
        return self._segments

    def segment_on(self, day: date) -> Segment | None:
        return next((s for s in self.segments() if s.covers(day)), None)

    def status_on(self, day: date) -> str | None:
        segment = self.segment_on(day)
        return segment.status if segment else None

    def municipality_on(self, day: date) -> str | None:
        return _value_on(self.municipality_changes, day)

    def education_on(self, day: date) -> tuple[bool, str | None]:
        """(known, level): whether an assessment recorded by ``day`` says anything, and its highest level."""
        found = [change for change in self.education_changes if change[0] <= day]
        if not found:
            return False, None
        return True, max(found, key=lambda change: (change[0], change[1]))[2]

    def coach_on(self, day: date) -> str | None:
        return _value_on(self.coach_changes, day)

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def spells(self) -> list[Segment]:
        return [s for s in self.segments() if s.status == UNEMPLOYED]

    def searches(self) -> list[tuple[date, date | None]]:
        """Job searches: (first day, the day it ended or None). The job-search periods where their events have
        arrived; otherwise runs of status segments without search_ended."""
        if self.periods:
            return sorted(self.periods)
        found: list[tuple[date, date | None]] = []
        start: date | None = None
        for segment in self.segments():
            if segment.status == ENDED:
                if start is not None:
                    found.append((start, segment.start))
                start = None
            elif start is None:
                start = segment.start
        if start is not None:
            found.append((start, None))
        return found

    def in_activating_service(self, day: date) -> bool:
        if self.episodes:
            return any(e.covers(day) and activating_on(e.service_type, day) for e in self.episodes)
        return self.status_on(day) == IN_SERVICE

    def long_term_unemployed(self, day: date) -> bool:
        """Unemployed for 12 months or more on ``day``, or in a service entered straight from such a spell."""
        segments = self.segments()
        for i, segment in enumerate(segments):
            if not segment.covers(day):
                continue
            if segment.status == UNEMPLOYED:
                return add_months(segment.start, 12) <= day
            if segment.status == IN_SERVICE and i > 0:
                before = segments[i - 1]
                return (
                    before.status == UNEMPLOYED
                    and before.end is not None
                    and add_months(before.start, 12) <= before.end
                )
        return False

    def in_group(self, group: Group, day: date) -> bool:
        if group is Group.all:
            return True
        if group is Group.under_25:
            age = self.age_on(day)
            return age is not None and age < 25
        if group is Group.under_30:
            age = self.age_on(day)
            return age is not None and age < 30
        if group is Group.foreign_citizens:
            return self.citizenship is not None and self.citizenship.upper() != "FI"
        return self.long_term_unemployed(day)


def _value_on(changes: Sequence[tuple[date, datetime, str, str | None]], day: date) -> str | None:
    value = None
    for changed_on, _, _, new in sorted(changes, key=lambda c: c[:3]):
        if changed_on > day:
            break
        value = new
    return value


@dataclass
class Cell:
    month: str
    reference_day: date | None  # the count date of a stock figure
    municipality: str | None  # None: the whole organisation
    group: Group
    breakdown: str | None
    value: float | None
    persons: int | None  # whom the figure counts (the numerator of a ratio)
    denominator: int | None = None
    available: bool = True
    suppressed: bool = False
    vintage: str | None = None
    amounts: dict[str, float] | None = None


Tally = dict[tuple[str | None, str | None], list[int]]


def tally_cells(
    month: Month, reference: date | None, group: Group, tally: Tally, value: Callable[[list[int]], float | None]
) -> list[Cell]:
    """Cells from tallies keyed (municipality, breakdown); the organisation-wide totals are added."""
    cells = []
    for (municipality, breakdown), numbers in sorted(
        tally.items(), key=lambda item: (str(item[0][0]), str(item[0][1]))
    ):
        cells.append(
            Cell(
                month=str(month),
                reference_day=reference,
                municipality=municipality,
                group=group,
                breakdown=breakdown,
                value=value(numbers),
                persons=numbers[0],
                denominator=numbers[1] if value is as_share else None,
            )
        )
    return cells


def with_totals(tally: Tally) -> Tally:
    """The tally with the organisation's totals (municipality None), always present even when zero."""
    total: Tally = defaultdict(lambda: [0, 0, 0])
    total[(None, None)]
    for (municipality, breakdown), numbers in tally.items():
        for key in {(municipality, breakdown), (None, breakdown), (None, None)}:
            for i, n in enumerate(numbers):
                total[key][i] += n
    return total


def half_up(value: float, places: int = 1) -> float:
    """Rounded as statistics are published: halves away from zero (31.25 → 31.3), not to even."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def as_count(numbers: list[int]) -> float | None:
    return float(numbers[0])


def as_share(numbers: list[int]) -> float | None:
    return half_up(100 * numbers[0] / numbers[1]) if numbers[1] else None


def as_mean(numbers: list[int]) -> float | None:
    # numbers: [persons, _, sum]
    return half_up(numbers[2] / numbers[0]) if numbers[0] else None


def stockas_count(
    people: Iterable[Person], months: list[Month], group: Group, counted: Callable[[Person, date], bool]
) -> list[Cell]:
    cells = []
    people = list(people)
    for month in months:
        day = month.count_date
        tally: Tally = defaultdict(lambda: [0, 0, 0])
        for person in people:
            if counted(person, day) and person.in_group(group, day):
                tally[(person.municipality_on(day), None)][0] += 1
        cells += tally_cells(month, day, group, with_totals(tally), as_count)
    return cells


def job_seekers(people: Iterable[Person], months: list[Month], group: Group) -> list[Cell]:
    return stockas_count(people, months, group, lambda p, d: p.status_on(d) not in (None, ENDED))


def unemployed(people: Iterable[Person], months: list[Month], group: Group) -> list[Cell]:
    return stockas_count(people, months, group, lambda p, d: p.status_on(d) == UNEMPLOYED)


def long_term_unemployed(people: Iterable[Person], months: list[Month], group: Group) -> list[Cell]:
    return stockas_count(people, months, group, lambda p, d: p.status_on(d) == UNEMPLOYED and p.long_term_unemployed(d))


def flow_over(threshold: int) -> Callable[[Iterable[Person], list[Month], Group], list[Cell]]:
    def compute(people: Iterable[Person], months: list[Month], group: Group) -> list[Cell]:
        cells = []
        people = list(people)
        for month in months:
            tally: Tally = defaultdict(lambda: [0, 0, 0])
            for person in people:
                for spell in person.spells():
                    passed = add_months(spell.start, threshold) + timedelta(days=1)
                    if passed in month and spell.covers(passed) and person.in_group(group, passed):
                        tally[(person.municipality_on(passed), None)][0] += 1
            cells += tally_cells(month, None, group, with_totals(tally), as_count)
        return cells

    return compute


def _ended(people: Iterable[Person], month: Month, group: Group) -> Tally:
    tally: Tally = defaultdict(lambda: [0, 0, 0])
    for person in people:
        for start, end in person.searches():
            if end is not None and end in month and person.in_group(group, end):
                numbers = tally[(person.municipality_on(end), None)]
                numbers[0] += 1
                numbers[2] += (end - start).days
    return tally


def ended_job_searches(people: Iterable[Person], months: list[Month], group: Group) -> list[Cell]:
    people = list(people)
    return [
        cell for m in months for cell in tally_cells(m, None, group, with_totals(_ended(people, m, group)), as_count)
    ]


def average_job_search_duration(people: Iterable[Person], months: list[Month], group: Group) -> list[Cell]:
    people = list(people)
    return [
        cell for m in months for cell in tally_cells(m, None, group, with_totals(_ended(people, m, group)), as_mean)
    ]


def activation_rate(people: Iterable[Person], months: list[Month], group: Group) -> list[Cell]:
    cells = []
    people = list(people)
    for month in months:
        day = month.count_date
        tally: Tally = defaultdict(lambda: [0, 0, 0])
        for person in people:
            if not person.in_group(group, day):
                continue
            in_service = person.in_activating_service(day)
            if in_service or person.status_on(day) == UNEMPLOYED:
                numbers = tally[(person.municipality_on(day), None)]
                numbers[0] += int(in_service)
                numbers[1] += 1
        cells += tally_cells(month, day, group, with_totals(tally), as_share)
    return cells


PERSON_FIGURES: dict[str, Callable[[Iterable[Person], list[Month], Group], list[Cell]]] = {
    "job_seekers": job_seekers,
    "unemployed_job_seekers": unemployed,
    "long_term_unemployed": long_term_unemployed,
    "flow_over_3_months": flow_over(3),
    "flow_over_6_months": flow_over(6),
    "flow_over_12_months": flow_over(12),
    "ended_job_searches": ended_job_searches,
    "average_job_search_duration": average_job_search_duration,
    "activation_rate": activation_rate,
}


SUPPRESSION_THRESHOLD = 5


def _withhold(cell: Cell) -> None:
    cell.value = None
    cell.persons = None
    cell.denominator = None
    cell.suppressed = True


def suppress(cell: Cell) -> Cell:
    """No cell counts fewer than five persons: a count, a mean's persons, a ratio's numerator or denominator of
    1 to 4 hides the cell's value and its counts."""
    small = [n for n in (cell.persons, cell.denominator) if n is not None and 0 < n < SUPPRESSION_THRESHOLD]
    if small:
        _withhold(cell)
    return cell


def suppress_all(cells: list[Cell]) -> list[Cell]:
    """Every cell suppressed on its own, then the totals protected: where a total is shown and exactly one of the
    parts that add up to it is withheld, the smallest shown part is withheld too (or the total, if none is), so
    that the withheld part cannot be had by subtraction; repeated until nothing changes. Parts of a month's total:
    the municipalities of a breakdown, the breakdowns of the organisation, the municipality-and-breakdown cells."""
    for cell in cells:
        suppress(cell)
    families: dict[tuple[str, str, str | None], list[Cell]] = defaultdict(list)
    totals: dict[tuple[str, str, str | None], Cell] = {}
    for cell in cells:
        if cell.municipality is not None:
            families[(cell.month, "municipality", cell.breakdown)].append(cell)
            if cell.breakdown is not None:
                families[(cell.month, "every", None)].append(cell)
        elif cell.breakdown is not None:
            families[(cell.month, "breakdown", None)].append(cell)
        else:
            totals[(cell.month, "breakdown", None)] = totals[(cell.month, "every", None)] = cell
        if cell.municipality is None:
            totals[(cell.month, "municipality", cell.breakdown)] = cell
    changed = True
    while changed:
        changed = False
        for key, parts in families.items():
            total = totals.get(key)
            if total is None or total.suppressed or sum(part.suppressed for part in parts) != 1:
                continue
            shown = [part for part in parts if not part.suppressed and part.persons]
            _withhold(min(shown, key=lambda part: part.persons or 0) if shown else total)
            changed = True
    return cells
