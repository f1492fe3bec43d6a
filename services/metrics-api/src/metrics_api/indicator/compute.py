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

from metrics_api.indicator.definitions import Group, activating_on
from polku_kit.calendar import add_months, local_date, on_or_before

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

    def covers(self, day: date) -> bool:
        return self.started_on <= day and (self.ended_on is None or day <= self.ended_on)


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
        """Job searches: (first day, the day it ended or None)."""
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


def _cells(
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
                denominator=numbers[1] if value is _share else None,
            )
        )
    return cells


def _with_totals(tally: Tally) -> Tally:
    """The tally with the organisation's totals (municipality None), always present even when zero."""
    total: Tally = defaultdict(lambda: [0, 0, 0])
    total[(None, None)]
    for (municipality, breakdown), numbers in tally.items():
        for key in {(municipality, breakdown), (None, breakdown), (None, None)}:
            for i, n in enumerate(numbers):
                total[key][i] += n
    return total


def _count(numbers: list[int]) -> float | None:
    return float(numbers[0])


def _share(numbers: list[int]) -> float | None:
    return round(100 * numbers[0] / numbers[1], 1) if numbers[1] else None


def _mean(numbers: list[int]) -> float | None:
    # numbers: [persons, _, sum]
    return round(numbers[2] / numbers[0], 1) if numbers[0] else None


