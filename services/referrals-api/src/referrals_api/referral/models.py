"""Referrals (*lähetteet*) from the employment authority to a partner's service, and joint referrals
(*yhteislähete*) to several partners at once with the weekly team's (*viikkotiimi*) decision."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from polku_kit.columns import EnumText
from referrals_api.models import Base


class ReferralStatus(StrEnum):
    """HL7 FHIR R4 Task.status (https://hl7.org/fhir/R4/valueset-task-status.html), the subset a referral
    uses, plus ``expired`` (see ``lifecycle.TRANSITIONS`` for who may move it where): ``draft``, being written by
    the sender, not yet sent; ``requested``, sent to the partner, not yet answered; ``received``, the partner has
    seen it and not yet decided; ``accepted``, the partner took the client on, and the responsibility passes to it
    (*saattaen vaihtaen*); ``rejected``, the partner declined it; ``in_progress``, the client is taking part in the
    service; ``on_hold``, the service is paused; ``completed``, the service ended, with an ``Outcome``;
    ``cancelled``, withdrawn by the sender, or after acceptance by either party; ``expired``, the partner did not
    answer in the agreed number of working days."""

    draft = "draft"
    requested = "requested"
    received = "received"
    accepted = "accepted"
    rejected = "rejected"
    in_progress = "in_progress"
    on_hold = "on_hold"
    completed = "completed"
    cancelled = "cancelled"
    expired = "expired"


class Outcome(StrEnum):
    """What came of a completed referral, the outcomes followed for effectiveness (*vaikuttavuus*): ``started_work``,
    the client started work on the open labour market; ``started_subsidised_work``, started subsidised work, such as
    pay-subsidised work (*palkkatuettu työ*); ``started_education``, started education; ``moved_to_another_service``,
    moved on to another service; ``rehabilitation``, moved to rehabilitation (*kuntoutus*); ``interrupted``, the
    client's service was interrupted before its planned end; ``no_change``, the service ended and the client's situation
    did not change."""

    started_work = "started_work"
    started_subsidised_work = "started_subsidised_work"
    started_education = "started_education"
    moved_to_another_service = "moved_to_another_service"
    rehabilitation = "rehabilitation"
    interrupted = "interrupted"
    no_change = "no_change"


class DataCategory(StrEnum):
    """The client data a referral may carry: clients-api's consent categories, whose source is clients-api's published
    OpenAPI document (tests/test_vocabularies.py fails when the two disagree): ``identity``, names, birth date and
    personal identity code; ``contact_details``, e-mail, phone, home municipality and languages; ``assessment``, the
    current initial assessment (*alkukartoitus*) without its special-category notes; ``plan``, the current version of
    the employment plan (*työllistymissuunnitelma*); ``job_search_history``, the history of the client's labour-market
    status; ``health_and_social``, the assessment's notes on health and social circumstances, special-category data
    (GDPR art. 9)."""

    identity = "identity"
    contact_details = "contact_details"
    assessment = "assessment"
    plan = "plan"
    job_search_history = "job_search_history"
    health_and_social = "health_and_social"


OPEN_STATUSES = (ReferralStatus.requested, ReferralStatus.received)


class JointReferral(Base):
    __tablename__ = "joint_referral"
    __table_args__ = (Index("ix_joint_referral_sender", "sender_organisation_id", "created_at", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID]
    sender_organisation_id: Mapped[uuid.UUID]
    sender_subject: Mapped[str] = mapped_column(Text)
    team_name: Mapped[str] = mapped_column(Text)
    decided_on: Mapped[date] = mapped_column(Date)
    decision: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Referral(Base):
    __tablename__ = "referral"
    # updated_at comes back in the UPDATE's RETURNING, not in a SELECT of its own after every change.
    __mapper_args__ = {"eager_defaults": True}
    __table_args__ = (
        Index("ix_referral_partner", "partner_organisation_id", "created_at", "id"),
        Index("ix_referral_sender", "sender_organisation_id", "created_at", "id"),
        Index("ix_referral_client", "client_id"),
        # A partner's inbox and a coach's board: one status at a time, newest first (referrals_0007).
        Index("ix_referral_partner_status", "partner_organisation_id", "status", "created_at", "id"),
        Index("ix_referral_sender_status", "sender_organisation_id", "status", "created_at", "id"),
        # The due list and the expiry job: open referrals by due day.
        Index(
            "ix_referral_open_due",
            "sender_organisation_id",
            "due_on",
            postgresql_where=text("status IN ('requested', 'received')"),
        ),
        Index("ix_referral_expiry", "due_on", postgresql_where=text("status IN ('requested', 'received')")),
        # A coach's own due list (``mine``).
        Index(
            "ix_referral_open_due_subject",
            "sender_organisation_id",
            "sender_subject",
            "due_on",
            postgresql_where=text("status IN ('requested', 'received')"),
        ),
        # Reports over a period (network map, response times): index-only scans by sender and send time.
        Index(
            "ix_referral_sender_sent",
            "sender_organisation_id",
            "sent_at",
            postgresql_include=["service_id", "partner_organisation_id", "status", "outcome", "first_response_at"],
        ),
        # Fill rates: acceptances by service and time.
        Index(
            "ix_referral_service_accepted",
            "service_id",
            "accepted_at",
            postgresql_where=text("accepted_at IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID]
    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("service.id"))
    # The service's organisation (its record is the service's, in the sender's network: decision 16).
    partner_organisation_id: Mapped[uuid.UUID]
    sender_organisation_id: Mapped[uuid.UUID]
    sender_subject: Mapped[str] = mapped_column(Text)
    # Who sent it and how to reach them, from the sender's token when the draft was made: the partner's contact.
    sender_name: Mapped[str | None] = mapped_column(Text)
    sender_organisation_name: Mapped[str | None] = mapped_column(Text)
    sender_email: Mapped[str | None] = mapped_column(Text)
    joint_referral_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("joint_referral.id"))
    status: Mapped[ReferralStatus] = mapped_column(EnumText(ReferralStatus))
    categories: Mapped[list[str]] = mapped_column(ARRAY(Text))
    reason: Mapped[str] = mapped_column(Text)
    consent_id: Mapped[uuid.UUID | None]
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    due_on: Mapped[date | None] = mapped_column(Date)
    first_response_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    feedback_score: Mapped[int | None] = mapped_column(Integer)
    feedback_text: Mapped[str | None] = mapped_column(Text)
    feedback_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    # Incremented by every change of a draft; the ETag a change must send back (referrals_api.versioning).
    version: Mapped[int] = mapped_column(Integer, server_default="1", default=1)


class ReferralTransition(Base):
    """One change of status: who, when, from what to what, and why. Append-only."""

    __tablename__ = "referral_transition"
    __table_args__ = (Index("ix_referral_transition_referral", "referral_id", "occurred_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"))
    from_status: Mapped[ReferralStatus | None] = mapped_column(EnumText(ReferralStatus))
    to_status: Mapped[ReferralStatus] = mapped_column(EnumText(ReferralStatus))
    actor_subject: Mapped[str] = mapped_column(Text)
    actor_organisation_id: Mapped[uuid.UUID | None]
    # The acting person's name and organisation from their token at the time (polku_kit.actor).
    actor_name: Mapped[str | None] = mapped_column(Text)
    actor_organisation_name: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ReferralDocument(Base):
    """A short document attached to a referral by the sender or the partner (a statement, a summary)."""

    __tablename__ = "referral_document"
    __table_args__ = (Index("ix_referral_document_referral", "referral_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(Text)
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(Text)
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_by: Mapped[str] = mapped_column(Text)
    uploader_organisation_id: Mapped[uuid.UUID | None]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ReferralMessage(Base):
    """A short message between the sender's staff and the partner on one referral: attributed to the person and
    organisation from their token at the time."""

    __tablename__ = "referral_message"
    __table_args__ = (Index("ix_referral_message_referral", "referral_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"))
    author_subject: Mapped[str] = mapped_column(Text)
    author_name: Mapped[str | None] = mapped_column(Text)
    author_organisation_id: Mapped[uuid.UUID]
    author_organisation_name: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ReferralMessageReceipt(Base):
    """Until when a person has read a referral's messages: what came after is unread for them."""

    __tablename__ = "referral_message_receipt"

    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), primary_key=True)
    reader_subject: Mapped[str] = mapped_column(Text, primary_key=True)
    read_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReferralFlow(Base):
    """Sent referrals counted per sender, service, status and outcome (``''``: none), by the Helsinki day they were
    sent on (``period`` ``day``) and by its month (``month``, ``starts_on`` its first day): the network map's flows.
    Written only by triggers on ``referral`` (referrals_0016), in the statement that changes the referral: a referral
    counts once in each period, under its status and outcome of now (decision 65), in the ``stripe`` of its id (the
    last byte, modulo eight; referrals_0017), so that moves of different referrals of one key seldom wait for the same
    row (decision 69). A count is the sum of its stripes."""

    __tablename__ = "referral_flow"
    # No CHECK on ``referrals``: PostgreSQL checks the row an upsert proposes (a move's -1 for the status it leaves)
    # before it finds the row it updates.
    __table_args__ = (CheckConstraint("period IN ('day', 'month')", name="period"),)

    sender_organisation_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(Text, primary_key=True)
    starts_on: Mapped[date] = mapped_column(Date, primary_key=True)
    service_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(Text, primary_key=True)
    outcome: Mapped[str] = mapped_column(Text, primary_key=True)
    stripe: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    referrals: Mapped[int] = mapped_column(Integer)


class ServiceFill(Base):
    """Per service, by the Helsinki day (``period`` ``day``) and by its month (``month``, ``starts_on`` its first
    day): the referrals accepted on it (``accepted``), and the referrals closed on it with the client's feedback
    (``feedback``) with the sum of their scores (``feedback_scores``): the fill rates' counts. Written only by
    triggers on ``referral`` (referrals_0018), in the statement that changes the referral (decision 70), in the
    ``stripe`` of the referral's id as :class:`ReferralFlow` (the last byte, modulo eight), so that acceptances and
    closings of different referrals of one service and day seldom wait for the same row. A count is the sum of its
    stripes."""

    __tablename__ = "service_fill"
    # No CHECK on the counts, for referral_flow's reason.
    __table_args__ = (CheckConstraint("period IN ('day', 'month')", name="period"),)

    service_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(Text, primary_key=True)
    starts_on: Mapped[date] = mapped_column(Date, primary_key=True)
    stripe: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    accepted: Mapped[int] = mapped_column(Integer)
    feedback: Mapped[int] = mapped_column(Integer)
    feedback_scores: Mapped[int] = mapped_column(BigInteger)
