from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from polku_kit.types import Text
from referrals_api.directory.models import (
    ActivatingServiceType,
    CapacityPeriod,
    Channel,
    ProductionModel,
    ServiceStatus,
    ServiceTargetGroup,
)
from referrals_api.organisation.models import OrganisationType
from referrals_api.organisation.schemas import MunicipalityCodes

Name = Annotated[Text, Field(min_length=2, max_length=200)]
Description = Annotated[Text, Field(min_length=10, max_length=5000)]
# Integers are strict: JSON `false` is not 0.
Age = Annotated[int, Field(ge=0, le=120, strict=True)]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$", description="ISO 639-1 or 639-3 code", examples=["fi"])]


def _unique(values: list[str]) -> list[str]:
    return sorted(set(values))


Languages = Annotated[list[LanguageCode], Field(max_length=30), AfterValidator(_unique)]
TargetGroups = Annotated[
    list[ServiceTargetGroup],
    Field(max_length=len(ServiceTargetGroup)),
    AfterValidator(lambda groups: sorted(set(groups))),
]


class _Rules(BaseModel):
    @model_validator(mode="after")
    def _age_range_in_order(self) -> Self:
        low, high = getattr(self, "minimum_age", None), getattr(self, "maximum_age", None)
        if low is not None and high is not None and high < low:
            raise ValueError("maximum_age is below minimum_age")
        return self


class ServiceCreate(_Rules):
    model_config = ConfigDict(extra="forbid")

    organisation_id: uuid.UUID | None = Field(
        default=None, description="The providing organisation; a partner may leave it out (its own is used)"
    )
    authority_id: uuid.UUID | None = Field(
        default=None,
        description="The employment authority whose network the service is offered in: a partner in "
        "several networks names one; staff offer in their own",
    )
    name_fi: Name = Field(examples=["Työ- ja toimintakyvyn arviointi"])
    name_sv: Name = Field(examples=["Bedömning av arbets- och funktionsförmåga"])
    name_en: Name | None = None
    description_fi: Description
    description_sv: Description
    description_en: Description | None = None
    minimum_age: Age | None = None
    maximum_age: Age | None = None
    target_groups: TargetGroups = Field(default_factory=list)
    municipalities: MunicipalityCodes = Field(default_factory=list, description="Where clients may come from")
    languages: Languages = Field(default_factory=lambda: ["fi"])
    channel: Channel = Channel.in_person
    street_address: Text | None = Field(default=None, max_length=200)
    postal_code: str | None = Field(default=None, pattern=r"^\d{5}$")
    city: Text | None = Field(default=None, max_length=100)
    capacity_seats: int | None = Field(
        default=None, ge=0, le=100_000, strict=True, description="Seats per capacity period"
    )
    capacity_period: CapacityPeriod = CapacityPeriod.month
    cost_per_client_eur: Decimal | None = Field(default=None, ge=0, le=1_000_000, decimal_places=2)
    cost_description: Text | None = Field(default=None, max_length=500)
    production_model: ProductionModel
    activating_service_type: ActivatingServiceType | None = Field(
        default=None,
        description="The activating service it is (a completed referral becomes the client's episode of this type); "
        "null: none",
    )
    status: ServiceStatus = ServiceStatus.active
    response_days: int = Field(
        default=5, ge=1, le=60, strict=True, description="Working days the partner has to answer a referral"
    )


class ServiceUpdate(_Rules):
    model_config = ConfigDict(extra="forbid")

    name_fi: Name | None = None
    name_sv: Name | None = None
    name_en: Name | None = None
    description_fi: Description | None = None
    description_sv: Description | None = None
    description_en: Description | None = None
    minimum_age: Age | None = None
    maximum_age: Age | None = None
    target_groups: TargetGroups | None = None
    municipalities: MunicipalityCodes | None = None
    languages: Languages | None = None
    channel: Channel | None = None
    street_address: Text | None = Field(default=None, max_length=200)
    postal_code: str | None = Field(default=None, pattern=r"^\d{5}$")
    city: Text | None = Field(default=None, max_length=100)
    capacity_seats: int | None = Field(default=None, ge=0, le=100_000, strict=True)
    capacity_period: CapacityPeriod | None = None
    cost_per_client_eur: Decimal | None = Field(default=None, ge=0, le=1_000_000, decimal_places=2)
    cost_description: Text | None = Field(default=None, max_length=500)
    production_model: ProductionModel | None = None
    activating_service_type: ActivatingServiceType | None = Field(default=None, description="null: none")
    status: ServiceStatus | None = None
    response_days: int | None = Field(default=None, ge=1, le=60, strict=True)


class ServiceRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    authority_id: uuid.UUID = Field(description="The employment authority whose network the service is offered in")
    organisation_id: uuid.UUID
    organisation_name: str
    organisation_type: OrganisationType
    name_fi: str
    name_sv: str
    name_en: str | None
    description_fi: str
    description_sv: str
    description_en: str | None
    minimum_age: int | None
    maximum_age: int | None
    target_groups: list[ServiceTargetGroup]
    municipalities: list[str]
    languages: list[str]
    channel: Channel
    street_address: str | None
    postal_code: str | None
    city: str | None
    capacity_seats: int | None
    capacity_period: CapacityPeriod
    cost_per_client_eur: Decimal | None
    cost_description: str | None
    production_model: ProductionModel
    activating_service_type: ActivatingServiceType | None
    status: ServiceStatus
    response_days: int
    created_at: datetime
    updated_at: datetime
    changed_by: str | None = Field(
        default=None, description="The subject of who last published or changed it; null when not recorded"
    )
    changed_by_name: str | None = Field(
        default=None, description="Their name as their token carried it", examples=["Leena Sosiaali"]
    )
    version: int = Field(
        description="Incremented by every change; the ETag of a read is this version, and a change "
        "sends it back in If-Match"
    )
