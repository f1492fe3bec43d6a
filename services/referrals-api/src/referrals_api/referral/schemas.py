from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from polku_kit.types import IsoDate, Text
from referrals_api.referral.models import DataCategory, Outcome, ReferralStatus

Categories = Annotated[
    list[DataCategory],
    Field(min_length=1, max_length=len(DataCategory)),
    AfterValidator(lambda values: sorted(set(values))),
]
Reason = Annotated[Text, Field(min_length=3, max_length=2000)]


class ReferralCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client_id: uuid.UUID = Field(description="The client in clients-api")
    service_id: uuid.UUID
    categories: Categories = Field(
        description="The client data the referral carries; the client's consent "
        "to share them with the partner is checked when it is sent"
    )
    reason: Reason = Field(examples=["Työkyvyn arviointi ennen kuntoutussuunnitelmaa"])


class ReferralUpdate(BaseModel):
    """A change of a draft before it is sent: another service, other categories, another reason."""

    model_config = ConfigDict(extra="forbid")

    service_id: uuid.UUID | None = None
    categories: Categories | None = None
    reason: Reason | None = None

    @model_validator(mode="after")
    def something_changes(self) -> Self:
        if self.service_id is None and self.categories is None and self.reason is None:
            raise ValueError("name at least one of service_id, categories, reason")
        return self


class TransitionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ReferralStatus = Field(description="The status to move to")
    reason: Text | None = Field(default=None, min_length=3, max_length=2000, description="Required when rejecting")
    outcome: Outcome | None = Field(default=None, description="Required when completing")
    note: Text | None = Field(default=None, max_length=2000, description="A progress report or other note")

    @model_validator(mode="after")
    def _required_with_the_status(self) -> Self:
        if self.status == ReferralStatus.rejected and not self.reason:
            raise ValueError("a rejection needs a reason")
        if self.status == ReferralStatus.completed and self.outcome is None:
            raise ValueError("completing needs an outcome")
        if self.outcome is not None and self.status != ReferralStatus.completed:
            raise ValueError("an outcome is given only when completing")
        return self


class ReferralRead(BaseModel):
    """A referral as the sender and the partner see it: ids and facts, no personal data of the client."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    service_id: uuid.UUID
    partner_organisation_id: uuid.UUID
    sender_organisation_id: uuid.UUID
    sender_subject: str
    sender_name: str | None = Field(default=None, description="The sending person's name, from their token")
    sender_organisation_name: str | None = Field(default=None, description="The sending organisation's name")
    sender_email: str | None = Field(default=None, description="How to reach the sender (their e-mail address)")
    joint_referral_id: uuid.UUID | None
    status: ReferralStatus
    categories: list[DataCategory]
    reason: str
    consent_id: uuid.UUID | None
    sent_at: datetime | None
    due_on: date | None
    first_response_at: datetime | None
    accepted_at: datetime | None
    closed_at: datetime | None
    rejection_reason: str | None
    outcome: Outcome | None
    feedback_score: int | None
    feedback_text: str | None
    created_at: datetime
    updated_at: datetime
    version: int = Field(
        description="Incremented by every change of the draft; the ETag of a read, sent back in "
        "If-Match to change the draft"
    )
    allowed_transitions: list[ReferralStatus] = Field(
        default_factory=list,
        description="The statuses the caller may move the referral to now through POST "
        "/v1/referrals/{referral_id}/transitions, from the lifecycle table for the caller's part in the referral "
        "(sender or partner); sending a draft has its own call and is not listed",
        examples=[["received", "accepted", "rejected"]],
    )


class TransitionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    from_status: ReferralStatus | None
    to_status: ReferralStatus
    actor_subject: str
    actor_organisation_id: uuid.UUID | None
    actor_name: str | None = Field(default=None, description="The acting person's name, from their token at the time")
    actor_organisation_name: str | None = Field(default=None, description="The organisation they acted for")
    reason: str | None
    outcome: Outcome | None
    note: str | None
    occurred_at: datetime


class DueReferral(BaseModel):
    referral: ReferralRead
    overdue: bool
    working_days_left: int = Field(description="Working days until the due day; negative when overdue")


class TeamDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    team_name: Text = Field(min_length=2, max_length=200, examples=["Lahden TYP-viikkotiimi"])
    decided_on: IsoDate
    decision: Text = Field(min_length=3, max_length=4000, examples=["Alkupalvelu: työkyvyn arviointi ja työpaja"])


class JointReferralCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client_id: uuid.UUID
    service_ids: list[uuid.UUID] = Field(min_length=2, max_length=10)
    categories: Categories
    reason: Reason
    team: TeamDecision

    @model_validator(mode="after")
    def _distinct_services(self) -> Self:
        if len(set(self.service_ids)) != len(self.service_ids):
            raise ValueError("a service is named twice")
        return self


class JointReferralRead(BaseModel):
    id: uuid.UUID
    client_id: uuid.UUID
    sender_organisation_id: uuid.UUID
    sender_subject: str = Field(description="Who drafted the joint referral")
    team_name: str
    decided_on: date
    decision: str
    created_at: datetime
    referrals: list[ReferralRead]


class ProgressReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: Text = Field(min_length=3, max_length=2000, examples=["Asiakas on osallistunut kolmeen tapaamiseen"])


class DocumentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    referral_id: uuid.UUID
    filename: str
    media_type: str
    size_bytes: int
    sha256: str
    uploaded_by: str
    uploader_organisation_id: uuid.UUID | None
    created_at: datetime


class FeedbackCreate(BaseModel):
    """The client's feedback (*asiakaspalaute*) on the service."""

    model_config = ConfigDict(extra="forbid")

    score: int = Field(ge=1, le=5, strict=True, description="1 (poor) to 5 (excellent)")
    text: Text | None = Field(default=None, max_length=2000)


