"""``/v1/reports/*`` and ``/v1/network-map``: fill rates, feedback, response times and the network map, each one
statement sent without ``BEGIN`` and ``COMMIT`` (decision 70)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import StatementDep
from polku_kit.errors import problem_responses
from polku_kit.types import IsoDate
from referrals_api.report import service
from referrals_api.report.schemas import NetworkMap, PartnerResponseTime, ServiceFillRate

Staff = Annotated[Principal, Depends(require_roles(Role.coach, Role.manager, Role.admin))]
StaffOrPartner = Annotated[Principal, Depends(require_roles(Role.coach, Role.manager, Role.admin, Role.partner))]
From = Annotated[IsoDate, Query(alias="from", description="First day (Europe/Helsinki), inclusive")]
To = Annotated[IsoDate, Query(alias="to", description="Last day, inclusive; at most two years after `from`")]

router = APIRouter(tags=["reports"], responses=problem_responses(401, 403, 422))


@router.get(
    "/reports/fill-rates",
    response_model=list[ServiceFillRate],
    summary="Capacity and fill rate per service and capacity period, with the clients' feedback",
)
async def get_fill_rates(
    statement: StatementDep, principal: StaffOrPartner, from_date: From, to_date: To
) -> list[ServiceFillRate]:
    return await service.fill_rates(statement=statement, principal=principal, from_date=from_date, to_date=to_date)


@router.get(
    "/reports/response-times",
    response_model=list[PartnerResponseTime],
    summary="Time from sending to each partner's first answer (median, 90th percentile)",
)
async def get_response_times(
    statement: StatementDep, principal: Staff, from_date: From, to_date: To
) -> list[PartnerResponseTime]:
    return await service.response_times(statement=statement, principal=principal, from_date=from_date, to_date=to_date)


@router.get(
    "/network-map",
    response_model=NetworkMap,
    summary="The network map: organisations and services as nodes, referral flows as edges",
)
async def get_network_map(statement: StatementDep, principal: Staff, from_date: From, to_date: To) -> NetworkMap:
    return await service.network_map(statement=statement, principal=principal, from_date=from_date, to_date=to_date)