def stock_count(
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
        cells += _cells(month, day, group, _with_totals(tally), _count)
    return cells


def job_seekers(people: Iterable[Person], months: list[Month], group: Group) -> list[Cell]:
    return stock_count(people, months, group, lambda p, d: p.status_on(d) not in (None, ENDED))


def unemployed(people: Iterable[Person], months: list[Month], group: Group) -> list[Cell]:
    return stock_count(people, months, group, lambda p, d: p.status_on(d) == UNEMPLOYED)


def long_term_unemployed(people: Iterable[Person], months: list[Month], group: Group) -> list[Cell]:
    return stock_count(people, months, group, lambda p, d: p.status_on(d) == UNEMPLOYED and p.long_term_unemployed(d))


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
            cells += _cells(month, None, group, _with_totals(tally), _count)
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
    return [cell for m in months for cell in _cells(m, None, group, _with_totals(_ended(people, m, group)), _count)]


def average_job_search_duration(people: Iterable[Person], months: list[Month], group: Group) -> list[Cell]:
    people = list(people)
    return [cell for m in months for cell in _cells(m, None, group, _with_totals(_ended(people, m, group)), _mean)]


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
        cells += _cells(month, day, group, _with_totals(tally), _share)
    return cells


@dataclass(frozen=True)
class Deadline:
    client_id: uuid.UUID
    kind: str
    number: int
    due_on: date
    rule_set: str | None
    outcome: str


def deadlines(
    outcome: str, people: dict[uuid.UUID, Person], rows: Iterable[Deadline], months: list[Month]
) -> list[Cell]:
    cells = []
    rows = [row for row in rows if row.outcome == outcome and row.client_id in people]
    for month in months:
        tally: Tally = defaultdict(lambda: [0, 0, 0])
        for row in rows:
            if row.due_on in month:
                person = people[row.client_id]
                tally[(person.municipality_on(row.due_on), f"{row.kind}/{row.rule_set or 'unknown'}")][0] += 1
        cells += _cells(month, None, Group.all, _with_totals(tally), _count)
    return cells


def caseload_per_coach(people: Iterable[Person], months: list[Month]) -> list[Cell]:
    cells = []
    people = list(people)
    for month in months:
        day = month.count_date
        per_coach: dict[str, int] = defaultdict(int)
        for person in people:
            coach = person.coach_on(day)
            if coach is not None and person.status_on(day) in IN_SCHEDULE:
                per_coach[coach] += 1
        for coach, count in sorted(per_coach.items()):
            cells.append(Cell(str(month), day, None, Group.all, coach, float(count), count))
        clients, coaches = sum(per_coach.values()), len(per_coach)
        cells.append(
            Cell(
                str(month),
                day,
                None,
                Group.all,
                None,
                round(clients / coaches, 1) if coaches else None,
                clients,
                coaches,
            )
        )
    return cells


@dataclass(frozen=True)
class ReferralFacts:
    referral_id: uuid.UUID
    partner_organisation_id: uuid.UUID
    sent_at: datetime | None
    first_response_at: datetime | None
    accepted_at: datetime | None


def _referral_tally(rows: Iterable[ReferralFacts], month: Month, hours: bool) -> Tally:
    tally: Tally = defaultdict(lambda: [0, 0, 0])
    tally[(None, None)]
    for row in rows:
        if row.sent_at is None or local_date(row.sent_at) not in month:
            continue
        for key in ((None, str(row.partner_organisation_id)), (None, None)):
            numbers = tally[key]
            if hours:
                if row.first_response_at is not None:
                    numbers[0] += 1
                    numbers[2] += int((row.first_response_at - row.sent_at).total_seconds())
            else:
                numbers[0] += int(row.accepted_at is not None)
                numbers[1] += 1
    return tally


def referral_fill_rate(rows: Iterable[ReferralFacts], months: list[Month]) -> list[Cell]:
    rows = list(rows)
    return [cell for m in months for cell in _cells(m, None, Group.all, _referral_tally(rows, m, False), _share)]


def _mean_hours(numbers: list[int]) -> float | None:
    # numbers: [answered, _, seconds]
    return round(numbers[2] / numbers[0] / 3600, 1) if numbers[0] else None


def referral_first_response_time(rows: Iterable[ReferralFacts], months: list[Month]) -> list[Cell]:
    rows = list(rows)
    return [cell for m in months for cell in _cells(m, None, Group.all, _referral_tally(rows, m, True), _mean_hours)]


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


@dataclass(frozen=True)
class LabourForceRow:
    municipality: str
    month: date
    labour_force: int
    population: int
    vintage: str


def latest(rows: Iterable[LabourForceRow], municipality: str, month: Month) -> LabourForceRow | None:
    """The municipality's row of the latest month at or before ``month``."""
    found = [r for r in rows if r.municipality == municipality and r.month <= month.first]
    return max(found, key=lambda r: r.month) if found else None


def share_of_labour_force(unemployed_cells: list[Cell], rows: list[LabourForceRow]) -> list[Cell]:
    """Unemployed job seekers (cells by municipality) over the imported labour force."""
    cells = []
    for month_text in dict.fromkeys(c.month for c in unemployed_cells):
        month = Month.parse(month_text)
        of_month = [c for c in unemployed_cells if c.month == month_text]
        counted = {c.municipality: c.persons or 0 for c in of_month if c.municipality is not None}
        places = sorted(set(counted) | {r.municipality for r in rows if r.month <= month.first})
        total_n = total_d = 0
        vintages = set()
        for place in places:
            row = latest(rows, place, month)
            if row is None:
                continue
            n = counted.get(place, 0)
            total_n, total_d = total_n + n, total_d + row.labour_force
            vintages.add(row.vintage)
            cells.append(
                Cell(
                    month_text,
                    of_month[0].reference_day,
                    place,
                    of_month[0].group,
                    None,
                    _share([n, row.labour_force]),
                    n,
                    row.labour_force,
                    vintage=row.vintage,
                )
            )
        cells.append(
            Cell(
                month_text,
                of_month[0].reference_day,
                None,
                of_month[0].group,
                None,
                _share([total_n, total_d]),
                total_n,
                total_d,
                available=bool(total_d),
                vintage="; ".join(sorted(vintages)) or None,
            )
        )
    return cells


@dataclass(frozen=True)
class BenefitRow:
    municipality: str
    month: date
    benefit_type: str
    recipients: int
    euros: float
    vintage: str


def kela_benefits(rows: list[BenefitRow], months: list[Month]) -> list[Cell]:
    cells = []
    for month in months:
        for row in sorted((r for r in rows if r.month == month.first), key=lambda r: (r.municipality, r.benefit_type)):
            cells.append(
                Cell(
                    str(month),
                    None,
                    row.municipality,
                    Group.all,
                    row.benefit_type,
                    row.euros,
                    row.recipients,
                    vintage=row.vintage,
                )
            )
    return cells


def per_resident(benefits: list[BenefitRow], population: list[LabourForceRow], months: list[Month]) -> list[Cell]:
    cells = []
    for month in months:
        for row in sorted((r for r in benefits if r.month == month.first), key=lambda r: r.municipality):
            people = latest(population, row.municipality, month)
            if people is None or not people.population:
                cells.append(
                    Cell(
                        str(month),
                        None,
                        row.municipality,
                        Group.all,
                        None,
                        None,
                        row.recipients,
                        available=False,
                        vintage=row.vintage,
                    )
                )
                continue
            cells.append(
                Cell(
                    str(month),
                    None,
                    row.municipality,
                    Group.all,
                    None,
                    round(row.euros / people.population, 2),
                    row.recipients,
                    vintage=f"{row.vintage}; {people.vintage}",
                )
            )
    return cells


@dataclass(frozen=True)
class BudgetRow:
    month: date
    line: str
    category: str
    budget_class: str
    budgeted: float
    actual: float | None
    committed: float | None


def budget(rows: list[BudgetRow], months: list[Month]) -> list[Cell]:
    """By month and (category, class): the month's sums, and the year's budget, actuals so far and run-rate forecast."""
    cells = []
    for month in months:
        keys = sorted({(r.category, r.budget_class) for r in rows if r.month.year == month.year})
        for category, budget_class in keys:
            mine = [
                r
                for r in rows
                if (r.category, r.budget_class) == (category, budget_class) and r.month.year == month.year
            ]
            this = [r for r in mine if r.month == month.first]
            so_far = [r for r in mine if r.month <= month.first and r.actual is not None]
            actual_months = {r.month.month for r in so_far}
            to_date = sum(r.actual or 0.0 for r in so_far)
            forecast = None
            if actual_months:
                forecast = round(to_date + to_date / len(actual_months) * (12 - max(actual_months)), 2)
            actuals = [r.actual for r in this if r.actual is not None]
            commitments = [r.committed for r in this if r.committed is not None]
            cells.append(
                Cell(
                    str(month),
                    None,
                    None,
                    Group.all,
                    f"{category}/{budget_class}",
                    round(sum(actuals), 2) if actuals else None,
                    None,
                    amounts={
                        "budgeted": round(sum(r.budgeted for r in this), 2),
                        "actual": round(sum(actuals), 2) if actuals else 0.0,
                        "committed": round(sum(commitments), 2) if commitments else 0.0,
                        "year_budget": round(sum(r.budgeted for r in mine), 2),
                        "year_actual_to_date": round(to_date, 2),
                        **({"year_end_forecast": forecast} if forecast is not None else {}),
                    },
                )
            )
    return cells


SUPPRESSION_THRESHOLD = 5


def suppress(cell: Cell) -> Cell:
    """No cell counts fewer than five persons: a count, a mean's persons, a ratio's numerator or denominator of
    1 to 4 hides the cell's value and its counts."""
    small = [n for n in (cell.persons, cell.denominator) if n is not None and 0 < n < SUPPRESSION_THRESHOLD]
    if small:
        cell.value = None
        cell.persons = None
        cell.denominator = None
        cell.suppressed = True
    return cell
