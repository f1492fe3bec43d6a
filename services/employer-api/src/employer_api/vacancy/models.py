"""Vacancies (*avoimet työpaikat*) of the employers an authority's employer services work with, made here or
imported from another system (the national platform)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from employer_api.models import Base
from polku_kit.columns import EnumText


class VacancyStatus(StrEnum):
    """Where a vacancy stands in its lifecycle: ``draft``, being written, not yet published; ``published``, open for
    applications; ``filled``, the job was filled (*täytetty*); ``closed``, withdrawn or closed by employer services
    (*peruttu tai suljettu*); ``expired``, its application deadline passed (*hakuaika päättyi*); it may be published
    again with a later deadline."""

    draft = "draft"
    published = "published"
    filled = "filled"  # täytetty
    closed = "closed"  # peruttu tai suljettu
    expired = "expired"  # hakuaika päättyi


class EmploymentType(StrEnum):
    """The kind of employment a vacancy offers: ``permanent``, until further notice (*toistaiseksi voimassa oleva*);
    ``fixed_term``, for a fixed term (*määräaikainen*); ``summer_job``, a summer job (*kesätyö*); ``apprenticeship``,
    an apprenticeship (*oppisopimus*)."""

    permanent = "permanent"  # toistaiseksi voimassa oleva
    fixed_term = "fixed_term"  # määräaikainen
    summer_job = "summer_job"  # kesätyö
    apprenticeship = "apprenticeship"  # oppisopimus


class WorkingTime(StrEnum):
    """The working time of a vacancy: ``full_time``, full-time work (*kokoaikatyö*); ``part_time``, part-time work
    (*osa-aikatyö*)."""

    full_time = "full_time"
    part_time = "part_time"


class SupportKind(StrEnum):
    """The supports a vacancy fits, as the employer agreed to them: ``pay_subsidy``, the job may be filled with pay
    subsidy (*palkkatuki*); ``work_trial``, as a work trial (*työkokeilu*); ``apprenticeship``, as an apprenticeship
    (*oppisopimus*); ``summer_job_voucher``, with a summer-job voucher (*kesätyöseteli*); ``recruitment_bonus``, with
    the municipality's recruitment bonus (*rekrytointipalkkio*). Not the support decisions' ``SupportKind``, what a
    decision grants."""

    pay_subsidy = "pay_subsidy"  # palkkatuki
    work_trial = "work_trial"  # työkokeilu
    apprenticeship = "apprenticeship"  # oppisopimus
    summer_job_voucher = "summer_job_voucher"  # kesätyöseteli
    recruitment_bonus = "recruitment_bonus"  # rekrytointipalkkio


class VacancySource(StrEnum):
    """Where a vacancy was made: ``here``, by the authority's employer services in Polku; ``imported``, in another
    system (the national platform), named by ``source_system`` and its ``external_id``."""

    here = "here"  # made by the authority's employer services
    imported = "imported"  # from another system, named by source_system and its external_id


class Vacancy(Base):
    """A vacancy: what the job is (ISCO-08 occupation), where (a municipality and an address, or remote), on what
    terms, what it asks for, the supports it fits, and where it is in its lifecycle."""

    __tablename__ = "vacancy"
    __table_args__ = (
        UniqueConstraint("authority_id", "source_system", "external_id"),
        CheckConstraint(
            "(source = 'imported') = (source_system IS NOT NULL AND external_id IS NOT NULL)",
            name="imported_names_its_source",
        ),
        Index("ix_vacancy_authority", "authority_id", "created_at", "id"),
        Index("ix_vacancy_employer", "employer_id", "created_at"),
        # The periodic expiry reads only the published ones past their deadline.
        Index(
            "ix_vacancy_published_deadline",
            "application_deadline",
            postgresql_where=text("status = 'published'"),
        ),
        # The publisher reads only the vacancies made here whose last version has not reached the platform.
        Index(
            "ix_vacancy_national_pending",
            "national_retry_at",
            postgresql_where=text(
                "source = 'here' AND status <> 'draft' "
                "AND (national_synced_version IS NULL OR national_synced_version < version)"
            ),
        ),
        Index("ix_vacancy_national_id", "national_id", unique=True),
        # Matching: the open vacancies of an authority by occupation (unit and minor group).
        Index(
            "ix_vacancy_open_occupation",
            "authority_id",
            "occupation_minor_group",
            "occupation_code",
            postgresql_where=text("status = 'published'"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    authority_id: Mapped[uuid.UUID]
    employer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employer.id"))
    title_fi: Mapped[str] = mapped_column(Text)
    title_sv: Mapped[str | None] = mapped_column(Text)
    title_en: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    occupation_code: Mapped[str] = mapped_column(Text)  # ISCO-08 (polku_classifications.isco08)
    occupation_minor_group: Mapped[str] = mapped_column(Text)
    municipality: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(Text)
    remote: Mapped[bool] = mapped_column(Boolean)
    working_time: Mapped[WorkingTime] = mapped_column(EnumText(WorkingTime))
    employment_type: Mapped[EmploymentType] = mapped_column(EnumText(EmploymentType))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    at_least_two_weeks: Mapped[bool] = mapped_column(Boolean)
    application_deadline: Mapped[date] = mapped_column(Date)
    languages: Mapped[list[str]] = mapped_column(ARRAY(Text))
    driving_licences: Mapped[list[str]] = mapped_column(ARRAY(Text))
    other_licences: Mapped[list[str]] = mapped_column(ARRAY(Text))
    competences: Mapped[list[str]] = mapped_column(ARRAY(Text))
    requirements: Mapped[str | None] = mapped_column(Text)
    supports: Mapped[list[str]] = mapped_column(ARRAY(Text))
    positions: Mapped[int] = mapped_column(Integer)
    status: Mapped[VacancyStatus] = mapped_column(EnumText(VacancyStatus))
    source: Mapped[VacancySource] = mapped_column(EnumText(VacancySource))
    # An imported vacancy: the system it came from, its id and page there, and when it was last read.
    source_system: Mapped[str | None] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(Text)
    external_url: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The source's time of the last change taken in (a later-sent, older one is ignored).
    source_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # An imported vacancy no longer on the platform: removed there (its event), archived, or gone from a complete
    # search; null while it is there.
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def removed(self) -> bool:
        """Removed at its source (an imported vacancy)."""
        return self.removed_at is not None

    # A vacancy made here, sent to the national platform (P66): its national id, the version last sent, and the
    # failures of the sending so far (cleared when a send succeeds).
    national_id: Mapped[str | None] = mapped_column(Text)
    national_synced_version: Mapped[int | None] = mapped_column(Integer)
    national_attempts: Mapped[int] = mapped_column(Integer, server_default="0", default=0)
    national_error: Mapped[str | None] = mapped_column(Text)
    national_retry_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(Text)
    # Who acted (employer_api.acting): the person's name and organisation from their token at the time.
    created_by_name: Mapped[str | None] = mapped_column(Text)
    created_by_organisation_name: Mapped[str | None] = mapped_column(Text)
    # The last change (an edit or a move in the lifecycle), and who made it.
    changed_by: Mapped[str | None] = mapped_column(Text)
    changed_by_name: Mapped[str | None] = mapped_column(Text)
    changed_by_organisation_name: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    version: Mapped[int] = mapped_column(Integer, server_default="1", default=1)


class ImportedVacancyRemoval(Base):
    """The source removed a vacancy this service has not (yet) taken in: when its announcement arrives, it is
    taken in as removed unless it is newer than the removal."""

    __tablename__ = "imported_vacancy_removal"

    authority_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    source_system: Mapped[str] = mapped_column(Text, primary_key=True)
    external_id: Mapped[str] = mapped_column(Text, primary_key=True)
    removed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
