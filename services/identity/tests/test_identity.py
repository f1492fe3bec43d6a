"""The local issuer speaks OpenID Connect the way the SPA, partner systems and the services expect."""

import base64
import hashlib
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from jose import jwt as jose_jwt

from polku_identity.main import create_app
from polku_identity.settings import ProductionRefused, Settings

ISSUER = "http://localhost:8080/auth"
REDIRECT = "http://localhost:8080/callback"
KELA = "0b0c8f6e-6f1a-4c36-9d55-000000000003"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(var_dir=tmp_path, oidc_issuer=ISSUER, identity_spa_redirect_uris=REDIRECT)


@pytest.fixture
async def http(settings: Settings) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost:8080") as client:
        yield client


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def authorize_params(challenge: str, **overrides: str) -> dict[str, str]:
    return {
        "response_type": "code", "client_id": "polku-spa", "redirect_uri": REDIRECT,
        "scope": "openid profile email", "state": "state-1", "nonce": "nonce-1",
        "code_challenge": challenge, "code_challenge_method": "S256", **overrides,
    }


async def log_in(http: httpx.AsyncClient, challenge: str, username: str = "coach", password: str = "demo"):
    params = authorize_params(challenge)
    form = await http.get("/auth/authorize", params=params)
    assert form.status_code == 200, form.text
    return await http.post("/auth/authorize", data={**params, "username": username, "password": password})


async def jwks(http: httpx.AsyncClient) -> dict:
    return (await http.get("/auth/jwks")).json()


def verify(token: str, keys: dict, audience: str = "polku-api") -> dict:
    return jose_jwt.decode(token, keys, algorithms=["RS256"], audience=audience, issuer=ISSUER,
                           options={"verify_at_hash": False})


class TestDiscovery:
    async def test_discovery_document(self, http: httpx.AsyncClient) -> None:
        document = (await http.get("/auth/.well-known/openid-configuration")).json()
        assert document["issuer"] == ISSUER
        assert document["jwks_uri"] == f"{ISSUER}/jwks"
        assert document["authorization_endpoint"] == f"{ISSUER}/authorize"
        assert document["code_challenge_methods_supported"] == ["S256"]

    async def test_jwks_has_only_public_parts(self, http: httpx.AsyncClient) -> None:
        key = (await jwks(http))["keys"][0]
        assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["kid"]
        assert "d" not in key and "p" not in key


