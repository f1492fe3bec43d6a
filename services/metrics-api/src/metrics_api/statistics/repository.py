"""Every query of the imported statistics."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import String, cast, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.models import Base
from metrics_api.statistics.models import BudgetLine, ImportBatch, KelaBenefit, LabourForce
from polku_kit.audit import AuditRecord

CHUNK = 1000


async def add_batch(session: AsyncSession, batch: ImportBatch) -> ImportBatch:
    session.add(batch)
    await session.flush()
    return batch


async def upsert(
    session: AsyncSession, model: type[LabourForce | KelaBenefit | BudgetLine], rows: list[dict[str, Any]]
) -> None:
    """Rows replace the organisation's earlier rows of the same key (a newer vintage of the same cell)."""
    table = Base.metadata.tables[model.__tablename__]
    keys = [column.name for column in table.primary_key.columns]
    for start in range(0, len(rows), CHUNK):
        statement = insert(model).values(rows[start : start + CHUNK])
        others = {c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys}
        await session.execute(statement.on_conflict_do_update(index_elements=keys, set_=others))


async def batches(session: AsyncSession, organisation_id: uuid.UUID) -> Sequence[tuple[ImportBatch, str | None]]:
    """The organisation's batches, newest first, each with the importing person's name from its audit record (the
    record of the import's creation, written in the same transaction)."""
    name = (
        select(AuditRecord.details["imported_by_name"].astext)
        .where(
            # the actor's subject first: the audit table's index on it finds the importer's few records
            AuditRecord.actor_subject == ImportBatch.imported_by,
            AuditRecord.resource_type == "statistics_import",
            AuditRecord.action == "create",
            AuditRecord.resource_id == cast(ImportBatch.id, String),
        )
        .limit(1)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(ImportBatch, name)
        .where(ImportBatch.organisation_id == organisation_id)
        .order_by(ImportBatch.imported_at.desc(), ImportBatch.id)
        .limit(200)
    )
    return [(batch, imported_by_name) for batch, imported_by_name in rows]
