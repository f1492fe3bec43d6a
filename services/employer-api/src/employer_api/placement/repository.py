"""Queries of job offers and introductions, scoped in SQL to the caller's authority."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.placement.models import Introduction, IntroductionStatus, JobOffer, OfferStatus


async def add(session: AsyncSession, row: JobOffer | Introduction, constraint: str) -> bool:
    """Insert; False when ``constraint`` (an open offer, an introduction of the same pair) already holds one."""
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError as exc:
        if getattr(getattr(exc.orig, "__cause__", None), "constraint_name", None) != constraint:
            raise
        return False
    return True


async def offer(session: AsyncSession, *, authority_id: uuid.UUID, offer_id: uuid.UUID) -> JobOffer | None:
    return await session.scalar(select(JobOffer).where(JobOffer.authority_id == authority_id, JobOffer.id == offer_id))


async def open_offer(session: AsyncSession, *, vacancy_id: uuid.UUID, client_id: uuid.UUID) -> JobOffer | None:
    return await session.scalar(
        select(JobOffer).where(
            JobOffer.vacancy_id == vacancy_id, JobOffer.client_id == client_id, JobOffer.status == OfferStatus.sent
        )
    )


async def offers(
    session: AsyncSession,
    *,
    authority_id: uuid.UUID,
    client_id: uuid.UUID | None,
    vacancy_id: uuid.UUID | None,
    status: OfferStatus | None,
    limit: int,
) -> list[JobOffer]:
    query = select(JobOffer).where(JobOffer.authority_id == authority_id)
    if client_id is not None:
        query = query.where(JobOffer.client_id == client_id)
    if vacancy_id is not None:
        query = query.where(JobOffer.vacancy_id == vacancy_id)
    if status is not None:
        query = query.where(JobOffer.status == status)
    return list((await session.scalars(query.order_by(JobOffer.created_at.desc(), JobOffer.id).limit(limit))).all())


async def introduction(
    session: AsyncSession, *, authority_id: uuid.UUID, introduction_id: uuid.UUID
) -> Introduction | None:
    return await session.scalar(
        select(Introduction).where(Introduction.authority_id == authority_id, Introduction.id == introduction_id)
    )


async def same_introduction(
    session: AsyncSession, *, vacancy_id: uuid.UUID, client_id: uuid.UUID
) -> Introduction | None:
    return await session.scalar(
        select(Introduction).where(Introduction.vacancy_id == vacancy_id, Introduction.client_id == client_id)
    )


async def introductions(
    session: AsyncSession,
    *,
    authority_id: uuid.UUID,
    client_id: uuid.UUID | None,
    vacancy_id: uuid.UUID | None,
    status: IntroductionStatus | None,
    limit: int,
) -> list[Introduction]:
    query = select(Introduction).where(Introduction.authority_id == authority_id)
    if client_id is not None:
        query = query.where(Introduction.client_id == client_id)
    if vacancy_id is not None:
        query = query.where(Introduction.vacancy_id == vacancy_id)
    if status is not None:
        query = query.where(Introduction.status == status)
    query = query.order_by(Introduction.created_at.desc(), Introduction.id).limit(limit)
    return list((await session.scalars(query)).all())
