from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from employer_api.vacancy.models import EmploymentType, SupportKind, VacancySource, VacancyStatus, WorkingTime
from polku_classifications import isco08, municipalities
from polku_kit.types import IsoDate, Text


class DrivingLicence(StrEnum):
    """Driving licence classes (*ajokorttiluokat*, Ajokorttilaki 386/2011, 4 §; EU Directive 2006/126/EC, art. 4), the
    vocabulary clients-api publishes under the same name (tests/test_vocabularies.py): ``AM``, mopeds and light
    quadricycles; ``A1``, light motorcycles (up to 125 cm³ and 11 kW); ``A2``, motorcycles up to 35 kW; ``A``, all
    motorcycles; ``B``, cars of up to 3,500 kg with at most eight passenger seats; ``BE``, a ``B`` car with a heavier
    trailer; ``C1``, medium lorries from 3,500 to 7,500 kg; ``C1E``, a ``C1`` lorry with a heavier trailer; ``C``,
    lorries over 3,500 kg; ``CE``, a ``C`` lorry with a heavier trailer; ``D1``, minibuses of up to 16 passenger seats;
    ``D1E``, a ``D1`` minibus with a heavier trailer; ``D``, buses; ``DE``, a ``D`` bus with a heavier trailer; ``T``,
    tractors and motorised working machines (*traktorikortti*, a national class, not one of the Directive's)."""

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


def _known_occupation(code: str) -> str:
    if isco08.get(code) is None:
        raise ValueError(f"{code!r} is not an ISCO-08 code of the classification")
    return code


def _unit_group(code: str) -> str:
    if len(code) != 4:
        raise ValueError("a vacancy's occupation is an ISCO-08 unit group (4 digits)")
    return code


def _municipality(code: str) -> str:
    if not municipalities.valid(code):
        raise ValueError(f"{code!r} is not a three-digit municipality code")
    return code


IscoCode = Annotated[
    str,
    Field(pattern=r"^\d{1,4}$", examples=["8332"], description="ISCO-08 code (Ammattiluokitus 2010)"),
    AfterValidator(_known_occupation),
]
UnitGroup = Annotated[IscoCode, AfterValidator(_unit_group)]
Municipality = Annotated[
    str, Field(examples=["398"], description="Statistics Finland municipality code"), AfterValidator(_municipality)
]
Language = Annotated[str, Field(pattern=r"^[a-z]{2,3}$", examples=["fi"], description="ISO 639 code")]


class VacancyTerms(BaseModel):
    """What a vacancy is, shared by its creation and its changes."""

    model_config = ConfigDict(extra="forbid")

    title_fi: Text | None = Field(default=None, min_length=2, max_length=200, examples=["Hitsaaja"])
    title_sv: Text | None = Field(default=None, min_length=2, max_length=200, examples=["Svetsare"])
    title_en: Text | None = Field(default=None, min_length=2, max_length=200, examples=["Welder"])
    description: Text | None = Field(default=None, max_length=10_000)
    occupation_code: UnitGroup | None = None
    municipality: Municipality | None = None
    address: Text | None = Field(default=None, max_length=300)
    remote: bool | None = None
    working_time: WorkingTime | None = None
    employment_type: EmploymentType | None = None
    starts_on: IsoDate | None = None
    ends_on: IsoDate | None = Field(default=None, description="The last day; none for a permanent job")
    application_deadline: IsoDate | None = None
    languages: list[Language] | None = Field(default=None, max_length=10, description="Languages the job needs")
    driving_licences: list[DrivingLicence] | None = Field(default=None, max_length=15)
    other_licences: list[Text] | None = Field(
        default=None, max_length=20, description="e.g. hygiene passport, occupational safety card"
    )
    competences: list[IscoCode] | None = Field(
        default=None, max_length=20, description="Occupations whose competence the job uses (ISCO-08)"
    )
    requirements: Text | None = Field(default=None, max_length=5_000)
    supports: list[SupportKind] | None = Field(default=None, max_length=5, description="Supports the job fits")
    positions: int | None = Field(default=None, ge=1, le=1000)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        return self


