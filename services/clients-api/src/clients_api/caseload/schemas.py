from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from clients_api.caseload.filters import MorningFilter, TypTrigger
from clients_api.caseload.models import AssignmentAction
from clients_api.client.models import ClientStatus, WaitingOn
from polku_kit.types import IsoDate

# PostgreSQL text cannot hold a NUL character: refused as invalid input rather than failing in the database.
NO_NUL = r"^[^\x00]*$"


class TeamCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=200, pattern=NO_NUL, examples=["Nuorten tiimi"])


class MemberCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    coach_subject: str = Field(
        min_length=1, max_length=200, pattern=NO_NUL, description="The coach's subject (claim ``sub`` of their token)"
    )
    display_name: str = Field(min_length=1, max_length=200, pattern=NO_NUL, examples=["Aino Virtanen"])


class MemberRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    coach_subject: str
    display_name: str
    added_by: str
    added_at: datetime


class TeamRead(BaseModel):
    id: uuid.UUID
    name: str
    created_by: str
    created_at: datetime
    members: list[MemberRead]
    initial_service: bool = Field(
        default=False,
        description="Whether the team is an initial-service team: it holds its clients' first three months, then "
        "hands them over to personal coaches (``/v1/teams/{team_id}/initial-service``)",
    )


class CoachRead(BaseModel):
    """A coach of the caller's organisation: a team's member, or a coach who has used the service."""

    coach_subject: str = Field(description="The coach's subject (claim ``sub`` of their token)")
    name: str | None = Field(
        description="The name of the coach's token when they last used the service, else the name a team shows "
        "them by; none when neither is known"
    )
    last_seen_at: datetime | None = Field(description="When the coach last used the service; none if never")
    team_ids: list[uuid.UUID] = Field(description="The teams of the organisation the coach is a member of")


class AssignmentCreate(BaseModel):
    """Assign the client to a coach (and optionally a team), reassign, or unassign with both empty."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    coach_subject: str | None = Field(default=None, min_length=1, max_length=200, pattern=NO_NUL)
    team_id: uuid.UUID | None = None
    reason: str = Field(
        min_length=3, max_length=1000, pattern=NO_NUL, examples=["Caseload balancing in the youth team"]
    )


class AssignmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    action: AssignmentAction
    coach_subject: str | None
    team_id: uuid.UUID | None
    previous_coach_subject: str | None
    previous_team_id: uuid.UUID | None
    reason: str
    assigned_by: str
    assigned_at: datetime


class WaitingOnUpdate(BaseModel):
    """Whom the next step of the case waits for; ``null`` clears it."""

    model_config = ConfigDict(extra="forbid")

    waiting_on: WaitingOn | None
    since: IsoDate | None = Field(default=None, description="Default: today")


class WaitingOnRead(BaseModel):
    client_id: uuid.UUID
    waiting_on: WaitingOn | None
    waiting_since: date | None


class MilestoneRead(BaseModel):
    months: int = Field(description="3, 6 or 12 months of continuous unemployment")
    reached_on: date


class CaseloadItem(BaseModel):
    client_id: uuid.UUID
    client_name: str
    status: ClientStatus
    coach_subject: str | None
    team_id: uuid.UUID | None
    matches: list[MorningFilter] = Field(description="Every morning filter this client matches")
    overdue_deadlines: int
    next_deadline_on: date | None
    unemployed_since: date | None
    unemployment_milestone: MilestoneRead | None
    typ_assessment_due_on: date | None
    typ_trigger: TypTrigger | None = Field(
        default=None, description="The threshold that brings the TYP assessment due: months unemployed or subsidy days"
    )
    integration_period_ends_on: date | None = Field(
        default=None, description="The integration period's last day, when it ends within 30 days"
    )
    waiting_on: WaitingOn | None
    waiting_since: date | None


class CaseloadView(BaseModel):
    """A coach's (or a team's) caseload for the morning: the clients matching every filter asked, overdue first,
    and how many clients each filter would show."""

    today: date
    coach: str | None
    team_id: uuid.UUID | None
    filters: list[MorningFilter]
    counts: dict[MorningFilter, int]
    items: list[CaseloadItem]


class CoachCaseload(BaseModel):
    coach_subject: str
    display_name: str | None
    active_clients: int
    overdue_deadlines: int = Field(description="Overdue statutory deadlines of the coach's clients")
    clients_with_overdue_deadlines: int
    up_to_date_plans: int = Field(default=0, description="Clients whose plan is up to date (see plan_definition)")
    plan_debt: int = Field(default=0, description="Clients without an up-to-date plan (suunnitelmavelka)")


class TeamCaseload(BaseModel):
    team_id: uuid.UUID
    name: str
    members: int
    active_clients: int = Field(description="Clients of the members, and clients assigned to the team")
    overdue_deadlines: int
    up_to_date_plans: int = 0
    plan_debt: int = Field(default=0, description="Clients without an up-to-date plan (suunnitelmavelka)")


class CaseloadSizes(BaseModel):
    today: date
    unassigned_clients: int
    under_25_without_named_coach: int = Field(description="Every client under 25 must have a named coach")
    up_to_date_plans: int = Field(default=0, description="Clients in the job search whose plan is up to date")
    plan_debt: int = Field(default=0, description="Clients in the job search without an up-to-date plan")
    plan_definition: str = Field(default="", description="The definition of an up-to-date plan, to show beside it")
    coaches: list[CoachCaseload]
    teams: list[TeamCaseload]


class FilterParameters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    filters: list[MorningFilter] = Field(default_factory=list, max_length=len(MorningFilter))
    coach: str | None = Field(default=None, min_length=1, max_length=200, pattern=NO_NUL)
    team_id: uuid.UUID | None = None


class SavedFilterWrite(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=200, pattern=NO_NUL, examples=["Aamun tarkistus"])
    parameters: FilterParameters


class SavedFilterRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    parameters: FilterParameters
    created_at: datetime
    updated_at: datetime
