from __future__ import annotations

import uuid
from datetime import datetime

from typing import Annotated

from pydantic import AnyUrl, BaseModel, ConfigDict, Field

from polku_kit.webhooks.models import DeliveryStatus

EVENT_TYPE_PATTERN = r"^(\*|[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?)$"
EventTypePattern = Annotated[str, Field(pattern=EVENT_TYPE_PATTERN, max_length=200)]


class SubscriptionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    url: AnyUrl = Field(examples=["https://partner.example.fi/polku/webhooks"])
    event_types: list[EventTypePattern] = Field(
        min_length=1, max_length=50, examples=[["fi.polku.referral.*"]],
        description="Event types to receive; `*` for all, or a prefix ending in `.*`",
    )
    description: str | None = Field(default=None, max_length=500)

    def normalised_types(self) -> list[str]:
        return sorted(set(self.event_types))


class SubscriptionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    url: AnyUrl | None = None
    event_types: list[EventTypePattern] | None = Field(default=None, min_length=1, max_length=50)
    description: str | None = Field(default=None, max_length=500)
    active: bool | None = None


class SubscriptionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    organisation_id: uuid.UUID
    url: str
    event_types: list[str]
    description: str | None
    active: bool
    created_by: str
    created_at: datetime
    updated_at: datetime


class SubscriptionWithSecret(SubscriptionRead):
    secret: str = Field(description="Standard Webhooks signing secret (`whsec_…`). Shown only now: store it.")


class AttemptRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    number: int
    started_at: datetime
    duration_ms: int
    status_code: int | None
    error: str | None


class DeliveryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    subscription_id: uuid.UUID
    event_id: uuid.UUID
    status: DeliveryStatus
    attempt_count: int
    next_attempt_at: datetime
    last_status_code: int | None
    last_error: str | None
    delivered_at: datetime | None
    created_at: datetime


class DeliveryDetail(DeliveryRead):
    attempts: list[AttemptRead]


class ReplayRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    since: datetime = Field(description="Re-send every matching event emitted at or after this time")


class ReplayResult(BaseModel):
    queued: int
