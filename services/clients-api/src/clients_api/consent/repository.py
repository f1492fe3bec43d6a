"""Queries of consents."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.consent.models import Consent


async def for_client(session: AsyncSession, *, client_id: uuid.UUID) -> list[Consent]:
    query = select(Consent).where(Consent.client_id == client_id).order_by(Consent.recorded_at)
    return list((await session.scalars(query)).all())


async def get(
    session: AsyncSession, *, client_id: uuid.UUID, consent_id: uuid.UUID, for_update: bool = False
) -> Consent | None:
    """``for_update``: locked until the transaction ends, so that a concurrent change waits and then sees this
    one's result."""
    query = select(Consent).where(Consent.id == consent_id, Consent.client_id == client_id)
    if for_update:
        query = query.with_for_update().execution_options(populate_existing=True)
    return await session.scalar(query)


async def for_recipient(session: AsyncSession, *, client_id: uuid.UUID, recipient: uuid.UUID) -> list[Consent]:
    query = select(Consent).where(
        Consent.client_id == client_id,
        Consent.recipient_organisation_id == recipient,
        Consent.withdrawn_at.is_(None),
    )
    return list((await session.scalars(query)).all())
