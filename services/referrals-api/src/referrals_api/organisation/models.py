"""Partner organisations (*kumppanit*) of an employment authority's network."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Index, Integer, Text, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from referrals_api.models import Base


class OrganisationType(StrEnum):
    """What kind of partner an organisation is: ``wellbeing_services_county``, a wellbeing services county
    (*hyvinvointialue*: social work, health care, work-ability assessment); ``kela``, Kela, the Social Insurance
    Institution; ``education_provider``, an educational institution (*oppilaitos*); ``third_sector_workshop``, a
    workshop or an NGO of the third sector (*työpaja*, *järjestö*); ``multi_sectoral_joint_service``, the
    multi-sectoral joint service (*TYP*, *työllistymistä edistävä monialainen yhteispalvelu*); ``ohjaamo``, an
    Ohjaamo, low-threshold guidance for people under 30; ``purchased_service_provider``, a producer of purchased
    services (*ostopalvelun tuottaja*); ``other``, any other partner."""

    wellbeing_services_county = "wellbeing_services_county"  # hyvinvointialue
    kela = "kela"
    education_provider = "education_provider"  # oppilaitos
    third_sector_workshop = "third_sector_workshop"  # työpaja, järjestö
    multi_sectoral_joint_service = "multi_sectoral_joint_service"  # TYP
    ohjaamo = "ohjaamo"
    purchased_service_provider = "purchased_service_provider"  # ostopalvelun tuottaja
    other = "other"


class Organisation(Base):
    """A partner organisation as one employment authority's network knows it. ``id`` is the organisation id its
    users' and machine clients' tokens carry (claim ``org``); ``authority_id`` is the employment authority whose
    network it belongs to and whose administrators manage the record.

    A partner serves several authorities (Kela, a wellbeing services county): each registers it in its own
    network, with its own details, and neither sees or learns of the other's record (decision 16). The record is
    one per (authority, partner), and a business id is unique within a network."""

    __tablename__ = "organisation"
    __table_args__ = (
        UniqueConstraint("authority_id", "business_id"),
        Index("ix_organisation_authority", "authority_id", "created_at", "id"),
        # A partner's own records, one per network it belongs to.
        Index("ix_organisation_id", "id"),
    )

    authority_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(Text)
    business_id: Mapped[str] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(Text)
    municipalities: Mapped[list[str]] = mapped_column(ARRAY(Text))
    contacts: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    # Who last published or changed it (the subject and the name their token carried); NULL before referrals_0012.
    changed_by: Mapped[str | None] = mapped_column(Text)
    changed_by_name: Mapped[str | None] = mapped_column(Text)
    # Incremented by every change through the API; the ETag a change must send back (referrals_api.versioning).
    version: Mapped[int] = mapped_column(Integer, server_default="1", default=1)
