"""``/v1/clients/{client_id}/shared-data``: another Polku service (referrals-api, acting for the partner a
referral was sent to) reads what the client has consented to share with that partner."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from clients_api.client.router import Vault
from clients_api.consent.models import DataCategory
from clients_api.sharing import service
from clients_api.sharing.schemas import SharedClientData
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses

ServiceCaller = Annotated[Principal, Depends(require_roles(Role.service))]
router = APIRouter(prefix="/clients", tags=["consents"], responses=problem_responses(401, 403))


@router.get("/{client_id}/shared-data", response_model=SharedClientData, responses=problem_responses(404, 409, 422),
            summary="The client data one consent in force covers for this recipient; 409 naming what is not covered")
async def get_shared_data(
    client_id: uuid.UUID,
    session: SessionDep,
    principal: ServiceCaller,
    vault: Vault,
    recipient_organisation_id: uuid.UUID,
    categories: Annotated[list[DataCategory], Query(min_length=1)],
) -> SharedClientData:
    return await service.shared_data(session=session, principal=principal, vault=vault, client_id=client_id,
                                     recipient=recipient_organisation_id, categories=categories)
