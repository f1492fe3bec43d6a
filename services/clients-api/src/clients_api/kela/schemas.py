from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from clients_api.kela.models import CountSource, ImportStatus
from clients_api.kela.rules import THRESHOLD_DAYS
from polku_kit.types import IsoDate


class SubsidyDaysWrite(BaseModel):
    """The count as Kela gave it (for example on the phone or in a letter the client brought)."""

    model_config = ConfigDict(extra="forbid")

    days: StrictInt = Field(ge=0, le=10000, examples=[280], description="Labour-market subsidy days paid so far")
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


class ImportError(BaseModel):
    row: int = Field(description="The row as a spreadsheet numbers it: the header is row 1")
    column: str | None = Field(description="The column, when the error is in one")
    code: str = Field(examples=["invalid_identity_code"])
    message: str


class ImportRead(BaseModel):
    """What an import did, or for a file sent in parts how far it has come: the rows received against those
    expected, and the errors found so far (nothing is imported until every row has come and none has an error)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    status: ImportStatus
    rows_expected: int | None = Field(description="For a file sent in parts: its data rows")
    rows_total: int = Field(description="Data rows received (the header not counted)")
    received_percent: int | None = Field(description="rows_total of rows_expected, in whole per cent")
    rows_imported: int = Field(
        description="Rows that replaced a client's count (a count older than the one held is left out)"
    )
    errors_total: int
    errors: list[ImportError] = Field(description="The first 1,000 errors, by row")
    imported_by: str
    created_at: datetime


class UploadStart(BaseModel):
    """A file to be sent in parts (each a CSV with the header), then imported whole."""

    model_config = ConfigDict(extra="forbid")

    rows_expected: StrictInt = Field(ge=1, le=1_000_000, description="The file's data rows, for the progress shown")
