from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from clients_api.consent.models import DataCategory
from polku_kit.types import IsoDate, Text


class ConsentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    recipient_organisation_id: uuid.UUID
    categories: list[DataCategory] = Field(min_length=1, max_length=len(DataCategory))
    purpose: Text = Field(min_length=3, max_length=500, examples=["Referral to the work ability assessment"])
    valid_from: IsoDate
    valid_until: IsoDate | None = None

    @model_validator(mode="after")
    def _ends_after_it_begins(self) -> Self:
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        return self


class ConsentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    recipient_organisation_id: uuid.UUID
    categories: list[DataCategory]
    purpose: str
    valid_from: date
    valid_until: date | None
    recorded_by: str
    recorded_at: datetime
    withdrawn_at: datetime | None
    withdrawn_by: str | None
    in_force: bool


class ConsentCheck(BaseModel):
    """The answer other services get: does a consent in force cover these categories for this recipient?"""

    holds: bool
    consent_id: uuid.UUID | None = None
    missing_categories: list[DataCategory] = Field(default_factory=list)
