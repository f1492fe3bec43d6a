"""Deadlines of the statutory schedule for one client, computed from the job-search start and the interviews
held. Pure functions: no database, no clock (``today`` is given), so the rules can be tested exhaustively.

Every later deadline counts from when the previous interview was actually held (or, while it is not held,
from its own deadline), so recording an interview late can only move later deadlines later, never earlier.
"""

from __future__ import annotations

from collections.abc import Iterable
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


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    number: int
    due_on: date
    status: DeadlineStatus
    held_on: date | None
    rule_set: RuleSet


def _status(due_on: date, held_on: date | None, today: date) -> DeadlineStatus:
    if held_on is not None:
        return DeadlineStatus.met if held_on <= due_on else DeadlineStatus.met_late
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


def schedule(*, job_search_started_on: date, interviews_held: Iterable[date], today: date) -> list[Deadline]:
    start = job_search_started_on
    held = _Held(day for day in interviews_held if day >= start)
    deadlines: list[Deadline] = []

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
            Deadline(DeadlineKind.initial_interview, 1, due, _status(due, initial, today), initial, rules)
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
            deadlines.append(Deadline(DeadlineKind.supplementary_interview, number, due,
                                      _status(due, held_on, today), held_on, rules))
            last = held_on or due
            last_held = held_on or last_held

    # Three months run from the last discussion actually held (or the initial interview's deadline while none
    # is): a missed supplementary discussion does not postpone the next job-search discussion.
    last = last_held or first_due

    # A job-search discussion whenever three months have passed since the previous one; shown up to the
    # first that is still ahead.
    for number in range(1, MAX_PERIODIC + 1):
        rules = in_force(last)
        due = on_or_before(add_months(last, rules.periodic_months))
        rules = in_force(due)
        held_on = held.take_after(last)
        deadlines.append(Deadline(DeadlineKind.periodic_interview, number, due,
                                  _status(due, held_on, today), held_on, rules))
        last = held_on or due
        if held_on is None and due >= today:
            break

    # Nordic model: after six months of job search, an intensified month with two more discussions, every
    # half year. Judged by the rule set in force when the month begins.
    for half_year in range(1, 100):
        begins = add_months(start, 6 * half_year)
        if begins > today:
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
            deadlines.append(Deadline(DeadlineKind.intensified_interview, (half_year - 1) * 2 + extra + 1, due,
                                      _status(due, held_on, today), held_on, rules))
    return sorted(deadlines, key=lambda deadline: (deadline.due_on, deadline.kind))
