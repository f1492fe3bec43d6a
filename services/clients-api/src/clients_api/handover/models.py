"""Initial-service teams (*alkupalvelu*) and hand-overs of their clients to a personal coach (*omavalmennus*)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import Date, DateTime, ForeignKey, Index, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base


def utc_now() -> datetime:
    return datetime.now(UTC)


class InitialServiceTeam(Base):
    """A team that holds the initial service: the first three months of a client's job search."""

    __tablename__ = "initial_service_team"

    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(index=True)
    marked_by: Mapped[str] = mapped_column(Text)
    marked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class HandoverState(StrEnum):
    """Where a hand-over of a client from the initial-service team (*alkupalvelu*) to a personal coach (*omavalmentaja*)
    stands: ``open``, a task for both sides, the team handing over and the coach taking over; ``done``, the client is
    assigned to the personal coach."""

    open = "open"  # a task for both sides: the initial-service team hands over, the personal coach takes over
    done = "done"  # the client is the personal coach's


class ClientHandover(Base):
    """One hand-over of a client from the initial service to a personal coach. At most one is open per client."""

    __tablename__ = "client_handover"
    __table_args__ = (
        Index("uq_client_handover_open", "client_id", unique=True, postgresql_where=text("state = 'open'")),
        Index("ix_client_handover_organisation_state", "organisation_id", "state"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    organisation_id: Mapped[uuid.UUID]
    state: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    from_team_id: Mapped[uuid.UUID | None]
    from_coach_subject: Mapped[str | None] = mapped_column(Text)
    to_coach_subject: Mapped[str | None] = mapped_column(Text)
    to_team_id: Mapped[uuid.UUID | None]
    reason: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    completed_by: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
