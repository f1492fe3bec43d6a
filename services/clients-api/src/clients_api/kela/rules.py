"""The 300-day trigger of the multi-sectoral joint service (TYP), as pure functions (no database, no clock).

Laki työllistymistä edistävästä monialaisesta yhteispalvelusta 1369/2014, 2 § 2 mom. (as amended by 935/2022;
carried into Laki työllistymisen monialaisesta edistämisestä 381/2023), the provision of the 6- and 12-month
triggers (:mod:`clients_api.caseload.filters`): the need for the joint service is also assessed when an
unemployed person has received labour-market subsidy on the ground of unemployment for at least 300 days.

Labour-market subsidy is paid for five days a calendar week, Monday to Friday (työttömyysturvalaki 1290/2002),
so a count goes on growing by five days a week while the person stays unemployed: the day the threshold is
reached is projected so from the day Kela counted.
"""

from __future__ import annotations

from datetime import date, timedelta

THRESHOLD_DAYS = 300
PAID_WEEKDAYS = 5  # Monday to Friday


def threshold_reached_on(days: int, counted_on: date) -> date:
    """The day the count reaches ``THRESHOLD_DAYS`` if a subsidy day is paid every weekday after
    ``counted_on``; ``counted_on`` itself when the count had reached it already."""
    remaining = THRESHOLD_DAYS - days
    day = counted_on
    if remaining <= 0:
        return day
    while day.weekday() >= PAID_WEEKDAYS:  # counted at a weekend: as if on the Friday, no day is paid between
        day -= timedelta(days=1)
    weeks, rest = divmod(remaining, PAID_WEEKDAYS)
    day += timedelta(weeks=weeks)
    while rest:
        day += timedelta(days=1)
        if day.weekday() < PAID_WEEKDAYS:
            rest -= 1
    return day
