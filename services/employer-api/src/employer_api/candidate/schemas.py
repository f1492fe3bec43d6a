from __future__ import annotations

from pydantic import BaseModel, Field


class Received(BaseModel):
    """The answer to a delivered event."""

    handled: bool = Field(description="False when the event was a redelivery, or fed no candidate profile")
