"""API shapes of the webhook subscription API (ORM models are in :mod:`.models`)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, HttpUrl, UrlConstraints, field_validator
from pydantic.config import JsonDict

from polku_kit.types import Text
from polku_kit.webhooks.models import DeliveryStatus, Payload

EVENT_TYPE_FILTER = r"^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$"
EventTypeFilter = Annotated[
    str,
    Field(
        pattern=EVENT_TYPE_FILTER,
        max_length=200,
        description="An event type, a prefix ending in `.*`, or `*` for every event",
        examples=["fi.polku.referral.*"],
    ),
]
TargetUrl = Annotated[HttpUrl, UrlConstraints(max_length=2000)]

SUBSCRIPTION_EXAMPLE: JsonDict = {
    "id": "6f0f0d3e-8d1c-4a53-9a59-3f8e2b1f1c11",
    "organisation_id": "0b0c8f6e-6f1a-4c36-9d55-000000000003",
    "url": "https://partner.example.fi/polku/webhooks",
    "event_types": ["fi.polku.referral.*"],
    "description": "Referrals to our services",
    "active": True,
    "created_by": "partner-kela",
    "created_at": "2026-11-24T10:00:00Z",
    "updated_at": "2026-11-24T10:00:00Z",
    "previous_secret_expires_at": None,
    "payload": "full",
}

PAYLOAD_DESCRIPTION = (
    "`full`: each delivery carries the event with its data. `thin`: only the event's id, type, time, source and "
    "subject, and `dataref`, the URL where the data is fetched with the subscriber's own token (audited)"
)


class SubscriptionCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [
                {
                    "url": SUBSCRIPTION_EXAMPLE["url"],
                    "event_types": ["fi.polku.referral.*"],
                    "description": "Referrals to our services",
                }
            ]
        },
    )

    url: TargetUrl = Field(description="Where events are POSTed: https, a public address")
    event_types: list[EventTypeFilter] = Field(min_length=1, max_length=50)
    description: Text | None = Field(default=None, max_length=500)
    # Not strict: JSON has no enumerations, the value comes as text.
    payload: Payload = Field(default=Payload.full, strict=False, description=PAYLOAD_DESCRIPTION)

    def normalised_types(self) -> list[str]:
        return sorted(set(self.event_types))


class SubscriptionUpdate(BaseModel):
    """Only the fields given change; ``active: false`` pauses deliveries: those not yet made wait ``paused`` and
    are sent when ``active: true`` switches it on again; events emitted meanwhile are not queued for it (replay them
    with ``since`` after resuming)."""

    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={"examples": [{"active": False}]})

    url: TargetUrl | None = None
    event_types: list[EventTypeFilter] | None = Field(default=None, min_length=1, max_length=50)
    description: Text | None = Field(default=None, max_length=500)
    active: bool | None = None
    payload: Payload | None = Field(default=None, strict=False, description=PAYLOAD_DESCRIPTION)


class SubscriptionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [SUBSCRIPTION_EXAMPLE]})

    id: uuid.UUID
    organisation_id: uuid.UUID
    url: str
    event_types: list[str]
    description: str | None
    active: bool
    created_by: str
    created_at: datetime
    updated_at: datetime
    previous_secret_expires_at: datetime | None = Field(
        description="Until then the previous secret signs too (after a rotation)"
    )
    payload: Payload = Field(description=PAYLOAD_DESCRIPTION)
    version: int = Field(
        description="Incremented by every change; the ETag of a read, sent back in If-Match to change the subscription"
    )


class SubscriptionWithSecret(SubscriptionRead):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{**SUBSCRIPTION_EXAMPLE, "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}]}
    )

    secret: str = Field(description="Standard Webhooks signing secret (`whsec_…`). Shown only now: store it.")


class SecretRotation(BaseModel):
    model_config = ConfigDict(
        extra="forbid", strict=True, json_schema_extra={"examples": [{"previous_secret_valid_seconds": 0}]}
    )

    previous_secret_valid_seconds: int = Field(
        default=86400,
        ge=0,
        le=7 * 86400,
        description="How long the old secret keeps signing too (0: stop at once, for a leaked secret)",
    )


class AttemptRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    number: int
    started_at: datetime
    finished_at: datetime | None = Field(description="Empty while in flight or if the dispatcher stopped")
    duration_ms: int | None
    status_code: int | None
    error: str | None


class DeliveryRead(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "0d7a4b8e-1f7c-4f0e-9a43-7a2f5f0f9e01",
                    "subscription_id": SUBSCRIPTION_EXAMPLE["id"],
                    "event_id": "5b4b1d8a-3c1e-4e62-8d1e-2a9b7c6d5e4f",
                    "event_type": "fi.polku.referral.accepted.v1",
                    "status": "dead",
                    "attempt_count": 13,
                    "next_attempt_at": "2026-11-27T09:12:00Z",
                    "last_status_code": 503,
                    "last_error": "HTTP 503",
                    "delivered_at": None,
                    "created_at": "2026-11-24T10:00:00Z",
                    "updated_at": "2026-11-27T09:12:00Z",
                }
            ]
        },
    )

    id: uuid.UUID
    subscription_id: uuid.UUID
    event_id: uuid.UUID = Field(description="Also the `webhook-id` header of every attempt")
    event_type: str
    status: DeliveryStatus
    attempt_count: int
    next_attempt_at: datetime
    last_status_code: int | None
    last_error: str | None
    delivered_at: datetime | None
    created_at: datetime
    updated_at: datetime


class DeliveryDetail(DeliveryRead):
    attempts: list[AttemptRead]


class ReplayRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"since": "2026-11-24T00:00:00Z"}]})

    since: AwareDatetime = Field(description="Send again every matching event that happened at or after this")

    @field_validator("since", mode="before")
    @classmethod
    def _iso_text_only(cls, since: object) -> object:
        # JSON has no datetime type: only an ISO 8601 string is one (a number is not read as epoch seconds).
        if not isinstance(since, str):
            raise ValueError("give the time as an ISO 8601 string with an offset")
        return since

    @field_validator("since")
    @classmethod
    def _representable_in_utc(cls, since: datetime) -> datetime:
        try:
            return since.astimezone(UTC)
        except OverflowError:
            raise ValueError("the time is out of range") from None


class ReplayResult(BaseModel):
    queued: int = Field(
        description="Deliveries queued (paused while the subscription is inactive; pending and paused ones are left "
        "as they are)",
        examples=[42],
    )
