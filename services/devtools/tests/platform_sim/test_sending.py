"""``POST /control/send``: the simulator sends the platform's events to Polku's receiving services, signed and with
the platform's token, and with the faults asked for. Polku is stood in for by a small receiver on a loopback port
that checks what the real one checks (the token, the signature, the event id) and deduplicates by id."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest_asyncio
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from polku_dev.platform_sim.app import create_app
from polku_dev.platform_sim.sending import Polku
from polku_dev.platform_sim.state import PlatformState
from polku_kit.testing import free_port
from polku_kit.webhooks import new_secret

SECRET = new_secret()
TOKEN = "platform-token"
REGISTERED = "fi.tyomarkkinatori.jobseeker.registered.v1"
REMOVED = "fi.tyomarkkinatori.vacancy.removed.v1"


@dataclass
class FakePolku:
    """Token endpoint and both services' ``/v1/platform/events``: what each took in, in order, by service."""

    port: int = field(default_factory=free_port)
    taken: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {"clients": [], "employer": []})
    refused: int = 0

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/token")
        async def token(request: Request) -> JSONResponse:
            if request.headers.get("authorization") != "Basic " + base64.b64encode(b"national-platform:s").decode():
                return JSONResponse({"error": "invalid_client"}, 401)
            return JSONResponse({"access_token": TOKEN, "token_type": "Bearer"})

        @app.post("/{service}/v1/platform/events")
        async def events(service: str, request: Request) -> JSONResponse:
            body = await request.body()
            if request.headers.get("authorization") != f"Bearer {TOKEN}":
                return JSONResponse({"status": 401}, 401)
            try:
                event = Webhook(SECRET).verify(body, dict(request.headers))
            except WebhookVerificationError:
                self.refused += 1
                return JSONResponse({"status": 401}, 401)
            duplicate = any(seen["id"] == event["id"] for seen in self.taken[service])
            if not duplicate:
                self.taken[service].append(event)
            return JSONResponse({"id": event["id"], "duplicate": duplicate}, 202)

        return app

    def polku(self) -> Polku:
        base = f"http://127.0.0.1:{self.port}"
        return Polku(
            clients_url=f"{base}/clients",
            employer_url=f"{base}/employer",
            token_url=f"{base}/token",
            client_id="national-platform",
            client_secret="s",
            webhook_secret=SECRET,
        )


@pytest_asyncio.fixture(loop_scope="session")
async def polku() -> AsyncIterator[FakePolku]:
    fake = FakePolku()
    server = uvicorn.Server(uvicorn.Config(fake.app(), host="127.0.0.1", port=fake.port, log_level="warning"))
    serving = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
        await asyncio.sleep(0.01)
    yield fake
    server.should_exit = True
    await serving


async def control(polku: Polku | None) -> httpx.AsyncClient:
    app = create_app(state=PlatformState(api_key="key"), polku=polku)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim.test")


def person(n: int) -> dict[str, Any]:
    return {"type": REGISTERED, "subject": f"job-seekers/{n}", "data": {"personal_identity_code": f"{n}"}}


VACANCY_GONE = {"type": REMOVED, "subject": "vacancies/TMT-1", "data": {"national_id": "TMT-1"}}


class TestSend:
    async def test_each_event_goes_to_its_service_signed_with_the_platforms_token(self, polku: FakePolku) -> None:
        async with await control(polku.polku()) as http:
            response = await http.post("/control/send", json={"events": [person(1), VACANCY_GONE, person(2)]})
        assert response.status_code == 200, response.text
        answer = response.json()
        assert answer["tally"] == {
            "events": 3,
            "attempts": 3,
            "accepted": 3,
            "duplicates": 0,
            "refused": 0,
            "retried": 0,
            "gave_up": 0,
        }
        assert [event["status"] for event in answer["events"]] == [202, 202, 202]
        assert [event["subject"] for event in polku.taken["clients"]][-2:] == ["job-seekers/1", "job-seekers/2"]
        assert polku.taken["employer"][-1]["data"] == {"national_id": "TMT-1"}
        assert polku.taken["employer"][-1]["source"] == "https://tyomarkkinatori.fi"

    async def test_faults_duplicates_wrong_signatures_and_out_of_order(self, polku: FakePolku) -> None:
        refused_before = polku.refused
        events = [person(10), person(11), person(12)]
        async with await control(polku.polku()) as http:
            response = await http.post(
                "/control/send",
                json={"events": events, "faults": ["duplicate", "wrong_signature", "out_of_order"], "duplicates": 2},
            )
        tally = response.json()["tally"]
        assert (tally["accepted"], tally["duplicates"], tally["refused"]) == (3, 3, 3)
        assert polku.refused - refused_before == 3
        assert [event["subject"] for event in polku.taken["clients"]][-3:] == [
            "job-seekers/12",
            "job-seekers/11",
            "job-seekers/10",
        ]

    async def test_the_same_event_id_sent_again_is_a_duplicate_there(self, polku: FakePolku) -> None:
        event = person(20) | {"id": "3f1c1f7e-0a57-4c8e-9d5e-8d0f1c9b2a10"}
        async with await control(polku.polku()) as http:
            first = (await http.post("/control/send", json={"events": [event]})).json()
            again = (await http.post("/control/send", json={"events": [event]})).json()
        assert (first["tally"]["accepted"], again["tally"]["duplicates"]) == (1, 1)
        assert first["events"][0]["id"] == event["id"]

    async def test_no_token_from_polku_is_a_bad_gateway(self) -> None:
        nobody = FakePolku().polku()
        async with await control(nobody) as http:
            response = await http.post("/control/send", json={"events": [person(1)]})
        assert response.status_code == 502 and "no token" in response.text


class TestRefusals:
    async def test_without_polkus_addresses_nothing_is_sent(self) -> None:
        async with await control(None) as http:
            response = await http.post("/control/send", json={"events": [person(1)]})
        assert response.status_code == 409

    async def test_a_type_no_service_receives_and_a_malformed_request_are_refused(self, polku: FakePolku) -> None:
        async with await control(polku.polku()) as http:
            unknown = await http.post(
                "/control/send",
                json={"events": [{"type": "fi.tyomarkkinatori.weather.changed.v1", "subject": "x", "data": {}}]},
            )
            malformed = await http.post("/control/send", json={"events": [person(1)], "faults": ["fire"]})
            empty = await http.post("/control/send", content=json.dumps({"events": []}))
        assert unknown.status_code == 422 and "weather" in unknown.text
        assert malformed.status_code == 422
        assert empty.status_code == 422
