"""The exchange of vacancies with the national platform (Työmarkkinatori, through KEHA's Kipa):

- :func:`poll`: read the postings of the authority's municipalities from P67, page by page within the rate limit,
  and upsert them as imported vacancies (source ``tyomarkkinatori``, the national id, a removed flag). Each page is
  its own transaction and every write is an upsert by national id, so a run cut short (429s past the retries, 500s,
  the platform down) loses nothing already read and doubles nothing when the next run reads it again; postings are
  marked removed only after a complete search.
- :func:`publish`: send the vacancies made here to P66 (create, update, archive; one employer's business id per
  call), with retries and backoff, recording the national id, the version sent, and the failures.
- :func:`reconcile`: compare both sides, repair what a missed call left out in either direction, and keep a report.

Periodic jobs run them (``employer-api poll-postings | publish-postings | reconcile``); services never commit, so
the functions here take a session factory and own one short transaction per step."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.employer.models import Employer
from employer_api.national import repository, wire
from employer_api.national.client import NationalClient, NationalError, NationalUnavailable
from employer_api.national.schemas import ReconciliationReportRead
from employer_api.vacancy import lifecycle
from employer_api.vacancy.models import EmploymentType, Vacancy, WorkingTime
from employer_api.vacancy.service import import_posting, lasts_two_weeks
from polku_classifications import isco08
from polku_kit.auth import Principal
from polku_kit.errors import NotFound
from polku_kit.pagination import Page, start_after

log = structlog.get_logger(__name__)

Sessions = Callable[[], AsyncSession]
IMPORTER = "national-platform"  # created_by of what the platform brings
MAX_RETRY_DELAY = timedelta(hours=1)

_EMPLOYMENT = {
    wire.EmploymentKind.permanent: EmploymentType.permanent,
    wire.EmploymentKind.fixed_term: EmploymentType.fixed_term,
    wire.EmploymentKind.summer_job: EmploymentType.summer_job,
    wire.EmploymentKind.apprenticeship: EmploymentType.apprenticeship,
}
_WORKING_TIME = {wire.WorkingHours.full_time: WorkingTime.full_time, wire.WorkingHours.part_time: WorkingTime.part_time}


class ReportNotFound(NotFound):
    slug = "reconciliation-report-not-found"
    title = "No reconciliation report"


# --- P67: reading the platform's postings -------------------------------------------------------------------


def vacancy_terms(found: wire.FoundPosting) -> dict[str, Any] | None:
    """The columns of an imported vacancy from a P67 result; None when the posting cannot be one (an occupation
    outside ISCO-08's unit groups, no title)."""
    code = found.occupation.isco_code
    title = found.title.fi or found.title.sv or found.title.en
    if len(code) != 4 or isco08.get(code) is None or not title:
        return None
    employment = found.employment
    return {
        "title_fi": title,
        "title_sv": found.title.sv,
        "title_en": found.title.en,
        "description": found.description.fi or found.description.sv or found.description.en or "",
        "occupation_code": code,
        "occupation_minor_group": isco08.minor_group(code),
        "municipality": found.location.municipality_code,
        "address": found.location.street_address,
        "remote": found.location.remote,
        "working_time": _WORKING_TIME[employment.working_time],
        "employment_type": _EMPLOYMENT[employment.type],
        "starts_on": employment.start_date,
        "ends_on": employment.end_date,
        "at_least_two_weeks": lasts_two_weeks(employment.start_date, employment.end_date),
        "application_deadline": found.application_period.end,
        "languages": sorted(set(found.languages)),
        "driving_licences": [],
        "other_licences": [],
        "competences": [],
        "requirements": None,
        "supports": [],
        "positions": found.positions,
        "source_system": wire.SOURCE_SYSTEM,
        "external_id": found.job_posting_id,
        "external_url": found.url,
        "created_by": IMPORTER,
    }


async def _employer(session: AsyncSession, authority_id: uuid.UUID, found: wire.FoundPosting) -> Employer:
    employer = await repository.employer_by_business_id(
        session, authority_id=authority_id, business_id=found.business_id
    )
    if employer is None:
        # An employer first met on the platform: its industry is unknown (TOL 2008 main class X) until employer
        # services fill in the rest.
        employer = Employer(
            id=uuid.uuid4(),
            authority_id=authority_id,
            business_id=found.business_id,
            name=found.employer_name,
            industry_code="X",
            industry_main_class="X",
            municipalities=[found.location.municipality_code] if found.location.municipality_code else [],
            contact_people=[],
            consents_to_contact=False,
            network_member=False,
            created_by=IMPORTER,
        )
        session.add(employer)
        await session.flush()
    return employer


async def apply_page(
    session: AsyncSession, authority_id: uuid.UUID, postings: list[wire.FoundPosting]
) -> dict[str, int]:
    """Upsert one page of P67 results; the authority's own postings (sent by :func:`publish`) are left alone."""
    outcome: dict[str, int] = {}
    ids = [posting.job_posting_id for posting in postings]
    own = await repository.own_national_ids(session, national_ids=ids)
    known = {
        vacancy.external_id: vacancy
        for vacancy in await repository.imported(
            session, authority_id=authority_id, source_system=wire.SOURCE_SYSTEM, external_ids=ids
        )
    }
    for found in postings:
        if found.job_posting_id in own:
            what = "own"
        elif (terms := vacancy_terms(found)) is None:
            what = "unusable"
        else:
            employer = await _employer(session, authority_id, found)
            vacancy, what = await import_posting(
                session,
                vacancy=known.get(found.job_posting_id),
                employer=employer,
                terms=terms,
                removed=found.status is wire.PostingStatus.archived,
            )
            if vacancy is not None:
                known[found.job_posting_id] = vacancy
        outcome[what] = outcome.get(what, 0) + 1
    return outcome


async def search_all(
    client: NationalClient, *, filters: wire.SearchFilters, page_size: int, on_page: Any = None
) -> list[wire.FoundPosting]:
    """Every page of a P67 search, in order; ``on_page(postings)`` is awaited after each page."""
    found: list[wire.FoundPosting] = []
    page = 0
    while True:
        answer = await client.search(
            wire.SearchRequest(filters=filters, paging=wire.Paging(page=page, page_size=page_size))
        )
        if on_page is not None:
            await on_page(answer.job_postings)
        found.extend(answer.job_postings)
        page += 1
        if not answer.job_postings or page * page_size >= answer.total_count:
            return found


@dataclass
class PollResult:
    pages: int = 0
    read: int = 0
    outcome: dict[str, int] = field(default_factory=dict)
    removed_missing: int = 0
    complete: bool = False
    error: str | None = None


async def poll(
    sessions: Sessions,
    client: NationalClient,
    *,
    authority_id: uuid.UUID,
    municipalities: list[str],
    page_size: int = wire.P67_PAGE_SIZE_MAX,
) -> PollResult:
    result = PollResult()

    async def on_page(postings: list[wire.FoundPosting]) -> None:
        async with sessions() as session, session.begin():
            for what, count in (await apply_page(session, authority_id, postings)).items():
                result.outcome[what] = result.outcome.get(what, 0) + count
        result.pages += 1
        result.read += len(postings)

    try:
        found = await search_all(
            client, filters=wire.SearchFilters(municipality_codes=municipalities), page_size=page_size, on_page=on_page
        )
    except NationalError as exc:
        result.error = str(exc)
        log.warning("national_poll_incomplete", pages=result.pages, error=result.error)
        return result
    async with sessions() as session, session.begin():
        result.removed_missing = len(await remove_missing(session, authority_id, {p.job_posting_id for p in found}))
    result.complete = True
    log.info("national_poll_done", **asdict(result))
    return result


async def remove_missing(session: AsyncSession, authority_id: uuid.UUID, listed: set[str]) -> list[Vacancy]:
    """Mark removed the imported vacancies a complete search no longer lists; returns them."""
    missing = [
        vacancy
        for vacancy in await repository.imported(session, authority_id=authority_id, source_system=wire.SOURCE_SYSTEM)
        if vacancy.external_id not in listed and vacancy.removed_at is None
    ]
    employers = await repository.employers(session, ids={vacancy.employer_id for vacancy in missing})
    for vacancy in missing:
        terms = {"external_id": vacancy.external_id}
        await import_posting(
            session, vacancy=vacancy, employer=employers[vacancy.employer_id], terms=terms, removed=True
        )
    return missing


# --- P66: sending the vacancies made here ---------------------------------------------------------------------


def posting_of(vacancy: Vacancy) -> wire.JobPosting:
    return wire.JobPosting(
        external_reference=str(vacancy.id),
        title=wire.Languages(fi=vacancy.title_fi, sv=vacancy.title_sv, en=vacancy.title_en),
        description=wire.Languages(fi=vacancy.description),
        occupation=wire.Occupation(isco_code=vacancy.occupation_code),
        location=wire.Location(
            municipality_code=vacancy.municipality, street_address=vacancy.address, remote=vacancy.remote
        ),
        employment=wire.Employment(
            type={value: key for key, value in _EMPLOYMENT.items()}[vacancy.employment_type],
            working_time={value: key for key, value in _WORKING_TIME.items()}[vacancy.working_time],
            start_date=vacancy.starts_on,
            end_date=vacancy.ends_on,
        ),
        application_period=wire.ApplicationPeriod(end=vacancy.application_deadline),
        positions=vacancy.positions,
        languages=vacancy.languages,
    )


def retry_delay(attempts: int, base_seconds: float) -> timedelta:
    """Exponential backoff between runs: base · 2^(attempts−1), at most an hour."""
    return min(MAX_RETRY_DELAY, timedelta(seconds=base_seconds * 2 ** max(0, attempts - 1)))


@dataclass
class PublishResult:
    created: int = 0
    updated: int = 0
    archived: int = 0
    failed: int = 0
    stopped: str | None = None  # why the run stopped early (the platform unavailable)


async def publish(
    sessions: Sessions,
    client: NationalClient,
    *,
    authority_id: uuid.UUID,
    retry_base_seconds: float = 60.0,
    limit: int = 500,
) -> PublishResult:
    """Send every vacancy whose latest version the platform lacks, one transaction each (the row stays locked while
    its call is in flight, so two publishers never send the same version). A failure is recorded on the vacancy
    (attempts, last error, the time of its next try); an unavailable platform ends the run."""
    result = PublishResult()
    for _ in range(limit):
        async with sessions() as session, session.begin():
            vacancy = await repository.next_to_send(session, authority_id=authority_id, now=datetime.now(UTC))
            if vacancy is None:
                break
            employer = (await repository.employers(session, ids={vacancy.employer_id}))[vacancy.employer_id]
            try:
                action = await _send(client, vacancy, employer.business_id)
            except NationalError as exc:
                vacancy.national_attempts += 1
                vacancy.national_error = str(exc)[:1000]
                vacancy.national_retry_at = datetime.now(UTC) + retry_delay(
                    vacancy.national_attempts, retry_base_seconds
                )
                result.failed += 1
                if isinstance(exc, NationalUnavailable):
                    result.stopped = str(exc)
                    break
                continue
            vacancy.national_synced_version = vacancy.version
            vacancy.national_attempts = 0
            vacancy.national_error = None
            vacancy.national_retry_at = None
            if action:
                setattr(result, action, getattr(result, action) + 1)
    log.info("national_publish_done", **asdict(result))
    return result


async def _send(client: NationalClient, vacancy: Vacancy, business_id: str) -> str | None:
    """The P66 call that brings the platform to this version of the vacancy; None when none is needed (ended
    before it was ever sent)."""
    if vacancy.status in lifecycle.ENDED:
        if vacancy.national_id is None:
            return None
        await client.archive(business_id, vacancy.national_id)
        return "archived"
    if vacancy.national_id is None:
        created = await client.create(business_id, posting_of(vacancy))
        vacancy.national_id = created.job_posting_id
        return "created"
    await client.update(business_id, vacancy.national_id, posting_of(vacancy))
    return "updated"


# --- The reports, for administrators -------------------------------------------------------------------------


async def reports(
    *, session: AsyncSession, principal: Principal, limit: int, cursor: str | None
) -> Page[ReconciliationReportRead]:
    rows = await repository.reports(
        session, authority_id=principal.organisation(), limit=limit, after=start_after(cursor)
    )
    return repository.REPORTS.page(rows, limit=limit, item=ReconciliationReportRead.model_validate)


async def latest_report(*, session: AsyncSession, principal: Principal) -> ReconciliationReportRead:
    rows = await repository.reports(session, authority_id=principal.organisation(), limit=1, after=None)
    if not rows:
        raise ReportNotFound("No reconciliation has run for this authority")
    return ReconciliationReportRead.model_validate(rows[0])
