"""Every query of the schedule: interviews held, and the caseload whose deadlines a due list shows."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import Client, ClientStatus
from clients_api.schedule.models import DeadlineWaiver, Interview


async def interviews(session: AsyncSession, *, client_id: uuid.UUID) -> list[Interview]:
    query = select(Interview).where(Interview.client_id == client_id).order_by(Interview.held_on)
    return list((await session.scalars(query)).all())


async def caseload(
    session: AsyncSession, *, organisation_id: uuid.UUID, coach_subject: str | None
) -> list[Client]:
    """Clients in the job search (unemployed or in an activating service), of one coach or of all."""
    query = select(Client).where(
        Client.organisation_id == organisation_id,
        Client.status.in_([ClientStatus.unemployed.value, ClientStatus.in_activating_service.value]),
    )
    if coach_subject is not None:
        query = query.where(Client.coach_subject == coach_subject)
    return list((await session.scalars(query)).all())


async def interview_days(session: AsyncSession, client_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[date]]:
    if not client_ids:
        return {}
    rows = await session.execute(
        select(Interview.client_id, Interview.held_on).where(
            Interview.client_id.in_(client_ids), Interview.cancelled_at.is_(None)
        )
    )
    held: dict[uuid.UUID, list[date]] = {}
    for client_id, held_on in rows.all():
        held.setdefault(client_id, []).append(held_on)
    return held


async def interview(session: AsyncSession, *, client_id: uuid.UUID, interview_id: uuid.UUID) -> Interview | None:
    return await session.scalar(select(Interview).where(Interview.id == interview_id, Interview.client_id == client_id))


async def waivers(session: AsyncSession, *, client_id: uuid.UUID) -> list[DeadlineWaiver]:
    query = select(DeadlineWaiver).where(DeadlineWaiver.client_id == client_id).order_by(DeadlineWaiver.waived_at)
    return list((await session.scalars(query)).all())


async def waivers_for_clients(
    session: AsyncSession, client_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[DeadlineWaiver]]:
    if not client_ids:
        return {}
    found: dict[uuid.UUID, list[DeadlineWaiver]] = {}
    for row in (await session.scalars(select(DeadlineWaiver).where(DeadlineWaiver.client_id.in_(client_ids)))).all():
        found.setdefault(row.client_id, []).append(row)
    return found
