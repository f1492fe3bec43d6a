from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from clients_api.schedule.deadlines import DeadlineKind, DeadlineStatus
from clients_api.schedule.models import InterviewChannel
from polku_kit.types import IsoDate


class InterviewCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    held_on: IsoDate
    channel: InterviewChannel
    notes: str | None = Field(default=None, max_length=5000)


class InterviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    held_on: date
    channel: InterviewChannel
    notes: str | None
    recorded_by: str
    recorded_at: datetime


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


class DueList(BaseModel):
    """Overdue deadlines first (oldest first), then those due within the horizon."""

    today: date
    horizon_until: date
    coach: str | None
    items: list[DueItem]
