from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, Text, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base
from polku_kit.columns import EnumText


class CountSource(StrEnum):
    """Where a client's count of labour-market subsidy days (*työmarkkinatuki*; 300 days bring the TYP assessment due)
    came from: ``kela_import``, a row of Kela's file imported for the organisation; ``coach``, set by hand as Kela
    gave it."""

    kela_import = "kela_import"
    coach = "coach"


class ImportStatus(StrEnum):
    """Where an import of Kela's file of subsidy day counts stands: ``uploading``, a file sent in parts is still
    arriving, its checked rows kept but not yet counted; ``imported``, its rows were written, all at once (an import
    is all or nothing)."""

    uploading = "uploading"  # a file sent in parts: its rows wait in kela_import_row
    imported = "imported"


class KelaImport(Base):
    """One file: who imported it, how many rows, how many changed a client's count; for a file sent in parts, how
    many rows are expected and the errors found so far."""

    __tablename__ = "kela_import"
    __table_args__ = (Index("ix_kela_import_organisation", "organisation_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[uuid.UUID]
    status: Mapped[ImportStatus] = mapped_column(EnumText(ImportStatus))
    rows_expected: Mapped[int | None] = mapped_column(Integer)
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    rows_imported: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    errors_total: Mapped[int] = mapped_column(Integer, default=0)
    imported_by: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class KelaImportRow(Base):
    """A checked row of a file sent in parts, waiting for the whole file to be imported."""

    __tablename__ = "kela_import_row"
    __table_args__ = (UniqueConstraint("import_id", "client_id"),)

    import_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("kela_import.id", ondelete="CASCADE"), primary_key=True)
    row: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    days: Mapped[int] = mapped_column(Integer)
    counted_on: Mapped[date] = mapped_column(Date)


class SubsidyDayCount(Base):
    """The latest known count of a client's labour-market subsidy days, as counted on ``counted_on``."""

    __tablename__ = "kela_subsidy_day_count"
    __table_args__ = (CheckConstraint("days >= 0", name="days_not_negative"),)

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[uuid.UUID]
    days: Mapped[int] = mapped_column(Integer)
    counted_on: Mapped[date] = mapped_column(Date)
    source: Mapped[CountSource] = mapped_column(EnumText(CountSource))
    import_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("kela_import.id", ondelete="SET NULL"))
    recorded_by: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
