"""``/v1/reconciliation-reports``: what the reconciliation with the national platform found and repaired, for the
organisation's administrators."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from clients_api.reconciliation import service
from clients_api.reconciliation.schemas import ReconciliationReportRead
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.pagination import Cursor, Limit, Page

Administrator = Annotated[Principal, Depends(require_roles(Role.admin))]

router = APIRouter(prefix="/reconciliation-reports", tags=["national platform"], responses=problem_responses(401, 403))


@router.get(
    "",
    response_model=Page[ReconciliationReportRead],
    responses=problem_responses(400, 422),
    summary="The organisation's reconciliation reports, newest first",
)
async def list_reconciliation_reports(
    session: SessionDep, principal: Administrator, limit: Limit = 20, cursor: Cursor = None
) -> Page[ReconciliationReportRead]:
    return await service.reports(session=session, principal=principal, limit=limit, cursor=cursor)


@router.get(
    "/latest",
    response_model=ReconciliationReportRead,
    responses=problem_responses(404),
    summary="The organisation's last reconciliation report",
)
async def latest_reconciliation_report(session: SessionDep, principal: Administrator) -> ReconciliationReportRead:
    return await service.latest_report(session=session, principal=principal)
