"""The window a meeting must fall in to serve a deadline of the statutory schedule: pure, no database, no clock.

An interview counts for a deadline when it is held after the one before it in the same chain (the deadline's
rules in :func:`clients_api.schedule.deadlines.schedule_with_horizon`: each job-search discussion counts from
the initial interview or the previous discussion, each supplementary one from the one before it), and at the
latest on the deadline's day. So the window opens the day after the previous deadline of the chain was held (or
fell due, while it is not held), and closes on the deadline's day. A meeting is booked ahead, so the window
never opens before today. A deadline already overdue can only be met late: its window is the catch-up period of
:data:`CATCH_UP_DAYS` from today (Decision 37).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from clients_api.schedule.deadlines import Deadline, DeadlineKind
from polku_kit.calendar import add_months

# The kinds of deadline an interview meets (the plan is made in an interview, not booked for itself).
BOOKABLE = frozenset(
    {
        DeadlineKind.initial_interview,
        DeadlineKind.supplementary_interview,
        DeadlineKind.periodic_interview,
        DeadlineKind.intensified_interview,
    }
)

# How many days from today an overdue deadline's meeting may be booked: "without undue delay" (380/2023 ch. 4),
# read as within two weeks, Polku's choice (Decision 37).
CATCH_UP_DAYS = 14


@dataclass(frozen=True)
class Window:
    opens_on: date
    closes_on: date
    late: bool  # the deadline is overdue: a meeting in this window meets it late


def window(deadlines: Sequence[Deadline], deadline: Deadline, *, started_on: date, today: date) -> Window:
    """The days on which a meeting serves ``deadline`` (one of ``deadlines``, the client's schedule)."""
    if deadline.due_on < today:
        return Window(today, today + timedelta(days=CATCH_UP_DAYS), late=True)
    opens = _chain_start(deadlines, deadline, started_on) + timedelta(days=1)
    return Window(max(opens, today), deadline.due_on, late=False)


def _chain_start(deadlines: Sequence[Deadline], deadline: Deadline, started_on: date) -> date:
    """The day after which an interview counts for ``deadline``."""
    if deadline.kind is DeadlineKind.initial_interview:
        return started_on - timedelta(days=1)
    if deadline.kind is DeadlineKind.intensified_interview:
        return add_months(deadline.due_on, -1) - timedelta(days=1)
    previous = [d for d in deadlines if d.kind is deadline.kind and d.number == deadline.number - 1]
    if not previous:
        previous = [d for d in deadlines if d.kind is DeadlineKind.initial_interview]
    if not previous:
        return started_on - timedelta(days=1)
    before = previous[0]
    return before.held_on or before.due_on
