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

A receiver whose handling is slow or may fail (the national platform's events) stores the event instead and
answers at once; :mod:`polku_kit.inbox_worker` handles it afterwards (decision 33)::

    event = verified_event(secrets=..., headers=request.headers, body=await request.body())
    check_the_payload(event.data)               # 422 with field errors: nothing is stored
    stored = await store(session, event, organisation_id=principal.organisation())

A stored event is ``received``; the worker makes it ``processed``, or ``parked`` with its last error after
its last attempt, and an administrator may replay a parked one (:mod:`polku_kit.inbox_admin`). Its payload is
sealed at rest (it may hold a personal identity code).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

import structlog
from pydantic import BaseModel, ValidationError
from pydantic_core import from_json
from sqlalchemy import BigInteger, DateTime, Identity, Index, Integer, Text, Uuid, func, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from polku_kit.actor import Actor
from polku_kit.db import KitBase
from polku_kit.errors import BadRequest, FieldError, Unauthorized, Unprocessable
from polku_kit.sealing import SealedJSON
from polku_kit.wake import wake

log = structlog.get_logger(__name__)

# Workers LISTEN on this channel; :func:`store` and a replay notify it in the transaction that makes work, when a
# worker sleeps (:mod:`polku_kit.wake`).
INBOX_CHANNEL = "polku_inbox"


class InboxStatus:
    received = "received"  # stored, waiting for the worker
    processed = "processed"  # handled (or handled at once by :func:`receive`)
    parked = "parked"  # its handler failed on every attempt; an administrator may replay it


class InboxEvent(KitBase):
    """An event this service has received: handled at once (:func:`receive`), or stored for the worker
    (:func:`store`) with what came of each attempt."""

    __tablename__ = "inbox_event"
    __table_args__ = (
        Index("ix_inbox_event_received_at", "received_at"),
        Index("ix_inbox_event_lane", "lane", "sequence", postgresql_where=text("status = 'received'")),
        Index("ix_inbox_event_parked", "organisation_id", "sequence", postgresql_where=text("status = 'parked'")),
    )

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Arrival order; the worker handles the events of one subject (a *lane*) in this order.
    sequence: Mapped[int] = mapped_column(BigInteger, Identity(), unique=True)
    subject: Mapped[str | None] = mapped_column(Text)
    lane: Mapped[str | None] = mapped_column(Text)
    time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The CloudEvent's ``data``; only for stored events.
    payload: Mapped[Any] = mapped_column(SealedJSON(b"polku inbox event payload"), nullable=True)
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # Who delivered it (the token's subject), named in what its handling records.
    received_by: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text, server_default=InboxStatus.processed)
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    parked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


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


def verified_event(*, secrets: str | Sequence[str], headers: Mapping[str, str], body: bytes | str) -> ReceivedEvent:
    """The event of a delivery that one of ``secrets`` signed (401 otherwise) and that is a CloudEvent (400
    otherwise). Nothing is written."""
    verified = verify(secrets, headers, body)
    return parse(verified, {key.lower(): value for key, value in headers.items()}.get("webhook-id"))


Model = TypeVar("Model", bound=BaseModel)


class InvalidEventData(Unprocessable):
    slug = "invalid-event-data"
    title = "The event's data is not valid"


def validated_data(event: ReceivedEvent, model: type[Model]) -> Model:
    """The event's ``data`` as ``model``; 422 with a field error per problem (``body.data.<field>``)."""
    try:
        return model.model_validate(event.data)
    except ValidationError as invalid:
        errors = [
            FieldError(
                field=".".join(str(part) for part in ("body", "data", *error["loc"])),
                message=error["msg"],
                code=error["type"],
            ).model_dump()
            for error in invalid.errors()
        ]
        raise InvalidEventData(f"{len(errors)} field(s) of the event's data are invalid", errors=errors) from None


async def store(
    session: AsyncSession,
    event: ReceivedEvent,
    *,
    organisation_id: uuid.UUID | None = None,
    received_by: str | None = None,
) -> bool:
    """Keep ``event`` for the worker (in the caller's transaction); False if this event id was received before.
    A sleeping worker is woken when the transaction commits (a busy one finds it itself)."""
    inserted = await session.execute(
        insert(InboxEvent)
        .values(
            id=event.id,
            source=event.source,
            type=event.type,
            subject=event.subject,
            lane=event.subject or event.id,
            time=event.time,
            payload=event.data,
            organisation_id=organisation_id,
            received_by=received_by,
            status=InboxStatus.received,
            next_attempt_at=func.now(),
        )
        .on_conflict_do_nothing(index_elements=["id"])
        .returning(InboxEvent.id)
    )
    if inserted.first() is None:
        log.info("webhook_duplicate", event_id=event.id, event_type=event.type)
        return False
    await wake(session, INBOX_CHANNEL)
    return True


__all__ = [
    "INBOX_CHANNEL",
    "InboxEvent",
    "InboxStatus",
    "InvalidEvent",
    "InvalidEventData",
    "InvalidSignature",
    "ReceivedEvent",
    "parse",
    "receive",
    "store",
    "validated_data",
    "verified_event",
    "verify",
]
