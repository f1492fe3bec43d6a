"""Receiving signed webhooks: verify, refuse stale, run each event once.

A receiving endpoint reads the raw body and calls :func:`receive` inside its request transaction, then
handles the event in the same transaction::

    @router.post("/events", status_code=202, openapi_extra={"security": [{"webhookSignature": []}]})
    async def events(request: Request, session: SessionDep) -> Received:
        event = await receive(session, secrets=settings.referrals_webhook_secrets,
                              headers=request.headers, body=await request.body())
        if event is not None and event.type == "fi.polku.referral.accepted.v1":
            await on_referral_accepted(session, event.data)
        return Received(handled=event is not None)

- The signature and the timestamp (at most five minutes off) are checked by the Standard Webhooks reference
  library; a bad one is a 401 problem. Several secrets may be given (during the sender's rotation).
- The event id goes into ``inbox_event`` with ``INSERT … ON CONFLICT DO NOTHING``: a redelivered event (same
  ``webhook-id``) returns ``None`` and its handler does not run twice. The row is part of the transaction: if
  the handler fails, the row goes too, the sender gets an error and retries.
- Unknown event types are recorded and acknowledged, never an error: the sender must not retry what this
  receiver chose to ignore.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import structlog
from pydantic_core import from_json
from sqlalchemy import DateTime, Index, Text, func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from polku_kit.actor import Actor
from polku_kit.db import KitBase
from polku_kit.errors import BadRequest, Unauthorized

log = structlog.get_logger(__name__)


class InboxEvent(KitBase):
    """An event this service has received (and handled, if the transaction committed)."""

    __tablename__ = "inbox_event"
    __table_args__ = (Index("ix_inbox_event_received_at", "received_at"),)

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class InvalidSignature(Unauthorized):
    slug = "invalid-webhook-signature"
    title = "Invalid webhook signature"


class InvalidEvent(BadRequest):
    slug = "invalid-event"
    title = "Not a CloudEvent"


@dataclass(frozen=True)
class ReceivedEvent:
    """A verified CloudEvent, received for the first time."""

    id: str
    source: str
    type: str
    subject: str | None
    time: datetime | None
    data: Any
    specversion: str = "1.0"
    # Who acted at the sender (its polkuactor* extension attributes), when a person or a job did.
    actor: Actor | None = None


def verify(secrets: str | Sequence[str], headers: Mapping[str, str], body: bytes | str) -> bytes:
    """``body`` if one of ``secrets`` signed it within the last five minutes; otherwise 401."""
    if isinstance(secrets, str):
        secrets = [secrets]
    verifiers = [Webhook(secret) for secret in secrets]  # a malformed secret is a configuration error: 500
    plain_headers = {key.lower(): value for key, value in headers.items()}
    try:
        text = body.decode() if isinstance(body, bytes) else body
    except UnicodeDecodeError:
        raise InvalidEvent("The body is not UTF-8") from None
    reason = "no secret is configured"
    for verifier in verifiers:
        try:
            verifier.verify(text, plain_headers, json_parse=False)
        except (WebhookVerificationError, ValueError) as error:  # malformed headers raise ValueError
            reason = str(error) or type(error).__name__
            continue
        return text.encode()
    log.info("webhook_refused", reason=reason, webhook_id=plain_headers.get("webhook-id"))
    raise InvalidSignature("The webhook signature or timestamp could not be verified")


def parse(body: bytes, webhook_id: str | None = None) -> ReceivedEvent:
    """A CloudEvent from a structured-mode JSON body; 400 if it is not one."""
    try:
        payload = from_json(body)
    except ValueError:
        raise InvalidEvent("The body is not JSON") from None
    if not isinstance(payload, dict):
        raise InvalidEvent("The body is not a JSON object")
    for attribute in ("specversion", "id", "source", "type"):
        if not isinstance(payload.get(attribute), str) or not payload[attribute]:
            raise InvalidEvent(f"The event has no {attribute}")
    if payload["specversion"] != "1.0":
        raise InvalidEvent(f"CloudEvents {payload['specversion']} is not supported")
    if webhook_id is not None and webhook_id != payload["id"]:
        raise InvalidEvent("webhook-id and the event id differ")
    time = None
    if payload.get("time") is not None:
        try:
            time = datetime.fromisoformat(str(payload["time"]))
        except ValueError:
            raise InvalidEvent("The event time is not an RFC 3339 timestamp") from None
    return ReceivedEvent(
        id=payload["id"],
        source=payload["source"],
        type=payload["type"],
        subject=payload.get("subject"),
        time=time,
        data=payload.get("data"),
        specversion=payload["specversion"],
        actor=Actor.from_extensions(payload),
    )


async def receive(
    session: AsyncSession, *, secrets: str | Sequence[str], headers: Mapping[str, str], body: bytes | str
) -> ReceivedEvent | None:
    """The verified event, or ``None`` if this event id was received before (do not handle it again)."""
    verified = verify(secrets, headers, body)
    event = parse(verified, {key.lower(): value for key, value in headers.items()}.get("webhook-id"))
    inserted = await session.execute(
        insert(InboxEvent)
        .values(id=event.id, source=event.source, type=event.type)
        .on_conflict_do_nothing(index_elements=["id"])
        .returning(InboxEvent.id)
    )
    if inserted.first() is None:
        log.info("webhook_duplicate", event_id=event.id, event_type=event.type)
        return None
    return event


__all__ = ["InboxEvent", "InvalidEvent", "InvalidSignature", "ReceivedEvent", "parse", "receive", "verify"]
