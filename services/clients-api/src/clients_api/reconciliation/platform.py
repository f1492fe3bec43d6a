"""The national platform's job seekers, as reconciliation reads them: the one call and its answer's shape.

No public national interface lists job seekers (KEHA's customer-data system offers add-ons such as Polku no event
feed, and the job-seeker profile import needs the person's permission per import: SOURCES.md, 2.1); this is the
query that the platform simulator (``polku_dev.platform_sim``) answers and that an agreement with KEHA under the
add-on module rules (HE 37/2024) would have to provide. Its address, key header and field names are assumed here, in
this one module, so that the agreed interface is a change of this file."""

from __future__ import annotations

import asyncio
from datetime import date, datetime

import httpx
from pydantic import BaseModel, ConfigDict, Field

KEY_HEADER = "KIPA-Subscription-Key"
JOB_SEEKERS_PATH = "/query/job-seekers"


class PlatformUnavailable(Exception):
    pass


class PlatformJobSeeker(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    customer_id: str = Field(alias="customerId")
    identity_code: str = Field(alias="identityCode")
    first_names: str = Field(alias="firstNames")
    last_name: str = Field(alias="lastName")
    home_municipality: str = Field(alias="homeMunicipality")
    job_search_started_on: date = Field(alias="jobSearchStartedOn")
    job_search_ended_at: datetime | None = Field(default=None, alias="jobSearchEndedAt")


class JobSeekerList(BaseModel):
    job_seekers: list[PlatformJobSeeker] = Field(alias="jobSeekers")


async def job_seekers(
    *,
    base_url: str,
    api_key: str,
    attempts: int = 3,
    backoff_seconds: float = 1.0,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[PlatformJobSeeker]:
    """Every job seeker the platform knows, with a few tries on what may pass (429, 5xx, unreachable)."""
    last = "no attempt"
    async with httpx.AsyncClient(
        base_url=base_url, headers={KEY_HEADER: api_key}, timeout=30.0, transport=transport
    ) as http:
        for attempt in range(attempts):
            try:
                response = await http.get(JOB_SEEKERS_PATH)
            except httpx.TransportError as exc:
                last = f"unreachable ({type(exc).__name__})"
            else:
                if response.status_code < 400:
                    return JobSeekerList.model_validate(response.json()).job_seekers
                last = f"{response.status_code} {response.text[:200]}"
                if response.status_code != 429 and response.status_code < 500:
                    break
            if attempt + 1 < attempts:
                await asyncio.sleep(backoff_seconds * 2**attempt)
    raise PlatformUnavailable(f"GET {JOB_SEEKERS_PATH}: {last}")
