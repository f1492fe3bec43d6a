"""What oidc-client-ts and the services read before anything else: discovery, keys and CORS."""

from typing import Any

import httpx
from authlib.oidc.discovery import OpenIDProviderMetadata
from joserfc.jwk import RSAKey

from polku_identity.main import create_app
from polku_identity.settings import Settings

ISSUER = "http://localhost:8080/auth"


class TestDiscoveryDocument:
    async def test_names_every_endpoint_under_the_public_issuer(self, http: httpx.AsyncClient) -> None:
        response = await http.get("/auth/.well-known/openid-configuration")
        assert response.status_code == 200
        document = response.json()
        assert document["issuer"] == ISSUER
        assert document["authorization_endpoint"] == f"{ISSUER}/authorize"
        assert document["token_endpoint"] == f"{ISSUER}/token"
        assert document["userinfo_endpoint"] == f"{ISSUER}/userinfo"
        assert document["jwks_uri"] == f"{ISSUER}/jwks"
        assert document["end_session_endpoint"] == f"{ISSUER}/logout"

    async def test_promises_only_what_is_implemented(self, http: httpx.AsyncClient) -> None:
        document: dict[str, Any] = (await http.get("/auth/.well-known/openid-configuration")).json()
        assert document["response_types_supported"] == ["code"]
        assert document["code_challenge_methods_supported"] == ["S256"]
        assert document["id_token_signing_alg_values_supported"] == ["RS256"]
        assert set(document["grant_types_supported"]) == {"authorization_code", "refresh_token", "client_credentials"}
        assert set(document["token_endpoint_auth_methods_supported"]) == {
            "none",
            "client_secret_basic",
            "client_secret_post",
        }

    async def test_is_valid_openid_provider_metadata(self, http: httpx.AsyncClient) -> None:
        document = (await http.get("/auth/.well-known/openid-configuration")).json()
        OpenIDProviderMetadata(document).validate()

    async def test_follows_the_configured_issuer(self, settings: Settings) -> None:
        app = create_app(settings.model_copy(update={"oidc_issuer": "https://polku.example.fi/auth"}))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            document = (await client.get("/auth/.well-known/openid-configuration")).json()
        assert document["issuer"] == "https://polku.example.fi/auth"
        assert document["token_endpoint"] == "https://polku.example.fi/auth/token"


class TestJwks:
    async def test_publishes_the_public_key_only(self, http: httpx.AsyncClient) -> None:
        (key,) = (await http.get("/auth/jwks")).json()["keys"]
        assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["use"] == "sig"
        assert {"d", "p", "q", "dp", "dq", "qi"}.isdisjoint(key)

    async def test_key_id_is_the_rfc7638_thumbprint(self, http: httpx.AsyncClient) -> None:
        (key,) = (await http.get("/auth/jwks")).json()["keys"]
        assert key["kid"] == RSAKey.import_key({"kty": "RSA", "n": key["n"], "e": key["e"]}).thumbprint()


class TestCors:
    async def test_the_spa_origin_may_read_discovery_and_call_the_token_endpoint(self, http: httpx.AsyncClient) -> None:
        discovery = await http.get(
            "/auth/.well-known/openid-configuration", headers={"Origin": "http://localhost:8080"}
        )
        assert discovery.headers["access-control-allow-origin"] == "http://localhost:8080"
        preflight = await http.options(
            "/auth/token",
            headers={
                "Origin": "http://localhost:8080",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "http://localhost:8080"

    async def test_other_origins_are_not_allowed(self, http: httpx.AsyncClient) -> None:
        response = await http.get("/auth/jwks", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in response.headers


class TestHealth:
    async def test_healthz(self, http: httpx.AsyncClient) -> None:
        response = await http.get("/auth/healthz")
        assert response.status_code == 200 and response.json()["status"] == "ok"
        assert response.headers["x-request-id"]
