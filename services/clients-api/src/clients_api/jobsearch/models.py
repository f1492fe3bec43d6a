from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, DateTime, ForeignKey, Integer, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base


class ApplicationKind(StrEnum):
    """What counts toward the obligation (TEM: applications to advertised vacancies, open applications,
    contacts with employers, and vacancies the authority assigned to the client)."""

    advertised_vacancy = "advertised_vacancy"
    open_application = "open_application"
    employer_contact = "employer_contact"
    assigned_vacancy = "assigned_vacancy"  # yksilöity työpaikka, haettavaksi osoitettu


class JobApplication(Base):
    """A job opportunity the client reports having applied for (*haettu työmahdollisuus*)."""

    __tablename__ = "job_application"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    applied_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(Text)
    employer: Mapped[str] = mapped_column(Text)
    position: Mapped[str] = mapped_column(Text)
    occupation: Mapped[str | None] = mapped_column(Text)
    reported_by: Mapped[str] = mapped_column(Text)
    reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class JobSearchNeglect(Base):
    """A review period in which the client neglected the job-search obligation, with the consequence the rule
    set in force gave. Kela or the unemployment fund decides on the benefit from the labour-policy statement."""

    __tablename__ = "job_search_neglect"
    __table_args__ = (UniqueConstraint("client_id", "period_starts_on"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    period_starts_on: Mapped[date] = mapped_column(Date)
    period_ends_on: Mapped[date] = mapped_column(Date)
    required: Mapped[int] = mapped_column(Integer)
    reported: Mapped[int] = mapped_column(Integer)
    ordinal: Mapped[int] = mapped_column(Integer)
    consequence: Mapped[str] = mapped_column(Text)
    non_compensable_days: Mapped[int | None] = mapped_column(Integer)
    rule_set: Mapped[str] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
