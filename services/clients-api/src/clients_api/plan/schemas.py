from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from clients_api.plan.models import PlanType
from clients_api.plan.status import NotUpToDate
from polku_kit.types import IsoDate, Text

# The default job-search obligation of the Nordic model: four applications per one-month period
# (Unemployment Security Act 1290/2002 ch. 2 a as amended by HE 167/2021). Less needs a recorded reason.
DEFAULT_APPLICATIONS_PER_MONTH = 4


class PlanTask(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: Text = Field(min_length=1, max_length=1000)
    due_on: IsoDate | None = None
    done: StrictBool = False


class PlanWrite(BaseModel):
    """A whole plan as the coach saves it; saving adds a new version."""

    model_config = ConfigDict(extra="forbid")

    plan_type: PlanType = PlanType.employment
    goals: list[Text] = Field(min_length=1, max_length=20, examples=[["Work in logistics within six months"]])
    tasks: list[PlanTask] = Field(default_factory=list, max_length=50)
    applications_per_period: int = Field(ge=0, le=30, examples=[4])
    period_months: int = Field(ge=1, le=3, examples=[1], description="Review period of the obligation, 1–3 months")
    obligation_reduction_reason: Text | None = Field(default=None, max_length=1000)
    next_review_on: IsoDate

    @model_validator(mode="after")
    def _reduction_needs_a_reason(self) -> Self:
        if self.applications_per_period < DEFAULT_APPLICATIONS_PER_MONTH * self.period_months and not (
            self.obligation_reduction_reason and self.obligation_reduction_reason.strip()
        ):
            raise ValueError("an obligation below four applications a month needs obligation_reduction_reason")
        return self


class PlanRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    client_id: uuid.UUID
    version: int
    plan_type: PlanType
    goals: list[str]
    tasks: list[PlanTask]
    applications_per_period: int
    period_months: int
    obligation_reduction_reason: str | None
    next_review_on: date
    created_by: str
    created_by_name: str | None = Field(default=None, description="The saving person's name, from their token")
    created_at: datetime


class PlanStatusRead(BaseModel):
    """Whether the client's plan is up to date (*ajantasainen suunnitelma*), with the definition to show beside it."""

    client_id: uuid.UUID
    today: date
    up_to_date: bool
    reasons: list[NotUpToDate] = Field(description="Why it is not up to date; empty when it is")
    plan_reviewed_on: date | None = Field(description="The day the latest plan version was saved")
    latest_mandatory_interview_on: date | None
    definition: str = Field(description="Polku's definition of an up-to-date plan (there is no official one)")
