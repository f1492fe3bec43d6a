"""The read model: what metrics-api keeps of the other services' events (never their databases).

``feed_event`` is the ledger of every event received, as it came; the tables below it are facts taken from those
events, each row keyed by the event it came from (or by the source's own id), so that an event applied twice or
out of order gives the same rows. Figures are computed from the facts when asked for (``metrics_api.indicator``),
so a late event changes no stored figure: the next question simply sees it. ``metrics-api rebuild`` empties the
facts and applies the ledger again.

Job-search periods, activating-service episodes, offers and introductions and supports are filled by their events;
``statement`` is not (``STATEMENT_ISSUED``).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Date, DateTime, Identity, Index, Integer, Numeric, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from metrics_api.models import Base

# A labour-policy statement's event names no client (no row of ``statement`` can be keyed by one): the ledger keeps
# it, and the statements' processing time is read from there.
STATEMENT_ISSUED = "fi.polku.statement.issued.v1"


class FeedEvent(Base):
    """An event received from clients-api or referrals-api, kept as it came (the ledger the rebuild replays)."""

    __tablename__ = "feed_event"
    __table_args__ = (Index("ix_feed_event_order", "time", "id"),)

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    # Arrival order, for the rebuild's progress and paging (never for meaning: figures use the events' dates).
    sequence: Mapped[int] = mapped_column(BigInteger, Identity(always=True), unique=True)
    source: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    data: Mapped[Any] = mapped_column(JSONB)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ClientProfile(Base):
    """A job seeker as the statistics need them: organisation, age (birth date) and citizenship, never a name."""

    __tablename__ = "client_profile"
    __table_args__ = (Index("ix_client_profile_organisation_id", "organisation_id"),)

    client_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    organisation_id: Mapped[uuid.UUID]
    birth_date: Mapped[date | None] = mapped_column(Date)
    # ISO 3166-1 alpha-2; NULL while no event carries it (then the foreign citizens' group is not computed).
    citizenship: Mapped[str | None] = mapped_column(Text)
    job_search_started_on: Mapped[date] = mapped_column(Date)
    event_id: Mapped[str] = mapped_column(Text)


class ClientMunicipality(Base):
    """The home municipality from a day on (registration; a move). The region of a figure is the municipality
    on its count date."""

    __tablename__ = "client_municipality"
    __table_args__ = (Index("ix_client_municipality_client_id", "client_id"),)

    event_id: Mapped[str] = mapped_column(Text, primary_key=True)
    client_id: Mapped[uuid.UUID]
    valid_from: Mapped[date] = mapped_column(Date)
    municipality: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ClientStatus(Base):
    """A change of labour-market status (*työmarkkina-asema*) on a day: each row starts a status span that lasts
    until the client's next change (ordered by day, then by the event's time and id)."""

    __tablename__ = "client_status"
    __table_args__ = (Index("ix_client_status_client_id", "client_id"),)

    event_id: Mapped[str] = mapped_column(Text, primary_key=True)
    client_id: Mapped[uuid.UUID]
    changed_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ClientCoach(Base):
    """An assignment to a coach (or a release from one) from a day on: the caseload on a count date."""

    __tablename__ = "client_coach"
    __table_args__ = (Index("ix_client_coach_client_id", "client_id"),)

    event_id: Mapped[str] = mapped_column(Text, primary_key=True)
    client_id: Mapped[uuid.UUID]
    assigned_on: Mapped[date] = mapped_column(Date)
    coach_subject: Mapped[str | None] = mapped_column(Text)
    team_id: Mapped[uuid.UUID | None]
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ClientEducation(Base):
    """The highest level of education (ISCED 2011) a version of the initial assessment records, from its day on;
    ``None``: the version records no education."""

    __tablename__ = "client_education"
    __table_args__ = (Index("ix_client_education_client_id", "client_id"),)

    event_id: Mapped[str] = mapped_column(Text, primary_key=True)
    client_id: Mapped[uuid.UUID]
    assessed_on: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer)
    level: Mapped[str | None] = mapped_column(Text)


class PlanVersion(Base):
    """A version of the employment plan (*työllistymissuunnitelma*) and its next review day."""

    __tablename__ = "plan_version"

    client_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_type: Mapped[str] = mapped_column(Text)
    created_on: Mapped[date] = mapped_column(Date)
    next_review_on: Mapped[date] = mapped_column(Date)
    event_id: Mapped[str] = mapped_column(Text)


class Interview(Base):
    """An interview held (``held``) or a cancellation of one (``cancelled``)."""

    __tablename__ = "interview"
    __table_args__ = (Index("ix_interview_client_id", "client_id"),)

    event_id: Mapped[str] = mapped_column(Text, primary_key=True)
    client_id: Mapped[uuid.UUID]
    held_on: Mapped[date] = mapped_column(Date)
    what: Mapped[str] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(Text)


class DeadlineOutcome(Base):
    """What became of a statutory deadline: ``missed`` (announced overdue), ``waived``, or ``met`` (announced met on
    time), with the rule set it was judged by."""

    __tablename__ = "deadline_outcome"
    __table_args__ = (Index("ix_deadline_outcome_client_id", "client_id"),)

    event_id: Mapped[str] = mapped_column(Text, primary_key=True)
    client_id: Mapped[uuid.UUID]
    kind: Mapped[str] = mapped_column(Text)
    number: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)
    rule_set: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text)


class Referral(Base):
    """A referral to a partner's service, folded from its events: each moment is the earliest event that set it,
    so the order of arrival does not matter."""

    __tablename__ = "referral"
    __table_args__ = (
        Index("ix_referral_partner_organisation_id", "partner_organisation_id", "sent_at"),
        Index("ix_referral_sender_organisation_id", "sender_organisation_id", "sent_at"),
    )

    referral_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    client_id: Mapped[uuid.UUID]
    service_id: Mapped[uuid.UUID]
    sender_organisation_id: Mapped[uuid.UUID]
    partner_organisation_id: Mapped[uuid.UUID]
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    first_response_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_status: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)


# Periods, episodes, offers, supports, statements ---------------------------------------------------------------


class JobSearchPeriod(Base):
    """A job-search period (*työnhakujakso*) from its start to its end."""

    __tablename__ = "job_search_period"
    __table_args__ = (Index("ix_job_search_period_client_id", "client_id"),)

    period_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    client_id: Mapped[uuid.UUID]
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(Text)
    rule_set: Mapped[str | None] = mapped_column(Text)


class ServiceEpisode(Base):
    """An activating-service episode (pay-subsidised work, work trial, training, coaching, …) by type;
    the activation rate counts the types of its definition's dated list."""

    __tablename__ = "service_episode"
    __table_args__ = (Index("ix_service_episode_client_id", "client_id"),)

    episode_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    client_id: Mapped[uuid.UUID]
    service_type: Mapped[str] = mapped_column(Text)
    provider_organisation_id: Mapped[uuid.UUID | None]
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(Text)


