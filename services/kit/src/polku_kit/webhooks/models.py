"""Subscriptions, deliveries (one per event and subscription) and the attempts made for each."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from polku_kit.columns import EnumText
from polku_kit.db import KitBase, Timestamps
from polku_kit.sealing import SealedText

# The key that seals signing secrets is derived for this purpose alone (also used by migration kit_0006).
SIGNING_SECRET_PURPOSE = b"webhook_subscription.secret"


class Payload(StrEnum):
    """What a subscription's deliveries carry (decision 0042): ``full``, the whole event; ``thin``, only where to
    fetch its data."""

    full = "full"
    thin = "thin"


class DeliveryStatus(StrEnum):
    """Where the delivery of one event to one webhook subscription stands: ``pending``, not delivered yet, waiting for
    its next attempt (retried with backoff over about three days); ``paused``, not delivered yet, and not attempted
    while its subscription is inactive (switched off, or an internal receiver no longer configured): it is pending
    again, due at once, when the subscription is switched on; ``delivered``, the receiver answered with a 2xx
    status; ``dead``, the last attempt failed too: a dead letter, listed with ``?status=dead`` and replayable."""

    pending = "pending"
    paused = "paused"
    delivered = "delivered"
    dead = "dead"


class WebhookSubscription(Timestamps, KitBase):
    """Where an organisation wants events of given types delivered, and the secret that signs them.

    ``event_types`` holds exact types (``fi.polku.referral.accepted.v1``), prefixes ending in ``.*``
    (``fi.polku.referral.*``) or ``*`` for everything.

    The secret must be usable to sign, so it is kept as issued (Standard Webhooks form ``whsec_<base64>``), sealed
    at rest (:mod:`polku_kit.sealing`, a key derived from ``POLKU_PII_KEY``; migration kit_0006 sealed the rows
    written before): a database dump or backup does not let anyone sign events as Polku.
    The API shows it only when it is created or rotated. After a rotation the previous secret keeps signing
    (a second signature in ``webhook-signature``) until ``previous_secret_expires_at``, so receivers can switch
    without losing events.

    An *internal* subscription is another Polku service (``POLKU_EVENT_SUBSCRIBERS``): it receives every
    matching event whatever its audience, may be on a cluster-internal address, and belongs to no organisation
    (the nil UUID), so no organisation's API lists or changes it. It is kept under the receiver's configured name
    (``receiver``, decision 83), so a receiver that moves to another URL keeps its subscription and its backlog.
    """

    __tablename__ = "webhook_subscription"
    __table_args__ = (
        Index("ix_webhook_subscription_organisation", "organisation_id", "created_at", "id"),
        # One internal subscription per receiver's name (decision 83); its URL is whatever is configured now.
        Index("uq_webhook_subscription_internal_receiver", "receiver", unique=True, postgresql_where=text("internal")),
        CheckConstraint("payload IN ('full', 'thin')", name="payload"),
        # Every internal subscription has its name, and only an internal one: the dispatcher finds by it those to
        # keep and those to switch off.
        CheckConstraint("internal = (receiver IS NOT NULL)", name="receiver"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[uuid.UUID]
    url: Mapped[str] = mapped_column(Text)
    event_types: Mapped[list[str]] = mapped_column(ARRAY(Text))
    secret: Mapped[str] = mapped_column(SealedText(SIGNING_SECRET_PURPOSE))
    previous_secret: Mapped[str | None] = mapped_column(SealedText(SIGNING_SECRET_PURPOSE))
    previous_secret_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    created_by: Mapped[str] = mapped_column(Text)
    internal: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # The configured name of an internal subscription's receiver (``EventSubscriber.name``); None for the others.
    receiver: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[Payload] = mapped_column(EnumText(Payload), default=Payload.full, server_default="full")
    # Incremented by every change through the API; the ETag a change must send back (polku_kit.versioning).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class WebhookDelivery(Timestamps, KitBase):
    """One event to one subscription. ``pending`` until a 2xx (``delivered``) or the last attempt (``dead``);
    ``paused`` instead of ``pending`` while the subscription is inactive.

    A dispatcher working on it holds a lease: ``lease_token`` is its own random token and ``locked_until``
    when the lease lapses. Results are recorded only under the same token, so a dispatcher that lost its
    lease (it was too slow, or presumed dead) cannot overwrite the work of the one that took over.
    """

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        UniqueConstraint("subscription_id", "event_id"),
        CheckConstraint("status IN ('pending', 'paused', 'delivered', 'dead')", name="status"),
        # Every partial index below holds pending deliveries only: a paused one (its subscription inactive) is out of
        # the claim's walk, its lane probes and the next retry's time (decision 81).
        # The claim's walk of due deliveries. ``next_attempt_at IS NOT NULL`` (always true) keeps it from serving the
        # lane probes, which only the lane index serves by its key (decision 79).
        Index(
            "ix_webhook_delivery_due",
            "next_attempt_at",
            postgresql_where=text("status = 'pending' AND next_attempt_at IS NOT NULL"),
        ),
        Index("ix_webhook_delivery_subscription", "subscription_id", "created_at", "id"),
        Index("ix_webhook_delivery_event", "event_id"),
        # Retention and the dead-letter count (polku_kit.retention).
        Index("ix_webhook_delivery_delivered", "delivered_at", postgresql_where=text("status = 'delivered'")),
        Index("ix_webhook_delivery_dead", "created_at", postgresql_where=text("status = 'dead'")),
        # A subscription's paused deliveries, found when it is switched on again (decision 81).
        Index("ix_webhook_delivery_paused", "subscription_id", postgresql_where=text("status = 'paused'")),
        # The dispatcher's claim: is a pending delivery the first of its lane?
        Index(
            "ix_webhook_delivery_lane",
            "subscription_id",
            "lane",
            "sequence",
            postgresql_where=text("status = 'pending'"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    subscription_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("webhook_subscription.id", ondelete="CASCADE"))
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("outbox_event.id", ondelete="CASCADE"))
    lane: Mapped[str] = mapped_column(Text)
    sequence: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[DeliveryStatus] = mapped_column(EnumText(DeliveryStatus), default=DeliveryStatus.pending)
    attempt_count: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    lease_token: Mapped[uuid.UUID | None]
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WebhookAttempt(KitBase):
    """One HTTP attempt, for the operator. Written when the attempt starts; ``finished_at`` stays empty if the
    dispatcher died during it (the next dispatcher to take the delivery marks it abandoned)."""

    __tablename__ = "webhook_attempt"
    __table_args__ = (Index("ix_webhook_attempt_delivery", "delivery_id", "started_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    delivery_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("webhook_delivery.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
