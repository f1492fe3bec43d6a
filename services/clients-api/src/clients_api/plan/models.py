from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, Integer, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base


class PlanType(StrEnum):
    """The kind of plan: ``employment``, an employment plan (*työllistymissuunnitelma*); ``activation``, an activation
    plan (*aktivointisuunnitelma*) for a client who needs more support; ``integration``, an integration plan
    (*kotoutumissuunnitelma*) for an immigrant in the integration period."""

    employment = "employment"  # työllistymissuunnitelma
    activation = "activation"  # aktivointisuunnitelma
    integration = "integration"  # kotoutumissuunnitelma


class PlanVersion(Base):
    """One version of a client's plan. Versions are never changed: an edit adds the next version, so the
    whole history of who changed what stays readable."""

    __tablename__ = "plan_version"
    # created_at comes back in the INSERT's RETURNING, not in a SELECT of its own after every save.
    __mapper_args__ = {"eager_defaults": True}

    # The version's id (what its audit records name) has no index of its own: no query looks a version up by it; the
    # key is the client's version number (migration clients_0029).
    id: Mapped[uuid.UUID] = mapped_column(default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_type: Mapped[str] = mapped_column(Text)
    goals: Mapped[list[str]] = mapped_column(JSONB)
    tasks: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    applications_per_period: Mapped[int] = mapped_column(Integer)
    period_months: Mapped[int] = mapped_column(Integer)
    obligation_reduction_reason: Mapped[str | None] = mapped_column(Text)
    next_review_on: Mapped[date] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(Text)
    # The saving person's name from their token at the time, so that the history names them.
    created_by_name: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
