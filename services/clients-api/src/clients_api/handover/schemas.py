from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from clients_api.handover.models import HandoverState
from clients_api.handover.rules import ROUTING_LEAD_DAYS

NO_NUL = r"^[^\x00]*$"


class InitialServiceWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    initial_service: StrictBool = Field(description="Whether the team holds the first three months of the service")


class InitialServiceRead(BaseModel):
    team_id: uuid.UUID
    initial_service: bool
    marked_by: str | None
    marked_at: datetime | None


class RoutingRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lead_days: StrictInt = Field(default=ROUTING_LEAD_DAYS, ge=0, le=90, description="Route hand-overs due this soon")


class HandoverCreate(BaseModel):
    """An early hand-over to a named personal coach (the initial service may hand over within the three months)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    to_coach_subject: str = Field(min_length=1, max_length=200, pattern=NO_NUL)
    to_team_id: uuid.UUID | None = None
    reason: str = Field(min_length=3, max_length=1000, pattern=NO_NUL, examples=["Needs the youth team's services"])


class HandoverRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    state: HandoverState
    due_on: date
    from_team_id: uuid.UUID | None
    from_coach_subject: str | None
    to_coach_subject: str | None
    to_team_id: uuid.UUID | None
    reason: str
    created_by: str
    created_at: datetime
    completed_by: str | None
    completed_at: datetime | None


class HandoverTask(HandoverRead):
    client_first_names: str
    client_last_name: str


class Side(StrEnum):
    """Which of a coach's hand-overs to list: ``incoming``, the clients coming to them as their personal coach;
    ``outgoing``, the clients leaving them or their initial-service teams."""

    incoming = "incoming"  # the personal coach takes the client over
    outgoing = "outgoing"  # the initial-service team hands the client over
