"""``GET /v1/webhook-events/{id}``: a subscriber fetches the whole event that a thin delivery pointed to (its
``dataref``), with its own token: the FHIR-subscription pattern, decision 0042.

The service applies its own rules, not the delivery's word: the caller is the national platform or a partner
system (roles ``platform``, ``partner``), and its organisation owns a subscription that wants the event now (its
type filter and the event's audience, as fan-out matches them) and that was given the event: a delivery of it
exists, or the subscription existed when the event was written. Anything else, an unknown id included, is the same
404, so that ids of other organisations' events tell nothing. Every fetch is audited, naming the person the event
concerns: each service says who that is (:data:`DataSubject`), since only it knows its events' data.

A service mounts :func:`event_router` under ``/v1`` and sets ``serves_webhook_events`` in its settings; only then
may its subscriptions ask for thin payloads.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Uuid, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.errors import NotFound, problem_responses
from polku_kit.outbox import OutboxEvent
from polku_kit.webhooks.queue import SUBSCRIPTION_WANTS_EVENT

AUDIT_RESOURCE = "webhook_event"
AUDIT_PURPOSE = "event fetched by its subscriber"

# Who the event concerns, for the audit record: the service looks at its event (and its own tables if need be).
DataSubject = Callable[[AsyncSession, OutboxEvent], Awaitable[uuid.UUID | None]]

EventSubscriber = Annotated[Principal, Depends(require_roles(Role.platform, Role.partner))]


class WebhookEventNotFound(NotFound):
    slug = "webhook-event-not-found"
    title = "Webhook event not found"


EVENT_EXAMPLE: dict[str, Any] = {
    "specversion": "1.0",
    "id": "5b4b1d8a-3c1e-4e62-8d1e-2a9b7c6d5e4f",
    "source": "/polku/clients-api",
    "type": "fi.polku.client.interview_held.v1",
    "subject": "clients/9d3c1a52-6f0e-4b8e-a1c2-3d4e5f607182",
    "time": "2026-12-03T09:30:00Z",
    "datacontenttype": "application/json",
    "data": {"client_id": "9d3c1a52-6f0e-4b8e-a1c2-3d4e5f607182", "held_on": "2026-12-03", "channel": "phone"},
    "polkuactor": "coach-1",
    "polkuactorname": "Aino Virtanen",
    "polkuactororg": "0b0c8f6e-6f1a-4c36-9d55-000000000001",
    "polkuactororgname": "Lahden seudun työllisyysalue",
}


class WebhookEvent(BaseModel):
    """The event as a full delivery carries it: CloudEvents 1.0, structured mode, with who acted."""

    model_config = ConfigDict(json_schema_extra={"examples": [EVENT_EXAMPLE]})

    specversion: str
    id: uuid.UUID = Field(description="Also the `webhook-id` of its deliveries")
    source: str
    type: str
    subject: str | None = None
    time: datetime
    datacontenttype: str
    data: dict[str, Any]
    polkuactor: str | None = Field(default=None, description="The subject of who acted")
    polkuactorname: str | None = None
    polkuactororg: str | None = None
    polkuactororgname: str | None = None


# The caller's organisation owns a subscription that wants the event and was given it (or would be).
# The one interpolation is the constant SUBSCRIPTION_WANTS_EVENT, never input.
_GIVEN_TO = text(
    f"""
    SELECT s.id
    FROM outbox_event e
    JOIN webhook_subscription s ON s.organisation_id = :organisation_id AND NOT s.internal
    WHERE e.id = :event_id
      AND {SUBSCRIPTION_WANTS_EVENT}
      AND (s.created_at <= e.created_at
           OR EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.subscription_id = s.id AND d.event_id = e.id))
    ORDER BY s.created_at, s.id
    LIMIT 1
    """  # noqa: S608
).bindparams(bindparam("event_id", type_=Uuid()), bindparam("organisation_id", type_=Uuid()))


async def subscription_given(
    session: AsyncSession, *, organisation_id: uuid.UUID, event_id: uuid.UUID
) -> uuid.UUID | None:
    """The organisation's (oldest) subscription that was given the event, if any."""
    found = await session.scalar(_GIVEN_TO, {"organisation_id": organisation_id, "event_id": event_id})
    return found if isinstance(found, uuid.UUID) else None


async def client_in_data(session: AsyncSession, event: OutboxEvent) -> uuid.UUID | None:
    """The person an event concerns when its data names them as ``client_id`` (most events about a client)."""
    value = event.data.get("client_id") if isinstance(event.data, dict) else None
    try:
        return uuid.UUID(str(value)) if value is not None else None
    except ValueError:
        return None


async def fetch_event(
    *, session: AsyncSession, principal: Principal, event_id: uuid.UUID, data_subject: DataSubject
) -> WebhookEvent:
    """The whole event, for a subscriber of the caller's organisation that was given it; audited."""
    subscription_id = await subscription_given(session, organisation_id=principal.organisation(), event_id=event_id)
    event = await session.get(OutboxEvent, event_id) if subscription_id is not None else None
    if event is None:
        raise WebhookEventNotFound(f"No event {event_id} for a subscription of this organisation")
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type=AUDIT_RESOURCE,
        resource_id=event.id,
        data_subject_id=await data_subject(session, event),
        purpose=AUDIT_PURPOSE,
        details={"type": event.type, "subject": event.subject, "subscription_id": str(subscription_id)},
    )
    return WebhookEvent.model_validate(event.envelope())


def event_router(data_subject: DataSubject = client_in_data) -> APIRouter:
    """``GET /webhook-events/{webhook_event_id}`` (mounted under ``/v1``), the audit naming ``data_subject``."""
    router = APIRouter(tags=["webhooks"], responses=problem_responses(401, 403, 404))

    @router.get(
        "/webhook-events/{webhook_event_id}",
        response_model=WebhookEvent,
        response_model_exclude_unset=True,  # the attributes the event has, as a delivery carries them
        summary="The whole event a thin delivery points to (its `dataref`), for a subscriber that was given it",
    )
    async def get_webhook_event(
        webhook_event_id: uuid.UUID, session: SessionDep, principal: EventSubscriber
    ) -> WebhookEvent:
        return await fetch_event(
            session=session, principal=principal, event_id=webhook_event_id, data_subject=data_subject
        )

    return router


__all__ = ["DataSubject", "WebhookEvent", "client_in_data", "event_router", "fetch_event"]
