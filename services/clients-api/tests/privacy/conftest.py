"""referrals-api as the export sees it: a small HTTP server on loopback that answers as docs/contract.md says
referrals-api does (the issuer's client credentials grant and ``GET /v1/data-subjects/{id}/personal-data``), and
records what it was asked. referrals-api's own tests prove its side; the system test runs both for real."""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import pytest_asyncio
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from polku_kit.service_client import ServiceClient
from polku_kit.testing import LAHTI, free_port

MACHINE_TOKEN = "svc-clients-token"


@dataclass
class FakeReferralsApi:
    url: str
    status: int = 200  # what the personal-data route answers
    asked: list[dict[str, Any]] = field(default_factory=list)

    def answer(self, client_id: str) -> dict[str, Any]:
        referral = "7d3f8c52-0000-4000-8000-000000000001"
        return {
            "format": "polku.referrals-api.personal-data/1",
            "exported_at": "2026-12-03T10:00:00Z",
            "client_id": client_id,
            "organisation_id": str(LAHTI),
            "records": {
                "joint_referral": [],
                "referral": [
                    {"id": referral, "client_id": client_id, "status": "requested", "reason": "Työkyvyn arviointi"}
                ],
                "referral_transition": [{"referral_id": referral, "from_status": "draft", "to_status": "requested"}],
                "referral_document": [
                    {
                        "referral_id": referral,
                        "filename": "lausunto.txt",
                        "content_base64": base64.b64encode(b"Lausunto").decode(),
                    }
                ],
            },
            "audit_trail": [],
        }


def _app(fake: FakeReferralsApi) -> FastAPI:
    app = FastAPI()

    @app.post("/auth/token")
    async def token(request: Request) -> JSONResponse:
        form = await request.form()
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        credentials = base64.b64decode(value).decode() if scheme == "Basic" else ""
        if form.get("grant_type") != "client_credentials" or credentials != "svc-clients:svc-clients-secret":
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        return JSONResponse({"access_token": MACHINE_TOKEN, "token_type": "Bearer", "expires_in": 300})

    @app.get("/v1/data-subjects/{client_id}/personal-data")
    async def personal_data(client_id: str, request: Request) -> JSONResponse:
        fake.asked.append(
            {
                "client_id": client_id,
                "authorization": request.headers.get("authorization"),
                "on_behalf_of": request.headers.get("polku-on-behalf-of"),
            }
        )
        if fake.status != 200:
            return JSONResponse({"title": "failed"}, status_code=fake.status)
        return JSONResponse(fake.answer(client_id))

    return app


@pytest.fixture(scope="session")
def _referrals_server() -> Iterator[FakeReferralsApi]:
    port = free_port()
    fake = FakeReferralsApi(url=f"http://127.0.0.1:{port}")
    server = uvicorn.Server(
        uvicorn.Config(_app(fake), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield fake
    finally:
        server.should_exit = True
        thread.join(timeout=5)


@pytest_asyncio.fixture(loop_scope="session")
async def referrals_api(app: FastAPI, _referrals_server: FakeReferralsApi) -> AsyncIterator[FakeReferralsApi]:
    """The export's one source, referrals-api, answering on loopback (reset for each test)."""
    fake = _referrals_server
    fake.status, fake.asked = 200, []
    source = ServiceClient(
        base_url=fake.url,
        token_url=f"{fake.url}/auth/token",
        client_id="svc-clients",
        client_secret="svc-clients-secret",
        name="referrals-api",
    )
    original, app.state.personal_data_sources = app.state.personal_data_sources, [source]
    try:
        yield fake
    finally:
        app.state.personal_data_sources = original
        await source.aclose()
