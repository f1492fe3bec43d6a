"""The national platform's job-seeker events as they arrive at ``POST /v1/platform/events``: one module, so that a
change of the national shapes is one file.

Source: what the national customer system (KEHA-keskus's *valtakunnallinen asiakastietojärjestelmä*) and the
Työmarkkinatori platform hold of a job seeker and tell the authority that serves them (laki työvoimapalveluiden
järjestämisestä 380/2023; HE 37/2024 on the add-on modules, *lisäosat*, beside the national system): the
registration as a job seeker and its date (*työnhaun alkaminen*), the end of the job search with its reason
(380/2023, 28 §), the publication of the job-search profile (*työnhakuprofiili*, HE 108/2025 and TyVM 9/2025)
and a request for a labour policy statement (*työvoimapoliittinen lausunto*, 380/2023, ch. 11). The national
side offers no event feed; these are thin shapes of that information, sent as CloudEvents signed per Standard
Webhooks. The names of the fields are Polku's, in English.

Only what the handling needs travels: the personal identity code (the one key the national side and Polku
share; stored sealed in the inbox, and only as its keyed hash beside the client), the names and home
municipality for a registration, dates and codes. Each event's ``subject`` is ``job-seekers/<the platform's own
id of the job seeker>`` (never the identity code): the inbox handles one person's events in order.
"""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from clients_api.client.identity_code import InvalidIdentityCode, TemporaryIdentityCode, normalise
from clients_api.client.schemas import MunicipalityCode
from clients_api.jobsearch.models import SearchEndReason
from clients_api.jobsearch.rules import end_reason_allowed
from polku_kit.types import IsoDate, Text

JOB_SEEKER_REGISTERED = "fi.tyomarkkinatori.jobseeker.registered.v1"
JOB_SEARCH_ENDED = "fi.tyomarkkinatori.jobseeker.search_ended.v1"
JOB_SEARCH_PROFILE_PUBLISHED = "fi.tyomarkkinatori.jobseeker.profile_published.v1"
STATEMENT_REQUESTED = "fi.tyomarkkinatori.statement.requested.v1"


class JobSeekerEvent(BaseModel):
    """Whom an event is about."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    personal_identity_code: Text = Field(examples=["131052-308T"], description="*Henkilötunnus*, checksum-checked")

    @field_validator("personal_identity_code")
    @classmethod
    def _valid_code(cls, value: str) -> str:
        try:
            return normalise(value)
        except TemporaryIdentityCode:
            raise PydanticCustomError(
                "temporary_identity_code", "a temporary identity code cannot identify a job seeker"
            ) from None
        except InvalidIdentityCode as error:
            raise ValueError(f"not a valid personal identity code: {error}") from None


class JobSeekerRegistered(JobSeekerEvent):
    """The person registered as a job seeker on the platform."""

    first_names: Text = Field(min_length=1, max_length=200)
    last_name: Text = Field(min_length=1, max_length=200)
    home_municipality: MunicipalityCode
    registered_on: IsoDate


class JobSearchEnded(JobSeekerEvent):
    """The job search ended (380/2023, 28 §), on a day, for a reason."""

    ended_on: IsoDate
    reason: SearchEndReason

    @model_validator(mode="after")
    def _reason_in_force(self) -> Self:
        refused = end_reason_allowed(self.reason, self.ended_on)
        if refused is not None:
            raise ValueError(f"{self.reason.value} ends a job search only from {refused.valid_from.isoformat()}")
        return self


class JobSearchProfilePublished(JobSeekerEvent):
    """The job seeker's job-search profile was published on the platform."""

    published_on: IsoDate


class StatementRequested(JobSeekerEvent):
    """A labour policy statement is asked of the authority (by Kela or an unemployment fund, through the
    national system)."""

    request_id: Text = Field(min_length=1, max_length=100, description="The national system's id of the request")
    requested_on: IsoDate
    requester: Text = Field(min_length=1, max_length=200, examples=["Kela"])


SHAPES: dict[str, type[JobSeekerEvent]] = {
    JOB_SEEKER_REGISTERED: JobSeekerRegistered,
    JOB_SEARCH_ENDED: JobSearchEnded,
    JOB_SEARCH_PROFILE_PUBLISHED: JobSearchProfilePublished,
    STATEMENT_REQUESTED: StatementRequested,
}
