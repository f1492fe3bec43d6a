"""For other Polku services only, each route with a scope of its own, and always asked for a person
(:mod:`clients_api.sharing.caller`):

- ``/v1/clients/{client_id}/shared-data``: referrals-api, for the sender or the partner of a referral, reads
  what the client has consented to share with that partner;
- ``/v1/clients/{client_id}/access``: referrals-api asks whether the staff member reaches the client, and whether
  they read its special-category data;
- ``/v1/client-reach``: employer-api asks which of a list of candidates the staff member reaches."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from clients_api.access.caller import CLIENT_ACCESS, SHARED_DATA, ServiceCall, service_call
from clients_api.access.dependencies import Vault
from clients_api.consent.models import DataCategory
from clients_api.sharing import service
from clients_api.sharing.schemas import ClientAccess, ClientReach, SharedClientData
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses

SharingCall = Annotated[ServiceCall, Depends(service_call(SHARED_DATA))]
AccessCall = Annotated[ServiceCall, Depends(service_call(CLIENT_ACCESS))]
router = APIRouter(prefix="/clients", tags=["consents"], responses=problem_responses(401, 403))
reach_router = APIRouter(prefix="/client-reach", tags=["consents"], responses=problem_responses(401, 403))


@router.get(
    "/{client_id}/shared-data",
    response_model=SharedClientData,
    responses=problem_responses(404, 409, 422),
    summary="The client data one consent in force covers for this recipient; 409 naming what is not covered",
)
async def get_shared_data(
    client_id: uuid.UUID,
    session: SessionDep,
    call: SharingCall,
    vault: Vault,
    recipient_organisation_id: Annotated[
        uuid.UUID, Query(description="The organisation the data goes to (a referral's partner): a consent must name it")
    ],
    organisation_id: Annotated[
        uuid.UUID,
        Query(description="The organisation the data is read for (a referral's sender): it must be the client's"),
    ],
    categories: Annotated[
        list[DataCategory],
        Query(min_length=1, description="The data wanted, one or more (repeat the parameter): one consent covers all"),
    ],
) -> SharedClientData:
    return await service.shared_data(
        session=session,
        call=call,
        vault=vault,
        client_id=client_id,
        organisation_id=organisation_id,
        recipient=recipient_organisation_id,
        categories=categories,
    )


@router.get(
    "/{client_id}/access",
    response_model=ClientAccess,
    responses=problem_responses(404, 422),
    summary="Whether the staff member asked for reaches the client (404 if not), and reads its special-category data",
)
async def get_client_access(client_id: uuid.UUID, session: SessionDep, call: AccessCall) -> ClientAccess:
    return await service.access(session=session, call=call, client_id=client_id)


@reach_router.get(
    "",
    response_model=ClientReach,
    responses=problem_responses(422),
    summary="Which of these clients the staff member asked for reaches (the others are left out, as missing ones)",
)
async def get_client_reach(
    session: SessionDep,
    call: AccessCall,
    client_ids: Annotated[
        list[uuid.UUID],
        Query(
            alias="id", min_length=1, max_length=200, description="The clients' ids, 1 to 200 (repeat the parameter)"
        ),
    ],
) -> ClientReach:
    return await service.reach_of(session=session, call=call, client_ids=client_ids)
