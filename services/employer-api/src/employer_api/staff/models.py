"""The staff of an authority as employer-api has seen them (*henkilöstö*): who used the service, with the name and
the roles of their token then, so that an employer's account manager is picked by name."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import DateTime, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from employer_api.models import Base


class KnownStaff(Base):
    """A staff member of the authority (``organisation_id``, the ``org`` of their token) who has used employer-api:
    the subject, name and staff roles of their token when they were last noted."""

    __tablename__ = "known_staff"
    organisation_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str | None] = mapped_column(Text)
    roles: Mapped[list[str]] = mapped_column(ARRAY(Text))
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class Sighting:
    """A staff member as their token named them when they used the service."""

    organisation_id: uuid.UUID
    subject: str
    name: str | None
    roles: frozenset[str]
    at: datetime
