"""Receiving signed webhooks: verify, reject stale, run each event once.

A receiver endpoint reads the raw body and calls :func:`receive` inside its request transaction. The
signature and timestamp (±5 minutes) are checked by the Standard Webhooks reference library; the event id
goes into ``inbox_event`` with ``ON CONFLICT DO NOTHING``, so a redelivered event returns ``None`` and its
handler does not run twice. Unknown event types are recorded and acknowledged, never an error: the sender
must not retry what we chose to ignore.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Text, func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from standardwebhooks import Webhook, WebhookVerificationError

from polku_kit.db import KitBase
from polku_kit.errors import BadRequest, Unauthorized


class InboxEvent(KitBase):
    __tablename__ = "inbox_event"

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
    id: str
    source: str
    type: str
    subject: str | None
    time: str | None
    data: Any


def verify(secrets: Sequence[str], headers: Mapping[str, str], body: bytes) -> dict[str, Any]:
    """The parsed body if any of ``secrets`` (current and previous, during rotation) signed it."""
    plain_headers = {key.lower(): value for key, value in headers.items()}
    for secret in secrets:
        try:
            payload = Webhook(secret).verify(body, plain_headers)
        except WebhookVerificationError as error:
            last_error = error
            continue
        if not isinstance(payload, dict):
            raise InvalidEvent("The body is not a JSON object")
        return payload
    raise InvalidSignature(f"The webhook could not be verified: {last_error if secrets else 'no secret'}")


async def receive(
    session: AsyncSession, *, secrets: Sequence[str], headers: Mapping[str, str], body: bytes
) -> ReceivedEvent | None:
    payload = verify(secrets, headers, body)
    try:
        event = ReceivedEvent(
            id=str(payload["id"]), source=str(payload["source"]), type=str(payload["type"]),
            subject=payload.get("subject"), time=payload.get("time"), data=payload.get("data"),
        )
    except KeyError as missing:
        raise InvalidEvent(f"The event has no {missing.args[0]}") from None
    if headers.get("webhook-id", event.id) != event.id:
        raise InvalidEvent("webhook-id and the event id differ")
    inserted = await session.execute(
        insert(InboxEvent)
        .values(id=event.id, source=event.source, type=event.type)
        .on_conflict_do_nothing(index_elements=["id"])
        .returning(InboxEvent.id)
    )
    return event if inserted.first() is not None else None


__all__ = ["InboxEvent", "ReceivedEvent", "receive", "verify"]
