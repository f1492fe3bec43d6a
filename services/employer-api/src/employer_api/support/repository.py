"""Queries of supports, scoped in SQL to the caller's authority."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.support.models import Support, SupportStatus


async def get(session: AsyncSession, *, authority_id: uuid.UUID, support_id: uuid.UUID) -> Support | None:
    return await session.scalar(select(Support).where(Support.authority_id == authority_id, Support.id == support_id))


async def listed(
    session: AsyncSession,
    *,
    authority_id: uuid.UUID,
    employer_id: uuid.UUID | None,
    client_id: uuid.UUID | None,
    limit: int,
) -> list[Support]:
    query = select(Support).where(Support.authority_id == authority_id)
    if employer_id is not None:
        query = query.where(Support.employer_id == employer_id)
    if client_id is not None:
        query = query.where(Support.client_id == client_id)
    return list((await session.scalars(query.order_by(Support.decided_on.desc(), Support.id).limit(limit))).all())


async def in_force_during(session: AsyncSession, *, authority_id: uuid.UUID, first: date, last: date) -> list[Support]:
    """The authority's supports not cancelled whose money may fall between ``first`` and ``last``."""
    return list(
        (
            await session.scalars(
                select(Support).where(
                    Support.authority_id == authority_id,
                    Support.status != SupportStatus.cancelled,
                    or_(
                        Support.decided_on.between(first, last),
                        (Support.starts_on <= last) & (Support.ends_on >= first),
                    ),
                )
            )
        ).all()
    )
