"""The national job-posting interfaces on the wire: every path, header and body shape employer-api sends to or reads
from KEHA's integration platform (Kipa), in this one module, so that a change of the national schema is a change
of this file.

Sources (read 2026-12):

- P66, job posting management ("import"): KEHA, *Technical documentation for the Jobposting Management API*,
  https://tyomarkkinatori.fi/jobposting-new/documentation/KIPA-manage-jobpostings-en.html. Postings are published,
  edited and archived; the API user may manage postings of several companies, and the posting is made for the
  company named by ``businessId`` **in the URL** (so one call is one employer's business id).
- P67, job posting search ("retrieval"): KEHA, *Technical documentation for the Jobposting Search API*,
  https://tyomarkkinatori.fi/jobpostingprovider/documentation/KIPA-search-jobpostings-en.html. A search is an
  **HTTP POST** with the filters in the body, at ``https://api-qa.ahtp.fi/kipa/p67/v2/jobpostings`` (QA) and
  ``https://api.ahtp.fi/kipa/p67/v2/jobpostings`` (production).
- Both: calls are authorised by the ``KIPA-Subscription-Key`` header; Kipa sets ``KIPA-MessageId`` itself; the
  credentials come by secure mail and the caller's **addresses are allow-listed** by KEHA (so production calls
  leave from the fixed egress addresses given on the activation form, never from an arbitrary pod address).
  Terms of use: https://tyomarkkinatori.fi/en/info/kehittajille/tyopaikkailmoitusten-rajapinnat.

Assumptions, to check against the OpenAPI YAML that KEHA delivers on activation (it is not public):

- the body field names below (camelCase, as the documentation's own examples of header names suggest), the P66
  version segment ``v1`` and its archive call ``POST …/{jobPostingId}/archive``;
- P67 pages by ``paging.page`` (from 0) and ``paging.pageSize`` (at most 100) in a stable order, and lists
  archived postings with ``status: ARCHIVED`` besides the published ones;
- the rate limit: none is published, so the adapter keeps to ``national_requests_per_second`` (default 2) and
  honours ``Retry-After`` on a 429, as Kipa's API gateway answers when a subscription's quota is exceeded.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

KEY_HEADER = "KIPA-Subscription-Key"
MESSAGE_ID_HEADER = "KIPA-MessageId"
SOURCE_SYSTEM = "tyomarkkinatori"  # Vacancy.source_system of what P67 brings
P67_PAGE_SIZE_MAX = 100


def p66_create_path(business_id: str) -> str:
    return f"/kipa/p66/v1/jobpostings/{business_id}"


def p66_update_path(business_id: str, job_posting_id: str) -> str:
    return f"/kipa/p66/v1/jobpostings/{business_id}/{job_posting_id}"


def p66_archive_path(business_id: str, job_posting_id: str) -> str:
    return f"/kipa/p66/v1/jobpostings/{business_id}/{job_posting_id}/archive"


P67_SEARCH_PATH = "/kipa/p67/v2/jobpostings"


class _Wire(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore")


class Languages(_Wire):
    fi: str | None = None
    sv: str | None = None
    en: str | None = None


class Occupation(_Wire):
    isco_code: str = Field(alias="iscoCode")  # ISCO-08 unit group (Ammattiluokitus 2010)


class Location(_Wire):
    municipality_code: str | None = Field(default=None, alias="municipalityCode")  # Statistics Finland code
    street_address: str | None = Field(default=None, alias="streetAddress")
    remote: bool = False


class EmploymentKind(StrEnum):
    permanent = "PERMANENT"
    fixed_term = "FIXED_TERM"
    summer_job = "SUMMER_JOB"
    apprenticeship = "APPRENTICESHIP"


class WorkingHours(StrEnum):
    full_time = "FULL_TIME"
    part_time = "PART_TIME"


class Employment(_Wire):
    type: EmploymentKind
    working_time: WorkingHours = Field(alias="workingTime")
    start_date: date | None = Field(default=None, alias="startDate")
    end_date: date | None = Field(default=None, alias="endDate")


class ApplicationPeriod(_Wire):
    end: date


class JobPosting(_Wire):
    """P66's body of a create or an update, and the common part of a P67 result."""

    external_reference: str = Field(alias="externalReference")  # the sender's own id (Polku's vacancy id)
    title: Languages
    description: Languages
    occupation: Occupation
    location: Location
    employment: Employment
    application_period: ApplicationPeriod = Field(alias="applicationPeriod")
    positions: int = 1
    languages: list[str] = []


class CreatedPosting(_Wire):
    """P66's answer to a create (and to an update or an archive): the posting's national id."""

    job_posting_id: str = Field(alias="jobPostingId")


class PostingStatus(StrEnum):
    published = "PUBLISHED"
    archived = "ARCHIVED"


class FoundPosting(JobPosting):
    """One P67 result: the posting with its national id, employer, status and page on the platform. Postings made
    on the platform itself may lack ``externalReference``."""

    external_reference: str = Field(default="", alias="externalReference")
    job_posting_id: str = Field(alias="jobPostingId")
    business_id: str = Field(alias="businessId")
    employer_name: str = Field(alias="employerName")
    status: PostingStatus
    modified: datetime
    url: str | None = None


class SearchFilters(_Wire):
    municipality_codes: list[str] = Field(default=[], alias="municipalityCodes")
    business_ids: list[str] = Field(default=[], alias="businessIds")


class Paging(_Wire):
    page: int = 0
    page_size: int = Field(default=P67_PAGE_SIZE_MAX, alias="pageSize", le=P67_PAGE_SIZE_MAX)


class SearchRequest(_Wire):
    filters: SearchFilters
    paging: Paging


class SearchAnswer(_Wire):
    total_count: int = Field(alias="totalCount")
    page: int
    page_size: int = Field(alias="pageSize")
    job_postings: list[FoundPosting] = Field(alias="jobPostings")
