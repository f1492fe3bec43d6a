"""Employers (*työnantajat*) of an employment authority's employer services, and the log of contacts with them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, Text, UniqueConstraint, func, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column, query_expression

from employer_api.models import Base
from polku_kit.columns import EnumText


class SizeClass(StrEnum):
    """Statistics Finland's size classes of enterprises by personnel (*henkilöstön suuruusluokka*), as the EU
    recommendation 2003/361/EC draws the lines: ``micro``, under 10 persons; ``small``, 10–49; ``medium``, 50–249;
    ``large``, 250 or more."""

    micro = "micro"  # under 10
    small = "small"  # 10–49
    medium = "medium"  # 50–249
    large = "large"  # 250 or more


class ContactKind(StrEnum):
    """How a contact with an employer was made: ``visit``, an employer visit (*yrityskäynti*); ``call``, a telephone
    call; ``event``, an event such as a recruitment event or a network meeting (*rekrytointitapahtuma*,
    *verkostotapaaminen*); ``email``, an e-mail."""

    visit = "visit"  # yrityskäynti
    call = "call"
    event = "event"  # rekrytointitapahtuma, verkostotapaaminen
    email = "email"


class Employer(Base):
    """An employer as one employment authority's employer services know it (*työnantaja*). ``authority_id`` is
    the authority (the ``org`` of its staff's tokens); a business id (*Y-tunnus*) is registered once in it."""

    __tablename__ = "employer"
    __table_args__ = (
        UniqueConstraint("authority_id", "business_id"),
        Index("ix_employer_authority", "authority_id", "created_at", "id"),
        Index("ix_employer_account_manager", "authority_id", "account_manager_subject"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    authority_id: Mapped[uuid.UUID]
    business_id: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    # TOL 2008 industry code (2–5 digits) and the main class it falls in (polku_classifications.tol2008).
    industry_code: Mapped[str] = mapped_column(Text)
    industry_main_class: Mapped[str] = mapped_column(Text)
    size_class: Mapped[SizeClass | None] = mapped_column(EnumText(SizeClass))
    municipalities: Mapped[list[str]] = mapped_column(ARRAY(Text))
    contact_people: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    account_manager_subject: Mapped[str | None] = mapped_column(Text)
    # The account manager's name as the service last saw it (staff.models.KnownStaff), when a query asks for it.
    account_manager_name: Mapped[str | None] = query_expression()
    consents_to_contact: Mapped[bool] = mapped_column(Boolean)
    network_member: Mapped[bool] = mapped_column(Boolean)
    created_by: Mapped[str] = mapped_column(Text)
    # Who acted (employer_api.acting): the person's name and organisation from their token at the time.
    created_by_name: Mapped[str | None] = mapped_column(Text)
    created_by_organisation_name: Mapped[str | None] = mapped_column(Text)
    # The last change (an edit or a move in the lifecycle), and who made it.
    changed_by: Mapped[str | None] = mapped_column(Text)
    changed_by_name: Mapped[str | None] = mapped_column(Text)
    changed_by_organisation_name: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    version: Mapped[int] = mapped_column(Integer, server_default="1", default=1)


class EmployerContact(Base):
    """One contact with an employer (*työnantajakontakti*): a visit, a call, an event or an e-mail, with the next
    step agreed and its due date. The next steps not yet done are the account manager's list."""

    __tablename__ = "employer_contact"
    __table_args__ = (
        Index("ix_employer_contact_employer", "employer_id", "contacted_on", "id"),
        # The next steps due: only the open ones are indexed, in the order the list shows them.
        Index(
            "ix_employer_contact_next_step_open",
            "authority_id",
            "next_step_due",
            postgresql_where=text("next_step_due IS NOT NULL AND next_step_done_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    employer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employer.id"))
    authority_id: Mapped[uuid.UUID]
    kind: Mapped[ContactKind] = mapped_column(EnumText(ContactKind))
    contacted_on: Mapped[date] = mapped_column(Date)
    staff_subject: Mapped[str] = mapped_column(Text)
    # Who acted (employer_api.acting): the person's name and organisation from their token at the time.
    staff_name: Mapped[str | None] = mapped_column(Text)
    staff_organisation_name: Mapped[str | None] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(Text)
    next_step_due: Mapped[date | None] = mapped_column(Date)
    next_step_done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    next_step_done_by: Mapped[str | None] = mapped_column(Text)
    next_step_done_by_name: Mapped[str | None] = mapped_column(Text)
    next_step_done_by_organisation_name: Mapped[str | None] = mapped_column(Text)
    # The last change (an edit or a move in the lifecycle), and who made it.
    changed_by: Mapped[str | None] = mapped_column(Text)
    changed_by_name: Mapped[str | None] = mapped_column(Text)
    changed_by_organisation_name: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    version: Mapped[int] = mapped_column(Integer, server_default="1", default=1)
