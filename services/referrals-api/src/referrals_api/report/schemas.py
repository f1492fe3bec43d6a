from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, Field

from referrals_api.directory.models import CapacityPeriod
from referrals_api.organisation.models import OrganisationType


class FillRatePeriod(BaseModel):
    period_start: date
    seats: int | None = Field(description="Seats in the period; null when the service names no capacity")
    started: int = Field(description="Referrals accepted in the period")
    fill_rate: float | None = Field(description="started ÷ seats (täyttöaste); null without seats")


class ServiceFillRate(BaseModel):
    service_id: uuid.UUID
    service_name: str
    organisation_id: uuid.UUID
    capacity_period: CapacityPeriod
    periods: list[FillRatePeriod]
    feedback_count: int = Field(description="Completed referrals in the range with the client's feedback")
    feedback_average: float | None = Field(description="Average feedback score 1–5")


class PartnerResponseTime(BaseModel):
    organisation_id: uuid.UUID
    organisation_name: str
    sent: int
    answered: int = Field(description="Referrals the partner acknowledged, accepted or rejected")
    expired: int
    median_hours: float | None = Field(description="Median time from sending to the partner's first answer")
    p90_hours: float | None


class NetworkNode(BaseModel):
    id: uuid.UUID
    kind: str = Field(description="`authority`, `organisation` or `service`")
    name: str = Field(description="The name; for a service its Finnish name")
    name_sv: str | None = Field(default=None, description="For a service: its Swedish name")
    name_en: str | None = Field(default=None, description="For a service: its English name, where it has one")
    organisation_type: OrganisationType | None = None
    organisation_id: uuid.UUID | None = Field(default=None, description="For a service: its provider")


class NetworkEdge(BaseModel):
    source: uuid.UUID
    target: uuid.UUID
    kind: str = Field(description="`referrals` (authority → service) or `provides` (organisation → service)")
    referrals: int = 0
    by_status: dict[str, int] = Field(default_factory=dict)
    outcomes: dict[str, int] = Field(default_factory=dict)


class NetworkMap(BaseModel):
    """The network map (*verkostokartta*) over a period: who refers to which services, and what came of it."""

    from_date: date
    to_date: date
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
