"""Pay subsidy (*palkkatuki*) as data: the grounds the law gives, each with its percentage of the pay costs and
the longest period granted at once, and how the euros committed fall on the months of the period.

Source: Laki julkisesta työvoima- ja yrityspalvelusta (916/2012), 7 luku (*Palkkatuki*), as worded by the reform
of 1 July 2023 (371/2023, HE 175/2022, TyVM 25/2022) and in force in 2025–2026 (the organisation of the services
moved to Laki työvoimapalvelujen järjestämisestä 380/2023 on 1 January 2025; the pay subsidy's percentages and
periods did not change):

- 50 % of the pay costs for hiring an unemployed job seeker who is a disadvantaged worker, at most 12 months at a
  time (``unemployed``);
- 70 % when the person's injury or illness substantially affects their performance in the work (*alentuneesti
  työkykyinen*), at most 24 months at a time (``reduced_productivity``);
- 100 % for an association, foundation or registered religious community hiring a person unemployed for a long
  time for work that is not business, at most 12 months (``association_long_term_unemployed``);
- 50 % for apprenticeship training (*oppisopimuskoulutus*), for the whole apprenticeship (``apprenticeship``: no
  longest period of its own).

A new rule set is a new entry with its start date.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from polku_kit.calendar import local_date


@dataclass(frozen=True)
class Ground:
    code: str
    percent: int
    longest_months: int | None  # None: as long as the training agreement runs


RULES_FROM = date(2025, 1, 1)
GROUNDS = {
    ground.code: ground
    for ground in (
        Ground("unemployed", 50, 12),
        Ground("reduced_productivity", 70, 24),
        Ground("association_long_term_unemployed", 100, 12),
        Ground("apprenticeship", 50, None),
    )
}
CENT = Decimal("0.01")


def latest_end(starts_on: date, months: int) -> date:
    """The last day of a period of ``months`` months from ``starts_on``: the day before the day of the same number
    ``months`` later (1 March, 12 months: the last of February next year), or the last day of that month when it
    has no such day (31 January, one month: 28 February, the whole of February)."""
    month = starts_on.month - 1 + months
    year, month = starts_on.year + month // 12, month % 12 + 1
    days = calendar.monthrange(year, month)[1]
    if starts_on.day > days:
        return date(year, month, days)
    return date(year, month, starts_on.day) - timedelta(days=1)


def committed_by_month(
    starts_on: date, ends_on: date, monthly_wage_cost: Decimal, percent: int
) -> list[tuple[str, Decimal]]:
    """The euros committed in each calendar month of the period: the monthly wage cost times the percentage, for
    a month the period covers only in part, by the share of its days covered. ``YYYY-MM`` and euros."""
    monthly = monthly_wage_cost * percent / 100
    found = []
    day = starts_on
    while day <= ends_on:
        days_in_month = calendar.monthrange(day.year, day.month)[1]
        last = min(ends_on, date(day.year, day.month, days_in_month))
        covered = (last - day).days + 1
        euros = (monthly * covered / days_in_month).quantize(CENT, rounding=ROUND_HALF_UP)
        found.append((f"{day.year:04d}-{day.month:02d}", euros))
        day = last + timedelta(days=1)
    return found


def ended_on(cancelled_at: datetime) -> date:
    """The day a support ended when it was cancelled at ``cancelled_at``: the calendar day in Finland
    (Europe/Helsinki), whose day begins two hours (three in summer) before UTC's. A cancellation at 00:30 on
    5 December in Lahti is 22:30 on 4 December in UTC, and ends the support on the 5th."""
    return local_date(cancelled_at)
