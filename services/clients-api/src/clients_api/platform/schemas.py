"""Answers of the platform routes."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class PlatformEventAccepted(BaseModel):
    """The event is kept and will be handled shortly (or was received before)."""

    id: str = Field(examples=["0f8e4b9a-2c1d-4e8f-9a7b-6c5d4e3f2a10"])
    duplicate: bool = Field(description="True when this event id was received before: nothing more is done")


class StatementRequestRead(BaseModel):
    """A labour policy statement asked for through the national system, waiting for the coach."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    request_id: str
    requested_on: date
    requester: str = Field(examples=["Kela"])
    status: str = Field(examples=["pending"])
