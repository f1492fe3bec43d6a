"""``/v1/clients/{client_id}/consents`` for staff, and ``/v1/consent-checks`` for the other services."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status

from clients_api.access.caller import CONSENT_CHECKS, ServiceCall
from clients_api.access.dependencies import Staff
from clients_api.consent import service
from clients_api.consent.models import DataCategory
from clients_api.consent.schemas import ConsentCheck, ConsentCreate, ConsentRead
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep, StatementDep
from polku_kit.errors import Forbidden, problem_responses
from polku_kit.idempotency import IdempotencyDep
from polku_kit.service_client import acting_for

router = APIRouter(
    prefix="/clients/{client_id}/consents", tags=["consents"], responses=problem_responses(401, 403, 404)
)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ConsentRead,
    responses=problem_responses(422),
    summary="Record the client's consent to share named data with an organisation for a purpose",
)
async def give_consent(
    client_id: uuid.UUID, data: ConsentCreate, session: SessionDep, principal: Staff, idempotency: IdempotencyDep
) -> ConsentRead:
    given = await service.give(session=session, principal=principal, client_id=client_id, data=data)
    return await idempotency.remember(given, status_code=status.HTTP_201_CREATED)


@router.get("", response_model=list[ConsentRead], summary="The client's consents, withdrawn ones included")
async def list_consents(client_id: uuid.UUID, statement: StatementDep, principal: Staff) -> list[ConsentRead]:
    return await service.list_for_client(statement=statement, principal=principal, client_id=client_id)


@router.post(
    "/{consent_id}/withdraw",
    response_model=ConsentRead,
    responses=problem_responses(409),
    summary="Withdraw a consent (from now on nothing more is shared under it)",
)
async def withdraw_consent(
    client_id: uuid.UUID, consent_id: uuid.UUID, session: SessionDep, principal: Staff, idempotency: IdempotencyDep
) -> ConsentRead:
    withdrawn = await service.withdraw(session=session, principal=principal, client_id=client_id, consent_id=consent_id)
    return await idempotency.remember(withdrawn)


CheckerToken = Annotated[Principal, Depends(require_roles(Role.coach, Role.manager, Role.admin, Role.service))]


async def _checker(request: Request, principal: CheckerToken) -> Principal | ServiceCall:
    """Staff ask for themselves; a service needs the scope of this route and asks for a person."""
    if Role.service not in principal.roles:
        return principal
    if CONSENT_CHECKS not in principal.scopes:
        raise Forbidden(f"This needs the scope {CONSENT_CHECKS}")
    return ServiceCall(channel=principal, person=await acting_for(request, principal))


Checker = Annotated[Principal | ServiceCall, Depends(_checker)]
check_router = APIRouter(tags=["consents"], responses=problem_responses(401, 403, 404))


@check_router.get(
    "/consent-checks",
    response_model=ConsentCheck,
    summary="Does a consent in force cover these categories for this recipient today?",
)
async def check_consent(
    session: SessionDep,
    principal: Checker,
    client_id: Annotated[uuid.UUID, Query(description="The client whose consents are checked (its id, a UUID)")],
    recipient_organisation_id: Annotated[
        uuid.UUID, Query(description="The organisation the data would go to (its id, a UUID), such as a partner")
    ],
    categories: Annotated[
        list[DataCategory],
        Query(
            min_length=1,
            description="The data to be shared, one or more (repeat the parameter): one consent covers all",
        ),
    ],
) -> ConsentCheck:
    return await service.check(
        session=session,
        principal=principal,
        client_id=client_id,
        recipient=recipient_organisation_id,
        categories=categories,
    )
