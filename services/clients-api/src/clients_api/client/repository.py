"""Every query about clients. Each is scoped to the caller's organisation: another organisation's client and
a missing one are the same ``None``."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import Client, ClientStatusChange
from clients_api.client.unemployment import StatusEntry
from polku_kit.pagination import Keyset

# Searches are paged by registration, oldest first.
OLDEST_FIRST = Keyset(Client.created_at, Client.id)


async def find_by_identity_hash(
    session: AsyncSession, *, organisation_id: uuid.UUID, identity_hash: str
) -> Client | None:
    return await session.scalar(
        select(Client).where(Client.organisation_id == organisation_id, Client.identity_code_hash == identity_hash)
    )


# The organisation's one client per identity code (migration clients_0002).
ONE_CLIENT_PER_PERSON = "uq_client_organisation_id"


async def add(session: AsyncSession, client: Client) -> bool:
    """Insert a new client; False, and nothing inserted, when the organisation already has a client with the
    same identity code. The unique constraint decides, not an earlier look-up: of two registrations of one person
    at once, the second waits for the first to commit and then finds the person registered."""
    try:
        async with session.begin_nested():
            session.add(client)
            await session.flush()
    except IntegrityError as exc:
        if getattr(getattr(exc.orig, "__cause__", None), "constraint_name", None) != ONE_CLIENT_PER_PERSON:
            raise
        return False
    return True


def search_conditions(
    *,
    organisation_id: uuid.UUID,
    visible: ColumnElement[bool] | None,
    name: str | None,
    identity_hash: str | None,
    status: str | None,
    coach_subject: str | None,
    municipality: str | None,
    born_after: date | None = None,
    client_ids: list[uuid.UUID] | None = None,
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Client.organisation_id == organisation_id]
    if client_ids is not None:
        conditions.append(Client.id.in_(client_ids))
    if visible is not None:
        conditions.append(visible)
    if identity_hash is not None:
        conditions.append(Client.identity_code_hash == identity_hash)
    if name:
        pattern = f"%{name.lower().replace('%', '').replace('_', '')}%"
        conditions.append(or_(func.lower(Client.last_name).like(pattern), func.lower(Client.first_names).like(pattern)))
    if status is not None:
        conditions.append(Client.status == status)
    if coach_subject is not None:
        conditions.append(Client.coach_subject == coach_subject)
    if municipality is not None:
        conditions.append(Client.home_municipality == municipality)
    if born_after is not None:
        conditions.append(Client.birth_date > born_after)
    return conditions


def search_query(
    conditions: list[ColumnElement[bool]], *, limit: int, after: tuple[datetime, uuid.UUID] | None
) -> Select[Client]:
    return OLDEST_FIRST.select(select(Client).where(*conditions), limit=limit, after=after)


async def search(
    session: AsyncSession,
    conditions: list[ColumnElement[bool]],
    *,
    limit: int,
    after: tuple[datetime, uuid.UUID] | None,
) -> list[Client]:
    """Up to ``limit + 1`` clients meeting ``conditions`` (:func:`search_conditions`, and any more), oldest
    registration first, after the keyset ``after``."""
    return list((await session.scalars(search_query(conditions, limit=limit, after=after))).all())


async def matching_ids(session: AsyncSession, conditions: list[ColumnElement[bool]]) -> list[uuid.UUID]:
    return list((await session.scalars(select(Client.id).where(*conditions))).all())


async def status_history(session: AsyncSession, *, client_id: uuid.UUID) -> list[ClientStatusChange]:
    query = (
        select(ClientStatusChange)
        .where(ClientStatusChange.client_id == client_id)
        .order_by(ClientStatusChange.changed_on, ClientStatusChange.recorded_at)
    )
    return list((await session.scalars(query)).all())


async def get_any(session: AsyncSession, *, client_id: uuid.UUID) -> Client | None:
    """A client of any organisation: only for trusted service-to-service questions (consent checks)."""
    return await session.scalar(select(Client).where(Client.id == client_id))


async def status_entries(session: AsyncSession, client_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[StatusEntry]]:
    """The status histories of the given clients (a page or a caseload), for continuity of unemployment."""
    if not client_ids:
        return {}
    rows = await session.execute(
        select(
            ClientStatusChange.client_id,
            ClientStatusChange.status,
            ClientStatusChange.changed_on,
            ClientStatusChange.recorded_at,
        ).where(ClientStatusChange.client_id.in_(client_ids))
    )
    entries: dict[uuid.UUID, list[StatusEntry]] = {client_id: [] for client_id in client_ids}
    for client_id, status, changed_on, recorded_at in rows.all():
        entries[client_id].append(StatusEntry(status=status, changed_on=changed_on, recorded_at=recorded_at))
    return entries


async def names(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    client_ids: list[uuid.UUID],
    visible: ColumnElement[bool] | None,
    statuses: tuple[str, ...] | None,
) -> list[tuple[uuid.UUID, str, str]]:
    """The ids and names of those of ``client_ids`` that are the organisation's, ``visible`` and of ``statuses``
    (None: any): by the primary key, one query."""
    query = select(Client.id, Client.first_names, Client.last_name).where(
        Client.organisation_id == organisation_id, Client.id.in_(client_ids)
    )
    if visible is not None:
        query = query.where(visible)
    if statuses is not None:
        query = query.where(Client.status.in_(statuses))
    return [(row.id, row.first_names, row.last_name) for row in await session.execute(query)]
