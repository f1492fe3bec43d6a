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
    BigInteger,
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
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import JSONB

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


# The flows of the range summed by service and status and by service and outcome (``by_outcome`` 1) in one pass over
# their counts (decision 65).
_COUNTED = (
    select(
        _FLOW.c.service_id,
        _FLOW.c.status,
        _FLOW.c.outcome,
        cast(func.sum(_FLOW.c.referrals), Integer).label("referrals"),
        func.grouping(_FLOW.c.status).label("by_outcome"),
    )
    .where(_FLOW.c.sender_organisation_id == bindparam("authority"), _in_range(_FLOW))
    .group_by(
        func.grouping_sets(tuple_(_FLOW.c.service_id, _FLOW.c.status), tuple_(_FLOW.c.service_id, _FLOW.c.outcome))
    )
    .subquery("counted")
)
_BY_STATUS = _COUNTED.c.by_outcome == 0
_BY_OUTCOME = and_(_COUNTED.c.by_outcome == 1, _COUNTED.c.outcome != "")

ORGANISATION_ROW, SERVICE_ROW, FLOW_ROW = 1, 2, 3  # the network map's parts

# The network map of ``authority`` in one statement, rows in this order: its organisations by name (``part`` 1), their
# services by provider and name (2), then per service the referrals it sent in the range, in all and by status and by
# outcome as JSON objects (3), so that a row comes back per service, not per service, status and outcome.
NETWORK_MAP: CompoundSelect[Any] = union_all(
    select(
        literal_column(str(ORGANISATION_ROW), Integer).label("part"),
        _ORGANISATION.c.id,
        _ORGANISATION.c.name,
        _none(Text).label("name_sv"),
        _none(Text).label("name_en"),
        _ORGANISATION.c.type,
        _none(Uuid).label("organisation_id"),
        _none(Integer).label("referrals"),
        _none(JSONB).label("by_status"),
        _none(JSONB).label("outcomes"),
        _ORGANISATION.c.name.label("provider"),
    ).where(_ORGANISATION.c.authority_id == bindparam("authority")),
    select(
        literal_column(str(SERVICE_ROW), Integer),
        _SERVICE.c.id,
        _SERVICE.c.name_fi,
        _SERVICE.c.name_sv,
        _SERVICE.c.name_en,
        _none(Text),
        _SERVICE.c.organisation_id,
        _none(Integer),
        _none(JSONB),
        _none(JSONB),
        _ORGANISATION.c.name,
    )
    .select_from(_SERVICE.join(_ORGANISATION, _PROVIDER))
    .where(_ORGANISATION.c.authority_id == bindparam("authority")),
    select(
        literal_column(str(FLOW_ROW), Integer),
        _COUNTED.c.service_id,
        _none(Text),
        _none(Text),
        _none(Text),
        _none(Text),
        _none(Uuid),
        cast(func.sum(_COUNTED.c.referrals).filter(_BY_STATUS), Integer),
        func.jsonb_object_agg(_COUNTED.c.status, _COUNTED.c.referrals).filter(_BY_STATUS),
        func.coalesce(
            func.jsonb_object_agg(_COUNTED.c.outcome, _COUNTED.c.referrals).filter(_BY_OUTCOME),
            literal_column("'{}'::jsonb", JSONB),
        ),
        _none(Text),
    ).group_by(_COUNTED.c.service_id),
).order_by(literal_column("part"), literal_column("provider"), literal_column("name"), literal_column("id"))


async def network_map(
    statement: OneStatement, *, authority: uuid.UUID, from_date: date, to_date: date
) -> Sequence[Row[Any]]:
    """Rows of :data:`NETWORK_MAP`: the organisations and services of ``authority``'s network, and the referrals it
    sent from ``from_date`` to ``to_date`` (Helsinki days, inclusive) per service, by status and by outcome, read from
    their counts by month and by day (:class:`ReferralFlow`): at most a month's days at each end and a count per month
    between, however many referrals the months hold."""
    return (await statement.execute(NETWORK_MAP, {"authority": authority, **periods(from_date, to_date)})).all()


@cache
def fill_rates_query(*, of_provider: bool) -> Select[Any]:
    month = cast(func.date_trunc("month", cast(_FILL.c.starts_on, DateTime)), Date)
    by_month = (
        select(
            month.label("month"),
            func.sum(_FILL.c.accepted).label("accepted"),
            func.sum(_FILL.c.feedback).label("feedback"),
            func.sum(_FILL.c.feedback_scores).label("feedback_scores"),
        )
        .where(_FILL.c.service_id == _SERVICE.c.id, _in_range(_FILL))
        .group_by(month)
        .correlate(_SERVICE)
        .lateral("by_month")
    )
    # One row per service: its acceptances as a JSON object by month (``"2026-03-01": 4``, months without any left
    # out) and its feedback in the range.
    counts = select(
        func.coalesce(
            func.jsonb_object_agg(by_month.c.month, cast(by_month.c.accepted, Integer)).filter(
                by_month.c.accepted != 0
            ),
            literal_column("'{}'::jsonb", JSONB),
        ).label("accepted"),
        cast(func.coalesce(func.sum(by_month.c.feedback), 0), Integer).label("feedback"),
        cast(func.coalesce(func.sum(by_month.c.feedback_scores), 0), Integer).label("feedback_scores"),
    ).lateral("counts")
    query = select(
        _SERVICE.c.id,
        _SERVICE.c.name_fi,
        _SERVICE.c.organisation_id,
        _SERVICE.c.capacity_period,
        _SERVICE.c.capacity_seats,
        counts.c.accepted,
        counts.c.feedback,
        counts.c.feedback_scores,
    ).select_from(_SERVICE.join(_ORGANISATION, _PROVIDER).join(counts, true()))
    if of_provider:
        query = query.where(_ORGANISATION.c.id == bindparam("organisation"))
    else:
        query = query.where(_ORGANISATION.c.authority_id == bindparam("authority"))
    return query.order_by(_ORGANISATION.c.name, _SERVICE.c.name_fi, _SERVICE.c.id)


