"""Tests that need two services at once: referrals-api with the real clients-api in-process (referrals ask
clients-api for a client's access, consents and shared data). Only this folder may import both; the services'
own tests never import another service."""

import asyncio
import base64
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest_asyncio
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncConnection

from clients_api import SERVICE_DIR as CLIENTS_SERVICE_DIR
from clients_api.main import create_app as create_clients_app
from clients_api.settings import Settings as ClientsSettings
from polku_kit.service_client import ServiceClient
from polku_kit.testing import (
    ServiceSpec,
    TestIssuer,
    build_test_app,
    create_migrated_database,
    make_test_settings,
    on_connection,
)
from referrals_api.testing import MIKKELI_WORKSHOP, Headers, as_, network, service_spec

__all__ = ["MIKKELI_WORKSHOP", "Headers", "as_", "network", "service_spec"]

# --- clients-api, the real one, in-process ------------------------------------------------------------------
#
# Referrals ask clients-api for consent checks. The tests run the real clients-api app on its own test
# database (rolled back per test like ours) and point referrals-api's service client at it through an ASGI
# transport. The one stand-in is the issuer's token endpoint: a few lines that check the client credentials
# and sign with the test issuer's key, which both apps trust (the identity service has its own tests).


# The scopes the issuer gives svc-referrals (services/identity's demo clients).
SCOPES = ("clients:consent-checks", "clients:shared-data", "clients:client-access")


class TokenEndpoint:
    """``POST /auth/token`` with the client credentials grant, for the machine client svc-referrals."""

    def __init__(self, issuer: TestIssuer) -> None:
        self.issued = 0
        self.app = FastAPI()

        @self.app.post("/auth/token")
        async def token(request: Request) -> JSONResponse:
            form = await request.form()
            scheme, _, value = request.headers.get("authorization", "").partition(" ")
            client_id, _, secret = (base64.b64decode(value).decode() if scheme == "Basic" else ":").partition(":")
            if form.get("grant_type") != "client_credentials" or (client_id, secret) != (
                "svc-referrals",
                "svc-referrals-secret",
            ):
                return JSONResponse({"error": "invalid_client"}, status_code=401)
            self.issued += 1
            access = issuer.token(
                subject="svc-referrals", roles=["service"], org=None, client_id="svc-referrals", scope=" ".join(SCOPES)
            )
            return JSONResponse({"access_token": access, "token_type": "Bearer", "expires_in": 300})


class InProcess(httpx.AsyncBaseTransport):
    """Routes by host to in-process apps. Each call runs in a task of its own, so the called app's request
    context (request id, subject) does not leak into the caller's."""

    def __init__(self, apps: dict[str, FastAPI]) -> None:
        self.transports = {host: httpx.ASGITransport(app=app) for host, app in apps.items()}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        transport = self.transports[request.url.host]
        response = await asyncio.create_task(transport.handle_async_request(request))
        await response.aread()
        return response


@dataclass
class ClientsApi:
    http: httpx.AsyncClient
    tokens: TokenEndpoint
    service_client: ServiceClient


CLIENTS_SPEC = ServiceSpec(
    create_app=create_clients_app, settings_class=ClientsSettings, service_dir=CLIENTS_SERVICE_DIR
)


@pytest_asyncio.fixture(loop_scope="session")
async def clients_api(
    app: FastAPI,
    db_connection: AsyncConnection,
    postgres_server_url: str,
    test_issuer: TestIssuer,
    _service_apps: dict[ServiceSpec, FastAPI],
) -> AsyncIterator[ClientsApi]:
    if CLIENTS_SPEC not in _service_apps:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        url = await create_migrated_database(postgres_server_url, CLIENTS_SERVICE_DIR, f"test_clients_{worker}")
        _service_apps[CLIENTS_SPEC] = build_test_app(
            CLIENTS_SPEC, make_test_settings(CLIENTS_SPEC, url, test_issuer), test_issuer
        )
    clients_app = _service_apps[CLIENTS_SPEC]
    database = clients_app.state.database
    original_client = app.state.clients_api
    tokens = TokenEndpoint(test_issuer)
    transport = InProcess({"clients.test": clients_app, "issuer.test": tokens.app})
    service_client = ServiceClient(
        base_url="http://clients.test",
        token_url="http://issuer.test/auth/token",
        client_id="svc-referrals",
        client_secret="svc-referrals-secret",
        name="clients-api",
        transport=transport,
    )
    async with database.engine.connect() as connection:
        transaction = await connection.begin()
        app.state.clients_api = service_client
        try:
            with on_connection(database, connection):
                async with httpx.AsyncClient(transport=transport, base_url="http://clients.test") as http:
                    yield ClientsApi(http=http, tokens=tokens, service_client=service_client)
        finally:
            app.state.clients_api = original_client
            await service_client.aclose()
            await transaction.rollback()
