from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from clients_api.schedule.deadlines import DeadlineKind, DeadlineStatus
from clients_api.schedule.duties import DutyKind
from clients_api.schedule.models import CancellingParty, InterviewChannel
from polku_kit.types import IsoDate, Text


class InterviewCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    held_on: IsoDate
    channel: InterviewChannel
    notes: Text | None = Field(default=None, max_length=5000)


class InterviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    held_on: date
    channel: InterviewChannel
    notes: str | None
    recorded_by: str
    recorded_at: datetime
    cancelled_at: datetime | None = None
    cancelled_by: str | None = None
    cancelled_by_party: CancellingParty | None = None
    cancellation_reason: str | None = None


class InterviewCancel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    party: CancellingParty
    reason: Text = Field(min_length=3, max_length=1000, examples=["The client was ill; a new time was agreed"])


class WaiverCreate(BaseModel):
    """Waive one deadline of the schedule (as ``GET .../schedule`` numbers it) with a reason."""

    model_config = ConfigDict(extra="forbid")

    kind: DeadlineKind
    number: StrictInt = Field(ge=1, le=1000)
    reason: Text = Field(min_length=3, max_length=1000, examples=["Started full-time work on 1.3."])


class WaiverRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: DeadlineKind
    number: int
    due_on: date
    reason: str
    waived_by: str
    waived_at: datetime


class RuleSetRead(BaseModel):
    key: str
    name: str
    valid_from: date
    valid_until: date | None
    sources: list[str]


class DeadlineRead(BaseModel):
    kind: DeadlineKind
    number: int
    due_on: date
    status: DeadlineStatus
    held_on: date | None
    rule_set: RuleSetRead
    waiver_reason: str | None = None


class ScheduleRead(BaseModel):
    client_id: uuid.UUID
    today: date
    deadlines: list[DeadlineRead]


class DueItem(BaseModel):
    client_id: uuid.UUID
    client_name: str
    kind: DeadlineKind
    number: int
    due_on: date
    status: DeadlineStatus
    rule_set: str


class DueStatementRequest(BaseModel):
    """A labour policy statement asked for through the national system and not yet answered: to be answered
    without undue delay from the day it was made (hallintolaki 434/2003, 23 §; no later day is set in law)."""

    id: uuid.UUID = Field(description="The request (`/v1/platform/statement-requests/{id}`)")
    client_id: uuid.UUID
    client_name: str
    requester: str = Field(examples=["Kela"])
    request_id: str = Field(description="The national system's id of the request")
    requested_on: date
    due_on: date = Field(description="From when it is to be answered: the day it was made")
    due_rule: str = Field(examples=["hallintolaki 434/2003 23 § (without undue delay)"])
    days_waiting: int = Field(ge=0, description="Days since it was made")
    status: str = Field(examples=["pending"], description="`pending`, or `drafted` (see `statement_id`)")
    statement_id: uuid.UUID | None = None
    version: int


class DueList(BaseModel):
    """Overdue deadlines first (oldest first), then those due within the horizon; and the statement requests
    waiting for an answer, oldest first."""

    today: date
    horizon_until: date
    coach: str | None
    items: list[DueItem]
    statement_requests: list[DueStatementRequest] = Field(default_factory=list)


class DutyClearanceCreate(BaseModel):
    """Clear a duty: it is done (the profile is published, the applications were sent) or does not apply."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: DutyKind
    key: Text = Field(min_length=1, max_length=40, description="Which one, as the duty list names it")
    reason: Text = Field(min_length=1, max_length=2000, examples=["Profiili julkaistu Työmarkkinatorilla"])


class DutyRead(BaseModel):
    kind: DutyKind
    key: str
    applies_from: date
    due_on: date | None = Field(description="The last day, where the rule gives one (the joint application)")
    dated: bool = Field(
        default=True,
        description="False while the rule's dates are not yet known (a joint application whose dates are not "
        "published): the duty stands, without a last day, and its sources say where to check",
    )
    cleared: bool
    cleared_reason: str | None = None
    cleared_by: str | None = None
    cleared_at: datetime | None = None
    sources: list[str]


class DutiesRead(BaseModel):
    client_id: uuid.UUID
    today: date
    duties: list[DutyRead]
