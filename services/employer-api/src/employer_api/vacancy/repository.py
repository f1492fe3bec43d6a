"""Queries of vacancies. Every read is scoped in SQL to the caller's authority."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.vacancy.models import Vacancy, VacancyStatus
from polku_kit.pagination import Keyset, SortKey

VACANCIES = Keyset(Vacancy.created_at, Vacancy.id, newest_first=True)


async def get(session: AsyncSession, *, authority_id: uuid.UUID, vacancy_id: uuid.UUID) -> Vacancy | None:
    return await session.scalar(select(Vacancy).where(Vacancy.authority_id == authority_id, Vacancy.id == vacancy_id))


async def page(
    session: AsyncSession,
    *,
    authority_id: uuid.UUID,
    status: VacancyStatus | None,
    employer_id: uuid.UUID | None,
    municipality: str | None,
    occupation: str | None,
    employment_type: str | None,
    support: str | None,
    limit: int,
    after: SortKey | None,
) -> list[Vacancy]:
    query = select(Vacancy).where(Vacancy.authority_id == authority_id)
    if status is not None:
        query = query.where(Vacancy.status == status)
    if employer_id is not None:
        query = query.where(Vacancy.employer_id == employer_id)
    if municipality is not None:
        query = query.where(Vacancy.municipality == municipality)
    if occupation is not None:
        query = query.where(Vacancy.occupation_code.startswith(occupation, autoescape=True))
    if employment_type is not None:
        query = query.where(Vacancy.employment_type == employment_type)
    if support is not None:
        query = query.where(Vacancy.supports.contains([support]))
    return list((await session.scalars(VACANCIES.select(query, limit=limit, after=after))).all())


async def past_deadline(session: AsyncSession, *, day: date, limit: int) -> list[Vacancy]:
    """Published vacancies whose application deadline is before ``day``, locked; rows another replica holds are
    skipped (it expires them)."""
    return list(
        (
            await session.scalars(
                select(Vacancy)
                .where(Vacancy.status == VacancyStatus.published, Vacancy.application_deadline < day)
                .order_by(Vacancy.application_deadline, Vacancy.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        ).all()
    )
