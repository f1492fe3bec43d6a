from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, DateTime, ForeignKey, Integer, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base


class InterviewChannel(StrEnum):
    in_person = "in_person"
    phone = "phone"
    video = "video"


class Interview(Base):
    """An interview or job-search discussion held with the client (*haastattelu*, *työnhakukeskustelu*)."""

    __tablename__ = "interview"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # A cancelled interview (booked, then called off, or recorded in error) no longer meets a deadline.
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_by: Mapped[str | None] = mapped_column(Text)
    cancelled_by_party: Mapped[str | None] = mapped_column(Text)
    cancellation_reason: Mapped[str | None] = mapped_column(Text)


class CancellingParty(StrEnum):
    client = "client"  # the job seeker called it off
    authority = "authority"  # the employment authority called it off
    recorded_in_error = "recorded_in_error"


class DeadlineWaiver(Base):
    """A statutory deadline the coach waived with a recorded reason (for example the client started full-time
    work or studies, or is in a service during which the discussion is not held)."""

    __tablename__ = "deadline_waiver"
    __table_args__ = (UniqueConstraint("client_id", "kind", "number"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(Text)
    number: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    waived_by: Mapped[str] = mapped_column(Text)
    waived_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class OverdueNotice(Base):
    """A deadline announced overdue (``fi.polku.client.deadline_overdue.v1``), remembered so that it is announced
    once however often the job runs, and by however many runs at once (the unique key decides)."""

    __tablename__ = "overdue_notice"
    __table_args__ = (UniqueConstraint("client_id", "kind", "number"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(Text)
    number: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)
    rule_set: Mapped[str] = mapped_column(Text)
    announced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
