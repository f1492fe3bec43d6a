from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from clients_api.assessment.schemas import IscoCode
from clients_api.jobsearch.models import ApplicationKind, SearchEndReason
from clients_api.jobsearch.rules import Consequence
from polku_kit.types import IsoDate, Text


class ApplicationCreate(BaseModel):
    """A job opportunity the client reports having applied for."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    applied_on: IsoDate
    kind: ApplicationKind = ApplicationKind.advertised_vacancy
    employer: Text = Field(min_length=1, max_length=300, examples=["Lahden Kuljetus Oy"])
    position: Text = Field(min_length=1, max_length=300, examples=["Kuorma-autonkuljettaja"])
    occupation: IscoCode | None = None
    job_offer_id: uuid.UUID | None = Field(
        default=None,
        description="The job offer (employer-api) the client applied for, when the application is an offered "
        "vacancy: it counts once with the offer's outcome, whichever is reported first, and the kind is "
        "`assigned_vacancy`. An assigned vacancy reported without it, at an employer whose job offer already counts, "
        "is refused as the same application (409)",
    )


class ApplicationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    applied_on: date
    kind: ApplicationKind
    employer: str
    position: str
    occupation: str | None
    reported_by: str
    reported_at: datetime
    job_offer_id: uuid.UUID | None = Field(
        default=None, description="The job offer the client applied for (employer-api), when it came from one"
    )


class NeglectCreate(BaseModel):
    """Record that the obligation of one closed review period was neglected."""

    model_config = ConfigDict(extra="forbid")

    period_starts_on: IsoDate
    notes: Text | None = Field(default=None, max_length=2000)


class NeglectRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    period_starts_on: date
    period_ends_on: date
    required: int
    reported: int
    ordinal: int = Field(description="Which neglect this is within the look-back of the rule set (1 = first)")
    consequence: Consequence
    non_compensable_days: int | None
    rule_set: str
    legal_sources: list[str] = Field(default_factory=list, description="The law behind the consequence")
    notes: str | None
    recorded_by: str
    recorded_at: datetime


class ObligationRead(BaseModel):
    applications_per_period: int
    period_months: int
    reduction_reason: str | None
    plan_version: int


class PeriodRead(BaseModel):
    starts_on: date
    ends_on: date
    required: int
    reported: int
    shortfall: int
    closed: bool = Field(description="The period has ended; a shortfall in it can be recorded as a neglect")
    neglect: NeglectRead | None = None


class JobSearchRead(BaseModel):
    client_id: uuid.UUID
    today: date
    obligation: ObligationRead | None = Field(description="From the current plan; null while there is no plan")
    periods: list[PeriodRead]
    total_shortfall: int = Field(description="Shortfall summed over the closed periods")


class SearchPeriodStart(BaseModel):
    """Start a new job-search period (the client registers again)."""

    model_config = ConfigDict(extra="forbid")

    started_on: IsoDate


class SearchPeriodEnd(BaseModel):
    """End the open job-search period, with the reason."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    ended_on: IsoDate
    reason: SearchEndReason
    notes: Text | None = Field(default=None, max_length=2000)


class SearchPeriodRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    started_on: date
    initial_interview: bool = Field(
        description="The period has an initial interview of its own: the first period, or six months or more "
        "after the previous one ended"
    )
    ended_on: date | None
    end_reason: SearchEndReason | None
    end_notes: str | None
    started_by: str
    ended_by: str | None
    version: int
