from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from clients_api.jobsearch.rules import Consequence
from clients_api.statement.models import NeglectKind, Recipient, StatementState
from polku_kit.types import IsoDate, Text


class StatementCreate(BaseModel):
    """A draft statement about one neglect; its consequence comes from the rules in force on ``neglected_on``."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    neglect_kind: NeglectKind
    neglected_on: IsoDate = Field(description="The day of the neglect (the missed interview, the refusal, ...)")
    description: Text = Field(
        min_length=3, max_length=4000, examples=["Did not attend the job-search discussion booked for 3.3.2026"]
    )
    platform_request_id: uuid.UUID | None = Field(
        default=None,
        description="The statement request from the national system that this statement answers "
        "(`GET /v1/clients/{client_id}/statement-requests`); closed when the statement is issued",
    )


class StatementUpdate(BaseModel):
    """A change to a statement not yet issued (If-Match: its ETag)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    description: Text = Field(min_length=3, max_length=4000)


class HearingCreate(BaseModel):
    """The client's account (*asiakkaan selvitys*), recorded with the day it was given."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    client_account: Text = Field(
        min_length=1, max_length=4000, examples=["I was ill on the day and called on the following morning"]
    )
    heard_on: IsoDate


class IssueCreate(BaseModel):
    """Issue the statement to Kela or to the client's unemployment fund (named)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    recipient: Recipient
    fund_name: Text | None = Field(
        default=None, min_length=2, max_length=200, examples=["Erityisalojen työttömyyskassa"]
    )
    issued_on: IsoDate

    @model_validator(mode="after")
    def _fund_named(self) -> Self:
        if self.recipient is Recipient.unemployment_fund and not self.fund_name:
            raise ValueError("a statement to an unemployment fund names the fund (fund_name)")
        if self.recipient is Recipient.kela and self.fund_name:
            raise ValueError("a statement to Kela names no fund")
        return self


class StatementRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    version: int
    state: StatementState
    neglect_kind: NeglectKind
    neglected_on: date
    description: str
    ordinal: int = Field(description="Which neglect this is within the rule set's look-back (1 = the first)")
    consequence: Consequence
    non_compensable_days: int | None
    rule_set: str
    client_account: str | None
    heard_on: date | None
    heard_by: str | None
    recipient: Recipient | None
    fund_name: str | None
    issued_on: date | None
    issued_by: str | None
    drafted_by: str
    drafted_at: datetime
    updated_by: str
    updated_at: datetime
    processing_days: int | None = Field(
        default=None,
        description="Days from the neglect to the issued statement; for one not yet issued, the days so far",
    )


class StatementVersionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version: int
    snapshot: dict[str, Any]
    changed_by: str
    changed_at: datetime


class CoachStatementItem(StatementRead):
    client_first_names: str
    client_last_name: str


class CoachStatements(BaseModel):
    """A coach's statements, the longest-waiting first, and the processing-time indicator of those issued."""

    coach_subject: str
    pending: int
    issued: int
    average_processing_days: float | None = Field(
        description="Mean days from the neglect to the statement over the issued statements listed"
    )
    items: list[CoachStatementItem]
