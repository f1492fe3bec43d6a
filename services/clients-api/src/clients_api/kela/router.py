"""``/v1/clients/{client_id}/subsidy-days`` (one client's count, staff within reach), and Kela's file for the whole
organisation (managers and administrators): ``/v1/subsidy-day-imports`` in one request, ``/v1/subsidy-day-uploads``
in parts with its progress readable."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from clients_api.access.dependencies import Staff, Vault
from clients_api.kela import service
from clients_api.kela.schemas import ImportRead, SubsidyDaysRead, SubsidyDaysWrite, UploadStart
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.idempotency import IdempotencyDep
from polku_kit.versioning import IfMatch

router = APIRouter(
    prefix="/clients/{client_id}/subsidy-days", tags=["kela"], responses=problem_responses(401, 403, 404)
)
import_router = APIRouter(prefix="/subsidy-day-imports", tags=["kela"], responses=problem_responses(401, 403))
upload_router = APIRouter(prefix="/subsidy-day-uploads", tags=["kela"], responses=problem_responses(401, 403, 404))
CSV_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "text/csv": {
                "schema": {"type": "string"},
                "example": "personal_identity_code;subsidy_days;counted_on\n131052-308T;287;2026-11-30\n",
            }
        },
    }
}

Importer = Annotated[Principal, Depends(require_roles(Role.manager, Role.admin))]


def _etag(count: SubsidyDaysRead) -> str:
    return f'"v{count.version}"'


@router.get(
    "",
    response_model=SubsidyDaysRead,
    summary="Kela's count of the client's labour-market subsidy days, and when it reaches the TYP threshold",
)
async def read_subsidy_days(
    client_id: uuid.UUID, session: SessionDep, principal: Staff, response: Response
) -> SubsidyDaysRead:
    found = await service.read(session=session, principal=principal, client_id=client_id)
    response.headers["ETag"] = _etag(found)
    return found


@router.put(
    "",
    response_model=SubsidyDaysRead,
    responses=problem_responses(412, 422, 428),
    summary="Set the count as Kela gave it (replacing one: If-Match with its ETag)",
)
async def set_subsidy_days(
    client_id: uuid.UUID,
    data: SubsidyDaysWrite,
    session: SessionDep,
    principal: Staff,
    response: Response,
    if_match: IfMatch = None,
) -> SubsidyDaysRead:
    saved = await service.set_count(
        session=session, principal=principal, client_id=client_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = _etag(saved)
    return saved


@import_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ImportRead,
    responses=problem_responses(422),
    summary="Import Kela's CSV file of subsidy day counts: all rows or none, each error named by row and column",
    openapi_extra=CSV_BODY,
)
async def import_subsidy_days(
    request: Request, session: SessionDep, principal: Importer, vault: Vault, idempotency: IdempotencyDep
) -> ImportRead:
    """Columns `personal_identity_code`, `subsidy_days` and `counted_on`, separated by semicolons or commas, UTF-8.
    A refused file is a 422 whose `errors` name each error's row (the header is row 1) and column; nothing of it
    is imported."""
    imported = await service.import_file(
        session=session, principal=principal, vault=vault, content=await request.body()
    )
    return await idempotency.remember(imported, status_code=status.HTTP_201_CREATED)


@upload_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ImportRead,
    responses=problem_responses(422),
    summary="Start an import of a large file sent in parts, so that its progress shows",
)
async def start_upload(
    data: UploadStart, session: SessionDep, principal: Importer, idempotency: IdempotencyDep
) -> ImportRead:
    """Send the parts with `POST /v1/subsidy-day-uploads/{id}/parts`, follow the progress with `GET`, and import
    with `POST /v1/subsidy-day-uploads/{id}/import`: all rows or none."""
    started = await service.start_upload(session=session, principal=principal, data=data)
    return await idempotency.remember(started, status_code=status.HTTP_201_CREATED)


@upload_router.get(
    "/{upload_id}",
    response_model=ImportRead,
    summary="An import's progress: rows received of those expected, errors so far, rows imported",
)
async def read_upload(upload_id: uuid.UUID, session: SessionDep, principal: Importer) -> ImportRead:
    return await service.read_upload(session=session, principal=principal, upload_id=upload_id)


@upload_router.post(
    "/{upload_id}/parts",
    response_model=ImportRead,
    responses=problem_responses(409, 422),
    summary="Send one part of the file (CSV with the header); its rows are checked and kept, not yet imported",
    openapi_extra=CSV_BODY,
)
async def add_part(
    upload_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    principal: Importer,
    vault: Vault,
    first_row: Annotated[
        int, Query(ge=2, le=2_000_000, description="The row number of the part's first data row in the whole file")
    ] = 2,
) -> ImportRead:
    return await service.add_part(
        session=session,
        principal=principal,
        vault=vault,
        upload_id=upload_id,
        content=await request.body(),
        first_row=first_row,
    )


@upload_router.post(
    "/{upload_id}/import",
    response_model=ImportRead,
    responses=problem_responses(409, 422),
    summary="Import every row sent, or none when any part had an error (the 422 lists them by row and column)",
)
async def finish_upload(upload_id: uuid.UUID, session: SessionDep, principal: Importer) -> ImportRead:
    return await service.finish_upload(session=session, principal=principal, upload_id=upload_id)
