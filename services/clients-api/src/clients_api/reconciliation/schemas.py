from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ReconciliationReportRead(BaseModel):
    """One comparison of the organisation's clients with the national platform's job seekers."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    organisation_id: uuid.UUID
    started_at: datetime
    finished_at: datetime
    counts: dict[str, int] = Field(
        description="Job seekers on each side and differences by kind",
        examples=[{"platform_searching": 410, "clients_searching": 402, "missing_here": 1}],
    )
    differences: list[dict[str, Any]] = Field(
        description="Each difference: its kind, the client's id here and the job seeker's customer id there",
        examples=[[{"kind": "missing_here", "client_id": None, "customer_id": "0c5e…"}]],
    )
    repaired: list[dict[str, Any]] = Field(description="What this run repaired, in the same shape")
    error: str | None = Field(description="Why the run could not finish (the platform unavailable), if it did not")