class TestAuthorizationCodeWithPkce:
    async def test_full_flow_gives_tokens_the_services_accept(self, http: httpx.AsyncClient) -> None:
        verifier, challenge = pkce()
        login = await log_in(http, challenge)
        assert login.status_code == 302
        location = urlparse(login.headers["location"])
        assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
        query = parse_qs(location.query)
        assert query["state"] == ["state-1"]
        token = await http.post("/auth/token", data={
            "grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": REDIRECT,
            "client_id": "polku-spa", "code_verifier": verifier,
        })
        assert token.status_code == 200, token.text
        body = token.json()
        keys = await jwks(http)
        access = verify(body["access_token"], keys)
        assert access["name"] == "Aino Virtanen"
        assert access["roles"] == ["coach"]
        assert access["org"] == "0b0c8f6e-6f1a-4c36-9d55-000000000001"
        identity = verify(body["id_token"], keys, audience="polku-spa")
        assert identity["nonce"] == "nonce-1"
        assert identity["name"] == "Aino Virtanen"
        userinfo = await http.get("/auth/userinfo", headers={"Authorization": f"Bearer {body['access_token']}"})
        assert userinfo.json()["preferred_username"] == "coach"

    async def test_wrong_verifier_is_refused(self, http: httpx.AsyncClient) -> None:
        _, challenge = pkce()
        login = await log_in(http, challenge)
        code = parse_qs(urlparse(login.headers["location"]).query)["code"][0]
        token = await http.post("/auth/token", data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
            "client_id": "polku-spa", "code_verifier": pkce()[0],
        })
        assert token.status_code == 400
        assert token.json()["error"] == "invalid_grant"

    async def test_a_code_cannot_be_used_twice(self, http: httpx.AsyncClient) -> None:
        verifier, challenge = pkce()
        login = await log_in(http, challenge)
        code = parse_qs(urlparse(login.headers["location"]).query)["code"][0]
        data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
                "client_id": "polku-spa", "code_verifier": verifier}
        assert (await http.post("/auth/token", data=data)).status_code == 200
        again = await http.post("/auth/token", data=data)
        assert again.status_code == 400 and again.json()["error"] == "invalid_grant"

    async def test_pkce_is_required(self, http: httpx.AsyncClient) -> None:
        params = authorize_params("x")
        del params["code_challenge"], params["code_challenge_method"]
        response = await http.get("/auth/authorize", params=params)
        assert response.status_code in (302, 400)
        assert 'name="password"' not in response.text

    async def test_wrong_password_shows_the_form_again(self, http: httpx.AsyncClient) -> None:
        _, challenge = pkce()
        response = await log_in(http, challenge, password="wrong")
        assert response.status_code == 401
        assert "location" not in response.headers
        assert 'role="alert"' in response.text and 'name="password"' in response.text

    async def test_unregistered_redirect_uri_is_refused_without_redirecting(self, http: httpx.AsyncClient) -> None:
        _, challenge = pkce()
        params = authorize_params(challenge, redirect_uri="https://evil.example/callback")
        response = await http.get("/auth/authorize", params=params)
        assert response.status_code == 400
        assert "location" not in response.headers

    async def test_login_form_is_labelled_and_speaks_the_asked_language(self, http: httpx.AsyncClient) -> None:
        _, challenge = pkce()
        finnish = await http.get("/auth/authorize", params=authorize_params(challenge))
        assert '<html lang="fi">' in finnish.text and 'for="username">Käyttäjätunnus<' in finnish.text
        swedish = await http.get("/auth/authorize", params=authorize_params(challenge, ui_locales="sv"))
        assert '<html lang="sv">' in swedish.text and "Användarnamn" in swedish.text


class TestClientCredentials:
    async def test_partner_system_gets_its_organisation(self, http: httpx.AsyncClient) -> None:
        response = await http.post("/auth/token", data={"grant_type": "client_credentials"},
                                   auth=("partner-kela", "partner-kela-secret"))
        assert response.status_code == 200, response.text
        claims = verify(response.json()["access_token"], await jwks(http))
        assert claims["roles"] == ["partner"] and claims["org"] == KELA
        assert claims["sub"] == "partner-kela" and claims["client_id"] == "partner-kela"

    async def test_wrong_secret(self, http: httpx.AsyncClient) -> None:
        response = await http.post("/auth/token", data={"grant_type": "client_credentials"},
                                   auth=("partner-kela", "guess"))
        assert response.status_code == 401
        assert response.json()["error"] == "invalid_client"

    async def test_the_spa_cannot_use_client_credentials(self, http: httpx.AsyncClient) -> None:
        response = await http.post("/auth/token", data={"grant_type": "client_credentials",
                                                        "client_id": "polku-spa"})
        assert response.status_code in (400, 401)


class TestProductionRefusal:
    def test_settings_refuse_production(self, tmp_path: Path) -> None:
        with pytest.raises(ProductionRefused):
            Settings(env="production", var_dir=tmp_path)

    def test_command_exits_with_a_clear_message(self, tmp_path: Path) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "polku_identity.cli", "serve"],
            env={"POLKU_ENV": "production", "POLKU_VAR_DIR": str(tmp_path), "PATH": ""},
            capture_output=True, text=True,
        )
        assert result.returncode == 2
        assert "refuses to run with POLKU_ENV=production" in result.stderr


class TestTokenCommand:
    def test_prints_a_token_signed_with_the_servers_key(self, tmp_path: Path, settings: Settings) -> None:
        env = {"POLKU_VAR_DIR": str(tmp_path), "POLKU_OIDC_ISSUER": ISSUER, "PATH": ""}
        result = subprocess.run([sys.executable, "-m", "polku_identity.cli", "token", "manager"],
                                env=env, capture_output=True, text=True, check=True)
        app = create_app(settings)  # same var dir: loads the key the command created
        claims = verify(result.stdout.strip(), app.state.signing_key.jwks())
        assert claims["roles"] == ["manager"] and claims["name"] == "Pekka Nieminen"
