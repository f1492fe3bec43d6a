"""Every query of the imported statistics."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.models import Base
from metrics_api.statistics.models import BudgetLine, ImportBatch, KelaBenefit, LabourForce

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


async def batches(session: AsyncSession, organisation_id: uuid.UUID) -> Sequence[ImportBatch]:
    return (
        await session.scalars(
            select(ImportBatch)
            .where(ImportBatch.organisation_id == organisation_id)
            .order_by(ImportBatch.imported_at.desc(), ImportBatch.id)
            .limit(200)
        )
    ).all()
