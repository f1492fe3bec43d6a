"""Queries of consents."""

from __future__ import annotations

import typing
import uuid
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.repository import client_rows_statements
from clients_api.consent.models import Consent


def _consents(client_id: ColumnElement[uuid.UUID]) -> Select[Any]:
    return select(*typing.cast(Table, Consent.__table__).c).where(Consent.client_id == client_id)


# Built once (by whether the caller's reach is asked): the client's consents, in the order recorded, and their read's
# record naming the client (read with ``access.service.read_client_rows``).
CONSENTS = client_rows_statements(_consents, order=("recorded_at",), resource=None)


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
