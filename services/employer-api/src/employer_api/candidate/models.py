"""The candidate profile (*hakijaprofiili*): what employer-api knows of a client of clients-api, fed by its events
and enough to match on. No name, no identity code, no free text: names are asked from clients-api when shown."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, DateTime, Index, Text, func
from sqlalchemy.dialects.postgresql import ARRAY, DATEMULTIRANGE, Range
from sqlalchemy.orm import Mapped, mapped_column

from employer_api.models import Base

# Statuses of clients-api's clients who are candidates: in the job search (*työnhakija*).
CANDIDATE_STATUSES = ("unemployed", "in_activating_service")


class CandidateProfile(Base):
    __tablename__ = "candidate_profile"
    __table_args__ = (
        # Matching asks for the candidates of one organisation sharing a minor group or a competence with a
        # vacancy (one holding the vacancy's unit group holds its minor group): GIN indexes on the arrays, each
        # read with && (overlap). Without the pending list (fastupdate off), a profile is in the index as soon as
        # it is written and a scan reads no unsorted tail: profiles change by events and are read on every match.
        Index(
            "ix_candidate_profile_minor_groups",
            "minor_groups",
            postgresql_using="gin",
            postgresql_with={"fastupdate": "off"},
        ),
        Index(
            "ix_candidate_profile_competences",
            "competences",
            postgresql_using="gin",
            postgresql_with={"fastupdate": "off"},
        ),
        Index("ix_candidate_profile_organisation", "organisation_id", "status"),
    )

    client_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    organisation_id: Mapped[uuid.UUID]
    occupations: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list, server_default="{}")  # ISCO-08 codes
    minor_groups: Mapped[list[str]] = mapped_column(
        ARRAY(Text), default=list, server_default="{}"
    )  # their 3-digit minor groups
    competences: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list, server_default="{}")  # ISCO-08 codes
    languages: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list, server_default="{}")  # ISO 639 codes
    driving_licences: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list, server_default="{}")
    municipality: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(Text)
    unemployed_since: Mapped[date | None] = mapped_column(Date)
    # clients-api's target groups of the client on the day of its newest registration or status event (partial
    # work ability never: health data); long-term unemployment is judged from ``unemployed_since`` on the day.
    target_groups: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list, server_default="{}")
    target_groups_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The days the client is engaged in an activating service: the union of the episodes clients-api announced
    # (:class:`CandidateEpisode`), an episode without an end going on for good. Availability is scored by it.
    engaged: Mapped[list[Range[date]]] = mapped_column(DATEMULTIRANGE, default=list, server_default="{}")
    # The time of the newest event of each kind taken in: an older one arriving late changes nothing.
    registered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    assessment_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class CandidateEpisode(Base):
    """One activating-service episode of a client as clients-api's newest event about it gave it
    (``fi.polku.client.episode_started.v1``, ``…ended.v1``, ``…corrected.v1`` carry all its facts): dates only,
    no type, no provider. The profile's ``engaged`` is their union."""

    __tablename__ = "candidate_episode"
    __table_args__ = (Index("ix_candidate_episode_client", "client_id"),)

    episode_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    client_id: Mapped[uuid.UUID]
    organisation_id: Mapped[uuid.UUID]
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)  # inclusive; none: going on
    # The time of the newest event about the episode taken in: an older one arriving late changes nothing.
    event_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
