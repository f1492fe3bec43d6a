"""The start of a client's current continuous unemployment (*yhdenjaksoinen työttömyys*), from the status history.

Pure functions: no database, no clock. Dates are Europe/Helsinki calendar days.

Rules:

- Only the status ``unemployed`` counts as unemployment. A period in any other status — employed, in
  education, in an activating service (pay-subsidised work, work trial, labour-market training, coaching,
  rehabilitative work activity...), outside the labour force, job search ended — breaks continuity, whatever
  its length (DOMAIN.md, "Long-term unemployed" and the structural-unemployment definition, which counts a
  person coming out of a service as newly unemployed).
- The law ties the multi-sectoral joint service thresholds to a person who has been "yhdenjaksoisesti työtön"
  in the sense of the Act on Public Employment and Business Service 916/2012, 1 ch. 3 § 1 mom. 3 kohta
  (Laki työllistymistä edistävästä monialaisesta yhteispalvelusta 1369/2014, 2 § 2 mom., as amended by
  935/2022; carried into Laki työllistymisen monialaisesta edistämisestä 381/2023). Neither text read gives a
  tolerance for short breaks, so none is applied: ``TOLERATED_BREAK_DAYS`` is 0. If a rule set later grants
  one, change that constant and the property tests show what moves.
- Several changes on one day: the last one recorded that day is the status for that day, so a status
  corrected within the same day (employed, then back to unemployed) is no break.
- A change dated after ``today`` is not yet in effect.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

UNEMPLOYED = "unemployed"
# A break of at most this many days does not interrupt continuity. The law read gives none (see above).
TOLERATED_BREAK_DAYS = 0


@dataclass(frozen=True)
class StatusEntry:
    """One row of the status history: the status the client has from ``changed_on`` on."""

    status: str
    changed_on: date
    recorded_at: datetime | None = None


def _by_day(history: Iterable[StatusEntry], today: date) -> list[tuple[date, str]]:
    """The status in force at the end of each day on which it changed, oldest first."""
    ordered = sorted(
        (entry for entry in history if entry.changed_on <= today),
        key=lambda entry: (entry.changed_on, entry.recorded_at or datetime.min.replace(tzinfo=UTC)),
    )
    days: dict[date, str] = {}
    for entry in ordered:
        days[entry.changed_on] = entry.status  # the last recorded that day wins
    return sorted(days.items())


def unemployed_since(history: Iterable[StatusEntry], today: date) -> date | None:
    """The first day of the current continuous unemployment, or ``None`` if the client is not unemployed today."""
    start: date | None = None
    break_began: date | None = None
    for day, status in _by_day(history, today):
        if status == UNEMPLOYED:
            if start is None:
                start = day
            elif break_began is not None and (day - break_began).days > TOLERATED_BREAK_DAYS:
                start = day  # the break was long enough to interrupt: a new period begins
            break_began = None
        elif start is not None and break_began is None:
            break_began = day
    if start is None or break_began is not None:
        return None
    return start


Spell = tuple[date, date | None]


def _merge(spells: list[tuple[date, date | None]]) -> list[Spell]:
    """Join spells that touch or overlap (a break of at most ``TOLERATED_BREAK_DAYS`` days is no break)."""
    merged: list[Spell] = []
    for start, end in sorted(spells, key=lambda spell: spell[0]):
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None or (start - last_end).days - 1 <= TOLERATED_BREAK_DAYS:
                merged[-1] = (last_start, None if last_end is None or end is None else max(last_end, end))
                continue
        merged.append((start, end))
    return merged


def unemployment_spells(history: Iterable[StatusEntry], periods: Iterable[Spell] | None = None) -> list[Spell]:
    """The spells of continuous unemployment (first day, last day or ``None`` while it lasts), oldest first: the
    days on which the status is ``unemployed`` and, when ``periods`` (the job-search periods, first and last day)
    are given, a job-search period is open. A day outside every period breaks continuity like any other status:
    the job search ended. Changes dated in the future are included, so a spell can end on a day to come."""
    days = _by_day(history, date.max)
    unemployed: list[tuple[date, date | None]] = []
    for index, (day, status) in enumerate(days):
        if status != UNEMPLOYED:
            continue
        following = days[index + 1][0] if index + 1 < len(days) else None
        unemployed.append((day, None if following is None else following - timedelta(days=1)))
    spells = _merge(unemployed)
    if periods is None:
        return spells
    clipped: list[tuple[date, date | None]] = []
    for start, end in spells:
        for period_start, period_end in periods:
            first = max(start, period_start)
            last = period_end if end is None else end if period_end is None else min(end, period_end)
            if last is None or first <= last:
                clipped.append((first, last))
    return _merge(clipped)


def unemployed_since_in_periods(history: Iterable[StatusEntry], periods: Iterable[Spell], today: date) -> date | None:
    """:func:`unemployed_since` with the job-search periods: the first day of the spell of continuous unemployment
    that includes ``today``, or ``None``."""
    history = [entry for entry in history if entry.changed_on <= today]
    for start, end in reversed(unemployment_spells(history, periods)):
        if start <= today and (end is None or end >= today):
            return start
    return None
