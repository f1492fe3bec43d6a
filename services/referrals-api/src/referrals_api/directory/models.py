"""The service directory (*palvelutarjotin*): what the network's partners offer and to whom."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import DateTime, ForeignKeyConstraint, Index, Integer, Numeric, Text, func
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from polku_kit.columns import EnumText
from referrals_api.models import Base


class ServiceTargetGroup(StrEnum):
    """Whom a service is for, in the directory's words (DOMAIN.md's priority target groups). Not clients-api's
    ``TargetGroup``, the groups a client is computed to be in: this list is broader (``structurally_unemployed``,
    ``immigrants`` at large rather than those in their integration period), so the two have different names:
    ``under_25``, young people under 25; ``under_30``, young people under 30; ``newly_unemployed``, unemployed for
    less than 6 months; ``long_term_unemployed``, continuously unemployed for at least 12 months
    (*pitkäaikaistyöttömät*); ``structurally_unemployed``, the structurally unemployed (*rakennetyöttömät*, Statistics
    Finland's and TEM's definition, the long-term unemployed among them); ``immigrants``, people who have moved to
    Finland (*maahanmuuttajat*); ``partial_work_ability``, people with partial work ability
    (*osatyökykyiset*)."""

    under_25 = "under_25"
    under_30 = "under_30"
    newly_unemployed = "newly_unemployed"
    long_term_unemployed = "long_term_unemployed"
    structurally_unemployed = "structurally_unemployed"
    immigrants = "immigrants"
    partial_work_ability = "partial_work_ability"  # osatyökykyiset


class Channel(StrEnum):
    """How a service is delivered: ``in_person``, face to face; ``remote``, remotely; ``hybrid``, partly face to face,
    partly remotely."""

    in_person = "in_person"
    remote = "remote"
    hybrid = "hybrid"


class ActivatingServiceType(StrEnum):
    """The activating service a directory service is (*aktivointipalvelu*), in clients-api's episode types: a
    completed referral to it becomes the client's activating-service episode there. Laki työvoimapalvelujen
    järjestämisestä 380/2023, ch. 6–8 (before 2025, Laki julkisesta työvoima- ja yrityspalvelusta 916/2012):
    ``pay_subsidised_work``, pay-subsidised work (*palkkatuettu työ*); ``work_trial``, a work trial (*työkokeilu*);
    ``labour_market_training``, labour-market training (*työvoimakoulutus*); ``coaching``, coaching (*valmennus*);
    ``self_motivated_study``, self-motivated study supported by unemployment benefit (*omaehtoinen opiskelu
    työttömyysetuudella tuettuna*); ``rehabilitative_work_activity``, rehabilitative work activity (*kuntouttava
    työtoiminta*, Laki kuntouttavasta työtoiminnasta 189/2001); ``job_alternation_substitute``, a substitute for an
    employee on job alternation leave (*vuorotteluvapaan sijainen*; the leave was abolished in 2024);
    ``start_up_grant``, a start-up grant for a new entrepreneur (*starttiraha*)."""

    pay_subsidised_work = "pay_subsidised_work"  # palkkatuettu työ
    work_trial = "work_trial"  # työkokeilu
    labour_market_training = "labour_market_training"  # työvoimakoulutus
    coaching = "coaching"  # valmennus
    self_motivated_study = "self_motivated_study"  # omaehtoinen opiskelu työttömyysetuudella tuettuna
    rehabilitative_work_activity = "rehabilitative_work_activity"  # kuntouttava työtoiminta
    job_alternation_substitute = "job_alternation_substitute"  # vuorotteluvapaan sijaisuus
    start_up_grant = "start_up_grant"  # starttiraha


class CapacityPeriod(StrEnum):
    """The period a service's ``capacity_seats`` are counted in, and its fill rate (*täyttöaste*) with them: ``month``,
    per calendar month; ``quarter``, per calendar quarter; ``year``, per calendar year."""

    month = "month"
    quarter = "quarter"
    year = "year"


class ProductionModel(StrEnum):
    """How the authority arranges a service: ``own_service``, produced by the authority itself (*oma palvelu*);
    ``in_house_company``, produced by an entity the authority owns and controls (*sidosyksikkö*); ``purchased``,
    bought from an outside provider (*ostopalvelu*); ``partnership``, arranged together with a partner
    (*kumppanuus*)."""

    own_service = "own_service"  # oma palvelu
    in_house_company = "in_house_company"  # sidosyksikkö
    purchased = "purchased"  # ostopalvelu
    partnership = "partnership"  # kumppanuus


class ServiceStatus(StrEnum):
    """Whether a service is offered, by the Open Referral Human Services Data Specification (HSDS 3.0) service
    statuses: ``active``, offered now; ``inactive``, not offered for now; ``defunct``, no longer offered at all;
    ``temporarily_closed``, closed for a time and expected to open again (``temporarily closed`` in HSDS, with a
    space)."""

    active = "active"
    inactive = "inactive"
    defunct = "defunct"
    temporarily_closed = "temporarily_closed"


class Service(Base):
    __tablename__ = "service"
    __table_args__ = (
        Index("ix_service_organisation", "organisation_id", "created_at", "id"),
        Index("ix_service_created", "created_at", "id"),
        Index("ix_service_municipalities", "municipalities", postgresql_using="gin"),
        Index("ix_service_target_groups", "target_groups", postgresql_using="gin"),
        Index("ix_service_languages", "languages", postgresql_using="gin"),
        # The providing organisation's record in the network the service is offered in.
        ForeignKeyConstraint(
            ["authority_id", "organisation_id"], ["organisation.authority_id", "organisation.id"], ondelete="CASCADE"
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    # The employment authority whose network the service is offered in (a partner may be in several).
    authority_id: Mapped[uuid.UUID]
    organisation_id: Mapped[uuid.UUID]
    name_fi: Mapped[str] = mapped_column(Text)
    name_sv: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    description_fi: Mapped[str] = mapped_column(Text)
    description_sv: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    minimum_age: Mapped[int | None] = mapped_column(Integer)
    maximum_age: Mapped[int | None] = mapped_column(Integer)
    target_groups: Mapped[list[str]] = mapped_column(ARRAY(Text))
    municipalities: Mapped[list[str]] = mapped_column(ARRAY(Text))
    languages: Mapped[list[str]] = mapped_column(ARRAY(Text))
    channel: Mapped[str] = mapped_column(Text)
    street_address: Mapped[str | None] = mapped_column(Text)
    postal_code: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(Text)
    capacity_seats: Mapped[int | None] = mapped_column(Integer)
    capacity_period: Mapped[str] = mapped_column(Text)
    cost_per_client_eur: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    cost_description: Mapped[str | None] = mapped_column(Text)
    production_model: Mapped[str] = mapped_column(Text)
    # An ActivatingServiceType, or NULL for a service that is no activating service.
    activating_service_type: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ServiceStatus] = mapped_column(EnumText(ServiceStatus))
    # The agreed time for the partner to answer a referral, in Finnish working days.
    response_days: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    # Who last published or changed it (the subject and the name their token carried); NULL before referrals_0012.
    changed_by: Mapped[str | None] = mapped_column(Text)
    changed_by_name: Mapped[str | None] = mapped_column(Text)
    # Incremented by every change through the API; the ETag a change must send back (referrals_api.versioning).
    version: Mapped[int] = mapped_column(Integer, server_default="1", default=1)
