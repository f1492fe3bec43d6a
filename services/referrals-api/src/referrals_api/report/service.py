"""Reports on the network: capacity and fill rate (*täyttöaste*) per service and period, client feedback,
the partners' time to first response, and the network map (*verkostokartta*). Staff see their authority's
network; a partner sees the fill rates of its own services."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.auth import Principal, Role
from polku_kit.calendar import HELSINKI, add_months
from polku_kit.errors import FieldError, Unprocessable
from referrals_api.directory.models import CapacityPeriod
from referrals_api.organisation import repository as organisation_repository
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
    *, session: AsyncSession, principal: Principal, from_date: date, to_date: date
) -> list[ServiceFillRate]:
    start, end = bounds(from_date, to_date)
    as_partner = principal.is_partner and not principal.has_any(*Role.staff)
    services = await repository.services_of(
        session,
        authority_id=None if as_partner else principal.organisation(),
        organisation_id=principal.organisation() if as_partner else None,
    )
    ids = [service.id for service, _ in services]
    started = await repository.acceptances(session, service_ids=ids, start=start, end=end)
    feedback = await repository.feedback(session, service_ids=ids, start=start, end=end)
    result = []
    for service, organisation in services:
        period = CapacityPeriod(service.capacity_period)
        periods = []
        for period_start in period_starts(period, from_date, to_date):
            months = [add_months(period_start, n) for n in range(MONTHS[period])]
            count = sum(started.get((service.id, month), 0) for month in months)
            seats = service.capacity_seats
            periods.append(
                FillRatePeriod(
                    period_start=period_start,
                    seats=seats,
                    started=count,
                    fill_rate=round(count / seats, 4) if seats else None,
                )
            )
        count, average = feedback.get(service.id, (0, None))
        result.append(
            ServiceFillRate(
                service_id=service.id,
                service_name=service.name_fi,
                organisation_id=organisation.id,
                capacity_period=period,
                periods=periods,
                feedback_count=count,
                feedback_average=round(average, 2) if average is not None else None,
            )
        )
    return result


async def response_times(
    *, session: AsyncSession, principal: Principal, from_date: date, to_date: date
) -> list[PartnerResponseTime]:
    start, end = bounds(from_date, to_date)
    buckets = await repository.response_times(session, sender=principal.organisation(), start=start, end=end)
    names = await organisation_repository.names(session, authority_id=principal.organisation(), ids=set(buckets))
    rows = []
    for org, by_minutes in buckets.items():
        answered = sorted((minutes, count) for minutes, (count, _) in by_minutes.items() if minutes is not None)

        def hours(fraction: float, answered: list[tuple[int, int]] = answered) -> float | None:
            value = percentile(answered, fraction)
            return None if value is None else round(value / 60, 2)

        rows.append(
            PartnerResponseTime(
                organisation_id=org,
                organisation_name=names.get(org, str(org)),
                sent=sum(count for count, _ in by_minutes.values()),
                answered=sum(count for _, count in answered),
                expired=sum(expired for _, expired in by_minutes.values()),
                median_hours=hours(0.5),
                p90_hours=hours(0.9),
            )
        )
    return sorted(rows, key=lambda row: row.organisation_name)


def percentile(values: list[tuple[int, int]], fraction: float) -> float | None:
    """PostgreSQL's ``percentile_cont`` (linear interpolation) over sorted (value, count) pairs."""
    total = sum(count for _, count in values)
    if total == 0:
        return None
    position = fraction * (total - 1)
    lower_rank, weight = int(position), position - int(position)

    def at(rank: int) -> int:
        seen = 0
        for value, count in values:
            seen += count
            if rank < seen:
                return value
        return values[-1][0]

    low = at(lower_rank)
    return low + (at(lower_rank + 1) - low) * weight if weight else float(low)


async def network_map(*, session: AsyncSession, principal: Principal, from_date: date, to_date: date) -> NetworkMap:
    bounds(from_date, to_date)  # the range's rules; the flows are counted by Helsinki day and month
    authority = principal.organisation()
    services = await repository.services_of(session, authority_id=authority, organisation_id=None)
    nodes = [NetworkNode(id=authority, kind="authority", name=principal.organisation_name or "Työllisyysalue")]
    edges = []
    for organisation in await repository.organisations_of(session, authority_id=authority):
        nodes.append(
            NetworkNode(
                id=organisation.id,
                kind="organisation",
                name=organisation.name,
                organisation_type=OrganisationType(organisation.type),
            )
        )
    for service, organisation in services:
        nodes.append(
            NetworkNode(
                id=service.id,
                kind="service",
                name=service.name_fi,
                name_sv=service.name_sv,
                name_en=service.name_en,
                organisation_id=organisation.id,
            )
        )
        edges.append(NetworkEdge(source=organisation.id, target=service.id, kind="provides"))
    flows: dict[object, NetworkEdge] = {}
    for service_id, status, outcome, count in await repository.flows(
        session, sender=authority, from_date=from_date, to_date=to_date
    ):
        edge = flows.setdefault(service_id, NetworkEdge(source=authority, target=service_id, kind="referrals"))
        edge.referrals += count
        edge.by_status[status] = edge.by_status.get(status, 0) + count
        if outcome:
            edge.outcomes[outcome] = edge.outcomes.get(outcome, 0) + count
    return NetworkMap(from_date=from_date, to_date=to_date, nodes=nodes, edges=edges + list(flows.values()))
