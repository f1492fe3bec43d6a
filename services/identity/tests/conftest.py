"""An issuer app per test, on a temporary var dir, and a small driver for the sign-in flow as the SPA runs it."""

import base64
import hashlib
import secrets
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi import FastAPI
from jose import jwt as jose_jwt

from polku_identity.keys import SigningKey
from polku_identity.main import create_app
from polku_identity.settings import Settings

PUBLIC_URL = "http://localhost:8080"
ISSUER = f"{PUBLIC_URL}/auth"
REDIRECT_URI = f"{PUBLIC_URL}/callback"
SPA = "polku-spa"


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def query_of(response: httpx.Response) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(response.headers["location"]).query).items()}


class Flow:
    """Drives the issuer the way oidc-client-ts does: authorize, sign in, exchange the code, refresh."""

    def __init__(self, http: httpx.AsyncClient, app: FastAPI):
        self.http = http
        self.app = app
        self.verifier, self.challenge = pkce_pair()

    def authorize_params(self, **overrides: str | None) -> dict[str, str]:
        params: dict[str, str | None] = {
            "response_type": "code",
            "client_id": SPA,
            "redirect_uri": REDIRECT_URI,
            "scope": "openid profile email",
            "state": "state-1",
            "nonce": "nonce-1",
            "code_challenge": self.challenge,
            "code_challenge_method": "S256",
            **overrides,
        }
        return {key: value for key, value in params.items() if value is not None}

    async def authorize(self, **overrides: str | None) -> httpx.Response:
        return await self.http.get("/auth/authorize", params=self.authorize_params(**overrides))

    async def sign_in(self, username: str = "coach", password: str = "demo", **overrides: str | None) -> httpx.Response:
        form = await self.authorize(**overrides)
        assert form.status_code == 200, form.text
        data = {**self.authorize_params(**overrides), "username": username, "password": password}
        return await self.http.post("/auth/authorize", data=data)

    async def code(self, username: str = "coach") -> str:
        response = await self.sign_in(username)
        assert response.status_code == 302, response.text
        return query_of(response)["code"]

    async def exchange(self, code: str, verifier: str | None = None) -> httpx.Response:
        return await self.http.post(
            "/auth/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": REDIRECT_URI,
                "client_id": SPA,
                "code_verifier": verifier or self.verifier,
            },
        )

    async def tokens(self, username: str = "coach") -> dict[str, Any]:
        response = await self.exchange(await self.code(username))
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]

    async def refresh(self, refresh_token: str) -> httpx.Response:
        return await self.http.post(
            "/auth/token",
            data={
                "grant_type": "refresh_token",
                "refresh_token": refresh_token,
                "client_id": SPA,
            },
        )

    async def jwks(self) -> dict[str, Any]:
        return (await self.http.get("/auth/jwks")).json()  # type: ignore[no-any-return]

    async def verify(self, token: str, audience: str = "polku-api") -> dict[str, Any]:
        """As the services verify: python-jose, an algorithm allow-list, issuer and audience required."""
        return jose_jwt.decode(
            token,
            await self.jwks(),
            algorithms=["RS256"],
            audience=audience,
            issuer=ISSUER,
            options={"verify_at_hash": False},
        )  # type: ignore[no-any-return]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see only the settings they make, never the developer's POLKU_* variables."""
    import os

    for name in list(os.environ):
        if name.startswith("POLKU_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def signing_key_pem(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """One RSA key for the whole run: making a 2048-bit key for every test would dominate the run time."""
    path = tmp_path_factory.mktemp("key") / "signing-key.pem"
    SigningKey.load_or_create(path)
    return path.read_bytes()


@pytest.fixture
def fresh_settings(tmp_path: Path) -> Settings:
    """Settings over an empty var dir: the issuer makes its key on first start."""
    return Settings(
        var_dir=tmp_path, public_url=PUBLIC_URL, oidc_issuer=ISSUER, identity_spa_redirect_uris=REDIRECT_URI
    )


@pytest.fixture
def settings(fresh_settings: Settings, signing_key_pem: bytes) -> Settings:
    """Settings over a var dir that already holds the run's signing key."""
    fresh_settings.key_file.parent.mkdir(parents=True)
    fresh_settings.key_file.write_bytes(signing_key_pem)
    fresh_settings.key_file.chmod(0o600)
    return fresh_settings


@pytest.fixture
def issuer_app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
async def http(issuer_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=issuer_app)
    async with httpx.AsyncClient(transport=transport, base_url=PUBLIC_URL) as client:
        yield client


@pytest.fixture
def flow(http: httpx.AsyncClient, issuer_app: FastAPI) -> Flow:
    return Flow(http, issuer_app)
