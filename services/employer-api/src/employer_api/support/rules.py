"""Pay subsidy (*palkkatuki*) as data: the grounds the law gives, each with its percentage of the pay costs and
the longest period granted at once, and how the euros committed fall on the months of the period.

Source: Laki julkisesta työvoima- ja yrityspalvelusta (380/2023), the pay subsidy provisions in force from
1 January 2025, which continue those of the reform of 1 July 2023: 50 % of the pay costs for hiring an unemployed
job seeker (at most 12 months at a time), 70 % when the person's injury or illness reduces their productivity
(at most 24 months at a time), and 100 % for an association, foundation or registered religious community hiring
a person unemployed for a long time, for work other than business (at most 12 months). Check the figures against
the law in force when the rules are next updated; a new rule set is a new entry with its start date.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Ground:
    code: str
    percent: int
    longest_months: int


RULES_FROM = date(2025, 1, 1)
GROUNDS = {
    ground.code: ground
    for ground in (
        Ground("unemployed", 50, 12),
        Ground("reduced_productivity", 70, 24),
        Ground("association_long_term_unemployed", 100, 12),
    )
}
CENT = Decimal("0.01")


def latest_end(starts_on: date, months: int) -> date:
    """The last day of a period of ``months`` months from ``starts_on`` (1 March, 12 months: the last of
    February next year)."""
    month = starts_on.month - 1 + months
    year, month = starts_on.year + month // 12, month % 12 + 1
    day = min(starts_on.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) - timedelta(days=1)


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
