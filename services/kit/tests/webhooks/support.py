"""Helpers of the webhook tests: the sample API as an administrator, events, states, a test dispatcher."""

from __future__ import annotations

import uuid
from collections.abc import Collection

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from polku_kit.outbox import emit
from polku_kit.testing import LAHTI, TestIssuer
from polku_kit.webhooks import Dispatcher
from polku_kit.webhooks.models import WebhookDelivery
from services.kit.tests.sample_service.app import NOTE_CREATED

SOURCE = "/polku/sample-api"


class Admin:
    """The sample API as an organisation's administrator."""

    def __init__(self, api: httpx.AsyncClient, issuer: TestIssuer, organisation: uuid.UUID = LAHTI):
        self.api = api
        self.headers = issuer.headers(roles=["admin"], org=organisation)

    async def subscribe(self, url: str, event_types: list[str] | None = None) -> dict:
        response = await self.api.post(
            "/v1/webhook-subscriptions",
            json={"url": url, "event_types": event_types or ["fi.polku.note.*"]},
            headers=self.headers,
        )
        assert response.status_code == 201, response.text
        return response.json()  # type: ignore[no-any-return]

    async def get(self, path: str, **params: object) -> httpx.Response:
        return await self.api.get(path, params=params, headers=self.headers)

    async def post(self, path: str, json: object = None) -> httpx.Response:
        return await self.api.post(path, json=json, headers=self.headers)


async def emit_events(
    engine: AsyncEngine, count: int, *, type: str = NOTE_CREATED, audience: Collection[uuid.UUID] | None = None
) -> list[str]:
    """``count`` events in one committed transaction; their ids."""
    async with async_sessionmaker(engine)() as session, session.begin():
        events = [
            await emit(session, source=SOURCE, type=type, subject=f"notes/{n}", data={"n": n}, audience=audience)
            for n in range(count)
        ]
        return [str(event.id) for event in events]


async def delivery_states(engine: AsyncEngine) -> dict[str, int]:
    async with async_sessionmaker(engine)() as session:
        rows = await session.execute(select(WebhookDelivery.status, func.count()).group_by(WebhookDelivery.status))
        return {status: count for status, count in rows.all()}


def dispatcher(engine: AsyncEngine, **options: object) -> Dispatcher:
    """A dispatcher that may call 127.0.0.1 over http and retries at once (no real minutes in tests)."""
    defaults: dict[str, object] = {"allow_private_targets": True, "require_https": False, "retry": lambda attempt: 0.0}
    return Dispatcher(engine, **(defaults | options))  # type: ignore[arg-type]
