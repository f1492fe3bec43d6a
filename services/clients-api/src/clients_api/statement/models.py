"""Labour-policy statements (*työvoimapoliittinen lausunto*): a draft, the client's account, the issued statement.

A statement is edited in place with a ``version`` that every change increments (its ETag), and every version is
kept as a snapshot in ``labour_statement_version``, so that who wrote what stays readable.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base


def utc_now() -> datetime:
    return datetime.now(UTC)


class NeglectKind(StrEnum):
    """What the client neglected (työttömyysturvalaki 1290/2002, 2 a luku: *työvoimapoliittisesti moitittava
    menettely*): ``missed_interview``, did not take part in an interview or job-search discussion (*ei osallistunut
    haastatteluun tai työnhakukeskusteluun*); ``unmet_obligation``, neglected the job-search obligation or the
    employment plan (*työnhakuvelvollisuuden tai suunnitelman laiminlyönti*); ``refused_job_offer``, refused work that
    was offered (*kieltäytyi tarjotusta työstä*); ``interrupted_service``, interrupted a service that promotes
    employment (*keskeytti työllistymistä edistävän palvelun*)."""

    missed_interview = "missed_interview"  # ei osallistunut haastatteluun tai työnhakukeskusteluun
    unmet_obligation = "unmet_obligation"  # työnhakuvelvollisuuden tai suunnitelman laiminlyönti
    refused_job_offer = "refused_job_offer"  # kieltäytyi tarjotusta työstä
    interrupted_service = "interrupted_service"  # keskeytti työllistymistä edistävän palvelun


class StatementState(StrEnum):
    """Where a labour-policy statement (*työvoimapoliittinen lausunto*) stands: ``draft``, drafted with the consequence
    the rules give, the client not yet heard (*luonnos*); ``heard``, the client's account is recorded (*asiakasta on
    kuultu*); ``issued``, sent to the recipient and no longer editable (*annettu*)."""

    draft = "draft"  # luonnos: the consequence is computed, the client has not been heard
    heard = "heard"  # asiakasta on kuultu: the client's account is recorded
    issued = "issued"  # annettu: sent to the recipient, no longer editable


class Recipient(StrEnum):
    """Whom an issued labour-policy statement goes to: ``kela``, Kela (*Kansaneläkelaitos*), which pays the basic
    unemployment allowance and the labour-market subsidy; ``unemployment_fund``, the client's unemployment fund
    (*työttömyyskassa*, named in ``fund_name``), which pays the earnings-related allowance."""

    kela = "kela"  # Kansaneläkelaitos: basic unemployment allowance and labour-market subsidy
    unemployment_fund = "unemployment_fund"  # työttömyyskassa: earnings-related allowance


class LabourPolicyStatement(Base):
    """One statement about one neglect of one client."""

    __tablename__ = "labour_statement"
    __table_args__ = (
        UniqueConstraint("client_id", "neglect_kind", "neglected_on"),
        Index("ix_labour_statement_drafter", "organisation_id", "drafted_by", "state"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[uuid.UUID]
    version: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[str] = mapped_column(Text)
    neglect_kind: Mapped[str] = mapped_column(Text)
    neglected_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text)
    ordinal: Mapped[int] = mapped_column(Integer)
    consequence: Mapped[str] = mapped_column(Text)
    non_compensable_days: Mapped[int | None] = mapped_column(Integer)
    rule_set: Mapped[str] = mapped_column(Text)
    client_account: Mapped[str | None] = mapped_column(Text)
    heard_on: Mapped[date | None] = mapped_column(Date)
    heard_by: Mapped[str | None] = mapped_column(Text)
    recipient: Mapped[str | None] = mapped_column(Text)
    fund_name: Mapped[str | None] = mapped_column(Text)
    issued_on: Mapped[date | None] = mapped_column(Date)
    issued_by: Mapped[str | None] = mapped_column(Text)
    drafted_by: Mapped[str] = mapped_column(Text)
    drafted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_by: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class LabourPolicyStatementVersion(Base):
    """The statement as it was after each change, never changed afterwards. It names the client too, so that the
    client's personal-data export carries every version."""

    __tablename__ = "labour_statement_version"

    statement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("labour_statement.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSONB)
    changed_by: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
