"""Statistics Polku cannot know, imported by the authority: labour force and population (Statistics Finland), Kela's
benefit recipients and euros, and the budget lines. Each row belongs to the organisation that imported it."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, Integer, Numeric, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from metrics_api.models import Base


class ImportBatch(Base):
    """One accepted file: who imported what, when, of which vintage."""

    __tablename__ = "import_batch"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[uuid.UUID] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(Text)
    vintage: Mapped[str | None] = mapped_column(Text)
    file_format: Mapped[str] = mapped_column(Text)
    rows: Mapped[int] = mapped_column(Integer)
    imported_by: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class LabourForce(Base):
    """The labour force (*työvoima*) and population (*väestö*) of a municipality in a month, by group."""

    __tablename__ = "labour_force"

    organisation_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    municipality: Mapped[str] = mapped_column(Text, primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)  # the month's first day
    group: Mapped[str] = mapped_column(Text, primary_key=True)
    labour_force: Mapped[int] = mapped_column(Integer)
    population: Mapped[int] = mapped_column(Integer)
    # the employed of the population (age groups 15–64 and 20–64: the employment rate); NULL when not imported
    employed: Mapped[int | None] = mapped_column(Integer)
    vintage: Mapped[str] = mapped_column(Text)
    batch_id: Mapped[uuid.UUID]


class KelaBenefit(Base):
    """Kela's unemployment benefit recipients (*saajat*) and euros paid (*maksetut eurot*) by benefit type."""

    __tablename__ = "kela_benefit"

    organisation_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    municipality: Mapped[str] = mapped_column(Text, primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    benefit_type: Mapped[str] = mapped_column(Text, primary_key=True)
    recipients: Mapped[int] = mapped_column(Integer)
    euros: Mapped[Decimal] = mapped_column(Numeric(16, 2))
    vintage: Mapped[str] = mapped_column(Text)
    batch_id: Mapped[uuid.UUID]


class BudgetLine(Base):
    """A budget line of a month: budgeted, actual and committed euros, its category and budget class."""

    __tablename__ = "budget_line"

    organisation_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    line: Mapped[str] = mapped_column(Text, primary_key=True)
    category: Mapped[str] = mapped_column(Text)
    budget_class: Mapped[str] = mapped_column(Text)
    budgeted: Mapped[Decimal] = mapped_column(Numeric(16, 2))
    actual: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    committed: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    batch_id: Mapped[uuid.UUID]
