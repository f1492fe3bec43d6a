"""Queries of the exchange with the national platform: vacancies by their national ids, the ones waiting to be
sent, and the reconciliation reports. Every query names the authority."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.employer.models import Employer
from employer_api.national.models import ReconciliationReport
from employer_api.vacancy.models import Vacancy, VacancySource, VacancyStatus
from polku_kit.pagination import Keyset, SortKey

REPORTS = Keyset(ReconciliationReport.started_at, ReconciliationReport.id, newest_first=True)


async def imported(
    session: AsyncSession, *, authority_id: uuid.UUID, source_system: str, external_ids: Collection[str] | None = None
) -> list[Vacancy]:
    query = select(Vacancy).where(Vacancy.authority_id == authority_id, Vacancy.source_system == source_system)
    if external_ids is not None:
        query = query.where(Vacancy.external_id.in_(list(external_ids)))
    return list((await session.scalars(query.with_for_update())).all())


async def sent_here(session: AsyncSession, *, authority_id: uuid.UUID) -> list[Vacancy]:
    """The vacancies made here that the platform should know: every one not a draft."""
    query = select(Vacancy).where(
        Vacancy.authority_id == authority_id,
        Vacancy.source == VacancySource.here,
        or_(Vacancy.status != VacancyStatus.draft, Vacancy.national_id.is_not(None)),
    )
    return list((await session.scalars(query.with_for_update())).all())


async def own_national_ids(session: AsyncSession, *, national_ids: Collection[str]) -> set[str]:
    rows = await session.scalars(select(Vacancy.national_id).where(Vacancy.national_id.in_(list(national_ids))))
    return {row for row in rows if row is not None}


async def next_to_send(session: AsyncSession, *, authority_id: uuid.UUID, now: datetime) -> Vacancy | None:
    """One vacancy made here whose latest version has not reached the platform and whose retry time has come,
    locked; a vacancy another publisher holds is skipped."""
    return await session.scalar(
        select(Vacancy)
        .where(
            Vacancy.authority_id == authority_id,
            Vacancy.source == VacancySource.here,
            Vacancy.status != VacancyStatus.draft,
            or_(Vacancy.national_synced_version.is_(None), Vacancy.national_synced_version < Vacancy.version),
            or_(Vacancy.national_retry_at.is_(None), Vacancy.national_retry_at <= now),
        )
        .order_by(Vacancy.national_retry_at.nulls_first(), Vacancy.updated_at, Vacancy.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )


async def employer_by_business_id(
    session: AsyncSession, *, authority_id: uuid.UUID, business_id: str
) -> Employer | None:
    return await session.scalar(
        select(Employer).where(Employer.authority_id == authority_id, Employer.business_id == business_id)
    )


async def employers(session: AsyncSession, *, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, Employer]:
    rows = await session.scalars(select(Employer).where(Employer.id.in_(list(ids))))
    return {row.id: row for row in rows}


async def reports(
    session: AsyncSession, *, authority_id: uuid.UUID, limit: int, after: SortKey | None
) -> list[ReconciliationReport]:
    query = select(ReconciliationReport).where(ReconciliationReport.authority_id == authority_id)
    return list((await session.scalars(REPORTS.select(query, limit=limit, after=after))).all())
