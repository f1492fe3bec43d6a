"""What clients-api keeps of the national platform's word about a job seeker, by the identity code's keyed hash:
so that events arriving in any order end in the right state (decision 33)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base


class PlatformJobSeeker(Base):
    """The platform's last word on one person of an organisation: when it registered them, when and why their
    job search ended, when their profile was published (each with the platform's time), and the client linked."""

    __tablename__ = "platform_job_seeker"

    organisation_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    identity_code_hash: Mapped[str] = mapped_column(Text, primary_key=True)
    client_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("client.id", ondelete="SET NULL"), index=True)
    registered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    search_ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    search_ended_on: Mapped[date | None] = mapped_column(Date)
    search_end_reason: Mapped[str | None] = mapped_column(Text)
    search_end_applied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    profile_published_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class StatementRequestStatus(StrEnum):
    """Where a request stands: waiting for the coach, answered by a statement being drafted, closed by that
    statement's issue, or declined by the coach with a reason."""

    pending = "pending"
    drafted = "drafted"
    issued = "issued"
    declined = "declined"


OPEN_STATEMENT_REQUEST = (StatementRequestStatus.pending.value, StatementRequestStatus.drafted.value)


class PlatformStatementRequest(Base):
    """A labour policy statement asked for through the national system: a task for the client's coach (the person
    may not be a client yet: linked when they are) until the statement drafted for it is issued, or the coach
    declines it with a reason."""

    __tablename__ = "platform_statement_request"
    __table_args__ = (
        UniqueConstraint("organisation_id", "request_id"),
        Index("ix_platform_statement_request_person", "organisation_id", "identity_code_hash"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[uuid.UUID]
    identity_code_hash: Mapped[str] = mapped_column(Text)
    client_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[str] = mapped_column(Text)
    requested_on: Mapped[date] = mapped_column(Date)
    requester: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text, server_default="pending")
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    statement_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("labour_statement.id", ondelete="SET NULL", name="fk_platform_statement_request_statement"),
        index=True,
    )
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by: Mapped[str | None] = mapped_column(Text)
    closed_by_name: Mapped[str | None] = mapped_column(Text)
    decline_reason: Mapped[str | None] = mapped_column(Text)
