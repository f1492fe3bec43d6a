"""Reactions inside clients-api: a package announces a change of what others derive from, and the packages that
keep something derived react, so the announcing package need not know them. The stored statutory deadlines
(:mod:`clients_api.schedule.stored`) are computed from the client's assessment, among other things: the
assessment announces its change here and the schedule refreshes, in the same transaction.

Events between services go through the outbox; these are calls within one request's transaction. The other
services' events arrive through the timeline's inbox, which announces each one taken in (the first delivery of an
event naming a client of the organisation it happened in), so that a package that derives something from them
(the activating-service episodes, the job applications of job offers applied for) reacts without the inbox
knowing it.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.inbox import ReceivedEvent

if TYPE_CHECKING:
    from clients_api.client.models import Client

Reaction = Callable[[AsyncSession, Sequence[uuid.UUID], date], Awaitable[None]]
EventReaction = Callable[[AsyncSession, "Client", ReceivedEvent], Awaitable[None]]

_assessment_changed: list[Reaction] = []
_event_taken_in: list[EventReaction] = []


def on_assessment_changed(reaction: Reaction) -> Reaction:
    """Register ``reaction(session, client_ids, day)`` to run when a client's assessment changes."""
    _assessment_changed.append(reaction)
    return reaction


async def assessment_changed(session: AsyncSession, client_ids: Sequence[uuid.UUID], day: date) -> None:
    """A client's assessment changed: everything registered runs, in order, in the caller's transaction."""
    for reaction in _assessment_changed:
        await reaction(session, client_ids, day)


def on_event_taken_in(reaction: EventReaction) -> EventReaction:
    """Register ``reaction(session, client, event)`` to run when another service's event about ``client`` is
    taken in (once per event, however often it is delivered)."""
    _event_taken_in.append(reaction)
    return reaction


async def event_taken_in(session: AsyncSession, client: Client, event: ReceivedEvent) -> None:
    """Another service's event about a client was taken in: everything registered runs, in the same transaction."""
    for reaction in _event_taken_in:
        await reaction(session, client, event)