class Offer(Base):
    """A job offer (*työtarjous*) or an introduction (*esittely*) and what became of it."""

    __tablename__ = "offer"
    __table_args__ = (Index("ix_offer_client_id", "client_id"),)

    offer_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(Text)
    client_id: Mapped[uuid.UUID]
    vacancy_id: Mapped[uuid.UUID | None]
    employer_sector: Mapped[str | None] = mapped_column(Text)
    made_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(Text)
    outcome_on: Mapped[date | None] = mapped_column(Date)


class Support(Base):
    """A support decision (pay subsidy *palkkatuki*, start-up grant, …) with its period and euros."""

    __tablename__ = "support"
    __table_args__ = (Index("ix_support_client_id", "client_id"),)

    support_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    client_id: Mapped[uuid.UUID]
    support_type: Mapped[str] = mapped_column(Text)
    employer_sector: Mapped[str | None] = mapped_column(Text)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    euros: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))


class Statement(Base):
    """A labour-policy statement to Kela (*työvoimapoliittinen lausunto*): asked and given. Not filled: the
    ``statement.issued`` event names no client."""

    __tablename__ = "statement"
    __table_args__ = (Index("ix_statement_client_id", "client_id"),)

    statement_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    client_id: Mapped[uuid.UUID]
    kind: Mapped[str | None] = mapped_column(Text)
    requested_on: Mapped[date] = mapped_column(Date)
    given_on: Mapped[date | None] = mapped_column(Date)


class SupportCommitment(Base):
    """The euros a support decision of employer-api commits, by month, as the decision recorded them
    (``committed_by_month``: a pay subsidy's months, a lump sum's one month), and the day it ended if it was
    cancelled: kept per decision, any client or none (a grant to an association names none). An end carries the
    decision's facts too, so either event arriving first gives the same row."""

    __tablename__ = "support_commitment"
    __table_args__ = (Index("ix_support_commitment_organisation_id", "organisation_id"),)

    support_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    organisation_id: Mapped[uuid.UUID]
    support_type: Mapped[str] = mapped_column(Text)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    by_period: Mapped[bool]  # euros by the days of a period (a pay subsidy) or one lump sum
    committed_by_month: Mapped[Any] = mapped_column(JSONB)  # [{"month": "YYYY-MM", "euros": "1500.00"}, …]
    ended_on: Mapped[date | None] = mapped_column(Date)
