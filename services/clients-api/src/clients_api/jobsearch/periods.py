"""Review periods (*tarkastelujaksot*) of the job-search obligation and the shortfall in each. Pure functions.

Periods run back to back from the day the obligation was first set in a plan. Each period takes its length
and required number from the plan version in force on its first day (Työttömyysturvalaki 1290/2002 2 a luku;
the obligation is recorded in the employment plan, Act 380/2023)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from polku_kit.calendar import add_months

MAX_PERIODS = 240


@dataclass(frozen=True)
class Obligation:
    effective_on: date
    applications_per_period: int
    period_months: int


@dataclass(frozen=True)
class Period:
    starts_on: date
    ends_on: date
    required: int
    reported: int
    closed: bool

    @property
    def shortfall(self) -> int:
        return max(0, self.required - self.reported)


def periods(*, obligations: Sequence[Obligation], applied_on: Iterable[date], today: date) -> list[Period]:
    """The periods from the first obligation up to the one that contains ``today``."""
    if not obligations:
        return []
    ordered = sorted(obligations, key=lambda obligation: obligation.effective_on)
    days = sorted(applied_on)
    found: list[Period] = []
    start = ordered[0].effective_on
    while start <= today and len(found) < MAX_PERIODS:
        obligation = [o for o in ordered if o.effective_on <= start][-1]
        ends = add_months(start, obligation.period_months) - timedelta(days=1)
        reported = sum(start <= day <= ends for day in days)
        found.append(Period(start, ends, obligation.applications_per_period, reported, closed=ends < today))
        start = ends + timedelta(days=1)
    return found
