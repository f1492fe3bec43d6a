"""Working days (*arkipäivät*) for statutory deadlines: Monday to Friday, except Finnish public holidays and
Christmas Eve and Midsummer Eve, which the ``holidays`` package's Finland calendar includes. Dates are
Europe/Helsinki calendar days."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Finland(years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself is day zero)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def on_or_before(day: date) -> date:
    """``day`` if it is a working day, else the working day before it: a deadline never falls on a day off,
    and moving it earlier keeps the legal limit."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or that month's last day when it is shorter (31 Jan + 1 → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
