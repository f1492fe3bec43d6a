"""Deadlines of the statutory schedule for one client, computed from the job-search start and the interviews
held. Pure functions: no database, no clock (``today`` is given), so the rules can be tested exhaustively.

Every later deadline counts from when the previous interview was actually held (or, while it is not held,
from its own deadline), so recording an interview late can only move later deadlines later, never earlier.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from clients_api.schedule.rules import RULE_SETS, RuleSet, in_force
from polku_kit.calendar import add_months, add_working_days, on_or_before

# How many periodic deadlines ahead of today to show (the next one is what a coach plans for).
MAX_PERIODIC = 60


class DeadlineKind(StrEnum):
    initial_interview = "initial_interview"
    supplementary_interview = "supplementary_interview"
    periodic_interview = "periodic_interview"
    intensified_interview = "intensified_interview"


class DeadlineStatus(StrEnum):
    met = "met"
    met_late = "met_late"
    due = "due"
    overdue = "overdue"
    waived = "waived"  # not held, and the coach recorded why it need not be (a waiver with a reason)


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    number: int
    due_on: date
    status: DeadlineStatus
    held_on: date | None
    rule_set: RuleSet


@dataclass(frozen=True)
class SupplementaryNeed:
    """A need for more support recorded in the assessment on ``recorded_on``; ``count`` supplementary
    discussions, or the rule set's default when ``None``."""

    recorded_on: date
    count: int | None = None


def _status(due_on: date, held_on: date | None, today: date, waived: bool = False) -> DeadlineStatus:
    if held_on is not None:
        return DeadlineStatus.met if held_on <= due_on else DeadlineStatus.met_late
    if waived:
        return DeadlineStatus.waived
    return DeadlineStatus.overdue if today > due_on else DeadlineStatus.due


class _Held:
    """The interviews held, taken in date order as deadlines claim them."""

    def __init__(self, days: Iterable[date]):
        self._days = sorted(days)

    def take_after(self, after: date) -> date | None:
        for index, day in enumerate(self._days):
            if day > after:
                return self._days.pop(index)
        return None


def schedule(
    *,
    job_search_started_on: date,
    interviews_held: Iterable[date],
    today: date,
    waived: Collection[tuple[DeadlineKind, int]] = (),
    supplementary_need: SupplementaryNeed | None = None,
) -> list[Deadline]:
    """Every deadline of one job search. ``waived`` names deadlines (kind, number) the coach waived with a
    reason: not held, they are ``waived`` instead of due or overdue, and later deadlines count from their due
    day as from any deadline not held. ``supplementary_need`` adds the need-based supplementary discussions of
    a rule set that has them (2026)."""
    return schedule_with_horizon(
        job_search_started_on=job_search_started_on,
        interviews_held=interviews_held,
        today=today,
        waived=waived,
        supplementary_need=supplementary_need,
    )[0]