class VacancyCreate(VacancyTerms):
    employer_id: uuid.UUID
    title_fi: Text = Field(min_length=2, max_length=200, examples=["Hitsaaja"])
    description: Text = Field(max_length=10_000)
    occupation_code: UnitGroup
    remote: bool = False
    working_time: WorkingTime = WorkingTime.full_time
    employment_type: EmploymentType
    application_deadline: IsoDate
    positions: int = Field(default=1, ge=1, le=1000)

    @model_validator(mode="after")
    def _somewhere(self) -> Self:
        if self.municipality is None and not self.remote:
            raise ValueError("a vacancy is in a municipality, or remote")
        if self.employment_type is not EmploymentType.permanent and self.ends_on is None:
            raise ValueError(f"a {self.employment_type.value} job has an end date (ends_on)")
        return self


class VacancyUpdate(VacancyTerms):
    pass


class StatusChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: VacancyStatus = Field(description="One of the vacancy's `allowed_transitions`")


class NationalState(StrEnum):
    """Whether the national platform (Työmarkkinatori) has a vacancy's latest version: ``not_sent``, there is nothing to
    send (a draft, or a vacancy imported from another system); ``pending``, its latest version waits for the
    publisher; ``failing``, the last try failed and is retried at ``retry_at``; ``sent``, the platform has its latest
    version."""

    not_sent = "not_sent"  # a draft, or imported: nothing to send
    pending = "pending"  # its latest version waits for the publisher
    failing = "failing"  # the last try failed; retried at retry_at
    sent = "sent"  # the platform has its latest version


class NationalSync(BaseModel):
    state: NationalState
    national_id: str | None = Field(description="The posting's id on the national platform")
    attempts: int = Field(description="Failed tries since the last success")
    last_error: str | None
    retry_at: datetime | None


class VacancyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    authority_id: uuid.UUID
    employer_id: uuid.UUID
    title_fi: str
    title_sv: str | None
    title_en: str | None
    description: str
    occupation_code: str
    occupation_minor_group: str
    municipality: str | None
    address: str | None
    remote: bool
    working_time: WorkingTime
    employment_type: EmploymentType
    starts_on: date | None
    ends_on: date | None
    at_least_two_weeks: bool = Field(
        description="The job lasts at least two weeks (or has no end): the job-search obligation counts it"
    )
    application_deadline: date
    languages: list[str]
    driving_licences: list[DrivingLicence]
    other_licences: list[str]
    competences: list[str]
    requirements: str | None
    supports: list[SupportKind]
    positions: int
    status: VacancyStatus
    allowed_transitions: list[VacancyStatus]
    source: VacancySource
    source_system: str | None
    external_id: str | None
    external_url: str | None
    imported_at: datetime | None
    removed: bool = Field(description="Removed at its source (an imported vacancy)")
    removed_at: datetime | None = Field(description="An imported vacancy no longer on the platform it came from")
    national: NationalSync = Field(description="Where a vacancy made here stands on the national platform (P66)")
    published_at: datetime | None
    ended_at: datetime | None
    created_by: str
    created_by_name: str | None = Field(
        default=None,
        description="Who made the vacancy: "
        "the person's name from their token at the time (a machine client's id); "
        "null for a periodic job, or when it was made before names were recorded",
    )
    created_by_organisation_name: str | None = Field(
        default=None, description="The organisation they acted for, from their token at the time"
    )
    changed_by: str | None = Field(
        default=None, description="The subject of whoever made the last change (an edit or a move in the lifecycle)"
    )
    changed_by_name: str | None = Field(
        default=None,
        description="Who made the last change (an edit or a move in the lifecycle): "
        "the person's name from their token at the time (a machine client's id); "
        "null for a periodic job, or when it was made before names were recorded",
    )
    changed_by_organisation_name: str | None = Field(
        default=None, description="The organisation they acted for, from their token at the time"
    )
    created_at: datetime
    updated_at: datetime
    version: int
