from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base
from polku_kit.columns import EnumText
from polku_kit.db import Timestamps


class EpisodeType(StrEnum):
    """The activating services a job seeker takes part in (*aktivointipalvelut*; Laki julkisesta työvoima- ja
    yrityspalvelusta 916/2012, and from 2025 Laki työvoimapalvelujen järjestämisestä 380/2023, ch. 6–8):
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


class EpisodeOrigin(StrEnum):
    """Who recorded the episode: ``coach``, a coach through the API; ``referral``, a completed referral of
    referrals-api; ``pay_subsidy``, a pay-subsidy decision of employer-api."""

    coach = "coach"
    referral = "referral"  # a completed referral of referrals-api
    pay_subsidy = "pay_subsidy"  # a pay-subsidy decision of employer-api


class ServiceEpisode(Timestamps, Base):
    """One activating-service episode of a client, from ``starts_on`` to ``ends_on`` (both inclusive; no end:
    going on)."""

    __tablename__ = "service_episode"
    __table_args__ = (
        UniqueConstraint("client_id", "type", "starts_on"),
        # One episode per referral or subsidy decision, however often its event is delivered.
        UniqueConstraint("origin", "origin_id"),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),
        Index("ix_service_episode_client", "client_id", "starts_on"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    organisation_id: Mapped[uuid.UUID]
    type: Mapped[EpisodeType] = mapped_column(EnumText(EpisodeType))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    # The partner organisation (a referral's) or the employer (a pay subsidy's) that provides the service.
    provider_id: Mapped[uuid.UUID | None]
    provider_name: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[EpisodeOrigin] = mapped_column(EnumText(EpisodeOrigin))
    origin_id: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
