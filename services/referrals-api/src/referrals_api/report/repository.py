"""The reports' queries, each the request's one statement (``polku_kit.db.OneStatement``, decision 70) of the
columns it shows, no entity loaded. The network map reads the flows counted by month and by day as referrals are
written (``referral_flow``, referrals_0016) with the authority's organisations and services; fill rates the
acceptances and feedback counted the same way per service (``service_fill``, referrals_0018); response times scan
``ix_referral_sender_sent`` (index-only, referrals_0006), since their percentiles need each referral's minutes."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any
from typing import cast as cast_type

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Date,
    DateTime,
    Integer,
    Row,
    Select,
    Table,
    Text,
    Uuid,
    and_,
    bindparam,
    cast,
    func,
    literal_column,
    null,
    or_,
    select,
    true,
    union_all,
)

from polku_kit.calendar import add_months
from polku_kit.db import OneStatement
from referrals_api.directory.models import Service
from referrals_api.organisation.models import Organisation
from referrals_api.referral.models import Referral, ReferralFlow, ReferralStatus, ServiceFill

_ORGANISATION = cast_type(Table, Organisation.__table__)
_SERVICE = cast_type(Table, Service.__table__)
_REFERRAL = cast_type(Table, Referral.__table__)
_FLOW = cast_type(Table, ReferralFlow.__table__)
_FILL = cast_type(Table, ServiceFill.__table__)
_PROVIDER = and_(
    _ORGANISATION.c.authority_id == _SERVICE.c.authority_id, _ORGANISATION.c.id == _SERVICE.c.organisation_id
)


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


def _in_range(table: Table) -> ColumnElement[bool]:
    """The rows of a table counted by ``period`` and ``starts_on`` that make up the days of :func:`periods`: the
    month rows of the whole months and the day rows of the days before and after them."""
    return or_(
        and_(
            table.c.period == "month",
            table.c.starts_on >= bindparam("month_from"),
            table.c.starts_on < bindparam("month_to"),
        ),
        and_(
            table.c.period == "day",
            table.c.starts_on >= bindparam("from_date"),
            table.c.starts_on < bindparam("month_from"),
        ),
        and_(
            table.c.period == "day", table.c.starts_on >= bindparam("month_to"), table.c.starts_on < bindparam("to_end")
        ),
    )


def _none(type_: Any) -> ColumnElement[Any]:
    return cast(null(), type_)


# The network map of ``authority`` in one statement, rows in this order: its organisations by name (``part`` 1), their
# services by provider and name (2), then the referrals it sent in the range by service, status and outcome (3), read
# from their counts (decision 65).
NETWORK_MAP: CompoundSelect[Any] = union_all(
    select(
        literal_column("1", Integer).label("part"),
        _ORGANISATION.c.id,
        _ORGANISATION.c.name,
        _none(Text).label("name_sv"),
        _none(Text).label("name_en"),
        _ORGANISATION.c.type,
        _none(Uuid).label("organisation_id"),
        _none(Text).label("status"),
        _none(Text).label("outcome"),
        _none(Integer).label("referrals"),
        _ORGANISATION.c.name.label("provider"),
    ).where(_ORGANISATION.c.authority_id == bindparam("authority")),
    select(
        literal_column("2", Integer),
        _SERVICE.c.id,
        _SERVICE.c.name_fi,
        _SERVICE.c.name_sv,
        _SERVICE.c.name_en,
        _none(Text),
        _SERVICE.c.organisation_id,
        _none(Text),
        _none(Text),
        _none(Integer),
        _ORGANISATION.c.name,
    )
    .select_from(_SERVICE.join(_ORGANISATION, _PROVIDER))
    .where(_ORGANISATION.c.authority_id == bindparam("authority")),
    select(
        literal_column("3", Integer),
        _FLOW.c.service_id,
        _none(Text),
        _none(Text),
        _none(Text),
        _none(Text),
        _none(Uuid),
        _FLOW.c.status,
        func.nullif(_FLOW.c.outcome, ""),
        cast(func.sum(_FLOW.c.referrals), Integer),
        _none(Text),
    )
    .where(_FLOW.c.sender_organisation_id == bindparam("authority"), _in_range(_FLOW))
    .group_by(_FLOW.c.service_id, _FLOW.c.status, _FLOW.c.outcome),
).order_by(
    literal_column("part"),
    literal_column("provider"),
    literal_column("name"),
    literal_column("id"),
    literal_column("status"),
    literal_column("outcome"),
)


async def network_map(
    statement: OneStatement, *, authority: uuid.UUID, from_date: date, to_date: date
) -> Sequence[Row[Any]]:
    """Rows of :data:`NETWORK_MAP`: the organisations and services of ``authority``'s network, and the referrals it
    sent from ``from_date`` to ``to_date`` (Helsinki days, inclusive) by service, status and outcome, read from their
    counts by month and by day (:class:`ReferralFlow`): at most a month's days at each end and a count per month
    between, however many referrals the months hold."""
    return (await statement.execute(NETWORK_MAP, {"authority": authority, **periods(from_date, to_date)})).all()


@cache
def fill_rates_query(*, of_provider: bool) -> Select[Any]:
    month = cast(func.date_trunc("month", cast(_FILL.c.starts_on, DateTime)), Date)
    counts = (
        select(
            month.label("month"),
            cast(func.sum(_FILL.c.accepted), Integer).label("accepted"),
            cast(func.sum(_FILL.c.feedback), Integer).label("feedback"),
            cast(func.sum(_FILL.c.feedback_scores), Integer).label("feedback_scores"),
        )
        .where(_FILL.c.service_id == _SERVICE.c.id, _in_range(_FILL))
        .group_by(month)
        .lateral("counts")
    )
    query = select(
        _SERVICE.c.id,
        _SERVICE.c.name_fi,
        _SERVICE.c.organisation_id,
        _SERVICE.c.capacity_period,
        _SERVICE.c.capacity_seats,
        counts.c.month,
        counts.c.accepted,
        counts.c.feedback,
        counts.c.feedback_scores,
    ).select_from(_SERVICE.join(_ORGANISATION, _PROVIDER).outerjoin(counts, true()))
    if of_provider:
        query = query.where(_ORGANISATION.c.id == bindparam("organisation"))
    else:
        query = query.where(_ORGANISATION.c.authority_id == bindparam("authority"))
    return query.order_by(_ORGANISATION.c.name, _SERVICE.c.name_fi, _SERVICE.c.id, counts.c.month)


async def fill_rates(
    statement: OneStatement,
    *,
    authority_id: uuid.UUID | None,
    organisation_id: uuid.UUID | None,
    from_date: date,
    to_date: date,
) -> Sequence[Row[Any]]:
    """The services of ``authority_id``'s network (or those ``organisation_id`` provides, in any network), by provider
    and name, each with a row per month of the range it has counts in (``month``: none at all): the referrals
    accepted on the range's days of that month, and those closed on them with feedback (how many, the scores' sum),
    read from their counts by month and by day (:class:`ServiceFill`)."""
    values: dict[str, object] = dict(periods(from_date, to_date))
    if organisation_id is not None:
        values["organisation"] = organisation_id
    else:
        values["authority"] = authority_id
    return (await statement.execute(fill_rates_query(of_provider=organisation_id is not None), values)).all()


_MINUTES = func.floor(func.extract("epoch", _REFERRAL.c.first_response_at - _REFERRAL.c.sent_at) / 60)
_BUCKETS = (
    select(
        _REFERRAL.c.partner_organisation_id.label("partner"),
        _MINUTES.label("minutes"),
        func.count().label("sent"),
        func.count().filter(_REFERRAL.c.status == ReferralStatus.expired.value).label("expired"),
    )
    .where(
        _REFERRAL.c.sender_organisation_id == bindparam("sender"),
        _REFERRAL.c.sent_at >= bindparam("start"),
        _REFERRAL.c.sent_at < bindparam("end"),
    )
    .group_by(_REFERRAL.c.partner_organisation_id, _MINUTES)
    .subquery("buckets")
)
RESPONSE_TIMES = select(
    _BUCKETS.c.partner, _ORGANISATION.c.name, _BUCKETS.c.minutes, _BUCKETS.c.sent, _BUCKETS.c.expired
).select_from(
    _BUCKETS.outerjoin(
        _ORGANISATION,
        and_(_ORGANISATION.c.authority_id == bindparam("sender"), _ORGANISATION.c.id == _BUCKETS.c.partner),
    )
)


async def response_times(
    statement: OneStatement, *, sender: uuid.UUID, start: datetime, end: datetime
) -> Sequence[Row[Any]]:
    """Per partner (with the name ``sender``'s network knows it by): referrals by whole minutes to the first answer
    (``None``: not answered), each bucket with its count and how many of them expired. A hash aggregate over the
    range; percentiles are read from the buckets (a sort of every row would cost more)."""
    return (await statement.execute(RESPONSE_TIMES, {"sender": sender, "start": start, "end": end})).all()
