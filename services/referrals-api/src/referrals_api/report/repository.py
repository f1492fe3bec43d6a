"""Aggregate queries for the reports. Each is one GROUP BY over an index: response times scan
``ix_referral_sender_sent`` (index-only, referrals_0006), fill rates ``ix_referral_service_accepted``; the network map
reads the flows counted by month and by day as referrals are written (``referral_flow``, referrals_0016)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import cast as cast_type

from sqlalchemy import Float, Table, and_, bindparam, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.calendar import add_months
from referrals_api.directory.models import Service
from referrals_api.organisation.models import Organisation
from referrals_api.referral.models import Referral, ReferralFlow, ReferralStatus

HELSINKI = "Europe/Helsinki"


async def services_of(
    session: AsyncSession, *, authority_id: uuid.UUID | None, organisation_id: uuid.UUID | None
) -> list[tuple[Service, Organisation]]:
    query = select(Service, Organisation).join(
        Organisation,
        and_(Organisation.authority_id == Service.authority_id, Organisation.id == Service.organisation_id),
    )
    if authority_id is not None:
        query = query.where(Organisation.authority_id == authority_id)
    if organisation_id is not None:
        query = query.where(Organisation.id == organisation_id)
    rows = await session.execute(query.order_by(Organisation.name, Service.name_fi))
    return [(row[0], row[1]) for row in rows]


async def organisations_of(session: AsyncSession, *, authority_id: uuid.UUID) -> list[Organisation]:
    query = select(Organisation).where(Organisation.authority_id == authority_id).order_by(Organisation.name)
    return list((await session.scalars(query)).all())


async def acceptances(
    session: AsyncSession, *, service_ids: list[uuid.UUID], start: datetime, end: datetime
) -> dict[tuple[uuid.UUID, date], int]:
    """Accepted referrals per service and month (Helsinki time); quarters and years are sums of months."""
    if not service_ids:
        return {}
    month = func.date_trunc("month", func.timezone(HELSINKI, Referral.accepted_at))
    query = (
        select(Referral.service_id, month.label("month"), func.count())
        .where(Referral.service_id.in_(service_ids), Referral.accepted_at >= start, Referral.accepted_at < end)
        .group_by(Referral.service_id, month)
    )
    return {(row[0], row[1].date()): row[2] for row in await session.execute(query)}


async def feedback(
    session: AsyncSession, *, service_ids: list[uuid.UUID], start: datetime, end: datetime
) -> dict[uuid.UUID, tuple[int, float | None]]:
    if not service_ids:
        return {}
    query = (
        select(Referral.service_id, func.count(Referral.feedback_score), func.avg(cast(Referral.feedback_score, Float)))
        .where(
            Referral.service_id.in_(service_ids),
            Referral.closed_at >= start,
            Referral.closed_at < end,
            Referral.feedback_score.is_not(None),
        )
        .group_by(Referral.service_id)
    )
    return {row[0]: (row[1], row[2]) for row in await session.execute(query)}


async def response_times(
    session: AsyncSession, *, sender: uuid.UUID, start: datetime, end: datetime
) -> dict[uuid.UUID, dict[int | None, tuple[int, int]]]:
    """Per partner: referrals by minutes to the first answer (``None``: not answered), each bucket with its
    count and how many of them expired. A hash aggregate over the range; percentiles are read from the
    buckets (a sort of every row would cost more)."""
    minutes = func.floor(func.extract("epoch", Referral.first_response_at - Referral.sent_at) / 60)
    query = (
        select(
            Referral.partner_organisation_id,
            minutes,
            func.count(),
            func.count().filter(Referral.status == ReferralStatus.expired.value),
        )
        .where(Referral.sender_organisation_id == sender, Referral.sent_at >= start, Referral.sent_at < end)
        .group_by(Referral.partner_organisation_id, minutes)
    )
    result: dict[uuid.UUID, dict[int | None, tuple[int, int]]] = {}
    for partner, bucket, count, expired in await session.execute(query):
        result.setdefault(partner, {})[None if bucket is None else int(bucket)] = (count, expired)
    return result


def periods(from_date: date, to_date: date) -> dict[str, date]:
    """The days from ``from_date`` to ``to_date`` (inclusive) as :class:`ReferralFlow`'s periods: the whole months
    among them (``month_from`` to ``month_to``, exclusive) and the days before and after those (``from_date`` to
    ``month_from`` and ``month_to`` to ``to_end``, exclusive). Without a whole month, every day is a day."""
    month_from = from_date if from_date.day == 1 else add_months(from_date.replace(day=1), 1)
    to_end = to_date + timedelta(days=1)
    month_to = to_end.replace(day=1)
    if month_from >= month_to:
        month_from = month_to = to_end
    return {"from_date": from_date, "month_from": month_from, "month_to": month_to, "to_end": to_end}


_FLOW = cast_type(Table, ReferralFlow.__table__)
FLOWS = (
    select(_FLOW.c.service_id, _FLOW.c.status, func.nullif(_FLOW.c.outcome, ""), func.sum(_FLOW.c.referrals))
    .where(
        _FLOW.c.sender_organisation_id == bindparam("sender"),
        or_(
            and_(
                _FLOW.c.period == "month",
                _FLOW.c.starts_on >= bindparam("month_from"),
                _FLOW.c.starts_on < bindparam("month_to"),
            ),
            and_(
                _FLOW.c.period == "day",
                _FLOW.c.starts_on >= bindparam("from_date"),
                _FLOW.c.starts_on < bindparam("month_from"),
            ),
            and_(
                _FLOW.c.period == "day",
                _FLOW.c.starts_on >= bindparam("month_to"),
                _FLOW.c.starts_on < bindparam("to_end"),
            ),
        ),
    )
    .group_by(_FLOW.c.service_id, _FLOW.c.status, _FLOW.c.outcome)
)


async def flows(
    session: AsyncSession, *, sender: uuid.UUID, from_date: date, to_date: date
) -> list[tuple[uuid.UUID, str, str | None, int]]:
    """Referrals sent from ``from_date`` to ``to_date`` (Helsinki days, inclusive) by service, status and outcome,
    read from their counts by month and by day (:class:`ReferralFlow`, decision 65): at most a month's days at each
    end and a count per month between, however many referrals the months hold."""
    rows = await session.execute(FLOWS, {"sender": sender, **periods(from_date, to_date)})
    return [(row[0], row[1], row[2], int(row[3])) for row in rows]