def schedule_with_horizon(
    *,
    job_search_started_on: date,
    interviews_held: Iterable[date],
    today: date,
    waived: Collection[tuple[DeadlineKind, int]] = (),
    supplementary_need: SupplementaryNeed | None = None,
) -> tuple[list[Deadline], date]:
    """:func:`schedule`, and the last day until which it stays the same: for every day ``d`` from ``today`` to
    that day, ``schedule(today=d)`` has the same deadlines (kind, number, due day, day held, rule set), and only
    the statuses of open deadlines move (:func:`status_on`), so stored deadlines need no rewrite until then.

    Today enters the schedule in two places only: the job-search discussions are listed up to the first not held
    that falls due on or after today (so the list grows the day after that one falls due), and an intensified
    month is listed once it has begun. ``date.max`` when neither can change any more."""
    interviews_held = list(interviews_held)
    start = job_search_started_on
    waived = frozenset(waived)

    def status(kind: DeadlineKind, number: int, due_on: date, held_on: date | None) -> DeadlineStatus:
        return _status(due_on, held_on, today, (kind, number) in waived)

    held = _Held(day for day in interviews_held if day >= start)
    deadlines: list[Deadline] = []
    need_based_held: list[date] = []

    if start < RULE_SETS[0].valid_from:
        # The job search began under rules Polku does not hold: no initial or supplementary deadlines are
        # judged, and the three-month rhythm runs from the first day of the earliest rule set held.
        last_held = None
        first_due = RULE_SETS[0].valid_from
    else:
        # Initial interview, by the rule set in force when the job search started.
        rules = in_force(start)
        due = add_working_days(start, rules.initial_interview_working_days)
        initial = held.take_after(start - timedelta(days=1))
        deadlines.append(
            Deadline(
                DeadlineKind.initial_interview,
                1,
                due,
                status(DeadlineKind.initial_interview, 1, due, initial),
                initial,
                rules,
            )
        )
        first_due = due
        last = initial or due
        last_held = initial

        # Supplementary discussions on a fixed schedule, where the rule set in force still has one.
        base_rules = in_force(last)
        limit = add_months(last, base_rules.supplementary_within_months)
        for number in range(1, base_rules.supplementary_count + 1):
            due = on_or_before(min(last + timedelta(days=base_rules.supplementary_interval_days), limit))
            rules = in_force(due)
            if rules.supplementary_count == 0:
                break  # the schedule was lifted before this one fell due
            held_on = held.take_after(last)
            deadlines.append(
                Deadline(
                    DeadlineKind.supplementary_interview,
                    number,
                    due,
                    status(DeadlineKind.supplementary_interview, number, due, held_on),
                    held_on,
                    rules,
                )
            )
            last = held_on or due
            last_held = held_on or last_held

        # Supplementary discussions as the recorded service need requires, where the rule set in force when
        # the need was recorded has them (2026: Act 380/2023 ch. 6 as amended by HE 108/2025). They count
        # from the later of the need's recording and the last discussion, one interval apart.
        if supplementary_need is not None:
            anchor = max(last, supplementary_need.recorded_on)
            need_rules = in_force(anchor)
            count = (
                need_rules.need_based_supplementary_count
                if supplementary_need.count is None
                else supplementary_need.count
            )
            if need_rules.need_based_supplementary and count > 0:
                first_number = sum(d.kind is DeadlineKind.supplementary_interview for d in deadlines) + 1
                interval = timedelta(days=need_rules.need_based_supplementary_interval_days)
                for number in range(first_number, first_number + count):
                    due = on_or_before(anchor + interval)
                    held_on = held.take_after(anchor)
                    deadlines.append(
                        Deadline(
                            DeadlineKind.supplementary_interview,
                            number,
                            due,
                            status(DeadlineKind.supplementary_interview, number, due, held_on),
                            held_on,
                            need_rules,
                        )
                    )
                    anchor = held_on or due
                    if held_on is not None:
                        need_based_held.append(held_on)

    # Three months run from the last discussion actually held (or the initial interview's deadline while none
    # is): a missed supplementary discussion does not postpone the next job-search discussion.
    last = last_held or first_due

    # A job-search discussion whenever three months have passed since the previous one; shown up to the
    # first that is still ahead.
    valid_until = date.max
    for number in range(1, MAX_PERIODIC + 1):
        rules = in_force(last)
        due = on_or_before(add_months(last, rules.periodic_months))
        # A need-based supplementary discussion held before this one fell due restarts the three months
        # (it is a job-search discussion too); one held later leaves this deadline as it is.
        while restart := [day for day in need_based_held if last < day <= due]:
            last = restart[-1]
            due = on_or_before(add_months(last, in_force(last).periodic_months))
        rules = in_force(due)
        held_on = held.take_after(last)
        deadlines.append(
            Deadline(
                DeadlineKind.periodic_interview,
                number,
                due,
                status(DeadlineKind.periodic_interview, number, due, held_on),
                held_on,
                rules,
            )
        )
        last = held_on or due
        if held_on is None and due >= today:
            valid_until = due  # the day after it falls due unmet, the next discussion is listed
            break

    # Nordic model: after six months of job search, an intensified month with two more discussions, every
    # half year. Judged by the rule set in force when the month begins.
    for half_year in range(1, 100):
        begins = add_months(start, 6 * half_year)
        if begins > today:
            valid_until = min(valid_until, _before_next_intensified_month(start, half_year, today))
            break
        if begins < RULE_SETS[0].valid_from:
            continue
        rules = in_force(begins)
        if rules.intensified_extra == 0:
            continue
        due = on_or_before(add_months(begins, 1))
        window = [day for day in interviews_held if begins <= day <= due]
        for extra in range(rules.intensified_extra):
            held_on = window[extra] if extra < len(window) else None
            number = (half_year - 1) * 2 + extra + 1
            deadlines.append(
                Deadline(
                    DeadlineKind.intensified_interview,
                    number,
                    due,
                    status(DeadlineKind.intensified_interview, number, due, held_on),
                    held_on,
                    rules,
                )
            )
    return sorted(deadlines, key=lambda deadline: (deadline.due_on, deadline.kind)), valid_until


def _before_next_intensified_month(start: date, half_year: int, today: date) -> date:
    """The day before the next intensified month (from ``half_year`` on, beginning after ``today``) that adds
    deadlines; ``date.max`` when no rule set from then on has intensified months."""
    for later in range(half_year, 100):
        begins = add_months(start, 6 * later)
        if begins < RULE_SETS[0].valid_from:
            continue
        rules = in_force(begins)
        if rules.intensified_extra > 0:
            return begins - timedelta(days=1)
        if rules.valid_until is None:
            return date.max  # the rules in force from then on have no intensified months
    return date.max


def status_on(due_on: date, held_on: date | None, waived: bool, today: date) -> DeadlineStatus:
    """The status on ``today`` of a deadline stored with its due day, the day it was held and whether it was
    waived: the same as :func:`schedule` gives it on that day."""
    return _status(due_on, held_on, today, waived)