async def fill_rates(
    statement: OneStatement,
    *,
    authority_id: uuid.UUID | None,
    organisation_id: uuid.UUID | None,
    from_date: date,
    to_date: date,
) -> Sequence[Row[Any]]:
    """The services of ``authority_id``'s network (or those ``organisation_id`` provides, in any network), by provider
    and name, a row each: the referrals accepted on the range's days by month (``accepted``, ``{"2026-03-01": 4}``),
    and those closed on them with feedback (how many, the scores' sum), read from their counts by month and by day
    (:class:`ServiceFill`)."""
    values: dict[str, object] = dict(periods(from_date, to_date))
    if organisation_id is not None:
        values["organisation"] = organisation_id
    else:
        values["authority"] = authority_id
    return (await statement.execute(fill_rates_query(of_provider=organisation_id is not None), values)).all()


_MINUTES = func.floor(func.extract("epoch", _REFERRAL.c.first_response_at - _REFERRAL.c.sent_at) / 60)
# Per partner, the referrals sent in the range by whole minutes to the first answer (``None``: not answered): a hash
# aggregate over the index (a sort of every row would cost more).
_BUCKETS = (
    select(
        _REFERRAL.c.partner_organisation_id.label("partner"),
        cast(_MINUTES, Integer).label("minutes"),
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
_ANSWERED = _BUCKETS.c.minutes.is_not(None)
# Each bucket with the answered referrals up to and including it (``upto``) and the partner's answered in all.
# (``count`` is a bigint, so the sums are cast back from numeric: the comparisons below are then of integers.)
_RANKED = select(
    _BUCKETS,
    cast(
        func.sum(_BUCKETS.c.sent).filter(_ANSWERED).over(partition_by=_BUCKETS.c.partner, order_by=_BUCKETS.c.minutes),
        BigInteger,
    ).label("upto"),
    cast(func.sum(_BUCKETS.c.sent).filter(_ANSWERED).over(partition_by=_BUCKETS.c.partner), BigInteger).label(
        "answered"
    ),
).subquery("ranked")
# The fractions of the report's percentiles: the median and the 90th.
FRACTIONS = (0.5, 0.9)


def _at_rank(rank: ColumnElement[Any]) -> ColumnElement[Any]:
    """The minutes of the answered referral at ``rank`` (0: the quickest) in the partner's order."""
    return func.min(_RANKED.c.minutes).filter(_RANKED.c.upto > rank)


def _percentile_ranks(fraction: float) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """PostgreSQL's ``percentile_cont``: the value at ``fraction × (answered - 1)`` interpolated between the ranks on
    either side of it; these are the minutes at those two ranks."""
    low = func.floor(fraction * (_RANKED.c.answered - 1))
    return _at_rank(low).label(f"p{int(fraction * 100)}_low"), _at_rank(low + 1).label(f"p{int(fraction * 100)}_high")


_PER_PARTNER = (
    select(
        _RANKED.c.partner,
        cast(func.sum(_RANKED.c.sent), Integer).label("sent"),
        cast(func.coalesce(func.max(_RANKED.c.answered), 0), Integer).label("answered"),
        cast(func.sum(_RANKED.c.expired), Integer).label("expired"),
        *(column for fraction in FRACTIONS for column in _percentile_ranks(fraction)),
    )
    .group_by(_RANKED.c.partner)
    .subquery("per_partner")
)
RESPONSE_TIMES = select(_PER_PARTNER, _ORGANISATION.c.name).select_from(
    _PER_PARTNER.outerjoin(
        _ORGANISATION,
        and_(_ORGANISATION.c.authority_id == bindparam("sender"), _ORGANISATION.c.id == _PER_PARTNER.c.partner),
    )
)


async def response_times(
    statement: OneStatement, *, sender: uuid.UUID, start: datetime, end: datetime
) -> Sequence[Row[Any]]:
    """Per partner (with the name ``sender``'s network knows it by): the referrals sent in the range, how many were
    answered and how many expired, and for each of :data:`FRACTIONS` the whole minutes to the first answer at the two
    ranks its percentile lies between (``p50_low``, ``p50_high``, ``p90_low``, ``p90_high``; ``None`` without
    answers). The percentiles are computed over the buckets in PostgreSQL: one row per partner comes back."""
    return (await statement.execute(RESPONSE_TIMES, {"sender": sender, "start": start, "end": end})).all()
