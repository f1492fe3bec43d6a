"""The transactional outbox: a change and its event are written in the same transaction.

Services call :func:`emit` and flush; they never publish directly. The webhook dispatcher
(:mod:`polku_kit.webhooks`) later fans each event out to the subscriptions that match it and delivers it.
Events are CloudEvents 1.0 (structured JSON); ``type`` follows ``fi.polku.<entity>.<happened>.v<N>``, for
example ``fi.polku.referral.accepted.v1``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Identity, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from polku_kit.db import KitBase


class OutboxEvent(KitBase):
    __tablename__ = "outbox_event"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    sequence: Mapped[int] = mapped_column(BigInteger, Identity(always=True), unique=True)
    source: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Set when the dispatcher has created the deliveries for every matching subscription.
    fanned_out_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def envelope(self) -> dict[str, Any]:
        """The CloudEvents 1.0 structured-mode JSON body."""
        envelope: dict[str, Any] = {
            "specversion": "1.0",
            "id": str(self.id),
            "source": self.source,
            "type": self.type,
            "time": self.time.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "datacontenttype": "application/json",
            "data": self.data,
        }
        if self.subject:
            envelope["subject"] = self.subject
        return envelope


async def emit(
    session: AsyncSession,
    *,
    source: str,
    type: str,
    data: dict[str, Any],
    subject: str | None = None,
) -> OutboxEvent:
    """Add an event to the caller's transaction. It leaves only if the transaction commits."""
    event = OutboxEvent(source=source, type=type, subject=subject, data=data, time=datetime.now(UTC))
    session.add(event)
    await session.flush()
    return event
