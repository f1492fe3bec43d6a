from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field


class StaffRole(StrEnum):
    """A staff role of an authority's token (claim ``roles``): ``employer_services``, employer services
    (*työnantajapalvelut*), who look after the employers; ``coach``, a coach of clients (*työvalmentaja*,
    *omavalmentaja*); ``manager``, a manager of the employment services (*esihenkilö*); ``admin``, an administrator
    of the authority (*pääkäyttäjä*)."""

    employer_services = "employer_services"
    coach = "coach"
    manager = "manager"
    admin = "admin"


class StaffRead(BaseModel):
    """A staff member of the caller's organisation who has used employer-api, as their token named them."""

    subject: str = Field(
        description="The subject of their sign-in (claim ``sub``): what ``account_manager_subject`` takes"
    )
    name: str | None = Field(description="The name of their token when they last used the service; none if it had none")
    roles: list[StaffRole] = Field(description="The staff roles of their token then")
    last_seen_at: datetime = Field(description="When they were last noted using the service (at most hourly)")
