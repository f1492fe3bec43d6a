"""Queries of plan versions."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Date, Interval, Select, case, cast, func, literal_column, select, text, true, update
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import JOB_SEEKING_SQL, Client
from clients_api.plan.models import PlanVersion
from clients_api.plan.status import INTERVIEW_AT_MOST_MONTHS, PlanFacts
from clients_api.schedule.models import ClientDeadline
from polku_kit.calendar import local_date


async def lock_client(session: AsyncSession, *, client_id: uuid.UUID) -> None:
    """Serialise plan saves of one client: the second of two concurrent saves waits, then sees the first."""
    await session.execute(select(Client.id).where(Client.id == client_id).with_for_update())


async def current(session: AsyncSession, *, client_id: uuid.UUID) -> PlanVersion | None:
    query = select(PlanVersion).where(PlanVersion.client_id == client_id).order_by(PlanVersion.version.desc()).limit(1)
    return await session.scalar(query)


async def versions(session: AsyncSession, *, client_id: uuid.UUID) -> list[PlanVersion]:
    query = select(PlanVersion).where(PlanVersion.client_id == client_id).order_by(PlanVersion.version)
    return list((await session.scalars(query)).all())


def plan_facts_query(*, organisation_id: uuid.UUID, client_ids: list[uuid.UUID] | None = None) -> Select[Any]:
    """The query behind :func:`plan_facts`. Each client's latest plan version and latest interview held are looked
    up per client (through the (client, version) key and the deadlines' primary key), so the cost follows the
    organisation's clients, not every plan version and deadline in the database."""
    latest = (
        select(
            PlanVersion.created_at,
            PlanVersion.applications_per_period,
            PlanVersion.period_months,
            PlanVersion.obligation_reduction_reason,
        )
        .where(PlanVersion.client_id == Client.id)
        .order_by(PlanVersion.version.desc())
        .limit(1)
        .lateral()
    )
    held = (
        select(func.max(ClientDeadline.held_on))
        .where(
            ClientDeadline.client_id == Client.id,
            ClientDeadline.organisation_id == organisation_id,
            ClientDeadline.held_on.is_not(None),
            ClientDeadline.kind != "employment_plan",
        )
        .correlate(Client)
        .scalar_subquery()
    )
    query = (
        select(
            Client.id,
            latest.c.created_at,
            latest.c.applications_per_period,
            latest.c.period_months,
            latest.c.obligation_reduction_reason,
            held,
        )
        .outerjoin(latest, true())
        .where(Client.organisation_id == organisation_id)
    )
    return query.where(text(JOB_SEEKING_SQL) if client_ids is None else Client.id.in_(client_ids))


async def plan_facts(
    session: AsyncSession, *, organisation_id: uuid.UUID, client_ids: list[uuid.UUID] | None = None
) -> dict[uuid.UUID, PlanFacts]:
    """What the up-to-date status of a plan is computed from (:mod:`clients_api.plan.status`), for the given
    clients of the organisation, or for all its clients in the job search: the latest plan version, and the
    latest mandatory interview held as the stored deadlines of the current job-search period record it."""
    query = plan_facts_query(organisation_id=organisation_id, client_ids=client_ids)
    return {
        row[0]: PlanFacts(
            plan_reviewed_on=None if row[1] is None else local_date(row[1]),
            applications_per_period=row[2],
            period_months=row[3],
            obligation_reduction_reason=row[4],
            latest_mandatory_interview_on=row[5],
        )
        for row in (await session.execute(query)).all()
    }


async def store_up_to_date_until(
    session: AsyncSession, *, client_id: uuid.UUID, reviewed_on: date, obligation_recorded: bool
) -> None:
    """Store :func:`clients_api.plan.status.up_to_date_until` of a plan version just saved (``reviewed_on``) on its
    client, against the latest mandatory interview held as the stored deadlines record it, in one statement."""
    interview = (
        select(func.max(ClientDeadline.held_on))
        .where(
            ClientDeadline.client_id == client_id,
            ClientDeadline.held_on.is_not(None),
            ClientDeadline.kind != "employment_plan",
        )
        .scalar_subquery()
    )
    # PostgreSQL's month arithmetic keeps a shorter month's last day as polku_kit.calendar.add_months does.
    months = literal_column(f"interval '{INTERVIEW_AT_MOST_MONTHS} months'", Interval)
    until = case((interview <= reviewed_on, cast(interview + months, Date))) if obligation_recorded else None
    await session.execute(
        update(Client)
        .where(Client.id == client_id)
        .values(plan_up_to_date_until=until, updated_at=Client.updated_at)
        .execution_options(synchronize_session=False)
    )
