"""Reconciliation of the organisation's clients with the national platform's job seekers, for what a missed
delivery left out:

- ``missing_here``: a job seeker searching for work on the platform whom clients-api does not know → registered
  here, as the inbound "job seeker registered" event would have (the same rules, audit and event, acted by the
  platform);
- ``ended_there``: a job seeker whose job search ended on the platform, with an open job-search period here → the
  period ended on the day it ended there (reason ``other``, noted), as the "job search ended" event would have;
- ``missing_there``: a client with an open job-search period whom the platform does not know → reported, not
  repaired: registration as a job seeker is the person's own act on the national side, so the coach asks them to
  register (or ends the period here).

Clients are matched by the identity code's keyed hash; the report holds client ids and the platform's customer ids,
never an identity code or a name."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import structlog
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.identity_code import InvalidIdentityCode, normalise
from clients_api.client.schemas import ClientCreate
from clients_api.client.service import register
from clients_api.jobsearch.models import SearchEndReason
from clients_api.jobsearch.period_service import end_period
from clients_api.jobsearch.schemas import SearchPeriodEnd
from clients_api.reconciliation import repository
from clients_api.reconciliation.models import ReconciliationReport
from clients_api.reconciliation.platform import PlatformJobSeeker
from clients_api.reconciliation.schemas import ReconciliationReportRead
from polku_kit.auth import Principal, Role
from polku_kit.errors import NotFound
from polku_kit.pagination import Page, start_after
from polku_kit.pii import PersonalDataVault

log = structlog.get_logger(__name__)

Sessions = Callable[[], AsyncSession]
KINDS = ("missing_here", "ended_there", "missing_there", "unusable")


class ReportNotFound(NotFound):
    slug = "reconciliation-report-not-found"
    title = "No reconciliation report"


def acting_platform(organisation_id: uuid.UUID) -> Principal:
    """Who the repairs are recorded as: the national platform, for the organisation (audit and history name it)."""
    return Principal(
        subject="national-platform",
        roles=frozenset({Role.platform}),
        organisation_id=organisation_id,
        name="Työmarkkinatori (reconciliation)",
    )


async def reconcile(
    sessions: Sessions,
    vault: PersonalDataVault,
    *,
    organisation_id: uuid.UUID,
    seekers: list[PlatformJobSeeker] | None,
    error: str | None = None,
) -> ReconciliationReport:
    """Compare, repair and keep the report; ``seekers`` None (with ``error``) when the platform could not be read."""
    started = datetime.now(UTC)
    counts: dict[str, int] = dict.fromkeys(KINDS, 0)
    differences: list[dict[str, Any]] = []
    repaired: list[dict[str, Any]] = []
    if seekers is not None:
        async with sessions() as session, session.begin():
            await _compare(session, vault, organisation_id, seekers, counts, differences, repaired)
    async with sessions() as session, session.begin():
        report = ReconciliationReport(
            id=uuid.uuid4(),
            organisation_id=organisation_id,
            started_at=started,
            finished_at=datetime.now(UTC),
            counts=counts,
            differences=differences,
            repaired=repaired,
            error=error,
        )
        session.add(report)
    log.info("job_seeker_reconciliation_done", counts=counts, repaired=len(repaired), error=error)
    return report


async def _compare(
    session: AsyncSession,
    vault: PersonalDataVault,
    organisation_id: uuid.UUID,
    seekers: list[PlatformJobSeeker],
    counts: dict[str, int],
    differences: list[dict[str, Any]],
    repaired: list[dict[str, Any]],
) -> None:
    platform = acting_platform(organisation_id)
    clients = await repository.clients_by_hash(session, organisation_id=organisation_id)
    periods = await repository.open_periods(session, organisation_id=organisation_id)
    counts["platform_searching"] = sum(1 for seeker in seekers if seeker.job_search_ended_at is None)
    counts["clients_searching"] = len(periods)

    def note(kind: str, client_id: uuid.UUID | None, customer_id: str | None, *, repair: bool) -> None:
        counts[kind] += 1
        entry = {"kind": kind, "client_id": str(client_id) if client_id else None, "customer_id": customer_id}
        differences.append(entry)
        if repair:
            repaired.append(entry)

    seen: set[str] = set()
    for seeker in seekers:
        try:
            identity_hash = vault.lookup_hash(normalise(seeker.identity_code))
        except InvalidIdentityCode:
            note("unusable", None, seeker.customer_id, repair=False)
            continue
        seen.add(identity_hash)
        client = clients.get(identity_hash)
        if client is None:
            if seeker.job_search_ended_at is not None:
                continue  # ended there before it was ever here: nothing to do
            try:
                data = ClientCreate(
                    personal_identity_code=seeker.identity_code,
                    first_names=seeker.first_names,
                    last_name=seeker.last_name,
                    home_municipality=seeker.home_municipality,
                    job_search_started_on=seeker.job_search_started_on,
                )
            except ValidationError:
                note("unusable", None, seeker.customer_id, repair=False)
                continue
            created = await register(session=session, principal=platform, vault=vault, data=data)
            note("missing_here", created.id, seeker.customer_id, repair=True)
        elif seeker.job_search_ended_at is not None and (period := periods.get(client.id)) is not None:
            ended_on = max(seeker.job_search_ended_at.date(), period.started_on)
            await end_period(
                session=session,
                principal=platform,
                client_id=client.id,
                period_id=period.id,
                data=SearchPeriodEnd(
                    ended_on=ended_on, reason=SearchEndReason.other, notes="ended on the national platform"
                ),
                if_match=f'"period-v{period.version}"',
            )
            note("ended_there", client.id, seeker.customer_id, repair=True)
    for identity_hash, client in clients.items():
        if identity_hash not in seen and client.id in periods:
            note("missing_there", client.id, None, repair=False)


async def reports(
    *, session: AsyncSession, principal: Principal, limit: int, cursor: str | None
) -> Page[ReconciliationReportRead]:
    rows = await repository.reports(
        session, organisation_id=principal.organisation(), limit=limit, after=start_after(cursor)
    )
    return repository.REPORTS.page(rows, limit=limit, item=ReconciliationReportRead.model_validate)


async def latest_report(*, session: AsyncSession, principal: Principal) -> ReconciliationReportRead:
    rows = await repository.reports(session, organisation_id=principal.organisation(), limit=1, after=None)
    if not rows:
        raise ReportNotFound("No reconciliation has run for this organisation")
    return ReconciliationReportRead.model_validate(rows[0])
