"""Queries of the staff employer-api has seen. Every read is scoped in SQL to the caller's organisation."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.staff.models import KnownStaff, Sighting


async def note(session: AsyncSession, sightings: Sequence[Sighting]) -> None:
    """The staff seen, in one statement: a new person inserted, a known one's name, roles and last sighting
    updated (never moved back in time)."""
    statement = insert(KnownStaff).values(
        [
            {
                "organisation_id": sighting.organisation_id,
                "subject": sighting.subject,
                "name": sighting.name,
                "roles": sorted(sighting.roles),
                "first_seen_at": sighting.at,
                "last_seen_at": sighting.at,
            }
            for sighting in sightings
        ]
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[KnownStaff.organisation_id, KnownStaff.subject],
            set_={
                "name": statement.excluded.name,
                "roles": statement.excluded.roles,
                "last_seen_at": statement.excluded.last_seen_at,
            },
            where=KnownStaff.last_seen_at <= statement.excluded.last_seen_at,
        )
    )


async def staff(session: AsyncSession, *, organisation_id: uuid.UUID, role: str | None) -> list[KnownStaff]:
    """The organisation's staff (with ``role`` among their roles, when named)."""
    query = select(KnownStaff).where(KnownStaff.organisation_id == organisation_id)
    if role is not None:
        query = query.where(KnownStaff.roles.contains([role]))
    return list((await session.scalars(query)).all())


async def one(session: AsyncSession, *, organisation_id: uuid.UUID, subject: str) -> KnownStaff | None:
    return await session.get(KnownStaff, (organisation_id, subject))
