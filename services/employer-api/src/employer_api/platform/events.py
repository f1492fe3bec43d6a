"""The national platform's vacancy events as they arrive at ``POST /v1/platform/events``: one module, so that a
change of the national shapes is one file.

Source: the job-posting fields of Työmarkkinatori's job-posting management and search interfaces (*työpaikka-
ilmoitusten hallinta- ja hakurajapinta*, P66 and P67, offered by KEHA-keskus through its integration platform):
the posting's national id, the employer's business id (*Y-tunnus*) and name, the title in Finnish, Swedish and
English, the description, the occupation (ISCO-08, *Ammattiluokitus 2010*), the municipality (Statistics
Finland's code), the working time and employment form, the dates of the work and of the application period, and
the number of positions. The national side offers no event feed; the events are thin shapes of those fields,
sent by the platform (or by a poller of P67) as CloudEvents signed per Standard Webhooks. The names of the fields
are Polku's, in English.

Each event's ``subject`` is ``vacancies/<national id>``: the inbox handles one vacancy's events in order.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from employer_api.employer.schemas import BusinessId
from employer_api.vacancy.models import EmploymentType, WorkingTime
from employer_api.vacancy.schemas import Municipality, UnitGroup
from polku_kit.types import IsoDate, Text

PLATFORM = "tyomarkkinatori"  # the vacancies' ``source_system``

VACANCY_PUBLISHED = "fi.tyomarkkinatori.vacancy.published.v1"
VACANCY_CHANGED = "fi.tyomarkkinatori.vacancy.changed.v1"
VACANCY_REMOVED = "fi.tyomarkkinatori.vacancy.removed.v1"

NationalId = Text  # the platform's id of the posting


class PlatformVacancy(BaseModel):
    """A vacancy as published or changed on the platform (the whole posting each time)."""

    model_config = ConfigDict(extra="ignore")

    national_id: NationalId = Field(min_length=1, max_length=100, examples=["TMT-2026-000123"])
    url: Text | None = Field(
        default=None,
        max_length=500,
        examples=["https://tyomarkkinatori.fi/henkiloasiakkaat/avoimet-tyopaikat/TMT-2026-000123"],
    )
    employer_business_id: BusinessId
    employer_name: Text = Field(min_length=1, max_length=200)
    title_fi: Text = Field(min_length=2, max_length=200, examples=["Hitsaaja"])
    title_sv: Text | None = Field(default=None, max_length=200)
    title_en: Text | None = Field(default=None, max_length=200)
    description: Text = Field(max_length=10_000)
    occupation_code: UnitGroup
    municipality: Municipality | None = None
    remote: bool = False
    working_time: WorkingTime
    employment_type: EmploymentType
    starts_on: IsoDate | None = None
    ends_on: IsoDate | None = None
    application_deadline: IsoDate
    positions: int = Field(default=1, ge=1, le=1000)


class PlatformVacancyRemoved(BaseModel):
    """A posting taken down on the platform."""

    model_config = ConfigDict(extra="ignore")

    national_id: NationalId = Field(min_length=1, max_length=100)
    removed_on: date | None = None


SHAPES: dict[str, type[BaseModel]] = {
    VACANCY_PUBLISHED: PlatformVacancy,
    VACANCY_CHANGED: PlatformVacancy,
    VACANCY_REMOVED: PlatformVacancyRemoved,
}
