"""Supports with the money committed (*tuet ja sidotut määrärahat*): pay subsidy decisions, recruitment bonuses,
summer-job vouchers and grants to associations (such as Lahti's *Lahti-lisä*)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, Numeric, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from employer_api.models import Base
from polku_kit.columns import EnumText


class SupportKind(StrEnum):
    """What a support decision grants: ``pay_subsidy``, pay subsidy (*palkkatuki*), a percentage of the wage costs for a
    period; ``recruitment_bonus``, the municipality's recruitment bonus (*rekrytointipalkkio*);
    ``summer_job_voucher``, a summer-job voucher (*kesätyöseteli*); ``association_grant``, an employment grant to an
    association (*yhdistysten työllistämistuki*, such as Lahti's *Lahti-lisä*)."""

    pay_subsidy = "pay_subsidy"  # palkkatuki
    recruitment_bonus = "recruitment_bonus"  # rekrytointipalkkio (municipal)
    summer_job_voucher = "summer_job_voucher"  # kesätyöseteli
    association_grant = "association_grant"  # yhdistysten työllistämistuki, e.g. Lahti-lisä


class SupportStatus(StrEnum):
    """Where a support decision stands: ``decided``, decided, its money committed by month; ``paid``, marked paid;
    ``cancelled``, cancelled, and its money no longer counts as committed."""

    decided = "decided"
    paid = "paid"
    cancelled = "cancelled"


class Support(Base):
    __tablename__ = "support"
    __table_args__ = (
        Index("ix_support_authority", "authority_id", "decided_on", "id"),
        Index("ix_support_employer", "employer_id"),
        Index("ix_support_client", "authority_id", "client_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    authority_id: Mapped[uuid.UUID]
    kind: Mapped[SupportKind] = mapped_column(EnumText(SupportKind))
    employer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employer.id"))
    client_id: Mapped[uuid.UUID | None]
    vacancy_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("vacancy.id"))
    decided_on: Mapped[date] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(Text)
    # Who acted (employer_api.acting): the person's name and organisation from their token at the time.
    decided_by_name: Mapped[str | None] = mapped_column(Text)
    decided_by_organisation_name: Mapped[str | None] = mapped_column(Text)
    # The last change (an edit or a move in the lifecycle), and who made it.
    changed_by: Mapped[str | None] = mapped_column(Text)
    changed_by_name: Mapped[str | None] = mapped_column(Text)
    changed_by_organisation_name: Mapped[str | None] = mapped_column(Text)
    status: Mapped[SupportStatus] = mapped_column(EnumText(SupportStatus))
    # Pay subsidy: the law's ground, its percentage, the period and the monthly wage cost.
    ground: Mapped[str | None] = mapped_column(Text)
    percent: Mapped[int | None] = mapped_column(Integer)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    monthly_wage_cost: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    # Another support: the sum decided.
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    committed_by_month: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    total_committed: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    ended_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    version: Mapped[int] = mapped_column(Integer, server_default="1", default=1)
