"""The euros committed by employer-api's support decisions (*sitoumukset*), by month and budget class (pure
functions), shown in the budget beside the commitments of the imported budget lines.

Each decision's euros by month are the ones it recorded (``committed_by_month`` of ``subsidy.decided``: for a pay
subsidy, the percentage of the monthly pay costs, for a month the period covers in part by the share of its days;
for a lump sum, the sum in its one month). A cancellation (``subsidy.ended`` with ``ended_on``) releases what falls
after that day: a pay subsidy keeps the days up to ``ended_on`` of the month it ends in, by the same share of days,
and nothing after; a lump sum, never paid (only a decided support can be cancelled), is released whole.

The budget class of each kind of support is the municipality's: Lahti's service plan for 2025 (*Lahden kaupungin
työllisyyspalvelujen palvelusuunnitelma 2025*, approved 27 August 2024, the table *Työllistämisen edistäminen osana
kunnan lakisääteisiä tehtäviä*) puts "Palkkatuen ja starttirahan määrät" under *määrärahasidonnainen*
(appropriation-bound: to be arranged, its extent and appropriation at the municipality's discretion), and
"Lahti-lisä yhdistyksille", "Rekrytointipalkkio yrityksille" and "Kesätyösetelit" under *vapaaehtoinen* (voluntary).
A kind not classified here is left out of the budget until it is.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

# The budget lines' category the decisions' commitments stand in (the import takes it too: "tuet", "stöd").
CATEGORY = "supports"
SUPPORT_CLASSES = {
    "pay_subsidy": "appropriation_bound",
    "recruitment_bonus": "voluntary",
    "summer_job_voucher": "voluntary",
    "association_grant": "voluntary",
}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Decision:
    """A support decision's commitment as the feed keeps it (``feed.models.SupportCommitment``)."""

    support_type: str
    starts_on: date | None
    ends_on: date | None
    by_period: bool
    months: tuple[tuple[str, Decimal], ...]  # ("YYYY-MM", euros) as the decision recorded them
    ended_on: date | None = None


@dataclass(frozen=True)
class Committed:
    """The euros the decisions commit in one month and budget class."""

    month: date
    budget_class: str
    euros: float


def _kept(decision: Decision, month: str, euros: Decimal) -> Decimal:
    """What stays committed of one month's euros after a cancellation on ``decision.ended_on``."""
    ended = decision.ended_on
    if ended is None:
        return euros
    if not decision.by_period or decision.starts_on is None or decision.ends_on is None:
        return Decimal("0.00")
    year, number = (int(part) for part in month.split("-"))
    first, last = date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])
    covered_from, covered_to = max(decision.starts_on, first), min(decision.ends_on, last)
    if ended >= covered_to:
        return euros
    if ended < covered_from:
        return Decimal("0.00")
    kept_days = (ended - covered_from).days + 1
    covered_days = (covered_to - covered_from).days + 1
    return (euros * kept_days / covered_days).quantize(CENT, rounding=ROUND_HALF_UP)


def monthly(decision: Decision) -> dict[date, Decimal]:
    """The euros that stay committed by the decision in each month (the first day of the month as the key)."""
    found: dict[date, Decimal] = {}
    for month, euros in decision.months:
        kept = _kept(decision, month, euros)
        if kept:
            year, number = (int(part) for part in month.split("-"))
            found[date(year, number, 1)] = found.get(date(year, number, 1), Decimal("0.00")) + kept
    return found


def by_class(decisions: list[Decision], first: date, last: date) -> list[Committed]:
    """The decisions' commitments summed by month (between ``first`` and ``last``) and budget class."""
    sums: dict[tuple[date, str], Decimal] = {}
    for decision in decisions:
        budget_class = SUPPORT_CLASSES.get(decision.support_type)
        if budget_class is None:
            continue
        for month, euros in monthly(decision).items():
            if first <= month <= last:
                sums[(month, budget_class)] = sums.get((month, budget_class), Decimal("0.00")) + euros
    return [Committed(month, budget_class, float(euros)) for (month, budget_class), euros in sorted(sums.items())]
