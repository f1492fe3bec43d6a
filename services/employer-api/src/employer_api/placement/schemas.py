from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from employer_api.placement.models import IntroductionStatus, OfferStatus
from polku_kit.types import IsoDate, Text


class JobOfferCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    vacancy_id: uuid.UUID
    client_id: uuid.UUID
    respond_by: IsoDate = Field(description="The day the client answers by")


class JobOfferOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: OfferStatus = Field(description="applied, did_not_apply (with a reason), hired or not_hired")
    reason: Text | None = Field(default=None, max_length=1000, description="Why the client did not apply")

    @model_validator(mode="after")
    def _reason_when_not_applied(self) -> Self:
        if self.outcome is OfferStatus.sent:
            raise ValueError("an outcome is not 'sent'")
        if self.outcome is OfferStatus.did_not_apply and not self.reason:
            raise ValueError("did_not_apply needs the reason")
        return self


class JobOfferRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    vacancy_id: uuid.UUID
    client_id: uuid.UUID
    offered_by: str
    offered_by_name: str | None = Field(
        default=None,
        description="Who made the offer: "
        "the person's name from their token at the time (a machine client's id); "
        "null for a periodic job, or when it was made before names were recorded",
    )
    offered_by_organisation_name: str | None = Field(
        default=None, description="The organisation they acted for, from their token at the time"
    )
    respond_by: date
    status: OfferStatus
    reason: str | None
    counts_toward_job_search: bool = Field(description="The client applied: the offer counts toward the obligation")
    outcome_by: str | None
    outcome_by_name: str | None = Field(
        default=None,
        description="Who made the outcome: "
        "the person's name from their token at the time (a machine client's id); "
        "null for a periodic job, or when it was made before names were recorded",
    )
    outcome_by_organisation_name: str | None = Field(
        default=None, description="The organisation they acted for, from their token at the time"
    )
    outcome_at: datetime | None
    created_at: datetime
    version: int


class IntroductionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    vacancy_id: uuid.UUID
    client_id: uuid.UUID
    anonymous: bool = Field(
        default=False, description="No name and no contact details to the employer until the client agrees"
    )


class IntroductionOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: IntroductionStatus

    @model_validator(mode="after")
    def _not_made(self) -> Self:
        if self.outcome is IntroductionStatus.made:
            raise ValueError("an outcome is not 'made'")
        return self


class IntroductionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    vacancy_id: uuid.UUID
    employer_id: uuid.UUID
    client_id: uuid.UUID
    anonymous: bool
    consent_id: uuid.UUID | None
    introduced_by: str
    introduced_by_name: str | None = Field(
        default=None,
        description="Who made the introduction: "
        "the person's name from their token at the time (a machine client's id); "
        "null for a periodic job, or when it was made before names were recorded",
    )
    introduced_by_organisation_name: str | None = Field(
        default=None, description="The organisation they acted for, from their token at the time"
    )
    status: IntroductionStatus
    outcome_by: str | None
    outcome_by_name: str | None = Field(
        default=None,
        description="Who made the outcome: "
        "the person's name from their token at the time (a machine client's id); "
        "null for a periodic job, or when it was made before names were recorded",
    )
    outcome_by_organisation_name: str | None = Field(
        default=None, description="The organisation they acted for, from their token at the time"
    )
    outcome_at: datetime | None
    disclosed_by: str | None = Field(
        default=None,
        description="Who disclosed the anonymous introduction (made it named), once the consent covered it",
    )
    disclosed_by_name: str | None = Field(
        default=None, description="Their name from their token at the time (a machine client's id)"
    )
    disclosed_by_organisation_name: str | None = Field(
        default=None, description="The organisation they acted for, from their token at the time"
    )
    disclosed_at: datetime | None = None
    created_at: datetime
    version: int
