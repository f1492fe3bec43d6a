from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, DateTime, ForeignKey, Index, Text, func
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base


class DataCategory(StrEnum):
    """What of the client's data a consent lets the authority share with a recipient: ``identity``, names, birth date
    and personal identity code; ``contact_details``, e-mail, phone, home municipality and languages; ``assessment``, the
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


class Consent(Base):
    __tablename__ = "consent"
    __table_args__ = (Index("ix_consent_client_recipient", "client_id", "recipient_organisation_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    recipient_organisation_id: Mapped[uuid.UUID]
    categories: Mapped[list[str]] = mapped_column(ARRAY(Text))
    purpose: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_by: Mapped[str | None] = mapped_column(Text)
