"""What the reconciliation with the national platform leaves behind: one report per run and authority."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from employer_api.models import Base


class ReconciliationReport(Base):
    """A comparison of the authority's vacancies with the platform's postings: the counts on each side, the
    differences found (by kind, with the ids), and what was repaired."""

    __tablename__ = "reconciliation_report"
    __table_args__ = (Index("ix_reconciliation_report_authority", "authority_id", "started_at", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    authority_id: Mapped[uuid.UUID]
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    counts: Mapped[dict[str, int]] = mapped_column(JSONB)
    differences: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    repaired: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
