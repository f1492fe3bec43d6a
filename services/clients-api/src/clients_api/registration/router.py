"""``/v1/clients/{client_id}/registration-data``: citizenship and mother tongue, for staff within reach."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from clients_api.access.dependencies import Staff, Vault
from clients_api.client.schemas import ClientRead
from clients_api.registration import service
from clients_api.registration.schemas import RegistrationDataUpdate
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.versioning import IfMatch

router = APIRouter(prefix="/clients/{client_id}", tags=["clients"], responses=problem_responses(401, 403, 404))


@router.patch(
    "/registration-data",
    response_model=ClientRead,
    responses=problem_responses(412, 422, 428),
    summary="Change the client's citizenship or mother tongue (If-Match: the client's version as \"v<version>\")",
)
async def update_registration_data(
    client_id: uuid.UUID,
    data: RegistrationDataUpdate,
    session: SessionDep,
    principal: Staff,
    vault: Vault,
    response: Response,
    if_match: IfMatch = None,
) -> ClientRead:
    changed = await service.update(
        session=session, principal=principal, vault=vault, client_id=client_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = f'"v{changed.version}"'
    return changed
