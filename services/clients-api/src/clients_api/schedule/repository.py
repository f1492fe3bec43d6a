"""Every query of the schedule: interviews held, the caseload whose deadlines a due list shows, and the job seekers
and notices of the overdue announcer."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Select, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import JOB_SEEKING_SQL, Client, ClientStatus
from clients_api.schedule.models import DeadlineWaiver, Interview, OverdueNotice

# Rows per INSERT of overdue notices (six parameters a row, well under PostgreSQL's 32,767).
NOTICE_ROWS_PER_STATEMENT = 1000


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


async def organisation_after(session: AsyncSession, after: uuid.UUID | None) -> uuid.UUID | None:
    """The next organisation (in id order) that has clients: one probe of the client index per organisation,
    however many clients each has."""
    query = select(Client.organisation_id)
    if after is not None:
        query = query.where(Client.organisation_id > after)
    return await session.scalar(query.order_by(Client.organisation_id).limit(1))


def job_seekers_query(
    *, organisation_id: uuid.UUID, after: uuid.UUID | None, limit: int
) -> Select[tuple[uuid.UUID, date]]:
    """One keyset page of an organisation's clients in the job search (id order), read through the partial index
    ``ix_client_job_seekers``, never the whole client table."""
    query = select(Client.id, Client.job_search_started_on).where(
        Client.organisation_id == organisation_id, text(f"client.{JOB_SEEKING_SQL}")
    )
    if after is not None:
        query = query.where(Client.id > after)
    return query.order_by(Client.id).limit(limit)


async def job_seekers(
    session: AsyncSession, *, organisation_id: uuid.UUID, after: uuid.UUID | None, limit: int
) -> list[tuple[uuid.UUID, date]]:
    rows = await session.execute(job_seekers_query(organisation_id=organisation_id, after=after, limit=limit))
    return [(client_id, started) for client_id, started in rows.all()]


async def remember_overdue(session: AsyncSession, rows: list[dict[str, Any]]) -> set[tuple[uuid.UUID, str, int]]:
    """Remember deadlines as announced; returns the (client, kind, number) not remembered before. Another run
    inserting the same deadline at the same moment waits on the unique key and then inserts nothing, so each
    deadline is returned to one run only. Rows go in key order, so two runs never wait on each other in a cycle."""
    rows = sorted(rows, key=lambda row: (row["client_id"], row["kind"], row["number"]))
    new: set[tuple[uuid.UUID, str, int]] = set()
    for start in range(0, len(rows), NOTICE_ROWS_PER_STATEMENT):
        statement = (
            insert(OverdueNotice)
            .values(rows[start:start + NOTICE_ROWS_PER_STATEMENT])
            .on_conflict_do_nothing(index_elements=["client_id", "kind", "number"])
            .returning(OverdueNotice.client_id, OverdueNotice.kind, OverdueNotice.number)
        )
        new.update((client_id, kind, number) for client_id, kind, number in (await session.execute(statement)).all())
    return new
