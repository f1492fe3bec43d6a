"""``/v1/clients/{client_id}/audit-trail`` and ``/v1/clients/{client_id}/personal-data-export``: for the data
protection officer (role ``dpo``) of the client's organisation only."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from clients_api.access.dependencies import Vault
from clients_api.privacy import service
from clients_api.privacy.schemas import AuditRecordRead, PersonalDataExport
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.pagination import Cursor, Limit, Page
from polku_kit.service_client import caller_token
from polku_kit.types import IsoDateTime, Text

Officer = Annotated[Principal, Depends(require_roles(Role.dpo))]
router = APIRouter(prefix="/clients/{client_id}", tags=["data protection"], responses=problem_responses(401, 403, 404))


@router.get(
    "/audit-trail",
    response_model=Page[AuditRecordRead],
    summary="Who read or changed the client's data, when and why; newest first",
)
async def read_audit_trail(
    client_id: uuid.UUID,
    session: SessionDep,
    principal: Officer,
    since: Annotated[IsoDateTime | None, Query(description="From this moment (inclusive)")] = None,
    until: Annotated[IsoDateTime | None, Query(description="Until this moment (exclusive)")] = None,
    actor: Annotated[Text | None, Query(max_length=200, description="Only this subject's actions")] = None,
    limit: Limit = 100,
    cursor: Cursor = None,
) -> Page[AuditRecordRead]:
    return await service.audit_trail(
        session=session,
        principal=principal,
        client_id=client_id,
        since=since,
        until=until,
        actor=actor,
        limit=limit,
        cursor=cursor,
    )


@router.get(
    "/personal-data-export",
    response_model=PersonalDataExport,
    responses=problem_responses(503),
    summary="Everything held on the client across the services, for a data subject's access request "
    "(GDPR Art. 15); 503 if a service holding part of it does not answer",
)
async def export_personal_data(
    client_id: uuid.UUID, request: Request, session: SessionDep, principal: Officer, vault: Vault
) -> PersonalDataExport:
    return await service.export(
        session=session,
        principal=principal,
        vault=vault,
        client_id=client_id,
        sources=request.app.state.personal_data_sources,
        token=caller_token(request),
    )
