from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, model_validator

from clients_api.assessment.models import (
    DrivingLicence,
    EducationField,
    EducationLevel,
    LanguageLevel,
    ServiceNeed,
    WorkAbility,
)
from polku_classifications import isco08 as occupations
from polku_classifications.isco08 import IscoLevel
from polku_kit.types import IsoDate, Text


def _known_isco(code: str) -> str:
    if occupations.get(code) is None:
        raise ValueError(f"{code} is not an ISCO-08 code known to Polku (see GET /v1/occupations)")
    return code


IscoCode = Annotated[
    str,
    Field(pattern=r"^\d{1,4}$", examples=["8332"], description="ISCO-08 code (Ammattiluokitus 2010)"),
    AfterValidator(_known_isco),
]


class Education(BaseModel):
    model_config = ConfigDict(extra="forbid")

    level: EducationLevel
    field: EducationField | None = Field(default=None, description="ISCED-F 2013 broad field")
    qualification: Text | None = Field(default=None, max_length=300, examples=["Logistiikan perustutkinto"])
    completed_year: StrictInt | None = Field(default=None, ge=1940, le=2100)


class WorkExperience(BaseModel):
    model_config = ConfigDict(extra="forbid")

    occupation: IscoCode
    title: Text = Field(min_length=1, max_length=300, examples=["Trukinkuljettaja"])
    employer: Text | None = Field(default=None, max_length=300)
    started_on: IsoDate
    ended_on: IsoDate | None = None

    @model_validator(mode="after")
    def _ends_after_it_begins(self) -> Self:
        if self.ended_on is not None and self.ended_on < self.started_on:
            raise ValueError("ended_on is before started_on")
        return self


class Competence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    occupation: IscoCode
    description: Text | None = Field(default=None, max_length=500, examples=["Trukkikortti, varastonhallinta"])


class LanguageSkill(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: str = Field(pattern=r"^[a-z]{2,3}$", examples=["fi"], description="ISO 639 code")
    level: LanguageLevel


class IntegrationPeriod(BaseModel):
    """The integration period (*kotoutumisaika*) of an immigrant, Laki kotoutumisen edistämisestä 681/2023."""

    model_config = ConfigDict(extra="forbid")

    starts_on: IsoDate
    ends_on: IsoDate

    @model_validator(mode="after")
    def _ends_after_it_begins(self) -> Self:
        if self.ends_on <= self.starts_on:
            raise ValueError("ends_on must be after starts_on")
        return self


class SpecialCategoryNotes(BaseModel):
    """Health and social notes: special-category data, readable only by the client's coach (and their team)."""

    model_config = ConfigDict(extra="forbid")

    health: Text | None = Field(default=None, max_length=5000)
    social: Text | None = Field(default=None, max_length=5000)


class AssessmentWrite(BaseModel):
    """A whole assessment as the coach saves it; saving adds a new version."""

    model_config = ConfigDict(extra="forbid")

    assessed_on: IsoDate
    education: list[Education] = Field(default_factory=list, max_length=20)
    work_history: list[WorkExperience] = Field(default_factory=list, max_length=50)
    occupations: list[IscoCode] = Field(
        default_factory=list, max_length=20, description="Occupations the client seeks work in"
    )
    competences: list[Competence] = Field(default_factory=list, max_length=50)
    languages: list[LanguageSkill] = Field(default_factory=list, max_length=20)
    driving_licences: list[DrivingLicence] = Field(default_factory=list, max_length=len(DrivingLicence))
    service_needs: list[ServiceNeed] = Field(default_factory=list, max_length=len(ServiceNeed))
    supplementary_interviews: StrictInt | None = Field(
        default=None,
        ge=0,
        le=12,
        description="Supplementary job-search discussions the service need calls for (2026 rules); "
        "default: the rule set's number when a need for more support is recorded, else none",
    )
    work_ability: WorkAbility = WorkAbility.full
    work_ability_description: Text | None = Field(default=None, max_length=2000)
    integration_period: IntegrationPeriod | None = None
    special_category: SpecialCategoryNotes | None = Field(
        default=None, description="Leave out to keep the notes as they are; only the client's coach may write them"
    )

    @model_validator(mode="after")
    def _partial_work_ability_is_described(self) -> Self:
        if self.work_ability is WorkAbility.partial and not (
            self.work_ability_description and self.work_ability_description.strip()
        ):
            raise ValueError("partial work ability needs work_ability_description")
        return self


class SpecialCategoryRead(SpecialCategoryNotes):
    recorded_by: str
    recorded_at: datetime


class AssessmentRead(BaseModel):
    client_id: uuid.UUID
    version: int
    assessed_on: date
    education: list[Education]
    work_history: list[WorkExperience]
    occupations: list[str]
    competences: list[Competence]
    languages: list[LanguageSkill]
    driving_licences: list[DrivingLicence]
    service_needs: list[ServiceNeed]
    more_support_needed: bool = Field(description="A recorded need calls for more than job placement alone")
    supplementary_interviews: int | None
    work_ability: WorkAbility
    work_ability_description: str | None
    integration_period: IntegrationPeriod | None
    special_category: SpecialCategoryRead | None = Field(
        description="Health and social notes; null when there are none or when the caller may not read them"
    )
    special_category_hidden: bool = Field(description="True when notes exist that the caller may not read")
    created_by: str
    created_by_name: str | None = Field(default=None, description="The assessing person's name, from their token")
    created_at: datetime


class OccupationRead(BaseModel):
    code: str = Field(examples=["8332"])
    level: IscoLevel
    fi: str = Field(
        examples=["Kuorma-auton ja erikoisajoneuvojen kuljettajat"],
        description="Statistics Finland's Finnish name (Ammattiluokitus 2010)",
    )
    sv: str = Field(
        examples=["Lastbils- och specialfordonsförare"],
        description="Statistics Finland's Swedish name (Yrkesklassificering 2010)",
    )
    en: str = Field(examples=["Heavy truck and lorry drivers"])


class MunicipalityRead(BaseModel):
    """A municipality of Statistics Finland's municipality classification, with its region and sub-region."""

    code: str = Field(examples=["398"], description="Municipality code (kuntanumero), three digits")
    fi: str = Field(examples=["Lahti"])
    sv: str = Field(examples=["Lahtis"], description="The Swedish name, the same as the Finnish one where it has one")
    region: str = Field(examples=["07"], description="Region (maakunta) code")
    region_fi: str = Field(examples=["Päijät-Häme"])
    region_sv: str = Field(examples=["Päijänne-Tavastland"])
    sub_region: str | None = Field(examples=["071"], description="Sub-regional unit (seutukunta) code")
