from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import Client
from clients_api.kela.models import CountSource, KelaImport, KelaImportRow, SubsidyDayCount

BATCH = 1000


async def get(session: AsyncSession, *, client_id: uuid.UUID, for_update: bool = False) -> SubsidyDayCount | None:
    query = select(SubsidyDayCount).where(SubsidyDayCount.client_id == client_id)
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def for_clients(session: AsyncSession, client_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, SubsidyDayCount]:
    if not client_ids:
        return {}
    rows = await session.scalars(select(SubsidyDayCount).where(SubsidyDayCount.client_id.in_(client_ids)))
    return {row.client_id: row for row in rows}


async def clients_by_identity_hash(
    session: AsyncSession, *, organisation_id: uuid.UUID, hashes: Sequence[str]
) -> dict[str, uuid.UUID]:
    """The organisation's clients among these identity-code hashes, read in batches."""
    found: dict[str, uuid.UUID] = {}
    for start in range(0, len(hashes), BATCH):
        rows = await session.execute(
            select(Client.identity_code_hash, Client.id).where(
                Client.organisation_id == organisation_id, Client.identity_code_hash.in_(hashes[start : start + BATCH])
            )
        )
        found.update({identity_hash: client_id for identity_hash, client_id in rows})
    return found


async def import_counts(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    import_id: uuid.UUID,
    recorded_by: str,
    counts: Sequence[tuple[uuid.UUID, int, date]],
) -> list[uuid.UUID]:
    """Upsert ``(client_id, days, counted_on)``; a count older than the one held is left as it is. The clients
    whose count changed."""
    changed: list[uuid.UUID] = []
    for start in range(0, len(counts), BATCH):
        statement = insert(SubsidyDayCount).values(
            [
                {
                    "client_id": client_id,
                    "organisation_id": organisation_id,
                    "days": days,
                    "counted_on": counted_on,
                    "source": CountSource.kela_import,
                    "import_id": import_id,
                    "recorded_by": recorded_by,
                    "version": 1,
                }
                for client_id, days, counted_on in counts[start : start + BATCH]
            ]
        )
        upsert = statement.on_conflict_do_update(
            index_elements=[SubsidyDayCount.client_id],
            set_={
                "days": statement.excluded.days,
                "counted_on": statement.excluded.counted_on,
                "source": statement.excluded.source,
                "import_id": statement.excluded.import_id,
                "recorded_by": statement.excluded.recorded_by,
                "version": SubsidyDayCount.version + 1,
                "updated_at": func.now(),
            },
            where=SubsidyDayCount.counted_on <= statement.excluded.counted_on,
        ).returning(SubsidyDayCount.client_id)
        changed.extend((await session.scalars(upsert)).all())
    return changed


async def upload(
    session: AsyncSession, *, organisation_id: uuid.UUID, upload_id: uuid.UUID, for_update: bool = False
) -> KelaImport | None:
    query = select(KelaImport).where(KelaImport.organisation_id == organisation_id, KelaImport.id == upload_id)
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


@dataclass(frozen=True)
class Staged:
    rows: frozenset[int]
    clients: dict[uuid.UUID, int]  # client -> the row that named them


async def staged_among(
    session: AsyncSession, *, import_id: uuid.UUID, rows: Sequence[int], client_ids: Sequence[uuid.UUID]
) -> Staged:
    """The rows of earlier parts with one of these row numbers or clients."""
    found_rows: set[int] = set()
    clients: dict[uuid.UUID, int] = {}
    for start in range(0, max(len(rows), len(client_ids)), BATCH):
        result = await session.execute(
            select(KelaImportRow.row, KelaImportRow.client_id).where(
                KelaImportRow.import_id == import_id,
                or_(
                    KelaImportRow.row.in_(rows[start : start + BATCH]),
                    KelaImportRow.client_id.in_(client_ids[start : start + BATCH]),
                ),
            )
        )
        for row, client_id in result:
            found_rows.add(row)
            clients[client_id] = row
    return Staged(rows=frozenset(found_rows & set(rows)), clients=clients)


async def stage(
    session: AsyncSession, *, import_id: uuid.UUID, rows: Sequence[tuple[int, uuid.UUID, int, date]]
) -> None:
    for start in range(0, len(rows), BATCH):
        await session.execute(
            insert(KelaImportRow).values(
                [
                    {"import_id": import_id, "row": row, "client_id": client_id, "days": days, "counted_on": day}
                    for row, client_id, days, day in rows[start : start + BATCH]
                ]
            )
        )


async def staged(session: AsyncSession, *, import_id: uuid.UUID) -> list[tuple[uuid.UUID, int, date]]:
    result = await session.execute(
        select(KelaImportRow.client_id, KelaImportRow.days, KelaImportRow.counted_on)
        .where(KelaImportRow.import_id == import_id)
        .order_by(KelaImportRow.row)
    )
    return [(client_id, days, day) for client_id, days, day in result]


async def clear_staged(session: AsyncSession, *, import_id: uuid.UUID) -> None:
    await session.execute(delete(KelaImportRow).where(KelaImportRow.import_id == import_id))
