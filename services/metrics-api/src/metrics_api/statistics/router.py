"""``/v1/imports/…``: labour force and population, Kela's benefits, budget lines (CSV or XLSX in the body)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, status

from metrics_api.statistics import service
from metrics_api.statistics.schemas import ImportRead
from metrics_api.statistics.tables import XLSX, Kind
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.types import Text

router = APIRouter(tags=["imports"])

Importer = Annotated[Principal, Depends(require_roles(Role.manager, Role.admin))]
Vintage = Annotated[
    Text | None,
    Query(max_length=200, description="The statistic's edition and publication day, shown beside every figure"),
]
FILE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            XLSX: {"schema": {"type": "string", "format": "binary"}},
        },
    }
}
RESPONSES = problem_responses(401, 403, 415, 422)


async def _import(
    request: Request, session: SessionDep, principal: Principal, kind: Kind, vintage: str | None
) -> ImportRead:
    return await service.import_file(
        session=session,
        principal=principal,
        kind=kind,
        content_type=request.headers.get("content-type", ""),
        content=await request.body(),
        vintage=vintage,
    )


@router.post(
    "/imports/labour-force",
    status_code=status.HTTP_201_CREATED,
    response_model=ImportRead,
    responses=RESPONSES,
    openapi_extra=FILE_BODY,
    summary="Import labour force and population by municipality, month and group (Statistics Finland's shape)",
)
async def import_labour_force(
    request: Request, session: SessionDep, principal: Importer, vintage: Vintage = None
) -> ImportRead:
    return await _import(request, session, principal, Kind.labour_force, vintage)


@router.post(
    "/imports/kela-benefits",
    status_code=status.HTTP_201_CREATED,
    response_model=ImportRead,
    responses=RESPONSES,
    openapi_extra=FILE_BODY,
    summary="Import Kela's unemployment benefit recipients and euros by municipality, month and benefit",
)
async def import_kela_benefits(
    request: Request, session: SessionDep, principal: Importer, vintage: Vintage = None
) -> ImportRead:
    return await _import(request, session, principal, Kind.kela_benefits, vintage)


@router.post(
    "/imports/budget-lines",
    status_code=status.HTTP_201_CREATED,
    response_model=ImportRead,
    responses=RESPONSES,
    openapi_extra=FILE_BODY,
    summary="Import budget lines by month: budgeted, actual and committed euros, category and budget class",
)
async def import_budget_lines(
    request: Request, session: SessionDep, principal: Importer, vintage: Vintage = None
) -> ImportRead:
    return await _import(request, session, principal, Kind.budget_lines, vintage)


@router.get(
    "/imports",
    response_model=list[ImportRead],
    responses=problem_responses(401, 403),
    summary="The organisation's accepted imports, newest first",
)
async def list_imports(session: SessionDep, principal: Importer) -> list[ImportRead]:
    return list(await service.list_imports(session=session, principal=principal))
