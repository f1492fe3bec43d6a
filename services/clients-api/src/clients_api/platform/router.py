"""``POST /v1/platform/events``: the national platform's job-seeker events (role ``platform``, Standard Webhooks
signature, CloudEvents body), kept and answered at once; the parked ones for administrators; and the statement
requests waiting for the coaches."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from clients_api.access.dependencies import Staff
from clients_api.platform import service, statement_requests
from clients_api.platform.schemas import PlatformEventAccepted, StatementRequestDecline, StatementRequestRead
from clients_api.settings import Settings
from polku_kit import versioning
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.inbox import verified_event
from polku_kit.inbox_admin import parked_router
from polku_kit.pagination import Limit
from polku_kit.versioning import IfMatch

router = APIRouter(tags=["platform"])

Platform = Annotated[Principal, Depends(require_roles(Role.platform))]


@router.post(
    "/platform/events",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=PlatformEventAccepted,
    responses=problem_responses(400, 401, 403, 422),
    # Both: the platform's token and the signature of the delivery.
    openapi_extra={"security": [{"HTTPBearer": [], "webhookSignature": []}]},
    summary="Receive the national platform's job-seeker event; it is handled shortly after the answer",
)
async def receive_platform_event(request: Request, session: SessionDep, principal: Platform) -> PlatformEventAccepted:
    settings: Settings = request.app.state.settings
    event = verified_event(
        secrets=[secret.get_secret_value() for secret in settings.platform_webhook_secrets],
        headers=request.headers,
        body=await request.body(),
    )
    return await service.accept(session=session, principal=principal, event=event)


@router.get(
    "/platform/statement-requests",
    response_model=list[StatementRequestRead],
    responses=problem_responses(401, 403),
    summary="Labour policy statements asked for through the national system, waiting for the caller's clients' "
    "coaches (audited)",
)
async def list_statement_requests(
    session: SessionDep, principal: Staff, limit: Limit = 100
) -> list[StatementRequestRead]:
    return await service.pending_statement_requests(session=session, principal=principal, limit=limit)


@router.post(
    "/platform/statement-requests/{request_id}/decline",
    response_model=StatementRequestRead,
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
    summary="Decline to give a statement for the request, with a reason (If-Match: its version; announced to the "
    "national platform; audited)",
)
async def decline_statement_request(
    request_id: uuid.UUID,
    body: StatementRequestDecline,
    session: SessionDep,
    principal: Staff,
    response: Response,
    if_match: IfMatch = None,
) -> StatementRequestRead:
    declined = await statement_requests.decline(
        session=session, principal=principal, request_id=request_id, reason=body.reason, if_match=if_match
    )
    response.headers["ETag"] = versioning.etag(declined)
    return declined


@router.get(
    "/clients/{client_id}/statement-requests",
    response_model=list[StatementRequestRead],
    responses=problem_responses(401, 403, 404),
    summary="The client's statement requests from the national system, open and closed, the latest first (audited)",
)
async def list_client_statement_requests(
    client_id: uuid.UUID, session: SessionDep, principal: Staff
) -> list[StatementRequestRead]:
    return await statement_requests.list_for_client(session=session, principal=principal, client_id=client_id)


router.include_router(parked_router("/platform/events", tag="platform"))