class ReferralClientData(BaseModel):
    """The client data the referral carries, read from clients-api when asked (never stored here). Only the
    referral's categories carry data; the others are null, as is a category with nothing recorded in it.
    The shapes are clients-api's (``GET /v1/clients/{client_id}/shared-data``)."""

    referral_id: uuid.UUID
    client_id: uuid.UUID
    partner_organisation_id: uuid.UUID
    consent_id: uuid.UUID = Field(description="The consent in force the data is shared under")
    categories: list[DataCategory]
    identity: dict[str, Any] | None = Field(default=None, description="Names, personal identity code, birth date")
    contact_details: dict[str, Any] | None = Field(
        default=None, description="Email, phone, home municipality, languages"
    )
    assessment: dict[str, Any] | None = Field(
        default=None, description="The current assessment, without the special-category notes"
    )
    plan: dict[str, Any] | None = Field(default=None, description="The current plan version")
    job_search_history: list[dict[str, Any]] | None = Field(default=None, description="The status history")
    health_and_social: dict[str, Any] | None = Field(
        default=None, description="Special-category notes (GDPR art. 9), only when the referral carries them"
    )
    withheld_categories: list[DataCategory] = Field(
        default_factory=list,
        description="Categories the referral carries that the caller may not read (null "
        "above): health_and_social for the sender's staff outside the client's coach and team",
    )


class MessageCreate(BaseModel):
    """A message to the other party of the referral (the sender's staff or the partner)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    body: Text = Field(min_length=1, max_length=2000, examples=["Asiakas pääsee aloittamaan maanantaina 8.12."])


class MessageRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    referral_id: uuid.UUID
    author_subject: str
    author_name: str | None = Field(description="The writer's name, from their token at the time")
    author_organisation_id: uuid.UUID
    author_organisation_name: str | None = Field(description="The organisation the writer acted for")
    body: str
    created_at: datetime


class MessageThread(BaseModel):
    """The referral's messages, oldest first, and how many of them the reader had not read before this read."""

    items: list[MessageRead]
    unread: int = Field(description="Messages from others that arrived after the reader last read the thread")


class UnreadMessages(BaseModel):
    referral_id: uuid.UUID
    unread: int
