"""Reactions inside clients-api: a package announces a change of what others derive from, and the packages that
keep something derived react, so the announcing package need not know them. The stored statutory deadlines
(:mod:`clients_api.schedule.stored`) are computed from the client's assessment, among other things: the
assessment announces its change here and the schedule refreshes, in the same transaction.

Events between services go through the outbox; these are calls within one request's transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

Reaction = Callable[[AsyncSession, Sequence[uuid.UUID], date], Awaitable[None]]

_assessment_changed: list[Reaction] = []


def on_assessment_changed(reaction: Reaction) -> Reaction:
    """Register ``reaction(session, client_ids, day)`` to run when a client's assessment changes."""
    _assessment_changed.append(reaction)
    return reaction


async def assessment_changed(session: AsyncSession, client_ids: Sequence[uuid.UUID], day: date) -> None:
    """A client's assessment changed: everything registered runs, in order, in the caller's transaction."""
    for reaction in _assessment_changed:
        await reaction(session, client_ids, day)
