from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from clients_api.kela.models import CountSource
from clients_api.kela.rules import THRESHOLD_DAYS
from polku_kit.types import IsoDate


class SubsidyDaysWrite(BaseModel):
    """The count as Kela gave it (for example on the phone or in a letter the client brought)."""

    model_config = ConfigDict(extra="forbid")

    days: int = Field(ge=0, le=10000, examples=[280], description="Labour-market subsidy days paid so far")
    counted_on: IsoDate = Field(description="The day the count is from")


class SubsidyDaysRead(BaseModel):
    client_id: uuid.UUID
    days: int
    counted_on: date
    source: CountSource = Field(description="Imported from Kela's file, or set by a coach")
    import_id: uuid.UUID | None
    recorded_by: str
    version: int
    updated_at: datetime
    threshold_days: int = Field(default=THRESHOLD_DAYS, description="The TYP trigger (1369/2014, 2 § 2 mom.)")
    threshold_reached_on: date = Field(
        description="When the count reaches the threshold if a subsidy day is paid every weekday from `counted_on`"
    )


class ImportRead(BaseModel):
    """What an import did: every row was valid, and each one newer than the client's count replaced it."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    status: str = Field(examples=["imported"])
    rows_total: int = Field(description="Data rows in the file (the header not counted)")
    rows_imported: int = Field(
        description="Rows that replaced a client's count (an older count than the one held is left out)"
    )
    imported_by: str
    created_at: datetime
