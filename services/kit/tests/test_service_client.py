"""The service-to-service client: a client-credentials token fetched once and reused until shortly before it
expires, the request id passed on, and failures of the other side turned into a 503 problem."""

from __future__ import annotations

import base64
import time

import httpx
import pytest
import structlog
from fastapi import FastAPI, Form, Request
from fastapi.responses import JSONResponse

from polku_kit.service_client import ON_BEHALF_OF_HEADER, OnBehalfOf, ServiceClient, UpstreamUnavailable


class Upstream:
    """An issuer's token endpoint and a protected resource, in one small app."""

    def __init__(self, lifetime: int = 300) -> None:
        self.lifetime = lifetime
        self.issued: list[str] = []
        self.status = 200
        self.app = FastAPI()

        @self.app.post("/token")
        async def token(request: Request, grant_type: str = Form()) -> JSONResponse:
            scheme, _, value = request.headers.get("authorization", "").partition(" ")
            basic = base64.b64decode(value).decode() if scheme == "Basic" else ":"
            client_id, _, secret = basic.partition(":")
            if grant_type != "client_credentials" or (client_id, secret) != ("svc-test", "svc-test-secret"):
                return JSONResponse({"error": "invalid_client"}, status_code=401)
            access = f"token-{len(self.issued) + 1}"
            self.issued.append(access)
            return JSONResponse({"access_token": access, "token_type": "Bearer", "expires_in": self.lifetime})

        @self.app.get("/resource")
        async def resource(request: Request) -> JSONResponse:
            if request.headers.get("authorization") != f"Bearer {self.issued[-1] if self.issued else ''}":
                return JSONResponse({}, status_code=401)
            return JSONResponse(
                {
                    "request_id": request.headers.get("x-request-id"),
                    "on_behalf_of": request.headers.get(ON_BEHALF_OF_HEADER),
                },
                status_code=self.status,
            )


def service_client(upstream: Upstream, secret: str = "svc-test-secret") -> ServiceClient:
    return ServiceClient(
        base_url="http://upstream.test",
        token_url="http://upstream.test/token",
        client_id="svc-test",
        client_secret=secret,
        name="upstream",
        transport=httpx.ASGITransport(app=upstream.app),
    )


class TestServiceClient:
    async def test_one_token_serves_many_requests_and_the_request_id_goes_along(self) -> None:
        upstream = Upstream()
        client = service_client(upstream)
        structlog.contextvars.bind_contextvars(request_id="abc123")
        try:
            for _ in range(3):
                response = await client.get("/resource")
                assert response.status_code == 200
                assert response.json() == {"request_id": "abc123", "on_behalf_of": None}
        finally:
            structlog.contextvars.unbind_contextvars("request_id")
            await client.aclose()
        assert upstream.issued == ["token-1"]

    async def test_a_token_near_its_expiry_is_renewed(self, monkeypatch: pytest.MonkeyPatch) -> None:
        upstream = Upstream(lifetime=60)
        client = service_client(upstream)
        await client.get("/resource")
        now = time.monotonic()
        monkeypatch.setattr(time, "monotonic", lambda: now + 31)  # 60 s lifetime, 30 s leeway
        await client.get("/resource")
        await client.aclose()
        assert upstream.issued == ["token-1", "token-2"]

    async def test_a_refused_secret_or_a_failing_service_is_503(self) -> None:
        upstream = Upstream()
        wrong = service_client(upstream, secret="guess")
        with pytest.raises(UpstreamUnavailable):
            await wrong.get("/resource")
        await wrong.aclose()
        client = service_client(upstream)
        upstream.status = 502
        with pytest.raises(UpstreamUnavailable) as raised:
            await client.get("/resource")
        assert raised.value.status == 503
        await client.aclose()

    async def test_an_unreachable_service_is_503(self) -> None:
        client = ServiceClient(
            base_url="http://127.0.0.1:9",
            token_url="http://127.0.0.1:9/token",
            client_id="svc-test",
            client_secret="x",
            name="nowhere",
            timeout=1.0,
        )
        with pytest.raises(UpstreamUnavailable):
            await client.get("/resource")
        await client.aclose()


class TestOnBehalfOf:
    async def test_every_call_carries_the_callers_token_beside_the_services_own(self) -> None:
        upstream = Upstream()
        client = service_client(upstream)
        try:
            for person in ("token-of-aino", "token-of-leena"):
                response = await OnBehalfOf(client, person).get("/resource", headers={"Accept": "application/json"})
                assert response.status_code == 200 and response.json()["on_behalf_of"] == person
            assert len(upstream.issued) == 1  # the service's own token is still fetched once
        finally:
            await client.aclose()
