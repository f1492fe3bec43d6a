"""Queries of the access export: one person's rows of one authority (the officer's), scoped in SQL."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Table, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.models import Base
from polku_kit.audit import AuditRecord

# Table → its column naming the authority; each is read for the rows naming the person.
TABLES = {
    "candidate_profile": "organisation_id",
    "candidate_episode": "organisation_id",
    "job_offer": "authority_id",
    "introduction": "authority_id",
    "support": "authority_id",
}
ORDER = {"candidate_profile": ("client_id",), "candidate_episode": ("starts_on", "episode_id")}


def table(name: str) -> Table:
    return Base.metadata.tables[name]


async def rows_naming(
    session: AsyncSession, *, organisation_id: uuid.UUID, client_id: uuid.UUID
) -> dict[str, list[Any]]:
    """The candidate profile and the episodes it was made of, the job offers, introductions and supports of the
    authority naming the client, oldest first."""
    found: dict[str, list[Any]] = {}
    for name, authority in TABLES.items():
        rows = table(name)
        order = ORDER.get(name, ("created_at", "id"))
        query = (
            select(rows)
            .where(rows.c.client_id == client_id, rows.c[authority] == organisation_id)
            .order_by(*(rows.c[column] for column in order))
        )
        found[name] = list(await session.execute(query))
    return found


async def audit_records(
    session: AsyncSession, *, organisation_id: uuid.UUID, client_id: uuid.UUID, resource_ids: list[str]
) -> list[AuditRecord]:
    query = (
        select(AuditRecord)
        .where(
            AuditRecord.data_subject_id == client_id,
            or_(AuditRecord.actor_organisation_id == organisation_id, AuditRecord.resource_id.in_(resource_ids)),
        )
        .order_by(AuditRecord.occurred_at, AuditRecord.id)
    )
    return list((await session.scalars(query)).all())
