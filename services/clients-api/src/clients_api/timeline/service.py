"""Reading a client's timeline, and taking in the events of the other services."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api import reactions
from clients_api.access.repository import reached
from clients_api.access.service import ClientNotFound, reached_by, read_client_rows
from clients_api.client import repository as clients
from clients_api.timeline import repository
from clients_api.timeline.schemas import TimelineEntryRead
from polku_kit.auth import Principal
from polku_kit.db import OneStatement
from polku_kit.inbox import ReceivedEvent
from polku_kit.pagination import InvalidCursor, Page, start_after

log = structlog.get_logger(__name__)

# The other services' events about a client that the timeline shows (ROADMAP: partner network, employer
# marketplace). Events of other types that name a client of ours are kept too, shown by their type: a sender
# may add a type before this list knows it, and nothing it says about a client is dropped.
INBOUND_TYPES = frozenset(
    {
        "fi.polku.referral.sent.v1",
        "fi.polku.referral.received.v1",
        "fi.polku.referral.accepted.v1",
        "fi.polku.referral.rejected.v1",
        "fi.polku.referral.completed.v1",
        "fi.polku.referral.expired.v1",
        "fi.polku.referral.cancelled.v1",
        "fi.polku.job_offer.sent.v1",
        "fi.polku.job_offer.outcome.v1",
        "fi.polku.introduction.made.v1",
        "fi.polku.introduction.outcome.v1",
        "fi.polku.introduction.disclosed.v1",
        "fi.polku.subsidy.decided.v1",
        "fi.polku.subsidy.ended.v1",
    }
)


async def read(
    *,
    statement: OneStatement,
    principal: Principal,
    client_id: uuid.UUID,
    limit: int,
    cursor: str | None,
    source: str | None,
    type_prefix: str | None,
) -> Page[TimelineEntryRead]:
    """A page of the client's timeline, newest first, if the caller reaches the client (the same 404 as a missing one
    otherwise), and the read's audit record, in one statement (decision 82)."""
    organisation_id = principal.organisation()
    try:
        after = start_after(cursor)
    except InvalidCursor:
        # A client not found is its 404 whatever the cursor, as when the client was looked up first.
        reacher = reached_by(principal)
        if not await reached(statement, organisation_id=organisation_id, client_id=client_id, reached_by=reacher):
            raise ClientNotFound(f"No client {client_id}") from None
        raise
    page = repository.page_query(limit=limit, after=after, source=source, type_prefix=type_prefix)
    rows = await read_client_rows(
        statement, principal, client_id, page.statements, resource_type="timeline", values=page.values
    )
    return repository.NEWEST_FIRST.page(rows, limit=limit, item=TimelineEntryRead.model_validate)


def _client_id(event: ReceivedEvent) -> uuid.UUID | None:
    if not isinstance(event.data, dict):
        return None
    try:
        return uuid.UUID(str(event.data.get("client_id")))
    except ValueError:
        return None


def _organisation_id(event: ReceivedEvent) -> uuid.UUID | None:
    """The organisation the event happened in: a referral's sender (``sender_organisation_id``), or the
    ``organisation_id`` another service's event names."""
    if not isinstance(event.data, dict):
        return None
    try:
        return uuid.UUID(str(event.data.get("sender_organisation_id") or event.data.get("organisation_id")))
    except ValueError:
        return None


async def take_in(session: AsyncSession, event: ReceivedEvent) -> bool:
    """Put another service's event on the timeline of the client it names, and let what derives from it react
    (:func:`clients_api.reactions.event_taken_in`); False if it names none of ours.
    The event must name the organisation it happened in, and it must be the client's: a referral of Lahti's
    never lands on a Mikkeli client's timeline, whatever client id it carries."""
    client_id = _client_id(event)
    client = await clients.get_any(session, client_id=client_id) if client_id else None
    if client is None:
        log.info("timeline_event_without_client", event_id=event.id, event_type=event.type)
        return False
    if _organisation_id(event) != client.organisation_id:
        log.warning(
            "timeline_event_of_another_organisation", event_id=event.id, event_type=event.type, client_id=str(client.id)
        )
        return False
    if event.type not in INBOUND_TYPES:
        log.info("timeline_unknown_event_type", event_id=event.id, event_type=event.type)
    added = await repository.add_once(
        session,
        {
            "client_id": client.id,
            "event_id": event.id,
            "source": event.source,
            "type": event.type,
            "occurred_at": event.time or datetime.now(UTC),
            "actor_subject": event.actor.subject if event.actor else None,
            "actor_name": event.actor.name if event.actor else None,
            "actor_organisation_name": event.actor.organisation_name if event.actor else None,
            "data": event.data,
        },
    )
    if added:
        await reactions.event_taken_in(session, client, event)
    return added
