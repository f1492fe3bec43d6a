from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class ImportRead(BaseModel):
    """An accepted import: every row of the file was valid and is stored."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str = Field(examples=["labour_force"])
    vintage: str | None = Field(examples=["Tilastokeskus, työssäkäynti 2023 (julkaistu 2025-10-24)"])
    file_format: str = Field(examples=["csv"])
    rows: int
    imported_by: str = Field(description="Who imported it (the token's subject)")
    imported_by_name: str | None = Field(
        default=None, examples=["Maija Manager"], description="The importing person's name, from their token"
    )
    imported_at: datetime


class ReportLine(BaseModel):
    row: int = Field(description="As a spreadsheet numbers it: the header is row 1")
    column: str = Field(examples=["työvoima"])
    message: str
