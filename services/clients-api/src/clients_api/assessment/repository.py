"""Queries of assessments and their special-category notes."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.assessment.models import AssessmentVersion, SpecialCategoryNote
from clients_api.client.models import Client


async def lock_client(session: AsyncSession, *, client_id: uuid.UUID) -> None:
    """Serialise assessment saves of one client: the second of two concurrent saves waits, then sees the first."""
    await session.execute(select(Client.id).where(Client.id == client_id).with_for_update())


async def current(session: AsyncSession, *, client_id: uuid.UUID) -> AssessmentVersion | None:
    query = (
        select(AssessmentVersion)
        .where(AssessmentVersion.client_id == client_id)
        .order_by(AssessmentVersion.version.desc())
        .limit(1)
    )
    return await session.scalar(query)


async def current_for_clients(
    session: AsyncSession, *, client_ids: list[uuid.UUID]
) -> dict[uuid.UUID, AssessmentVersion]:
    """The newest assessment of each client (for lists and target groups)."""
    if not client_ids:
        return {}
    query = (
        select(AssessmentVersion)
        .where(AssessmentVersion.client_id.in_(client_ids))
        .ext(distinct_on(AssessmentVersion.client_id))
        .order_by(AssessmentVersion.client_id, AssessmentVersion.version.desc())
    )
    return {row.client_id: row for row in (await session.scalars(query)).all()}


async def versions(session: AsyncSession, *, client_id: uuid.UUID) -> list[AssessmentVersion]:
    query = (
        select(AssessmentVersion).where(AssessmentVersion.client_id == client_id).order_by(AssessmentVersion.version)
    )
    return list((await session.scalars(query)).all())


async def current_note(session: AsyncSession, *, client_id: uuid.UUID) -> SpecialCategoryNote | None:
    query = (
        select(SpecialCategoryNote)
        .where(SpecialCategoryNote.client_id == client_id)
        .order_by(SpecialCategoryNote.recorded_at.desc(), SpecialCategoryNote.assessment_version.desc())
        .limit(1)
    )
    return await session.scalar(query)
