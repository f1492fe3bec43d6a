"""Aggregate queries for the reports. Each is one GROUP BY over an index (see referrals_0006): the network
map and response times scan ``ix_referral_sender_sent`` (index-only), fill rates ``ix_referral_service_accepted``."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Float, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from referrals_api.directory.models import Service
from referrals_api.organisation.models import Organisation
from referrals_api.referral.models import Referral, ReferralStatus

HELSINKI = "Europe/Helsinki"


async def services_of(session: AsyncSession, *, authority_id: uuid.UUID | None,
                      organisation_id: uuid.UUID | None) -> list[tuple[Service, Organisation]]:
    query = select(Service, Organisation).join(Organisation, Organisation.id == Service.organisation_id)
    if authority_id is not None:
        query = query.where(Organisation.authority_id == authority_id)
    if organisation_id is not None:
        query = query.where(Organisation.id == organisation_id)
    rows = await session.execute(query.order_by(Organisation.name, Service.name_fi))
    return [(row[0], row[1]) for row in rows]


async def organisations_of(session: AsyncSession, *, authority_id: uuid.UUID) -> list[Organisation]:
    query = select(Organisation).where(Organisation.authority_id == authority_id).order_by(Organisation.name)
    return list((await session.scalars(query)).all())


async def acceptances(session: AsyncSession, *, service_ids: list[uuid.UUID], start: datetime,
                      end: datetime) -> dict[tuple[uuid.UUID, datetime], int]:
    """Accepted referrals per service and capacity period (the period's start, Helsinki time)."""
    if not service_ids:
        return {}
    period = func.date_trunc(Service.capacity_period, func.timezone(HELSINKI, Referral.accepted_at))
    query = (select(Referral.service_id, period.label("period"), func.count())
             .join(Service, Service.id == Referral.service_id)
             .where(Referral.service_id.in_(service_ids), Referral.accepted_at >= start, Referral.accepted_at < end)
             .group_by(Referral.service_id, period))
    return {(row[0], row[1]): row[2] for row in await session.execute(query)}


async def feedback(session: AsyncSession, *, service_ids: list[uuid.UUID], start: datetime,
                   end: datetime) -> dict[uuid.UUID, tuple[int, float | None]]:
    if not service_ids:
        return {}
    query = (select(Referral.service_id, func.count(Referral.feedback_score),
                    func.avg(cast(Referral.feedback_score, Float)))
             .where(Referral.service_id.in_(service_ids), Referral.closed_at >= start, Referral.closed_at < end,
                    Referral.feedback_score.is_not(None))
             .group_by(Referral.service_id))
    return {row[0]: (row[1], row[2]) for row in await session.execute(query)}


async def response_times(session: AsyncSession, *, sender: uuid.UUID, start: datetime,
                         end: datetime) -> list[tuple[uuid.UUID, int, int, int, float | None, float | None]]:
    seconds = func.extract("epoch", Referral.first_response_at - Referral.sent_at)
    query = (select(Referral.partner_organisation_id, func.count(), func.count(Referral.first_response_at),
                    func.count().filter(Referral.status == ReferralStatus.expired.value),
                    func.percentile_cont(0.5).within_group(seconds),
                    func.percentile_cont(0.9).within_group(seconds))
             .where(Referral.sender_organisation_id == sender, Referral.sent_at >= start, Referral.sent_at < end)
             .group_by(Referral.partner_organisation_id))
    return [(row[0], row[1], row[2], row[3], row[4], row[5]) for row in await session.execute(query)]


async def flows(session: AsyncSession, *, sender: uuid.UUID, start: datetime,
                end: datetime) -> list[tuple[uuid.UUID, str, str | None, int]]:
    """Referrals sent in the period by service, status and outcome."""
    query = (select(Referral.service_id, Referral.status, Referral.outcome, func.count())
             .where(Referral.sender_organisation_id == sender, Referral.sent_at >= start, Referral.sent_at < end)
             .group_by(Referral.service_id, Referral.status, Referral.outcome))
    return [(row[0], row[1], row[2], row[3]) for row in await session.execute(query)]
