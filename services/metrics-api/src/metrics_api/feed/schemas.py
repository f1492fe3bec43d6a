from __future__ import annotations

from pydantic import BaseModel, Field


class Received(BaseModel):
    """The answer to a delivered event."""

    handled: bool = Field(description="False for a redelivery, or a type the read model does not take (yet)")
