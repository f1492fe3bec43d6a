from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.episodes.models import EpisodeOrigin, ServiceEpisode
from clients_api.timeline.models import TimelineEntry


async def for_client(session: AsyncSession, *, client_id: uuid.UUID) -> list[ServiceEpisode]:
    query = (
        select(ServiceEpisode)
        .where(ServiceEpisode.client_id == client_id)
        .order_by(ServiceEpisode.starts_on.desc(), ServiceEpisode.created_at.desc())
    )
    return list((await session.scalars(query)).all())


async def get(
    session: AsyncSession, *, client_id: uuid.UUID, episode_id: uuid.UUID, for_update: bool = False
) -> ServiceEpisode | None:
    query = select(ServiceEpisode).where(ServiceEpisode.client_id == client_id, ServiceEpisode.id == episode_id)
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def by_origin(
    session: AsyncSession, *, origin: EpisodeOrigin, origin_id: str, for_update: bool = False
) -> ServiceEpisode | None:
    query = select(ServiceEpisode).where(ServiceEpisode.origin == origin, ServiceEpisode.origin_id == origin_id)
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def add_once(session: AsyncSession, values: dict[str, object]) -> ServiceEpisode | None:
    """Insert an episode unless one of the same client, type and start, or of the same origin, exists: the new
    episode, or None."""
    inserted = await session.scalar(
        insert(ServiceEpisode)
        .values(id=uuid.uuid4(), version=1, **values)
        .on_conflict_do_nothing()
        .returning(ServiceEpisode)
    )
    return inserted


async def referral_accepted_at(session: AsyncSession, *, client_id: uuid.UUID, referral_id: str) -> datetime | None:
    """When the partner accepted the referral, as its event on the client's timeline told (None: not seen)."""
    query = select(TimelineEntry.occurred_at).where(
        TimelineEntry.client_id == client_id,
        TimelineEntry.type == "fi.polku.referral.accepted.v1",
        TimelineEntry.data["referral_id"].astext == referral_id,
    )
    return await session.scalar(query.order_by(TimelineEntry.occurred_at).limit(1))
