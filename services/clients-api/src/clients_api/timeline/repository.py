from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.timeline.models import TimelineEntry
from polku_kit.pagination import Keyset

NEWEST_FIRST = Keyset(TimelineEntry.occurred_at, TimelineEntry.id, newest_first=True)


async def page(
    session: AsyncSession,
    *,
    client_id: uuid.UUID,
    limit: int,
    after: tuple[datetime, uuid.UUID] | None,
    source: str | None,
    type_prefix: str | None,
) -> list[TimelineEntry]:
    """Newest first, up to ``limit + 1``; ``after`` is the sort key of the last entry of the previous page."""
    query: Select[TimelineEntry] = select(TimelineEntry).where(TimelineEntry.client_id == client_id)
    if source is not None:
        query = query.where(TimelineEntry.source == source)
    if type_prefix is not None:
        query = query.where(TimelineEntry.type.startswith(type_prefix, autoescape=True))
    return list((await session.scalars(NEWEST_FIRST.select(query, limit=limit, after=after))).all())


async def add_once(session: AsyncSession, entry: dict[str, object]) -> bool:
    """Store an entry unless its event is on the timeline already."""
    inserted = await session.execute(
        insert(TimelineEntry)
        .values(**entry)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(TimelineEntry.id)
    )
    return inserted.first() is not None


async def for_client(session: AsyncSession, *, client_id: uuid.UUID) -> list[TimelineEntry]:
    query = select(TimelineEntry).where(TimelineEntry.client_id == client_id).order_by(TimelineEntry.occurred_at)
    return list((await session.scalars(query)).all())
