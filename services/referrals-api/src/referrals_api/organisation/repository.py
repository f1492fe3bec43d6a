"""Queries of partner organisations. Every read is scoped in SQL to what the caller may see."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from referrals_api.organisation.models import Organisation


async def get(session: AsyncSession, *, organisation_id: uuid.UUID) -> Organisation | None:
    return await session.get(Organisation, organisation_id)


async def visible(
    session: AsyncSession, *, organisation_id: uuid.UUID, authority_id: uuid.UUID | None, own: uuid.UUID | None
) -> Organisation | None:
    """The organisation if it is in ``authority_id``'s network or is the caller's own (``own``)."""
    query = select(Organisation).where(Organisation.id == organisation_id)
    if authority_id is not None:
        query = query.where(Organisation.authority_id == authority_id)
    if own is not None:
        query = query.where(Organisation.id == own)
    return await session.scalar(query)


async def by_business_id(session: AsyncSession, *, business_id: str) -> Organisation | None:
    return await session.scalar(select(Organisation).where(Organisation.business_id == business_id))


async def page(
    session: AsyncSession, *, authority_id: uuid.UUID | None, own: uuid.UUID | None,
    organisation_type: str | None, municipality: str | None, limit: int, after: tuple[datetime, uuid.UUID] | None,
) -> list[Organisation]:
    query = select(Organisation).order_by(Organisation.created_at, Organisation.id).limit(limit + 1)
    if authority_id is not None:
        query = query.where(Organisation.authority_id == authority_id)
    if own is not None:
        query = query.where(Organisation.id == own)
    if organisation_type is not None:
        query = query.where(Organisation.type == organisation_type)
    if municipality is not None:
        query = query.where(Organisation.municipalities.contains([municipality]))
    if after is not None:
        query = query.where(tuple_(Organisation.created_at, Organisation.id) > tuple_(*after))
    return list((await session.scalars(query)).all())


async def names(session: AsyncSession, *, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    rows = await session.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(ids)))
    return {row.id: row.name for row in rows}
