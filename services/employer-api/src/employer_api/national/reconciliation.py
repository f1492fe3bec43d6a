"""Reconciliation of the authority's vacancies with the national platform's postings, for what a missed or failed
call left out in either direction:

- ``missing_here``: a published posting of the area that employer-api lacks → imported;
- ``stale_here``: an imported vacancy that differs from its posting, or is removed here but published there →
  updated or restored;
- ``removed_there``: an imported vacancy still open here whose posting is archived or gone → marked removed;
- ``missing_there``: a vacancy made here, published, that the platform lacks (never sent, or lost there) → sent
  again by the publisher (its national id forgotten if the platform no longer knows it);
- ``open_there``: a vacancy made here that has ended but is still published there → archived by the publisher;
- ``pending``: a vacancy made here whose latest version the publisher has not sent yet (counted, not repaired:
  the publisher is on it).

The platform's side is read with P67 (the area's municipalities, and the business ids of the employers whose
vacancies were sent, for those outside the area or remote). The report is kept (``reconciliation_report``)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import structlog

from employer_api.national import repository, wire
from employer_api.national.client import NationalClient, NationalError
from employer_api.national.models import ReconciliationReport
from employer_api.national.service import Sessions, apply_page, remove_missing, search_all, vacancy_terms
from employer_api.vacancy import lifecycle
from employer_api.vacancy.models import VacancyStatus

log = structlog.get_logger(__name__)

KINDS = ("missing_here", "stale_here", "removed_there", "missing_there", "open_there", "pending")


def _difference(kind: str, *, vacancy_id: uuid.UUID | None, national_id: str | None) -> dict[str, Any]:
    return {"kind": kind, "vacancy_id": str(vacancy_id) if vacancy_id else None, "national_id": national_id}


async def reconcile(
    sessions: Sessions,
    client: NationalClient,
    *,
    authority_id: uuid.UUID,
    municipalities: list[str],
    page_size: int = wire.P67_PAGE_SIZE_MAX,
) -> ReconciliationReport:
    started = datetime.now(UTC)
    differences: list[dict[str, Any]] = []
    repaired: list[dict[str, Any]] = []
    counts: dict[str, int] = dict.fromkeys(KINDS, 0)
    error: str | None = None
    try:
        async with sessions() as session, session.begin():
            sent = await repository.sent_here(session, authority_id=authority_id)
            employers = await repository.employers(session, ids={vacancy.employer_id for vacancy in sent})
        platform: dict[str, wire.FoundPosting] = {}
        for found in await search_all(
            client, filters=wire.SearchFilters(municipality_codes=municipalities), page_size=page_size
        ):
            platform[found.job_posting_id] = found
        business_ids = sorted({employer.business_id for employer in employers.values()})
        if business_ids:
            for found in await search_all(
                client, filters=wire.SearchFilters(business_ids=business_ids), page_size=page_size
            ):
                platform[found.job_posting_id] = found
    except NationalError as exc:
        error = str(exc)
        platform = {}
    if error is None:
        async with sessions() as session, session.begin():
            await _compare(session, authority_id, platform, counts, differences, repaired)
    finished = datetime.now(UTC)
    async with sessions() as session, session.begin():
        report = ReconciliationReport(
            id=uuid.uuid4(),
            authority_id=authority_id,
            started_at=started,
            finished_at=finished,
            counts=counts,
            differences=differences,
            repaired=repaired,
            error=error,
        )
        session.add(report)
    log.info("national_reconciliation_done", counts=counts, repaired=len(repaired), error=error)
    return report


async def _compare(
    session: Any,
    authority_id: uuid.UUID,
    platform: dict[str, wire.FoundPosting],
    counts: dict[str, int],
    differences: list[dict[str, Any]],
    repaired: list[dict[str, Any]],
) -> None:
    sent = await repository.sent_here(session, authority_id=authority_id)
    imported = {
        vacancy.external_id: vacancy
        for vacancy in await repository.imported(session, authority_id=authority_id, source_system=wire.SOURCE_SYSTEM)
    }
    own = {vacancy.national_id for vacancy in sent if vacancy.national_id}
    counts["platform_postings"] = sum(1 for found in platform.values() if found.status is wire.PostingStatus.published)
    counts["imported_open"] = sum(1 for vacancy in imported.values() if vacancy.removed_at is None)
    counts["sent_here"] = len(sent)

    def note(kind: str, vacancy_id: uuid.UUID | None, national_id: str | None, *, repair: bool = True) -> None:
        counts[kind] += 1
        differences.append(_difference(kind, vacancy_id=vacancy_id, national_id=national_id))
        if repair:
            repaired.append(_difference(kind, vacancy_id=vacancy_id, national_id=national_id))

    # The platform → here.
    to_import: list[wire.FoundPosting] = []
    for national_id, found in platform.items():
        if national_id in own:
            continue
        vacancy = imported.get(national_id)
        archived = found.status is wire.PostingStatus.archived
        if vacancy is None:
            if not archived and vacancy_terms(found) is not None:
                note("missing_here", None, national_id)
                to_import.append(found)
        elif archived:
            if vacancy.removed_at is None:
                note("removed_there", vacancy.id, national_id)
                to_import.append(found)
        elif vacancy.removed_at is not None or _differs(vacancy, found):
            note("stale_here", vacancy.id, national_id)
            to_import.append(found)
    if to_import:
        await apply_page(session, authority_id, to_import)
    for vacancy in await remove_missing(session, authority_id, set(platform)):
        note("removed_there", vacancy.id, vacancy.external_id)

    # Here → the platform: what the publisher believes sent but the platform lacks, or still shows.
    for vacancy in sent:
        there = platform.get(vacancy.national_id) if vacancy.national_id else None
        synced = vacancy.national_synced_version == vacancy.version
        if not synced:
            note("pending", vacancy.id, vacancy.national_id, repair=False)
            continue
        if vacancy.status is VacancyStatus.published and (there is None or there.status is wire.PostingStatus.archived):
            note("missing_there", vacancy.id, vacancy.national_id)
            vacancy.national_id = None  # the platform does not know it (or archived it): made anew
            vacancy.national_synced_version = None
        elif vacancy.status in lifecycle.ENDED and there is not None and there.status is wire.PostingStatus.published:
            note("open_there", vacancy.id, vacancy.national_id)
            vacancy.national_synced_version = None
    await session.flush()


def _differs(vacancy: Any, found: wire.FoundPosting) -> bool:
    terms = vacancy_terms(found)
    return terms is not None and any(getattr(vacancy, column) != value for column, value in terms.items())
