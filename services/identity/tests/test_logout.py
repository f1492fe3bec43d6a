"""RP-initiated logout, as oidc-client-ts's signoutRedirect calls it."""

from typing import Any

HOME = "http://localhost:8080/"


class TestLogout:
    async def test_returns_to_the_registered_post_logout_uri_with_the_state(self, flow: Any) -> None:
        response = await flow.http.get(
            "/auth/logout",
            params={
                "client_id": "polku-spa",
                "post_logout_redirect_uri": HOME,
                "state": "bye",
            },
        )
        assert response.status_code == 302
        assert response.headers["location"] == f"{HOME}?state=bye"

    async def test_an_unregistered_post_logout_uri_is_not_followed(self, flow: Any) -> None:
        response = await flow.http.get(
            "/auth/logout",
            params={
                "client_id": "polku-spa",
                "post_logout_redirect_uri": "https://evil.example/",
            },
        )
        assert response.status_code == 200 and "location" not in response.headers
        assert "Olet kirjautunut ulos" in response.text

    async def test_an_id_token_hint_ends_the_persons_refresh_tokens(self, flow: Any) -> None:
        tokens = await flow.tokens()
        response = await flow.http.get(
            "/auth/logout",
            params={
                "id_token_hint": tokens["id_token"],
                "post_logout_redirect_uri": HOME,
            },
        )
        assert response.status_code == 302 and response.headers["location"] == HOME
        refresh = await flow.refresh(tokens["refresh_token"])
        assert refresh.status_code == 400

    async def test_a_forged_id_token_hint_is_refused(self, flow: Any) -> None:
        response = await flow.http.get(
            "/auth/logout",
            params={
                "id_token_hint": "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
                "post_logout_redirect_uri": HOME,
            },
        )
        assert response.status_code == 400 and "location" not in response.headers
