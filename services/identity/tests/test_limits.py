"""Sign-in attempts are limited per account and address, and per address across accounts: the answer past the
limit is a 429 problem with Retry-After, before any password or secret is checked."""

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from polku_identity.main import create_app
from polku_identity.settings import Settings

PUBLIC_URL = "http://localhost:8080"
Flow = Callable[[httpx.AsyncClient, FastAPI], Any]


@pytest.fixture
def make_flow(flow: Any) -> Flow:
    """The conftest's sign-in driver, for a client of one's own (another address)."""
    return type(flow)  # type: ignore[no-any-return]


@pytest.fixture
def limited_app(settings: Settings) -> FastAPI:
    settings.identity_sign_in_per_minute = 3
    settings.identity_sign_in_burst = 3
    return create_app(settings)


def from_address(app: FastAPI, address: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(address, 50000)), base_url=PUBLIC_URL)


@pytest.fixture
async def attacker(limited_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with from_address(limited_app, "198.51.100.7") as client:
        yield client


def assert_limited(response: httpx.Response) -> None:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) >= 1
    assert response.json()["type"] == "https://polku.fi/problems/too-many-requests"


class TestSignInForm:
    async def test_guessing_one_accounts_password_is_stopped(
        self, limited_app: FastAPI, attacker: httpx.AsyncClient, make_flow: Flow
    ) -> None:
        flow = make_flow(attacker, limited_app)
        for _ in range(3):
            assert (await flow.sign_in("coach", "guess")).status_code == 200  # the form again, "failed"
        assert_limited(await flow.sign_in("coach", "guess"))
        assert_limited(await flow.sign_in("coach", "demo"))  # the right password waits too
        # Another account from the same address, and the same account from another address, still sign in.
        assert (await flow.sign_in("coach2", "demo")).status_code == 302
        async with from_address(limited_app, "198.51.100.8") as office:
            assert (await make_flow(office, limited_app).sign_in("coach", "demo", nonce="nonce-2")).status_code == 302

    async def test_guessing_across_accounts_is_stopped_per_address(
        self, limited_app: FastAPI, attacker: httpx.AsyncClient, make_flow: Flow
    ) -> None:
        flow = make_flow(attacker, limited_app)
        for number in range(15):
            assert (await flow.sign_in(f"nobody{number}", "guess")).status_code == 200
        assert_limited(await flow.sign_in("nobody-else", "guess"))

    async def test_zero_turns_the_limit_off(self, settings: Settings, make_flow: Flow) -> None:
        settings.identity_sign_in_per_minute = 0
        app = create_app(settings)
        async with from_address(app, "198.51.100.9") as client:
            flow = make_flow(client, app)
            assert {(await flow.sign_in("coach", "guess")).status_code for _ in range(5)} == {200}


class TestTokenEndpoint:
    async def test_guessing_a_client_secret_is_stopped(self, attacker: httpx.AsyncClient) -> None:
        def guess(client_id: str, secret: str) -> dict[str, object]:
            return {"data": {"grant_type": "client_credentials"}, "auth": (client_id, secret)}

        for _ in range(3):
            assert (await attacker.post("/auth/token", **guess("partner-kela", "guess"))).status_code == 401
        assert_limited(await attacker.post("/auth/token", **guess("partner-kela", "partner-kela-secret")))
        other = await attacker.post("/auth/token", **guess("partner-salpaus", "partner-salpaus-secret"))
        assert other.status_code == 200
