from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import ytunnus

from employer_api.employer.models import ContactKind, SizeClass
from polku_classifications import municipalities, tol2008
from polku_kit.types import IsoDate, Text


def valid_business_id(value: str) -> str:
    """A Finnish business id (*Y-tunnus*, 1234567-8) with a valid check digit, in its standard form."""
    try:
        return str(ytunnus.format(ytunnus.validate(value)))
    except StdnumError:
        raise ValueError("is not a valid Y-tunnus (business id) with a correct check digit") from None


def valid_industry(value: str) -> str:
    if tol2008.main_class_of(value) is None:
        raise ValueError(f"{value!r} is not a TOL 2008 industry code (2 to 5 digits of a TOL 2008 division)")
    return value


def valid_municipalities(values: list[str]) -> list[str]:
    for value in values:
        if not municipalities.valid(value):
            raise ValueError(f"{value!r} is not a three-digit municipality code")
    return sorted(set(values))


BusinessId = Annotated[
    str, Field(max_length=20, examples=["0246246-0"], description="Y-tunnus"), AfterValidator(valid_business_id)
]
IndustryCode = Annotated[
    str, Field(max_length=5, examples=["47111"], description="TOL 2008 industry code"), AfterValidator(valid_industry)
]
MunicipalityCodes = Annotated[
    list[str],
    Field(max_length=400, description="Three-digit municipality codes (Statistics Finland)"),
    AfterValidator(valid_municipalities),
]
Subject = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00]*$", examples=["employer-services-1"])]


class ContactPerson(BaseModel):
    """A person at the employer whom employer services deal with, and their role there."""

    model_config = ConfigDict(extra="forbid")

    name: Text = Field(min_length=1, max_length=200, examples=["Riikka Rekrytoija"])
    role: Text | None = Field(default=None, max_length=200, examples=["HR manager"])
    email: EmailStr | None = None
    phone: str | None = Field(default=None, max_length=40, pattern=r"^\+?[0-9 ()-]{5,40}$")


class EmployerCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    business_id: BusinessId
    name: Text = Field(min_length=2, max_length=200, examples=["Lahden Konepaja Oy"])
    industry_code: IndustryCode
    size_class: SizeClass | None = None
    municipalities: MunicipalityCodes = Field(default_factory=list, description="Where it has workplaces")
    contact_people: list[ContactPerson] = Field(default_factory=list, max_length=50)
    account_manager_subject: Subject | None = Field(
        default=None,
        description="The staff member who looks after the employer (*vastuuhenkilö*): the caller, or a staff member "
        "of the authority the service has seen (``GET /v1/staff``)",
    )
    consents_to_contact: bool = Field(default=False, description="The employer agreed to be contacted")
    network_member: bool = Field(default=False, description="A member of the authority's employer network")


class EmployerUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    business_id: BusinessId | None = None
    name: Text | None = Field(default=None, min_length=2, max_length=200)
    industry_code: IndustryCode | None = None
    size_class: SizeClass | None = None
    municipalities: MunicipalityCodes | None = None
    contact_people: list[ContactPerson] | None = Field(default=None, max_length=50)
    account_manager_subject: Subject | None = Field(
        default=None,
        description="A new account manager: the caller, or a staff member of the authority the service has seen "
        "(``GET /v1/staff``); null for none",
    )
    consents_to_contact: bool | None = None
    network_member: bool | None = None


class EmployerRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    authority_id: uuid.UUID
    business_id: str
    name: str
    industry_code: str
    industry_main_class: str = Field(description="TOL 2008 main class (A–U, X)")
    size_class: SizeClass | None
    municipalities: list[str]
    contact_people: list[ContactPerson]
    account_manager_subject: str | None
    account_manager_name: str | None = Field(
        default=None,
        description="The account manager's name as the service last saw it in their token; null when there is none "
        "or the service has not seen them",
    )
    consents_to_contact: bool
    network_member: bool
    created_by: str
    created_by_name: str | None = Field(
        default=None,
        description="Who made the registration: "
        "the person's name from their token at the time (a machine client's id); "
        "null for a periodic job, or when it was made before names were recorded",
    )
    created_by_organisation_name: str | None = Field(
        default=None, description="The organisation they acted for, from their token at the time"
    )
    changed_by: str | None = Field(default=None, description="The subject of whoever made the last change")
    changed_by_name: str | None = Field(
        default=None,
        description="Who made the last change: "
        "the person's name from their token at the time (a machine client's id); "
        "null for a periodic job, or when it was made before names were recorded",
    )
    changed_by_organisation_name: str | None = Field(
        default=None, description="The organisation they acted for, from their token at the time"
    )
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Incremented by every change; the ETag, sent back in If-Match")


class EmployerContactCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ContactKind
    contacted_on: IsoDate
    topic: Text = Field(min_length=1, max_length=500, examples=["Kesätyöpaikat 2027"])
    outcome: Text | None = Field(default=None, max_length=2000, examples=["Kolme kesätyöpaikkaa tulossa"])
    next_step: Text | None = Field(default=None, max_length=500, examples=["Lähetä kesäsetelin ohjeet"])
    next_step_due: IsoDate | None = None


class EmployerContactUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Text | None = Field(default=None, max_length=2000)
    next_step: Text | None = Field(default=None, max_length=500)
    next_step_due: IsoDate | None = None
    next_step_done: bool | None = Field(default=None, description="True marks the next step done (by the caller)")


class EmployerContactRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    employer_id: uuid.UUID
    kind: ContactKind
    contacted_on: date
    staff_subject: str = Field(description="The staff member who made the contact")
    staff_name: str | None = Field(
        default=None,
        description="Who made the contact: "
        "the person's name from their token at the time (a machine client's id); "
        "null for a periodic job, or when it was made before names were recorded",
    )
    staff_organisation_name: str | None = Field(
        default=None, description="The organisation they acted for, from their token at the time"
    )
    topic: str
    outcome: str | None
    next_step: str | None
    next_step_due: date | None
    next_step_done_at: datetime | None
    next_step_done_by: str | None
    next_step_done_by_name: str | None = Field(
        default=None,
        description="Who made the next step done: "
        "the person's name from their token at the time (a machine client's id); "
        "null for a periodic job, or when it was made before names were recorded",
    )
    next_step_done_by_organisation_name: str | None = Field(
        default=None, description="The organisation they acted for, from their token at the time"
    )
    changed_by: str | None = Field(
        default=None, description="The subject of whoever made the last change of the contact"
    )
    changed_by_name: str | None = Field(
        default=None,
        description="Who made the last change of the contact: "
        "the person's name from their token at the time (a machine client's id); "
        "null for a periodic job, or when it was made before names were recorded",
    )
    changed_by_organisation_name: str | None = Field(
        default=None, description="The organisation they acted for, from their token at the time"
    )
    updated_at: datetime
    created_at: datetime
    version: int


class NextStepDue(BaseModel):
    """An open next step on the account manager's list."""

    contact_id: uuid.UUID
    employer_id: uuid.UUID
    employer_name: str
    next_step: str
    next_step_due: date
    overdue: bool
    contacted_on: date
    staff_subject: str
    staff_name: str | None = Field(
        default=None,
        description="Who made the contact: "
        "the person's name from their token at the time (a machine client's id); "
        "null for a periodic job, or when it was made before names were recorded",
    )
    staff_organisation_name: str | None = Field(
        default=None, description="The organisation they acted for, from their token at the time"
    )
    version: int
