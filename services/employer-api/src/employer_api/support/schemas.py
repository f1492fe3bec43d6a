from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from employer_api.support.models import SupportKind, SupportStatus
from employer_api.support.rules import GROUNDS
from polku_kit.types import IsoDate, Text

Euros = Decimal


class SupportCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: SupportKind
    employer_id: uuid.UUID
    client_id: uuid.UUID | None = Field(default=None, description="The person the support is for, when named")
    vacancy_id: uuid.UUID | None = None
    decided_on: IsoDate
    ground: Text | None = Field(default=None, max_length=100, description=f"Pay subsidy: one of {', '.join(GROUNDS)}")
    starts_on: IsoDate | None = None
    ends_on: IsoDate | None = None
    monthly_wage_cost: Euros | None = Field(
        default=None, gt=0, le=100_000, max_digits=10, decimal_places=2, description="Pay subsidy: euros a month"
    )
    amount: Euros | None = Field(
        default=None, gt=0, le=1_000_000, max_digits=10, decimal_places=2, description="Another support: euros"
    )

    @model_validator(mode="after")
    def _what_each_kind_needs(self) -> Self:
        if self.kind is SupportKind.pay_subsidy:
            missing = [
                name
                for name in ("client_id", "ground", "starts_on", "ends_on", "monthly_wage_cost")
                if getattr(self, name) is None
            ]
            if missing:
                raise ValueError("a pay subsidy needs " + ", ".join(missing))
            if self.ground not in GROUNDS:
                raise ValueError(f"ground must be one of {', '.join(GROUNDS)}")
            if self.amount is not None:
                raise ValueError("a pay subsidy's euros follow from the wage cost: no amount")
        elif self.amount is None:
            raise ValueError(f"a {self.kind.value} needs its amount")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        return self


class SupportStatusChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: SupportStatus
    reason: Text | None = Field(default=None, max_length=500)


class MonthCommitted(BaseModel):
    month: str = Field(examples=["2026-12"])
    euros: Euros


class SupportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: SupportKind
    employer_id: uuid.UUID
    client_id: uuid.UUID | None
    vacancy_id: uuid.UUID | None
    decided_on: date
    decided_by: str
    decided_by_name: str | None = Field(
        default=None,
        description="Who made the decision: "
        "the person's name from their token at the time (a machine client's id); "
        "null for a periodic job, or when it was made before names were recorded",
    )
    decided_by_organisation_name: str | None = Field(
        default=None, description="The organisation they acted for, from their token at the time"
    )
    changed_by: str | None = Field(
        default=None, description="The subject of whoever made the last change of its status"
    )
    changed_by_name: str | None = Field(
        default=None,
        description="Who made the last change of its status: "
        "the person's name from their token at the time (a machine client's id); "
        "null for a periodic job, or when it was made before names were recorded",
    )
    changed_by_organisation_name: str | None = Field(
        default=None, description="The organisation they acted for, from their token at the time"
    )
    status: SupportStatus
    ground: str | None
    percent: int | None
    starts_on: date | None
    ends_on: date | None
    monthly_wage_cost: Euros | None
    amount: Euros | None
    committed_by_month: list[MonthCommitted]
    total_committed: Euros
    ended_reason: str | None
    created_at: datetime
    updated_at: datetime
    version: int


class CommittedSummary(BaseModel):
    """The money committed in a year, by kind and month (cancelled supports left out)."""

    year: int
    by_kind: dict[str, Euros]
    by_month: list[MonthCommitted]
    total: Euros
