"""Queries of the reconciliation: the organisation's clients with their open job-search periods, and the reports."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import Client
from clients_api.jobsearch.models import JobSearchPeriod
from clients_api.reconciliation.models import ReconciliationReport
from polku_kit.pagination import Keyset, SortKey

REPORTS = Keyset(ReconciliationReport.started_at, ReconciliationReport.id, newest_first=True)


async def clients_by_hash(session: AsyncSession, *, organisation_id: uuid.UUID) -> dict[str, Client]:
    rows = await session.scalars(select(Client).where(Client.organisation_id == organisation_id))
    return {client.identity_code_hash: client for client in rows}


async def open_periods(session: AsyncSession, *, organisation_id: uuid.UUID) -> dict[uuid.UUID, JobSearchPeriod]:
    """The open job-search period of each client of the organisation that has one."""
    rows = await session.scalars(
        select(JobSearchPeriod)
        .join(Client, Client.id == JobSearchPeriod.client_id)
        .where(Client.organisation_id == organisation_id, JobSearchPeriod.ended_on.is_(None))
    )
    return {period.client_id: period for period in rows}


async def reports(
    session: AsyncSession, *, organisation_id: uuid.UUID, limit: int, after: SortKey | None
) -> list[ReconciliationReport]:
    query = select(ReconciliationReport).where(ReconciliationReport.organisation_id == organisation_id)
    return list((await session.scalars(REPORTS.select(query, limit=limit, after=after))).all())
