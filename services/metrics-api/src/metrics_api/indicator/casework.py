"""Case-work figures: statutory deadlines, caseloads, referrals (pure functions, as in ``compute``)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from metrics_api.indicator.compute import (
    IN_SCHEDULE,
    Cell,
    Month,
    Person,
    Tally,
    as_count,
    as_mean,
    as_share,
    half_up,
    tally_cells,
    with_totals,
)
from metrics_api.indicator.definitions import Group
from polku_kit.calendar import local_date


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
        cells += tally_cells(month, None, Group.all, with_totals(tally), as_count)
    return cells


def caseload_per_coach(people: Iterable[Person], months: list[Month]) -> list[Cell]:
    people = list(people)
    loads: dict[tuple[date, str], int] = defaultdict(int)
    for month in months:
        day = month.count_date
        for person in people:
            coach = person.coach_on(day)
            if coach is not None and person.status_on(day) in IN_SCHEDULE:
                loads[(day, coach)] += 1
    return caseload_cells(months, loads)


def caseload_cells(months: list[Month], loads: dict[tuple[date, str], int]) -> list[Cell]:
    """A cell per coach with clients in the schedule on the count date, and the mean per coach (``loads``: clients
    by count date and coach)."""
    cells = []
    for month in months:
        day = month.count_date
        per_coach = {coach: count for (on, coach), count in loads.items() if on == day}
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
                half_up(clients / coaches) if coaches else None,
                clients,
                # the coaches are staff, not the persons a cell must not reveal: not a denominator to suppress by
                amounts={"coaches": float(coaches)},
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
    return [cell for m in months for cell in tally_cells(m, None, Group.all, _referral_tally(rows, m, False), as_share)]


def as_mean_hours(numbers: list[int]) -> float | None:
    # numbers: [answered, _, seconds]
    return half_up(numbers[2] / numbers[0] / 3600) if numbers[0] else None


def referral_first_response_time(rows: Iterable[ReferralFacts], months: list[Month]) -> list[Cell]:
    rows = list(rows)
    return [
        cell for m in months for cell in tally_cells(m, None, Group.all, _referral_tally(rows, m, True), as_mean_hours)
    ]


@dataclass(frozen=True)
class IssuedStatement:
    municipality: str | None
    neglected_on: date
    issued_on: date


def statement_processing_time(rows: Iterable[IssuedStatement], months: list[Month]) -> list[Cell]:
    """Statements issued during the month: the mean of days from the neglect to the statement."""
    rows = list(rows)
    cells = []
    for month in months:
        tally: Tally = defaultdict(lambda: [0, 0, 0])
        for row in rows:
            if row.issued_on in month:
                numbers = tally[(row.municipality, None)]
                numbers[0] += 1
                numbers[2] += (row.issued_on - row.neglected_on).days
        cells += tally_cells(month, None, Group.all, with_totals(tally), as_mean)
    return cells
