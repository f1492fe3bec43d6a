"""The answer to a delivered platform event."""

from pydantic import BaseModel, Field


class PlatformEventAccepted(BaseModel):
    """The event is kept and will be handled shortly (or was received before)."""

    id: str = Field(examples=["0f8e4b9a-2c1d-4e8f-9a7b-6c5d4e3f2a10"])
    duplicate: bool = Field(description="True when this event id was received before: nothing more is done")
