"""Queries of plan versions."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import Client
from clients_api.plan.models import PlanVersion


async def lock_client(session: AsyncSession, *, client_id: uuid.UUID) -> None:
    """Serialise plan saves of one client: the second of two concurrent saves waits, then sees the first."""
    await session.execute(select(Client.id).where(Client.id == client_id).with_for_update())


async def current(session: AsyncSession, *, client_id: uuid.UUID) -> PlanVersion | None:
    query = select(PlanVersion).where(PlanVersion.client_id == client_id).order_by(PlanVersion.version.desc()).limit(1)
    return await session.scalar(query)


async def versions(session: AsyncSession, *, client_id: uuid.UUID) -> list[PlanVersion]:
    query = select(PlanVersion).where(PlanVersion.client_id == client_id).order_by(PlanVersion.version)
    return list((await session.scalars(query)).all())
