"""Initial assessments (*alkukartoitus*), versioned, and the special-category notes kept apart from them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, Integer, LargeBinary, Text, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from clients_api.models import Base


class WorkAbility(StrEnum):
    """Work ability (*työkyky*) as assessed: ``full``, able to work without limits; ``partial``, partial work ability
    (*osatyökykyinen*), with a description of what limits it."""

    full = "full"
    partial = "partial"


class ServiceNeed(StrEnum):
    """The fixed vocabulary of service needs (*palvelutarve*) an assessment records."""

    job_placement = "job_placement"  # työnvälitys: ready for the open labour market
    career_guidance = "career_guidance"  # ammatinvalinta- ja uraohjaus
    training = "training"  # työvoimakoulutus, omaehtoinen opiskelu
    language_training = "language_training"  # kielikoulutus
    integration_training = "integration_training"  # kotoutumiskoulutus
    coaching = "coaching"  # valmennus
    work_trial = "work_trial"  # työkokeilu
    pay_subsidy = "pay_subsidy"  # palkkatuki
    start_up_support = "start_up_support"  # starttiraha
    intensified_job_search_support = "intensified_job_search_support"  # tehostettu työnhaun tuki
    work_ability_assessment = "work_ability_assessment"  # työ- ja toimintakyvyn arviointi
    rehabilitation = "rehabilitation"  # ammatillinen tai sosiaalinen kuntoutus
    social_services = "social_services"  # sosiaalipalvelut (hyvinvointialue)
    health_services = "health_services"  # terveyspalvelut
    multi_sectoral_joint_service = "multi_sectoral_joint_service"  # TYP


# Needs that mean the client needs more support than job placement alone: under the 2026 rules they call for
# supplementary job-search discussions (see schedule.rules.REFORM_2026).
MORE_SUPPORT_NEEDS = frozenset(
    {
        ServiceNeed.intensified_job_search_support,
        ServiceNeed.work_ability_assessment,
        ServiceNeed.rehabilitation,
        ServiceNeed.social_services,
        ServiceNeed.health_services,
        ServiceNeed.multi_sectoral_joint_service,
        ServiceNeed.integration_training,
    }
)


def more_support_needed(service_needs: list[str]) -> bool:
    return any(ServiceNeed(need) in MORE_SUPPORT_NEEDS for need in service_needs)


class EducationLevel(StrEnum):
    """Level of the highest education, by ISCED 2011 (Statistics Finland's *Koulutusaste 2016* follows it)."""

    none = "none"  # no completed basic education (ISCED 0–1)
    basic = "basic"  # perusaste (ISCED 2)
    upper_secondary_general = "upper_secondary_general"  # lukio (ISCED 3)
    upper_secondary_vocational = "upper_secondary_vocational"  # ammatillinen perustutkinto (ISCED 3)
    post_secondary = "post_secondary"  # ammatti- tai erikoisammattitutkinto (ISCED 4)
    short_cycle_tertiary = "short_cycle_tertiary"  # opistoaste (ISCED 5)
    bachelor = "bachelor"  # alempi korkeakoulututkinto, AMK (ISCED 6)
    master = "master"  # ylempi korkeakoulututkinto (ISCED 7)
    doctorate = "doctorate"  # tohtori (ISCED 8)


def highest_level(education: list[dict[str, Any]]) -> str | None:
    """The highest level of the recorded education (the order of :class:`EducationLevel`); None if none is recorded."""
    order = list(EducationLevel)
    levels = [EducationLevel(item["level"]) for item in education if item.get("level")]
    return max(levels, key=order.index).value if levels else None


class EducationField(StrEnum):
    """Broad field of education, ISCED-F 2013 (two-digit codes)."""

    generic = "00"
    education = "01"
    arts_and_humanities = "02"
    social_sciences_journalism_information = "03"
    business_administration_law = "04"
    natural_sciences_mathematics_statistics = "05"
    ict = "06"
    engineering_manufacturing_construction = "07"
    agriculture_forestry_fisheries_veterinary = "08"
    health_and_welfare = "09"
    services = "10"


class DrivingLicence(StrEnum):
    """Driving licence classes (*ajokorttiluokat*, Ajokorttilaki 386/2011, 4 §; EU Directive 2006/126/EC)."""

    AM = "AM"
    A1 = "A1"
    A2 = "A2"
    A = "A"
    B = "B"
    BE = "BE"
    C1 = "C1"
    C1E = "C1E"
    C = "C"
    CE = "CE"
    D1 = "D1"
    D1E = "D1E"
    D = "D"
    DE = "DE"
    T = "T"


class LanguageLevel(StrEnum):
    """Common European Framework of Reference levels, and first language."""

    native = "native"
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"


class AssessmentVersion(Base):
    """One version of a client's initial assessment. Never changed: an edit adds the next version, so who
    assessed what, and when, stays readable."""

    __tablename__ = "assessment_version"
    __table_args__ = (UniqueConstraint("client_id", "version"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    assessed_on: Mapped[date] = mapped_column(Date)
    education: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    work_history: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    occupations: Mapped[list[str]] = mapped_column(ARRAY(Text))
    competences: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    languages: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    driving_licences: Mapped[list[str]] = mapped_column(ARRAY(Text))
    service_needs: Mapped[list[str]] = mapped_column(ARRAY(Text))
    supplementary_interviews: Mapped[int | None] = mapped_column(Integer)
    work_ability: Mapped[str] = mapped_column(Text)
    work_ability_description: Mapped[str | None] = mapped_column(Text)
    integration_starts_on: Mapped[date | None] = mapped_column(Date)
    integration_ends_on: Mapped[date | None] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(Text)
    # The assessing person's name from their token at the time, so that the history names them.
    created_by_name: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class SpecialCategoryNote(Base):
    """Health and social notes (special-category data, GDPR art. 9), kept out of the assessment table and
    encrypted at rest. Each save adds a row; the newest is in force. Never in events or partner views."""

    __tablename__ = "assessment_special_note"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    assessment_version: Mapped[int] = mapped_column(Integer)
    notes_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    recorded_by: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
