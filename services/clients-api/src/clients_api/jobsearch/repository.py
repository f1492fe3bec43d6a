"""Queries of job applications and neglects."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import Client
from clients_api.jobsearch.models import JobApplication, JobSearchNeglect, JobSearchPeriod
from clients_api.timeline.models import TimelineEntry


async def applications(session: AsyncSession, *, client_id: uuid.UUID) -> list[JobApplication]:
    query = (
        select(JobApplication)
        .where(JobApplication.client_id == client_id)
        .order_by(JobApplication.applied_on, JobApplication.reported_at)
    )
    return list((await session.scalars(query)).all())


async def application_from_offer(session: AsyncSession, *, job_offer_id: uuid.UUID) -> JobApplication | None:
    """The application a job offer became, if it has."""
    return await session.scalar(select(JobApplication).where(JobApplication.job_offer_id == job_offer_id))


async def job_offer_made_to(session: AsyncSession, *, client_id: uuid.UUID, job_offer_id: uuid.UUID) -> bool:
    """Whether an event of the job offer (employer-api's ``fi.polku.job_offer.*``) is on the client's timeline."""
    query = (
        select(TimelineEntry.id)
        .where(
            TimelineEntry.client_id == client_id,
            TimelineEntry.type.like("fi.polku.job\\_offer.%"),
            TimelineEntry.data["job_offer_id"].astext == str(job_offer_id),
        )
        .limit(1)
    )
    return await session.scalar(query) is not None


async def neglects(session: AsyncSession, *, client_id: uuid.UUID) -> list[JobSearchNeglect]:
    query = (
        select(JobSearchNeglect)
        .where(JobSearchNeglect.client_id == client_id)
        .order_by(JobSearchNeglect.period_starts_on)
    )
    return list((await session.scalars(query)).all())


async def neglects_between(session: AsyncSession, *, client_id: uuid.UUID, after: date, before: date) -> int:
    """Neglects whose period ended after ``after`` and before ``before``."""
    query = (
        select(func.count())
        .select_from(JobSearchNeglect)
        .where(
            JobSearchNeglect.client_id == client_id,
            JobSearchNeglect.period_ends_on > after,
            JobSearchNeglect.period_ends_on < before,
        )
    )
    return int(await session.scalar(query) or 0)


async def search_periods(session: AsyncSession, *, client_id: uuid.UUID) -> list[JobSearchPeriod]:
    """A client's job-search periods, oldest first."""
    query = select(JobSearchPeriod).where(JobSearchPeriod.client_id == client_id).order_by(JobSearchPeriod.started_on)
    return list((await session.scalars(query)).all())


async def open_search_period(session: AsyncSession, *, client_id: uuid.UUID) -> JobSearchPeriod | None:
    """The client's job-search period that has not ended (at most one)."""
    query = select(JobSearchPeriod).where(JobSearchPeriod.client_id == client_id, JobSearchPeriod.ended_on.is_(None))
    return await session.scalar(query)


async def search_period(
    session: AsyncSession, *, client_id: uuid.UUID, period_id: uuid.UUID, lock: bool = False
) -> JobSearchPeriod | None:
    query = select(JobSearchPeriod).where(JobSearchPeriod.client_id == client_id, JobSearchPeriod.id == period_id)
    if lock:
        query = query.with_for_update()
    return (await session.scalars(query)).one_or_none()


async def lock_client(session: AsyncSession, *, client_id: uuid.UUID) -> None:
    """Take the client's row lock: starting and ending periods of one client take turns."""
    await session.execute(select(Client.id).where(Client.id == client_id).with_for_update())
