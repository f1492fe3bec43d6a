"""The simulator's receiving endpoint for Polku's webhooks: what it takes in, what it refuses, and the failures it
shows on command."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest_asyncio

from polku_dev.platform_sim.app import create_app
from polku_dev.platform_sim.receiver import PATH
from polku_dev.platform_sim.state import PlatformState
from polku_kit.webhooks import new_secret, sign

SECRET = new_secret()


def polku_event(subject: str = "clients/1", event_type: str = "fi.polku.client.interview_held.v1") -> dict[str, Any]:
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": "/polku/clients-api",
        "type": event_type,
        "subject": subject,
        "time": "2026-12-03T09:30:00Z",
        "datacontenttype": "application/json",
        "data": {"client_id": "1", "held_on": "2026-12-03", "channel": "phone"},
    }


def signed(event: dict[str, Any], secret: str = SECRET, at: datetime | None = None) -> dict[str, Any]:
    body = json.dumps(event)
    return {
        "content": body.encode(),
        "headers": sign(secret, event["id"], body, at) | {"content-type": "application/json"},
    }


@pytest_asyncio.fixture(loop_scope="session")
async def simulator() -> AsyncIterator[tuple[httpx.AsyncClient, PlatformState]]:
    state = PlatformState(api_key="key")
    transport = httpx.ASGITransport(app=create_app(state=state))
    async with httpx.AsyncClient(transport=transport, base_url="http://sim.test") as http:
        response = await http.put("/control/webhook-secrets", json={"secrets": [new_secret(), SECRET]})
        assert response.json() == {"secrets": 2}
        yield http, state


class TestReceive:
    async def test_an_event_is_taken_in_once_and_a_second_delivery_is_a_duplicate(self, simulator: Any) -> None:
        http, state = simulator
        event = polku_event()
        first = await http.post(PATH, **signed(event))
        again = await http.post(PATH, **signed(event))
        assert (first.status_code, first.json()) == (200, {"id": event["id"], "duplicate": False})
        assert (again.status_code, again.json()) == (200, {"id": event["id"], "duplicate": True})
        assert (await http.get("/control/events")).json() == [event]
        deliveries = (await http.get("/control/deliveries")).json()
        assert [(d["event_id"], d["status"], d["duplicate"]) for d in deliveries] == [
            (event["id"], 200, False),
            (event["id"], 200, True),
        ]
        assert state.events == {event["id"]: event}

    async def test_a_wrong_signature_a_stale_timestamp_and_a_foreign_webhook_id_are_refused(
        self, simulator: Any
    ) -> None:
        http, state = simulator
        event = polku_event()
        wrong = await http.post(PATH, **signed(event, new_secret()))
        stale = await http.post(PATH, **signed(event, at=datetime.now(UTC) - timedelta(minutes=6)))
        other = signed(event)
        body = json.dumps(event | {"id": str(uuid.uuid4())})
        foreign = await http.post(PATH, content=body.encode(), headers=sign(SECRET, event["id"], body))
        assert [wrong.status_code, stale.status_code, foreign.status_code] == [401, 401, 400]
        assert state.events == {}
        assert (await http.post(PATH, **other)).json()["duplicate"] is False  # nothing was kept before

    async def test_a_thin_delivery_is_recorded_as_thin(self, simulator: Any) -> None:
        http, state = simulator
        event = {key: value for key, value in polku_event().items() if key not in ("data", "datacontenttype")}
        event["dataref"] = f"http://polku.test/api/clients/v1/webhook-events/{event['id']}"
        assert (await http.post(PATH, **signed(event))).status_code == 200
        assert state.deliveries[-1].thin is True


class TestFailures:
    async def test_down_throttled_and_failing_answers_keep_nothing(self, simulator: Any) -> None:
        http, state = simulator
        event = polku_event()
        await http.post("/control/webhook-failures", json={"down": True})
        assert (await http.post(PATH, **signed(event))).status_code == 503
        await http.post("/control/webhook-failures", json={"throttle": 1, "retry_after_seconds": 7})
        throttled = await http.post(PATH, **signed(event))
        assert (throttled.status_code, throttled.headers["retry-after"]) == (429, "7")
        await http.post("/control/webhook-failures", json={"errors": 1})
        assert (await http.post(PATH, **signed(event))).status_code == 500
        assert state.events == {}
        assert (await http.post(PATH, **signed(event))).json() == {"id": event["id"], "duplicate": False}

    async def test_a_lost_acknowledgement_keeps_the_event_and_the_next_delivery_is_a_duplicate(
        self, simulator: Any
    ) -> None:
        http, state = simulator
        event = polku_event()
        await http.post("/control/webhook-failures", json={"lose_acknowledgements": 1})
        assert (await http.post(PATH, **signed(event))).status_code == 500
        assert list(state.events) == [event["id"]]
        assert (await http.post(PATH, **signed(event))).json()["duplicate"] is True

    async def test_an_unknown_failure_is_refused_and_an_empty_body_clears_them(self, simulator: Any) -> None:
        http, state = simulator
        refused = await http.post("/control/webhook-failures", json={"down": True, "on_fire": True})
        assert refused.status_code == 422 and "on_fire" in refused.text
        assert state.receiving_failures.down is False
        await http.post("/control/webhook-failures", json={"down": True})
        cleared = await http.post("/control/webhook-failures")
        assert cleared.json()["down"] is False
        assert (await http.post(PATH, **signed(polku_event()))).status_code == 200

    async def test_secrets_must_be_standard_webhooks_secrets(self, simulator: Any) -> None:
        http, _ = simulator
        assert (await http.put("/control/webhook-secrets", json={"secrets": ["plain"]})).status_code == 422
        assert (await http.put("/control/webhook-secrets", json=["whsec_x"])).status_code == 422

    async def test_a_reset_forgets_the_deliveries_and_the_secrets(self, simulator: Any) -> None:
        http, _ = simulator
        event = polku_event()
        await http.post(PATH, **signed(event))
        await http.post("/control/reset")
        assert (await http.get("/control/events")).json() == []
        assert (await http.post(PATH, **signed(event))).status_code == 401  # no secret is held any more
