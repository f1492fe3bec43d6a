"""``POST /v1/platform/events``: the national platform's job-seeker events (role ``platform``, Standard Webhooks
signature, CloudEvents body), kept and answered at once; the parked ones for administrators; and the statement
requests waiting for the coaches."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, status

from clients_api.access.dependencies import Staff
from clients_api.platform import service
from clients_api.platform.schemas import PlatformEventAccepted, StatementRequestRead
from clients_api.settings import Settings
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.inbox import verified_event
from polku_kit.inbox_admin import parked_router
from polku_kit.pagination import Limit

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


router.include_router(parked_router("/platform/events", tag="platform"))
