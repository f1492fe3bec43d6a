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
    """The fixed vocabulary of service needs (*palvelutarve*) an assessment records: ``job_placement``, ready for the
    open labour market and needing job placement (*työnvälitys*); ``career_guidance``, vocational and career guidance
    (*ammatinvalinta- ja uraohjaus*); ``training``, labour-market training or self-motivated study
    (*työvoimakoulutus*, *omaehtoinen opiskelu*); ``language_training``, language training (*kielikoulutus*);
    ``integration_training``, integration training for an immigrant (*kotoutumiskoulutus*); ``coaching``, coaching
    (*valmennus*); ``work_trial``, a work trial (*työkokeilu*); ``pay_subsidy``, pay-subsidised work (*palkkatuki*);
    ``start_up_support``, a start-up grant for becoming an entrepreneur (*starttiraha*);
    ``intensified_job_search_support``, intensified support in the job search (*tehostettu työnhaun tuki*);
    ``work_ability_assessment``, an assessment of work and functional ability (*työ- ja toimintakyvyn arviointi*);
    ``rehabilitation``, vocational or social rehabilitation (*ammatillinen tai sosiaalinen kuntoutus*);
    ``social_services``, the wellbeing services county's social services (*sosiaalipalvelut*); ``health_services``,
    health services (*terveyspalvelut*); ``multi_sectoral_joint_service``, the multi-sectoral joint service for
    employment promotion (*työllistymistä edistävä monialainen yhteispalvelu*, TYP). The needs from
    ``intensified_job_search_support`` on, and ``integration_training``, mean more support than job placement alone
    (see ``MORE_SUPPORT_NEEDS``)."""

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
    """Level of the highest education, by ISCED 2011 (Statistics Finland's *Koulutusaste 2016* follows it), lowest
    first: ``none``, no completed basic education (ISCED 0–1); ``basic``, basic education (*perusaste*, ISCED 2);
    ``upper_secondary_general``, general upper secondary education (*lukio*, ISCED 3);
    ``upper_secondary_vocational``, an initial vocational qualification (*ammatillinen perustutkinto*, ISCED 3);
    ``post_secondary``, a further or specialist vocational qualification (*ammatti- tai erikoisammattitutkinto*,
    ISCED 4); ``short_cycle_tertiary``, short-cycle tertiary education (*opistoaste*, ISCED 5); ``bachelor``, a
    bachelor's or polytechnic degree (*alempi korkeakoulututkinto*, *AMK-tutkinto*, ISCED 6); ``master``, a master's
    degree (*ylempi korkeakoulututkinto*, ISCED 7); ``doctorate``, a doctorate or licentiate (*tohtori*, ISCED 8)."""

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
    """Broad field of education, by the two-digit codes of ISCED-F 2013 (Statistics Finland's *Koulutusala 2016* follows
    it): ``00``, generic programmes and qualifications (*yleissivistävä koulutus*); ``01``, education (*kasvatusalat*);
    ``02``, arts and humanities (*taiteet ja kulttuurialat*); ``03``, social sciences, journalism and information
    (*yhteiskunnalliset alat*); ``04``, business, administration and law (*kauppa, hallinto ja oikeustieteet*); ``05``,
    natural sciences, mathematics and statistics (*luonnontieteet*); ``06``, information and communication technologies
    (*tietojenkäsittely ja tietoliikenne*, ICT); ``07``, engineering, manufacturing and construction (*tekniikan alat*);
    ``08``, agriculture, forestry, fisheries and veterinary (*maa- ja metsätalousalat*); ``09``, health and welfare
    (*terveys- ja hyvinvointialat*); ``10``, services (*palvelualat*)."""

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
    """Driving licence classes (*ajokorttiluokat*, Ajokorttilaki 386/2011, 4 §; EU Directive 2006/126/EC, art. 4):
    ``AM``, mopeds and light quadricycles; ``A1``, light motorcycles (up to 125 cm³ and 11 kW); ``A2``, motorcycles up
    to 35 kW; ``A``, all motorcycles; ``B``, cars of up to 3,500 kg with at most eight passenger seats; ``BE``, a ``B``
    car with a heavier trailer; ``C1``, medium lorries from 3,500 to 7,500 kg; ``C1E``, a ``C1`` lorry with a heavier
    trailer; ``C``, lorries over 3,500 kg; ``CE``, a ``C`` lorry with a heavier trailer; ``D1``, minibuses of up to 16
    passenger seats; ``D1E``, a ``D1`` minibus with a heavier trailer; ``D``, buses; ``DE``, a ``D`` bus with a heavier
    trailer; ``T``, tractors and motorised working machines (*traktorikortti*, a national class, not one of the
    Directive's)."""

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
    """How well the client knows a language: ``native``, their first language (*äidinkieli*); otherwise a level of the
    Council of Europe's Common European Framework of Reference for Languages (CEFR, *eurooppalainen viitekehys*):
    ``A1``, breakthrough, and ``A2``, waystage (basic user); ``B1``, threshold, and ``B2``, vantage (independent
    user); ``C1``, effective operational proficiency, and ``C2``, mastery (proficient user)."""

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
