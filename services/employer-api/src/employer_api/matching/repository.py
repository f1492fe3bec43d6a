"""The open vacancies a client's occupations point to, read through the partial index of published vacancies by
(authority, minor group, unit group)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.vacancy.models import Vacancy, VacancyStatus


def vacancies_query(*, authority_id: uuid.UUID, occupations: list[str], minor_groups: list[str], limit: int) -> Any:
    return (
        select(Vacancy)
        .where(
            Vacancy.authority_id == authority_id,
            Vacancy.status == VacancyStatus.published,
            or_(Vacancy.occupation_minor_group.in_(minor_groups), Vacancy.occupation_code.in_(occupations)),
        )
        .order_by(Vacancy.application_deadline, Vacancy.id)
        .limit(limit)
    )


async def vacancies_for(
    session: AsyncSession, *, authority_id: uuid.UUID, occupations: list[str], minor_groups: list[str], limit: int
) -> list[Vacancy]:
    if not occupations and not minor_groups:
        return []
    query = vacancies_query(authority_id=authority_id, occupations=occupations, minor_groups=minor_groups, limit=limit)
    return list((await session.scalars(query)).all())
