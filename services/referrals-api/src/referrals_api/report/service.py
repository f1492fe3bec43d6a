"""Reports on the network: capacity and fill rate (*täyttöaste*) per service and period, client feedback,
the partners' time to first response, and the network map (*verkostokartta*). Staff see their authority's
network; a partner sees the fill rates of its own services."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from polku_kit.auth import Principal, Role
from polku_kit.calendar import HELSINKI, add_months
from polku_kit.db import OneStatement
from polku_kit.errors import FieldError, Unprocessable
from referrals_api.directory.models import CapacityPeriod
from referrals_api.organisation.models import OrganisationType
from referrals_api.report import repository
from referrals_api.report.schemas import (
    FillRatePeriod,
    NetworkEdge,
    NetworkMap,
    NetworkNode,
    PartnerResponseTime,
    ServiceFillRate,
)

MAX_DAYS = 731
MONTHS = {CapacityPeriod.month: 1, CapacityPeriod.quarter: 3, CapacityPeriod.year: 12}


def bounds(from_date: date, to_date: date) -> tuple[datetime, datetime]:
    """The range as UTC instants: from the start of ``from_date`` to the end of ``to_date``, Helsinki days."""
    if to_date < from_date or (to_date - from_date).days > MAX_DAYS:
        raise Unprocessable(
            "The range must run forwards and span at most two years",
            errors=[
                FieldError(
                    field="query.to", message="is before `from` or more than two years after it", code="range"
                ).model_dump()
            ],
        )
    start = datetime.combine(from_date, time(), HELSINKI).astimezone(UTC)
    end = datetime.combine(to_date + timedelta(days=1), time(), HELSINKI).astimezone(UTC)
    return start, end


def period_starts(period: CapacityPeriod, from_date: date, to_date: date) -> list[date]:
    months = MONTHS[period]
    if period == CapacityPeriod.year:
        first = date(from_date.year, 1, 1)
    else:
        first = date(from_date.year, (from_date.month - 1) // months * months + 1, 1)
    starts = []
    while first <= to_date:
        starts.append(first)
        first = add_months(first, months)
    return starts


async def fill_rates(
    *, statement: OneStatement, principal: Principal, from_date: date, to_date: date
) -> list[ServiceFillRate]:
    """One statement: the services with their acceptances per month and their feedback, from the counts kept per
    service (decision 70)."""
    bounds(from_date, to_date)  # the range's rules; the counts are kept by Helsinki day and month
    as_partner = principal.is_partner and not principal.has_any(*Role.staff)
    rows = await repository.fill_rates(
        statement,
        authority_id=None if as_partner else principal.organisation(),
        organisation_id=principal.organisation() if as_partner else None,
        from_date=from_date,
        to_date=to_date,
    )
    # The periods of the range and the months of each (the counts' keys), the same for every service.
    layouts = {
        period: [
            (start, [add_months(start, n).isoformat() for n in range(MONTHS[period])])
            for start in period_starts(period, from_date, to_date)
        ]
        for period in CapacityPeriod
    }
    result = []
    for row in rows:
        period = CapacityPeriod(row.capacity_period)
        seats, accepted = row.capacity_seats, row.accepted
        periods = []
        for period_start, months in layouts[period]:
            count = sum(accepted.get(month, 0) for month in months)
            periods.append(
                FillRatePeriod(
                    period_start=period_start,
                    seats=seats,
                    started=count,
                    fill_rate=round(count / seats, 4) if seats else None,
                )
            )
        result.append(
            ServiceFillRate(
                service_id=row.id,
                service_name=row.name_fi,
                organisation_id=row.organisation_id,
                capacity_period=period,
                periods=periods,
                feedback_count=row.feedback,
                feedback_average=round(row.feedback_scores / row.feedback, 2) if row.feedback else None,
            )
        )
    return result


async def response_times(
    *, statement: OneStatement, principal: Principal, from_date: date, to_date: date
) -> list[PartnerResponseTime]:
    """One statement over the referrals sent in the range (their percentiles need each referral's minutes), the
    percentiles' ranks found and the partners' names joined in it."""
    start, end = bounds(from_date, to_date)
    rows = []
    for row in await repository.response_times(statement, sender=principal.organisation(), start=start, end=end):
        rows.append(
            PartnerResponseTime(
                organisation_id=row.partner,
                organisation_name=row.name if row.name is not None else str(row.partner),
                sent=row.sent,
                answered=row.answered,
                expired=row.expired,
                median_hours=_hours(interpolate(0.5, row.answered, row.p50_low, row.p50_high)),
                p90_hours=_hours(interpolate(0.9, row.answered, row.p90_low, row.p90_high)),
            )
        )
    return sorted(rows, key=lambda row: row.organisation_name)


def _hours(minutes: float | None) -> float | None:
    return None if minutes is None else round(minutes / 60, 2)


def interpolate(fraction: float, answered: int, low: float | None, high: float | None) -> float | None:
    """PostgreSQL's ``percentile_cont`` (linear interpolation) of ``answered`` values, given the values at the ranks on
    either side of ``fraction × (answered - 1)`` (``high`` is needed only between two ranks)."""
    if answered == 0 or low is None:
        return None
    position = fraction * (answered - 1)
    weight = position - int(position)
    if not weight or high is None:  # (a rank after the lower one exists whenever the position lies between two)
        return float(low)
    return low + (high - low) * weight


async def network_map(*, statement: OneStatement, principal: Principal, from_date: date, to_date: date) -> NetworkMap:
    """One statement (decision 70): the authority's organisations and services, and its flows from their counts."""
    bounds(from_date, to_date)  # the range's rules; the flows are counted by Helsinki day and month
    authority = principal.organisation()
    nodes = [NetworkNode(id=authority, kind="authority", name=principal.organisation_name or "Työllisyysalue")]
    edges = []
    flows: list[NetworkEdge] = []
    for row in await repository.network_map(statement, authority=authority, from_date=from_date, to_date=to_date):
        if row.part == repository.ORGANISATION_ROW:
            nodes.append(
                NetworkNode(id=row.id, kind="organisation", name=row.name, organisation_type=OrganisationType(row.type))
            )
        elif row.part == repository.SERVICE_ROW:
            nodes.append(
                NetworkNode(
                    id=row.id,
                    kind="service",
                    name=row.name,
                    name_sv=row.name_sv,
                    name_en=row.name_en,
                    organisation_id=row.organisation_id,
                )
            )
            edges.append(NetworkEdge(source=row.organisation_id, target=row.id, kind="provides"))
        else:
            flows.append(
                NetworkEdge(
                    source=authority,
                    target=row.id,
                    kind="referrals",
                    referrals=row.referrals,
                    by_status=row.by_status,
                    outcomes=row.outcomes,
                )
            )
    return NetworkMap(from_date=from_date, to_date=to_date, nodes=nodes, edges=edges + flows)
