"""``/v1/events``: where clients-api and referrals-api deliver their events (the read model's only input)."""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from metrics_api.feed import service
from metrics_api.feed.schemas import Received
from metrics_api.settings import Settings
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.inbox import receive

router = APIRouter(tags=["events"])


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
