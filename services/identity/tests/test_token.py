"""Machine clients (client credentials) and the SPA's refresh tokens."""

from typing import Any

import httpx
import pytest

KELA = "0b0c8f6e-6f1a-4c36-9d55-000000000003"
LAHTI = "0b0c8f6e-6f1a-4c36-9d55-000000000001"


async def client_credentials(http: httpx.AsyncClient, client_id: str, secret: str) -> httpx.Response:
    return await http.post("/auth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret))


class TestClientCredentials:
    async def test_a_partner_system_gets_role_partner_and_its_organisation(self, flow: Any) -> None:
        response = await client_credentials(flow.http, "partner-kela", "partner-kela-secret")
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
        assert "refresh_token" not in body and "id_token" not in body
        claims = await flow.verify(body["access_token"])
        assert claims["sub"] == "partner-kela" and claims["client_id"] == "partner-kela"
        assert claims["roles"] == ["partner"]
        assert claims["org"] == KELA and claims["org_name"] == "Kela"
        assert claims["exp"] - claims["iat"] == 3600
        assert {"name", "preferred_username", "email"}.isdisjoint(claims)

    async def test_the_secret_may_also_come_in_the_form(self, flow: Any) -> None:
        response = await flow.http.post(
            "/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": "svc-referrals",
                "client_secret": "svc-referrals-secret",
            },
        )
        assert response.status_code == 200, response.text
        claims = await flow.verify(response.json()["access_token"])
        assert claims["roles"] == ["service"] and claims["org"] == LAHTI

    @pytest.mark.parametrize(
        ("client_id", "role"),
        [("national-platform", "platform"), ("svc-metrics", "service"), ("partner-salpaus", "partner")],
    )
    async def test_each_machine_client_has_its_role(self, flow: Any, client_id: str, role: str) -> None:
        response = await client_credentials(flow.http, client_id, f"{client_id}-secret")
        assert (await flow.verify(response.json()["access_token"]))["roles"] == [role]

    @pytest.mark.parametrize(
        ("client_id", "scopes"),
        [
            ("svc-referrals", {"clients:consent-checks", "clients:shared-data", "clients:client-access"}),
            ("svc-clients", {"referrals:personal-data-export", "employer:personal-data-export"}),
            ("svc-metrics", None),
            ("svc-employer", {"clients:client-access", "clients:consent-checks"}),
            ("partner-kela", None),
        ],
    )
    async def test_only_the_routes_a_machine_client_needs_are_in_its_scope(
        self, flow: Any, client_id: str, scopes: set[str] | None
    ) -> None:
        response = await client_credentials(flow.http, client_id, f"{client_id}-secret")
        claims = await flow.verify(response.json()["access_token"])
        assert (set(claims["scope"].split()) if "scope" in claims else None) == scopes

    async def test_a_wrong_secret_is_invalid_client(self, flow: Any) -> None:
        response = await client_credentials(flow.http, "partner-kela", "partner-salpaus-secret")
        assert response.status_code == 401
        assert response.json()["error"] == "invalid_client"
        assert "access_token" not in response.json()

    async def test_an_unknown_client_is_invalid_client(self, flow: Any) -> None:
        response = await client_credentials(flow.http, "partner-unknown", "partner-unknown-secret")
        assert response.status_code == 401 and response.json()["error"] == "invalid_client"

    async def test_the_public_spa_cannot_use_client_credentials(self, flow: Any) -> None:
        data = {"grant_type": "client_credentials", "client_id": "polku-spa"}
        response = await flow.http.post("/auth/token", data=data)
        assert response.status_code in (400, 401)
        assert "access_token" not in response.json()

    async def test_a_json_body_is_told_to_be_form_encoded(self, flow: Any) -> None:
        response = await flow.http.post(
            "/auth/token", json={"grant_type": "client_credentials"}, auth=("partner-kela", "partner-kela-secret")
        )
        assert response.status_code == 400
        body = response.json()
        assert body["error"] == "invalid_request"
        assert "application/x-www-form-urlencoded" in body["error_description"]
        assert "application/json" in body["error_description"]
        assert response.headers["cache-control"] == "no-store"

    async def test_a_form_with_a_charset_is_still_a_form(self, flow: Any) -> None:
        response = await flow.http.post(
            "/auth/token",
            content=b"grant_type=client_credentials",
            headers={"content-type": "application/x-www-form-urlencoded; charset=utf-8"},
            auth=("partner-kela", "partner-kela-secret"),
        )
        assert response.status_code == 200, response.text

    async def test_token_responses_are_not_cached(self, flow: Any) -> None:
        response = await client_credentials(flow.http, "partner-kela", "partner-kela-secret")
        assert response.headers["cache-control"] == "no-store"


class TestRefreshTokens:
    async def test_a_refresh_gives_a_new_access_token_and_rotates_the_refresh_token(self, flow: Any) -> None:
        tokens = await flow.tokens()
        response = await flow.refresh(tokens["refresh_token"])
        assert response.status_code == 200, response.text
        refreshed = response.json()
        assert refreshed["refresh_token"] != tokens["refresh_token"]
        claims = await flow.verify(refreshed["access_token"])
        assert claims["preferred_username"] == "coach" and claims["roles"] == ["coach"]

    async def test_a_refresh_token_works_once(self, flow: Any) -> None:
        tokens = await flow.tokens()
        assert (await flow.refresh(tokens["refresh_token"])).status_code == 200
        again = await flow.refresh(tokens["refresh_token"])
        assert again.status_code == 400 and again.json()["error"] == "invalid_grant"

    async def test_rotation_keeps_the_sign_in_lifetime(self, flow: Any) -> None:
        tokens = await flow.tokens()
        store = flow.app.state.authorization_server.store
        first = store.refresh_tokens[tokens["refresh_token"]]
        refreshed = (await flow.refresh(tokens["refresh_token"])).json()
        assert store.refresh_tokens[refreshed["refresh_token"]].expires_at == first.expires_at

    async def test_an_expired_sign_in_cannot_be_refreshed(self, flow: Any) -> None:
        tokens = await flow.tokens()
        flow.app.state.authorization_server.store.refresh_tokens[tokens["refresh_token"]].expires_at = 0
        response = await flow.refresh(tokens["refresh_token"])
        assert response.status_code == 400 and response.json()["error"] == "invalid_grant"

    async def test_an_unknown_refresh_token_is_refused(self, flow: Any) -> None:
        response = await flow.refresh("made-up")
        assert response.status_code == 400 and response.json()["error"] == "invalid_grant"
