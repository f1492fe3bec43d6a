"""``/v1/clients/{client_id}/timeline`` for staff, and ``/v1/events``, where the other services deliver."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, status

from clients_api.access.dependencies import Staff
from clients_api.settings import Settings
from clients_api.timeline import service
from clients_api.timeline.schemas import Received, TimelineEntryRead
from polku_kit.db import SessionDep, StatementDep
from polku_kit.errors import problem_responses
from polku_kit.inbox import receive
from polku_kit.pagination import Cursor, Limit, Page
from polku_kit.types import Text

router = APIRouter(tags=["timeline"])


@router.get(
    "/clients/{client_id}/timeline",
    response_model=Page[TimelineEntryRead],
    responses=problem_responses(400, 401, 403, 404),
    summary="Everything that happened to the client, newest first",
)
async def read_timeline(
    client_id: uuid.UUID,
    statement: StatementDep,
    principal: Staff,
    source: Annotated[
        Text | None, Query(max_length=100, description="Only from this service, e.g. `/polku/referrals-api`")
    ] = None,
    type_prefix: Annotated[
        Text | None, Query(max_length=100, description="Only event types starting so, e.g. `fi.polku.referral.`")
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[TimelineEntryRead]:
    return await service.read(
        statement=statement,
        principal=principal,
        client_id=client_id,
        limit=limit,
        cursor=cursor,
        source=source,
        type_prefix=type_prefix,
    )


@router.post(
    "/events",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=Received,
    responses=problem_responses(400, 401),
    openapi_extra={"security": [{"webhookSignature": []}]},
    summary="Receive another Polku service's event (Standard Webhooks signature, CloudEvents body)",
)
async def receive_event(request: Request, session: SessionDep) -> Received:
    settings: Settings = request.app.state.settings
    event = await receive(
        session,
        secrets=[secret.get_secret_value() for secret in settings.inbound_webhook_secrets],
        headers=request.headers,
        body=await request.body(),
    )
    return Received(handled=event is not None and await service.take_in(session, event))
