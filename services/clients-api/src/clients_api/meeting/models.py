from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base


class MeetingState(StrEnum):
    """Where a meeting booked with a client (*ajanvaraus*) stands: ``booked``, the time is agreed and the meeting is not
    yet recorded as held or cancelled; ``held``, it took place, which records the interview it was for;
    ``cancelled``, it was called off."""

    booked = "booked"
    held = "held"
    cancelled = "cancelled"


class Meeting(Base):
    """A meeting booked with a client (*ajanvaraus*) for one deadline of the statutory schedule: the time, the
    channel and the place or link. Recording it as held records the interview it was for. Edited in place, so
    it carries a ``version`` (``ETag``/``If-Match``). Who acted is kept as the subject and the name the token gave."""

    __tablename__ = "meeting"
    __table_args__ = (
        Index("ix_meeting_coach", "organisation_id", "coach_subject", "starts_at"),
        # One meeting booked at a time for one deadline.
        Index(
            "uq_meeting_booked_deadline",
            "client_id",
            "deadline_kind",
            "deadline_number",
            unique=True,
            postgresql_where=text("state = 'booked'"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[uuid.UUID]
    version: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[str] = mapped_column(Text, default=MeetingState.booked.value)
    deadline_kind: Mapped[str] = mapped_column(Text)
    deadline_number: Mapped[int] = mapped_column(Integer)
    deadline_due_on: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    duration_minutes: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)
    coach_subject: Mapped[str] = mapped_column(Text)
    coach_name: Mapped[str] = mapped_column(Text)
    booked_by: Mapped[str] = mapped_column(Text)
    booked_by_name: Mapped[str] = mapped_column(Text)
    booked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_by: Mapped[str] = mapped_column(Text)
    updated_by_name: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    interview_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("interview.id", ondelete="SET NULL"))
    cancellation_reason: Mapped[str | None] = mapped_column(Text)
