from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, Text, UniqueConstraint, func, text
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base


class InterviewChannel(StrEnum):
    """How an interview was held: ``in_person``, face to face; ``phone``, by telephone; ``video``, in a video call."""

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
    """Who called off a recorded interview, which then no longer meets a deadline: ``client``, the job seeker;
    ``authority``, the employment authority (*työvoimaviranomainen*); ``recorded_in_error``, nobody: the interview
    was recorded by mistake."""

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
    once however often the job runs, and by however many runs at once (the unique key decides). A deadline is
    one of a job-search period's schedule: the first day of the period is part of its key, so the initial
    interview of a later period is announced again."""

    __tablename__ = "overdue_notice"
    __table_args__ = (UniqueConstraint("client_id", "search_started_on", "kind", "number"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    search_started_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(Text)
    number: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)
    rule_set: Mapped[str] = mapped_column(Text)
    announced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


# A stored deadline not held and not waived: its status (due or overdue) follows from today.
OPEN_DEADLINE_SQL = "held_on IS NULL AND NOT waived"


class ClientDeadline(Base):
    """One deadline of a client's statutory schedule as :func:`clients_api.schedule.deadlines.schedule_with_horizon`
    computed it, rewritten in the transaction that changes what it is computed from (the job-search start, the
    interviews, the waivers, the assessment) and when the client's ``deadlines_valid_until`` has passed. The
    status is not stored: it follows from the day read (:func:`clients_api.schedule.deadlines.status_on`)."""

    __tablename__ = "client_deadline"
    __table_args__ = (
        # Open deadlines of an organisation by due day (the announcer, an organisation's due list), with the client:
        # the caseload balance counts each client's overdue deadlines from the index alone (an index-only scan).
        Index(
            "ix_client_deadline_open",
            "organisation_id",
            "due_on",
            postgresql_include=["client_id"],
            postgresql_where=text(OPEN_DEADLINE_SQL),
        ),
        # Open deadlines of one client (a caseload's due list, the morning view, the overdue search filter).
        Index("ix_client_deadline_open_client", "client_id", "due_on", postgresql_where=text(OPEN_DEADLINE_SQL)),
    )

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(Text, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[uuid.UUID]
    due_on: Mapped[date] = mapped_column(Date)
    held_on: Mapped[date | None] = mapped_column(Date)
    waived: Mapped[bool] = mapped_column(Boolean)
    rule_set: Mapped[str] = mapped_column(Text)


class DutyClearance(Base):
    """A duty of :mod:`clients_api.schedule.duties` the coach cleared: done (the profile is published, the
    applications were sent) or not applying, with the reason."""

    __tablename__ = "duty_clearance"
    __table_args__ = (UniqueConstraint("client_id", "kind", "key"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    cleared_by: Mapped[str] = mapped_column(Text)
    cleared_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
