"""Timeline entries, and the recorder that turns every event about a client into one.

Each event clients-api emits about a client (subject ``clients/<id>``) becomes a timeline entry in the same
flush, so the timeline can never miss or invent an event of this service. Events of the other services
arrive through the signed inbox (:mod:`clients_api.timeline.router`) and are stored the same way.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import DateTime, ForeignKey, Index, Text, event, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, Session, mapped_column

from clients_api.models import Base
from polku_kit.actor import Actor
from polku_kit.outbox import OutboxEvent, event_source

OWN_SOURCE = event_source("clients-api")
CLIENT_SUBJECT = re.compile(r"^clients/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")


class TimelineEntry(Base):
    """One thing that happened to a client, as the event that told of it (ids and facts, no names)."""

    __tablename__ = "timeline_entry"
    __table_args__ = (Index("ix_timeline_entry_client", "client_id", "occurred_at", "id"),)

    # The entry's id (the timeline's pages are ordered by it after the time) has no index of its own: no query looks an
    # entry up by it (migration clients_0029).
    id: Mapped[uuid.UUID] = mapped_column(default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    # The CloudEvents id, the key: an event is on the timeline once, however often it is delivered.
    event_id: Mapped[str] = mapped_column(Text, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor_subject: Mapped[str | None] = mapped_column(Text)
    # The acting person's name and organisation from their token at the time (polku_kit.actor).
    actor_name: Mapped[str | None] = mapped_column(Text)
    actor_organisation_name: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


def client_of(subject: str | None) -> uuid.UUID | None:
    match = CLIENT_SUBJECT.match(subject or "")
    return uuid.UUID(match.group(1)) if match else None


@event.listens_for(Session, "before_flush")
def _record_own_events(session: Session, _context: object, _instances: object) -> None:
    for pending in list(session.new):
        if not isinstance(pending, OutboxEvent) or pending.source != OWN_SOURCE:
            continue
        client_id = client_of(pending.subject)
        if client_id is None:
            continue
        actor = Actor.from_json(pending.actor)
        session.add(
            TimelineEntry(
                client_id=client_id,
                event_id=str(pending.id),
                source=pending.source,
                type=pending.type,
                occurred_at=pending.time,
                actor_subject=actor.subject if actor else structlog.contextvars.get_contextvars().get("subject"),
                actor_name=actor.name if actor else None,
                actor_organisation_name=actor.organisation_name if actor else None,
                data=pending.data,
            )
        )
