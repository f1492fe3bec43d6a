from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from clients_api.episodes.models import EpisodeOrigin, EpisodeType
from polku_kit.types import IsoDate, Text


class EpisodeCreate(BaseModel):
    """An activating-service episode a coach records (one the partner network or employer services arranged
    arrives by their events)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    type: EpisodeType
    starts_on: IsoDate
    ends_on: IsoDate | None = Field(default=None, description="Last day; none while it goes on")
    provider_id: uuid.UUID | None = Field(default=None, description="The providing partner organisation or employer")
    provider_name: Text | None = Field(
        default=None, min_length=1, max_length=200, examples=["Lahden Työpaja ry"], description="The provider's name"
    )

    @model_validator(mode="after")
    def _ends_after_start(self) -> EpisodeCreate:
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        return self


class EpisodeUpdate(BaseModel):
    """A correction or the end of an episode; only the fields sent change."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    starts_on: IsoDate | None = None
    ends_on: IsoDate | None = None
    provider_id: uuid.UUID | None = None
    provider_name: Text | None = Field(default=None, min_length=1, max_length=200)


class EpisodeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    type: EpisodeType
    starts_on: date
    ends_on: date | None
    ongoing: bool = Field(description="Started and not ended by today")
    provider_id: uuid.UUID | None
    provider_name: str | None
    origin: EpisodeOrigin = Field(description="Recorded by a coach, or from a referral or a pay-subsidy decision")
    origin_id: str | None = Field(description="The referral's or the subsidy decision's id")
    recorded_by: str = Field(description="Who recorded it: a coach's subject, or the service whose event it was")
    version: int
    created_at: datetime
    updated_at: datetime
