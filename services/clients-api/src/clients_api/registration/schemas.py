from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from clients_api.client.codes import CountryCode, MotherTongue
from clients_api.client.schemas import MunicipalityCode


class RegistrationDataUpdate(BaseModel):
    """Only the fields sent change; ``null`` clears one (the client no longer wishes it recorded, or it was
    wrong)."""

    model_config = ConfigDict(extra="forbid")

    citizenship: CountryCode | None = Field(default=None, description="ISO 3166-1 alpha-2; null clears it")
    mother_tongue: MotherTongue | None = Field(default=None, description="ISO 639-1; null clears it")
    home_municipality: MunicipalityCode | None = Field(
        default=None, description="Statistics Finland municipality code (the client moved); cannot be cleared"
    )
