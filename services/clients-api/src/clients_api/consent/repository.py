"""Queries of consents."""

from __future__ import annotations

import typing
import uuid
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.repository import client_rows, client_rows_statement
from clients_api.consent.models import Consent
from polku_kit.db import OneStatement


def _consents(client_id: ColumnElement[uuid.UUID]) -> Select[Any]:
    return select(*typing.cast(Table, Consent.__table__).c).where(Consent.client_id == client_id)


# Built once (by whether the caller's reach is asked): the client's consents and their read's record.
_LIST = {
    reach: client_rows_statement(_consents, reach=reach, order=("recorded_at",), resource=None)
    for reach in (False, True)
}


async def list_read(
    statement: OneStatement,
    *,
    organisation_id: uuid.UUID,
    client_id: uuid.UUID,
    reached_by: str | None,
    audit: dict[str, Any],
) -> list[Row[Any]] | None:
    """The client's consents (their columns by name), in the order recorded, and the read's audit record naming
    the client, in one statement (``access.repository.client_rows``): None, and nothing recorded, when the client is
    not found (with ``reached_by``, a coach's subject, only if that coach reaches it)."""
    return await client_rows(
        statement,
        _LIST.__getitem__,
        organisation_id=organisation_id,
        client_id=client_id,
        reached_by=reached_by,
        audit=audit,
    )


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
