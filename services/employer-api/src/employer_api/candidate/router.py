"""``POST /v1/events``: where clients-api delivers the events that feed the candidate profiles: each is checked and
kept at once, and taken in afterwards by the inbox worker (:mod:`employer_api.candidate.service`)."""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from employer_api.candidate import service
from employer_api.candidate.schemas import Received
from employer_api.settings import Settings
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.inbox import receive, store, verified_event

router = APIRouter(tags=["events"])


@router.post(
    "/events",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=Received,
    responses=problem_responses(400, 401),
    openapi_extra={"security": [{"webhookSignature": []}]},
    summary="Receive clients-api's event (Standard Webhooks signature, CloudEvents body)",
)
async def receive_event(request: Request, session: SessionDep) -> Received:
    settings: Settings = request.app.state.settings
    secrets = [secret.get_secret_value() for secret in settings.inbound_webhook_secrets]
    body = await request.body()
    event = verified_event(secrets=secrets, headers=request.headers, body=body)
    if service.feeds(event):
        # Kept for the inbox worker, which takes the profiles' events in by the batch.
        return Received(handled=await store(session, event))
    await receive(session, secrets=secrets, headers=request.headers, body=body)  # only recorded, once
    return Received(handled=False)
