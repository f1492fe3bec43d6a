"""The platform's receiving endpoint for Polku's webhooks, ``POST /webhooks/polku``: the URL an administrator
subscribes for the platform (the events it follows: interviews held, plans saved, statements issued, offers and
their outcomes, job-search periods ended; docs/integration.md).

It does what the real receiver must: verifies the Standard Webhooks signature with the subscriptions' secrets
(``PUT /control/webhook-secrets``; any of them, as during a rotation) and the timestamp's five-minute tolerance,
checks that ``webhook-id`` is the event's id, and takes each event in once, by its id: a second delivery of an id
is acknowledged (``{"duplicate": true}``) and changes nothing. Every delivery is recorded with its answer
(``GET /control/deliveries``), each event once in the order taken in (``GET /control/events``). It fails on command
(:class:`~polku_dev.platform_sim.state.ReceivingFailures`).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from polku_dev.platform_sim.state import Delivery, PlatformState, ReceivingFailures, known_fields

PATH = "/webhooks/polku"

router = APIRouter()


def _state(request: Request) -> PlatformState:
    state: PlatformState = request.app.state.platform
    return state


def verified(secrets: list[str], body: bytes, headers: dict[str, str]) -> bool:
    """Whether one of ``secrets`` signed ``body`` (and the timestamp is within the tolerance)."""
    for secret in secrets:
        try:
            Webhook(secret).verify(body, headers)
        except (WebhookVerificationError, ValueError):
            continue
        return True
    return False


def _refusal(state: PlatformState) -> JSONResponse | None:
    """The answer the failures told call for, before the delivery is verified (None: verify it)."""
    failures = state.receiving_failures
    if failures.down:
        return JSONResponse({"title": "Service unavailable"}, 503)
    if failures.throttle > 0:
        failures.throttle -= 1
        return JSONResponse(
            {"title": "Too many requests"}, 429, headers={"Retry-After": str(failures.retry_after_seconds)}
        )
    if failures.errors > 0:
        failures.errors -= 1
        return JSONResponse({"title": "Internal server error"}, 500)
    return None


@router.post(PATH)
async def receive(request: Request) -> JSONResponse:
    state = _state(request)
    if state.receiving_failures.slow_seconds:
        await asyncio.sleep(state.receiving_failures.slow_seconds)
    body = await request.body()
    headers = {key.lower(): value for key, value in request.headers.items()}
    try:
        event: Any = json.loads(body)
    except ValueError:
        event = None
    event = event if isinstance(event, dict) else {}
    event_id = headers.get("webhook-id")

    def answer(status: int, content: dict[str, Any], *, duplicate: bool = False) -> JSONResponse:
        return record(JSONResponse(content, status), duplicate=duplicate)

    def record(response: JSONResponse, *, duplicate: bool = False) -> JSONResponse:
        state.deliveries.append(
            Delivery(
                event_id=event_id,
                event_type=event.get("type"),
                subject=event.get("subject"),
                status=response.status_code,
                duplicate=duplicate,
                thin="dataref" in event,
            )
        )
        return response

    if (refusal := _refusal(state)) is not None:
        return record(refusal)
    if not verified(state.webhook_secrets, body, headers):
        return answer(401, {"title": "The signature does not verify"})
    if event_id is None or event.get("id") != event_id or not isinstance(event.get("type"), str):
        return answer(400, {"title": "Not a CloudEvent whose id is the webhook-id"})
    if event_id in state.events:
        return answer(200, {"id": event_id, "duplicate": True}, duplicate=True)
    state.events[event_id] = event
    if state.receiving_failures.late_seconds:
        await asyncio.sleep(state.receiving_failures.late_seconds)
    if state.receiving_failures.lose_acknowledgements > 0:
        state.receiving_failures.lose_acknowledgements -= 1
        return answer(500, {"title": "The acknowledgement was lost"})
    return answer(200, {"id": event_id, "duplicate": False})


# --- control (loopback, no key) ----------------------------------------------------------------------------------


@router.put("/control/webhook-secrets")
async def set_webhook_secrets(request: Request) -> dict[str, int]:
    """``{"secrets": ["whsec_…", …]}``: the secrets of the subscriptions that deliver here (shown when each was
    made or rotated); a delivery verifies with any of them."""
    body = await request.json()
    secrets = body.get("secrets") if isinstance(body, dict) else None
    if not isinstance(secrets, list) or not all(isinstance(s, str) and s.startswith("whsec_") for s in secrets):
        raise HTTPException(422, 'give {"secrets": ["whsec_…"]}')
    _state(request).webhook_secrets = list(secrets)
    return {"secrets": len(secrets)}


@router.post("/control/webhook-failures")
async def set_receiving_failures(request: Request) -> dict[str, Any]:
    body = await request.json() if await request.body() else {}
    _state(request).receiving_failures = ReceivingFailures(**known_fields(ReceivingFailures, body))
    return asdict(_state(request).receiving_failures)


@router.get("/control/deliveries")
async def list_deliveries(request: Request) -> list[dict[str, Any]]:
    """Every delivery of Polku's webhooks, oldest first, with the answer it got."""
    return [asdict(item) | {"at": item.at.isoformat()} for item in _state(request).deliveries]


@router.get("/control/events")
async def list_events(request: Request) -> list[dict[str, Any]]:
    """Each event taken in, once, in the order taken in."""
    return list(_state(request).events.values())
