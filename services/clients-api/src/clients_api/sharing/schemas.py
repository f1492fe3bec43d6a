from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, Field

from clients_api.assessment.schemas import AssessmentRead, SpecialCategoryRead
from clients_api.client.schemas import StatusChangeRead
from clients_api.consent.models import DataCategory
from clients_api.plan.schemas import PlanRead


class SharedIdentity(BaseModel):
    first_names: str
    last_name: str
    personal_identity_code: str = Field(description="*Henkilötunnus*")
    birth_date: date


class SharedContactDetails(BaseModel):
    email: str | None
    phone: str | None
    home_municipality: str = Field(description="Statistics Finland municipality code", examples=["398"])
    home_municipality_name: dict[str, str] | None
    languages: list[str]


class SharedClientData(BaseModel):
    """Only the consented categories carry data; every other category is null. A consented category the
    client has nothing recorded in (no plan yet, no notes) is null too."""

    client_id: uuid.UUID
    recipient_organisation_id: uuid.UUID
    consent_id: uuid.UUID = Field(description="The consent the data is shared under")
    categories: list[DataCategory] = Field(description="The categories asked for, all covered by the consent")
    withheld_categories: list[DataCategory] = Field(
        default_factory=list,
        description="Categories the consent covers that the person asked for may not read: "
        "health_and_social outside the client's coach and team (GDPR art. 9); null in the answer",
    )
    identity: SharedIdentity | None = None
    contact_details: SharedContactDetails | None = None
    assessment: AssessmentRead | None = Field(default=None, description="The current assessment, without the notes")
    plan: PlanRead | None = Field(default=None, description="The current plan version")
    job_search_history: list[StatusChangeRead] | None = Field(default=None, description="The status history")
    health_and_social: SpecialCategoryRead | None = Field(
        default=None, description="Special-category notes (GDPR art. 9), only under an explicit consent to them"
    )


class ClientAccess(BaseModel):
    """The staff member asked for reaches the client (else 404), and may or may not read its special-category
    data (the client's coach and their team)."""

    client_id: uuid.UUID
    organisation_id: uuid.UUID
    special_category: bool = Field(description="Within the circle that reads health and social notes (art. 9)")


class ClientReach(BaseModel):
    """Which of the clients asked about the person reaches (the others are beyond their reach, or none)."""

    client_ids: list[uuid.UUID]
