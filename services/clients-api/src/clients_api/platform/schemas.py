"""Answers of the platform routes."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from polku_kit.types import Text


class PlatformEventAccepted(BaseModel):
    """The event is kept and will be handled shortly (or was received before)."""

    id: str = Field(examples=["0f8e4b9a-2c1d-4e8f-9a7b-6c5d4e3f2a10"])
    duplicate: bool = Field(description="True when this event id was received before: nothing more is done")


class StatementRequestRead(BaseModel):
    """A labour policy statement asked for through the national system: the coach's task until the statement
    drafted for it is issued, or the coach declines it."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    request_id: str
    requested_on: date
    requester: str = Field(examples=["Kela"])
    status: str = Field(
        examples=["pending"], description="`pending`, `drafted` (see `statement_id`), `issued` or `declined`"
    )
    statement_id: uuid.UUID | None = Field(default=None, description="The statement drafted for this request")
    closed_at: datetime | None = None
    closed_by: str | None = None
    closed_by_name: str | None = Field(default=None, description="Who issued the statement or declined the request")
    decline_reason: str | None = None
    version: int = Field(default=1, description="Sent back in If-Match to decline")


class StatementRequestDecline(BaseModel):
    """The coach declines to give a statement for the request, saying why (sent on to the requester)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: Text = Field(min_length=3, max_length=2000, examples=["The client's job search had ended before 3.3."])
