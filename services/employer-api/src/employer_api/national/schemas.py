from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ReconciliationReportRead(BaseModel):
    """One comparison of the authority's vacancies with the national platform's postings."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    authority_id: uuid.UUID
    started_at: datetime
    finished_at: datetime
    counts: dict[str, int] = Field(
        description="Vacancies on each side and differences by kind",
        examples=[{"platform_postings": 120, "imported": 98, "sent_here": 21, "missing_here": 1}],
    )
    differences: list[dict[str, Any]] = Field(
        description="Each difference: its kind, the vacancy's id here and the posting's id on the platform",
        examples=[[{"kind": "missing_here", "national_id": "6f0c…", "vacancy_id": None}]],
    )
    repaired: list[dict[str, Any]] = Field(description="What this run repaired, in the same shape")
    error: str | None = Field(description="Why the run could not finish (the platform unavailable), if it did not")
