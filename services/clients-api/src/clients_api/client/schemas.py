from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StrictBool, StrictInt, field_validator
from pydantic_core import PydanticCustomError

from clients_api.client.codes import CountryCode, MotherTongue
from clients_api.client.identity_code import InvalidIdentityCode, TemporaryIdentityCode, normalise
from clients_api.client.models import ClientStatus, WaitingOn
from clients_api.client.target_groups import TargetGroup
from polku_kit.types import IsoDate, Text

MunicipalityCode = Annotated[str, Field(pattern=r"^\d{3}$", examples=["398"], description="Statistics Finland code")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$", examples=["fi"], description="ISO 639 code")]


class ClientCreate(BaseModel):
    """Registration of a job seeker."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    personal_identity_code: Text = Field(examples=["131052-308T"], description="*Henkilötunnus*, checksum-checked")
    first_names: Text = Field(min_length=1, max_length=200, examples=["Matti Juhani"])
    last_name: Text = Field(min_length=1, max_length=200, examples=["Meikäläinen"])
    email: EmailStr | None = None
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9 ()-]{6,20}$", examples=["+358 40 123 4567"])
    home_municipality: MunicipalityCode
    languages: list[LanguageCode] = Field(default_factory=list, max_length=10)
    citizenship: CountryCode | None = Field(default=None, description="*Kansalaisuus*, optional")
    mother_tongue: MotherTongue | None = Field(default=None, description="*Äidinkieli*, optional")
    job_search_started_on: IsoDate

    @field_validator("personal_identity_code")
    @classmethod
    def _valid_code(cls, value: str) -> str:
        try:
            return normalise(value)
        except TemporaryIdentityCode:
            raise PydanticCustomError(
                "temporary_identity_code",
                "a temporary identity code (individual number 900-999) cannot register a client: ask for the "
                "person's lasting personal identity code",
            ) from None
        except InvalidIdentityCode as error:
            raise ValueError(f"not a valid personal identity code: {error}") from None


class ClientSearch(BaseModel):
    """The criteria of a search, sent in the body so that a personal identity code never enters a URL, an access
    log or a browser's history. The same filters as ``GET /v1/clients``, which refuses the identity code."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    personal_identity_code: Text | None = Field(
        default=None, max_length=11, examples=["131052-308T"], description="The whole *henkilötunnus*; no partial match"
    )
    name: Text | None = Field(default=None, max_length=100, description="Part of a first or last name")
    status: ClientStatus | None = None
    coach: Text | None = Field(default=None, max_length=200, description="The coach's subject")
    municipality: MunicipalityCode | None = None
    target_groups: list[TargetGroup] | None = Field(
        default=None, max_length=20, description="Only clients in every one of these (computed) target groups"
    )
    overdue: StrictBool | None = Field(
        default=None, description="true: only clients with an overdue statutory deadline; false: only those without"
    )
    ids: list[uuid.UUID] | None = Field(default=None, max_length=100, description="Only these clients (at most 100)")
    limit: StrictInt = Field(default=50, ge=1, le=200, description="How many items per page")
    cursor: Text | None = Field(default=None, max_length=200, description="`next_cursor` of the previous page")


class StatusChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ClientStatus
    changed_on: IsoDate
    reason: Text | None = Field(default=None, max_length=1000)


class StatusChangeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    status: ClientStatus
    changed_on: date
    reason: str | None
    changed_by: str
    recorded_at: datetime


class ClientSummary(BaseModel):
    """What a list shows: enough to recognise the person, not the whole identity code."""

    id: uuid.UUID
    first_names: str
    last_name: str
    personal_identity_code_masked: str = Field(examples=["131052-***T"])
    home_municipality: str
    status: ClientStatus
    coach_subject: str | None
    target_groups: list[TargetGroup]
    needs_named_coach: bool = Field(description="Under 25 and no named coach (every client under 25 must have one)")
    team_id: uuid.UUID | None = None
    unemployed_since: date | None = Field(
        default=None, description="First day of the current continuous unemployment, from the status history"
    )
    waiting_on: WaitingOn | None = Field(default=None, description="Whom the next step waits for")
    waiting_since: date | None = None


class ClientRead(ClientSummary):
    personal_identity_code: str
    birth_date: date
    email: str | None
    phone: str | None
    home_municipality_name: dict[str, str] | None
    languages: list[str]
    citizenship: str | None = Field(description="ISO 3166-1 alpha-2 country code")
    mother_tongue: str | None = Field(description="ISO 639-1 language code")
    job_search_started_on: date
    version: int
    created_at: datetime
    updated_at: datetime


class ClientName(BaseModel):
    """A client's name, and nothing else."""

    id: uuid.UUID
    first_names: str
    last_name: str


class ClientNames(BaseModel):
    """The names behind a list of client ids, in the order asked; the ids beyond the caller's reach are left out,
    as missing ones."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {"id": "5b1f0c1e-3f0a-4a53-9a53-3c8a4f3b7d10", "first_names": "Matti", "last_name": "Virtanen"}
                    ]
                }
            ]
        }
    )

    items: list[ClientName]
