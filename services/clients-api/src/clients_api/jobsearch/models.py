from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, Text, UniqueConstraint, func, text
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base


class ApplicationKind(StrEnum):
    """What counts toward the job-search obligation (*työnhakuvelvollisuus*, by TEM's guidance):
    ``advertised_vacancy``, an application to an advertised vacancy; ``open_application``, an open application to an
    employer who advertised nothing (*avoin hakemus*); ``employer_contact``, a contact with an employer about work;
    ``assigned_vacancy``, an application to a vacancy the authority assigned to the client to apply for (*yksilöity
    työpaikka, haettavaksi osoitettu*)."""

    advertised_vacancy = "advertised_vacancy"
    open_application = "open_application"
    employer_contact = "employer_contact"
    assigned_vacancy = "assigned_vacancy"  # yksilöity työpaikka, haettavaksi osoitettu


class JobApplication(Base):
    """A job opportunity the client reports having applied for (*haettu työmahdollisuus*), or a vacancy a coach
    offered that the client applied for (employer-api's job offer, named by ``job_offer_id``: one per offer)."""

    __tablename__ = "job_application"
    __table_args__ = (UniqueConstraint("job_offer_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    applied_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(Text)
    employer: Mapped[str] = mapped_column(Text)
    position: Mapped[str] = mapped_column(Text)
    occupation: Mapped[str | None] = mapped_column(Text)
    reported_by: Mapped[str] = mapped_column(Text)
    reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    job_offer_id: Mapped[uuid.UUID | None]


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


class JobSearchPeriod(Base):
    """One job-search period (*työnhaku*) of a client: it starts (registration, or registering again) and ends
    for a reason. Each period has its own statutory schedule; at most one is open at a time."""

    __tablename__ = "job_search_period"
    __table_args__ = (
        UniqueConstraint("client_id", "started_on"),
        Index("ux_job_search_period_open", "client_id", unique=True, postgresql_where=text("ended_on IS NULL")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    started_on: Mapped[date] = mapped_column(Date)
    # False when the period began less than six months after the previous one ended: no new initial interview.
    initial_interview: Mapped[bool] = mapped_column(Boolean)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(Text)
    end_notes: Mapped[str | None] = mapped_column(Text)
    started_by: Mapped[str] = mapped_column(Text)
    ended_by: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class SearchEndReason(StrEnum):
    """Why a job-search period ended (*työnhaun päättymisen syy*; Laki työvoimapalveluiden järjestämisestä
    380/2023, 28 §, as amended by HE 108/2025): ``employed``, the client found work; ``in_education``, the client
    started education; ``moved``, the client moved out of the area or abroad; ``client_request``, the job seeker
    ended it; ``not_in_contact``, the client did not contact the authority in the time given (28 § 1 mom. 3 k.);
    ``missed_interview``, the client did not come to an interview (from 1.3.2026, 28 § 1 mom. 4 k.); ``other``,
    another reason, which ``end_notes`` may tell (one ended on the national platform is one)."""

    employed = "employed"
    in_education = "in_education"
    moved = "moved"  # moved out of the area or abroad
    client_request = "client_request"  # the job seeker ended it
    not_in_contact = "not_in_contact"  # did not contact the authority in the time given (28 § 1 mom. 3 k.)
    missed_interview = "missed_interview"  # did not come to an interview (from 1.3.2026, 28 § 1 mom. 4 k.)
    other = "other"
