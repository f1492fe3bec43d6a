"""Job offers (*työtarjous*) from coaches to their clients, and introductions (*esittely*) of candidates to
employers by employer services."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from employer_api.models import Base
from polku_kit.columns import EnumText


class OfferStatus(StrEnum):
    """Where a job offer (*työtarjous*) to a client stands: ``sent``, offered, the client's answer awaited by
    ``respond_by``; ``applied``, the client applied for the job; ``did_not_apply``, the client did not apply;
    ``hired``, the client applied and was hired; ``not_hired``, the client applied and was not hired. An offer the
    client applied for counts toward the job-search obligation."""

    sent = "sent"
    applied = "applied"
    did_not_apply = "did_not_apply"
    hired = "hired"
    not_hired = "not_hired"


# The outcomes in which the client applied: an offer counts toward the job-search obligation when the client
# applies (the offer's outcome says so).
APPLIED = frozenset({OfferStatus.applied, OfferStatus.hired, OfferStatus.not_hired})
OFFER_MOVES = {
    OfferStatus.sent: frozenset({OfferStatus.applied, OfferStatus.did_not_apply}),
    OfferStatus.applied: frozenset({OfferStatus.hired, OfferStatus.not_hired}),
}


class IntroductionStatus(StrEnum):
    """What came of introducing a candidate to a vacancy's employer (*esittely*): ``made``, the candidate is introduced
    and nothing is known yet; ``invited_to_interview``, the employer invited the candidate to a job interview;
    ``hired``, the employer hired the candidate; ``not_hired``, the employer did not."""

    made = "made"
    invited_to_interview = "invited_to_interview"
    hired = "hired"
    not_hired = "not_hired"


INTRODUCTION_MOVES = {
    IntroductionStatus.made: frozenset(
        {IntroductionStatus.invited_to_interview, IntroductionStatus.hired, IntroductionStatus.not_hired}
    ),
    IntroductionStatus.invited_to_interview: frozenset({IntroductionStatus.hired, IntroductionStatus.not_hired}),
}


class JobOffer(Base):
    __tablename__ = "job_offer"
    __table_args__ = (
        Index("ix_job_offer_client", "authority_id", "client_id", "created_at"),
        Index("ix_job_offer_vacancy", "vacancy_id", "created_at"),
        # One open offer of a vacancy to a client.
        Index(
            "uq_job_offer_open",
            "vacancy_id",
            "client_id",
            unique=True,
            postgresql_where=text("status = 'sent'"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    authority_id: Mapped[uuid.UUID]
    vacancy_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vacancy.id"))
    client_id: Mapped[uuid.UUID]
    offered_by: Mapped[str] = mapped_column(Text)
    # Who acted (employer_api.acting): the person's name and organisation from their token at the time.
    offered_by_name: Mapped[str | None] = mapped_column(Text)
    offered_by_organisation_name: Mapped[str | None] = mapped_column(Text)
    respond_by: Mapped[date] = mapped_column(Date)
    status: Mapped[OfferStatus] = mapped_column(EnumText(OfferStatus))
    reason: Mapped[str | None] = mapped_column(Text)  # why the client did not apply
    counts_toward_job_search: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome_by: Mapped[str | None] = mapped_column(Text)
    outcome_by_name: Mapped[str | None] = mapped_column(Text)
    outcome_by_organisation_name: Mapped[str | None] = mapped_column(Text)
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    version: Mapped[int] = mapped_column(Integer, server_default="1", default=1)


class Introduction(Base):
    __tablename__ = "introduction"
    __table_args__ = (
        Index("ix_introduction_client", "authority_id", "client_id", "created_at"),
        Index("ix_introduction_vacancy", "vacancy_id", "created_at"),
        Index("uq_introduction_vacancy_client", "vacancy_id", "client_id", unique=True),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    authority_id: Mapped[uuid.UUID]
    vacancy_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vacancy.id"))
    employer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employer.id"))
    client_id: Mapped[uuid.UUID]
    anonymous: Mapped[bool] = mapped_column(Boolean)
    consent_id: Mapped[uuid.UUID | None]
    introduced_by: Mapped[str] = mapped_column(Text)
    # Who acted (employer_api.acting): the person's name and organisation from their token at the time.
    introduced_by_name: Mapped[str | None] = mapped_column(Text)
    introduced_by_organisation_name: Mapped[str | None] = mapped_column(Text)
    status: Mapped[IntroductionStatus] = mapped_column(EnumText(IntroductionStatus))
    outcome_by: Mapped[str | None] = mapped_column(Text)
    outcome_by_name: Mapped[str | None] = mapped_column(Text)
    outcome_by_organisation_name: Mapped[str | None] = mapped_column(Text)
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # An anonymous introduction made named once the client's consent covers it: who did it and when (the consent
    # then in force replaces ``consent_id``).
    disclosed_by: Mapped[str | None] = mapped_column(Text)
    disclosed_by_name: Mapped[str | None] = mapped_column(Text)
    disclosed_by_organisation_name: Mapped[str | None] = mapped_column(Text)
    disclosed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    version: Mapped[int] = mapped_column(Integer, server_default="1", default=1)
