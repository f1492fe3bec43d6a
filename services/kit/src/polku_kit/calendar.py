"""Working days (*arkipäivät*) for deadlines: Monday to Friday, except Finnish public holidays and
Christmas Eve and Midsummer Eve, which the ``holidays`` package's Finland calendar includes. Dates are
Europe/Helsinki calendar days (:func:`today`). Used by clients-api (statutory interview deadlines) and
referrals-api (the partner's agreed answer time)."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

HELSINKI = ZoneInfo("Europe/Helsinki")


def today() -> date:
    """Today in Europe/Helsinki."""
    return datetime.now(HELSINKI).date()


def local_date(moment: datetime) -> date:
    """The Europe/Helsinki calendar day of a moment."""
    return moment.astimezone(HELSINKI).date()


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("FI", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


@lru_cache(maxsize=65536)  # deadlines of a whole caseload are computed on each due list: same days, same answers
def add_working_days(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself is day zero)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is before ``start``."""
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


@lru_cache(maxsize=65536)
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
