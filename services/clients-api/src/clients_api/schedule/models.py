from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, DateTime, ForeignKey, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base


class InterviewChannel(StrEnum):
    in_person = "in_person"
    phone = "phone"
    video = "video"


class Interview(Base):
    """An interview or job-search discussion held with the client (*haastattelu*, *työnhakukeskustelu*)."""

    __tablename__ = "interview"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
