"""Queries of the platform's vacancies: the imported vacancy by its national id, its employer by business id,
and removals that came first."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.employer.models import Employer
from employer_api.vacancy.models import ImportedVacancyRemoval, Vacancy


async def imported_vacancy(
    session: AsyncSession, *, authority_id: uuid.UUID, source_system: str, external_id: str
) -> Vacancy | None:
    return await session.scalar(
        select(Vacancy)
        .where(
            Vacancy.authority_id == authority_id,
            Vacancy.source_system == source_system,
            Vacancy.external_id == external_id,
        )
        .with_for_update()
    )


async def employer_by_business_id(
    session: AsyncSession, *, authority_id: uuid.UUID, business_id: str
) -> Employer | None:
    return await session.scalar(
        select(Employer).where(Employer.authority_id == authority_id, Employer.business_id == business_id)
    )


async def removal(
    session: AsyncSession, *, authority_id: uuid.UUID, source_system: str, external_id: str
) -> datetime | None:
    return await session.scalar(
        select(ImportedVacancyRemoval.removed_at).where(
            ImportedVacancyRemoval.authority_id == authority_id,
            ImportedVacancyRemoval.source_system == source_system,
            ImportedVacancyRemoval.external_id == external_id,
        )
    )


async def remember_removal(
    session: AsyncSession, *, authority_id: uuid.UUID, source_system: str, external_id: str, removed_at: datetime
) -> None:
    statement = insert(ImportedVacancyRemoval).values(
        authority_id=authority_id, source_system=source_system, external_id=external_id, removed_at=removed_at
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["authority_id", "source_system", "external_id"],
            set_={"removed_at": statement.excluded.removed_at},
            where=ImportedVacancyRemoval.removed_at < statement.excluded.removed_at,
        )
    )
