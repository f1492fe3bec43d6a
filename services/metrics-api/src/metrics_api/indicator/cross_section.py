"""The stock figures' monthly cross-section, stored so that a figure of a month reads a few tally rows: built by the
rebuild, kept by the feed (a client's rows made again from their facts on each event that changes them, so a late
event for a past month changes that month). Figures are computed live while it is not built."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.indicator import repository
from metrics_api.indicator.compute import Month
from metrics_api.indicator.definitions import ACTIVATING_SERVICES

# The first month stored; the last: December of the year after the build (later months are computed live).
FIRST = Month(2015, 1)


def days_until(today: date) -> list[date]:
    return [month.count_date for month in FIRST.until(Month(today.year + 1, 12))]


def _listed() -> list[tuple[str, date, date | None]]:
    return [(s.service_type, s.valid_from, s.valid_to) for s in ACTIVATING_SERVICES]


async def build(session: AsyncSession, *, today: date) -> None:
    await repository.build_cross_section(session, days_until(today), _listed())


async def refresh(session: AsyncSession, clients: list[uuid.UUID]) -> None:
    """The clients' rows and the tallies made again (nothing while the cross-section is not built)."""
    days = await repository.cross_section_days(session)
    if days is not None and clients:
        await repository.refresh_cross_section(session, clients, days, _listed())
