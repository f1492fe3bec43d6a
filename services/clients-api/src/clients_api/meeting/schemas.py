from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictInt

from clients_api.meeting.models import MeetingState
from clients_api.schedule.deadlines import DeadlineKind
from clients_api.schedule.models import InterviewChannel
from polku_kit.types import Text


class MeetingCreate(BaseModel):
    """Book a meeting for one open deadline of the schedule (as ``GET .../schedule`` numbers it)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    deadline_kind: DeadlineKind
    deadline_number: StrictInt = Field(ge=1, le=1000)
    starts_at: AwareDatetime = Field(examples=["2026-12-10T09:00:00+02:00"])
    duration_minutes: StrictInt = Field(default=45, ge=10, le=480)
    channel: InterviewChannel
    location: Text | None = Field(
        default=None, max_length=500, description="The place, or the link of a video meeting", examples=["Huone 2"]
    )


class MeetingUpdate(BaseModel):
    """Reschedule or change the channel or place of a booked meeting (only the fields sent change)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    starts_at: AwareDatetime | None = None
    duration_minutes: StrictInt | None = Field(default=None, ge=10, le=480)
    channel: InterviewChannel | None = None
    location: Text | None = Field(default=None, max_length=500)


class MeetingCancel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: Text = Field(min_length=3, max_length=1000, examples=["Asiakas sairastui"])


class MeetingHeld(BaseModel):
    model_config = ConfigDict(extra="forbid")

    notes: Text | None = Field(default=None, max_length=5000)


class MeetingRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    version: int
    state: MeetingState
    deadline_kind: DeadlineKind
    deadline_number: int
    deadline_due_on: date
    starts_at: datetime
    duration_minutes: int
    channel: InterviewChannel
    location: str | None
    coach_subject: str
    coach_name: str
    booked_by: str
    booked_by_name: str
    booked_at: datetime
    updated_by: str
    updated_by_name: str
    updated_at: datetime
    interview_id: uuid.UUID | None
    cancellation_reason: str | None


class CoachMeetingRead(MeetingRead):
    """A meeting on a coach's day, with the client's name."""

    client_name: str


class CoachMeetings(BaseModel):
    coach: str
    since: date
    until: date
    items: list[CoachMeetingRead]
