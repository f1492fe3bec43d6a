from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class TimelineEntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    type: str = Field(description="The CloudEvents type, e.g. `fi.polku.client.interview_held.v1`")
    source: str = Field(description="The service it came from, e.g. `/polku/referrals-api`")
    occurred_at: datetime
    actor_subject: str | None = Field(
        description="Who did it: a person's subject, `system:<job>` for a periodic job, or none when not known"
    )
    actor_name: str | None = Field(default=None, description="The acting person's name, from their token at the time")
    actor_organisation_name: str | None = Field(
        default=None, description="The organisation the person acted for (a partner's name, say)"
    )
    data: dict[str, Any] = Field(description="The facts of the event: ids, dates, statuses (never names)")


class Received(BaseModel):
    """The answer to a delivered event."""

    handled: bool = Field(description="False when the event was a redelivery, or named no client of ours")
