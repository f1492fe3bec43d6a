from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import ytunnus

from polku_kit.types import Text
from referrals_api.organisation.models import OrganisationType

MUNICIPALITY_CODE = r"^\d{3}$"


def valid_business_id(value: str) -> str:
    """A Finnish business id (*Y-tunnus*, 1234567-8) with a valid check digit, in its standard form."""
    try:
        return str(ytunnus.format(ytunnus.validate(value)))
    except StdnumError:
        raise ValueError("is not a valid Y-tunnus (business id) with a correct check digit") from None


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text = Field(min_length=1, max_length=200, examples=["Leena Sosiaali"])
    role: Text | None = Field(default=None, max_length=200, examples=["Referral coordinator"])
    email: EmailStr | None = None
    phone: str | None = Field(default=None, max_length=40, pattern=r"^\+?[0-9 ()-]{5,40}$")


def valid_municipalities(values: list[str]) -> list[str]:
    for value in values:
        if not re.fullmatch(MUNICIPALITY_CODE, value):
            raise ValueError(f"{value!r} is not a three-digit municipality code")
    return sorted(set(values))


BusinessId = Annotated[
    str, Field(max_length=20, examples=["0246246-0"], description="Y-tunnus"), AfterValidator(valid_business_id)
]
MunicipalityCodes = Annotated[
    list[str], Field(max_length=400, description="Three-digit municipality codes"), AfterValidator(valid_municipalities)
]


class OrganisationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID = Field(description="The organisation id its tokens carry (claim `org`)")
    name: Text = Field(min_length=2, max_length=200, examples=["Päijät-Hämeen hyvinvointialue"])
    type: OrganisationType
    business_id: BusinessId
    email: EmailStr | None = None
    website: str | None = Field(default=None, max_length=500, pattern=r"^https?://")
    municipalities: MunicipalityCodes = Field(default_factory=list, description="Municipalities served")
    contacts: list[Contact] = Field(default_factory=list, max_length=50)


class OrganisationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text | None = Field(default=None, min_length=2, max_length=200)
    type: OrganisationType | None = None
    business_id: BusinessId | None = None
    email: EmailStr | None = None
    website: str | None = Field(default=None, max_length=500, pattern=r"^https?://")
    municipalities: MunicipalityCodes | None = None
    contacts: list[Contact] | None = Field(default=None, max_length=50)


class OrganisationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    authority_id: uuid.UUID
    name: str
    type: OrganisationType
    business_id: str
    email: str | None
    website: str | None
    municipalities: list[str]
    contacts: list[Contact]
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
