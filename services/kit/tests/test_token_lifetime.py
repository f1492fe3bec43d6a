"""Token times: a token issued in the future, or living longer than the service allows, is refused like any
invalid token (the same 401); ordinary tokens and a little clock skew pass."""

from __future__ import annotations

import time

import httpx
import pytest

from polku_kit.testing import TestIssuer

HOUR = 60 * 60


def token_with(issuer: TestIssuer, *, issued: float, lifetime: int) -> dict[str, str]:
    claims = issuer.claims(subject="coach-aino")
    claims.update(iat=int(issued), exp=int(issued) + lifetime)
    return {"Authorization": f"Bearer {issuer.sign(claims)}"}


async def post_note(client: httpx.AsyncClient, headers: dict[str, str]) -> httpx.Response:
    return await client.post("/v1/notes", json={"text": "x"}, headers=headers)


class TestTokenTimes:
    @pytest.mark.parametrize(
        ("issued_ago", "lifetime"),
        [
            (0, 5 * 60),  # Keycloak's default
            (5 * 60, 90 * 60),  # Entra ID: up to 90 minutes, issued five minutes back-dated
            (-30, 15 * 60),  # the issuer's clock half a minute ahead
        ],
    )
    async def test_ordinary_tokens_pass(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, issued_ago: int, lifetime: int
    ) -> None:
        response = await post_note(client, token_with(test_issuer, issued=time.time() - issued_ago, lifetime=lifetime))
        assert response.status_code == 201, response.text

    async def test_a_token_issued_in_the_future_is_401(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        response = await post_note(client, token_with(test_issuer, issued=time.time() + 10 * 60, lifetime=HOUR))
        assert response.status_code == 401 and response.json()["type"].endswith("/unauthorized")

    async def test_a_token_living_longer_than_allowed_is_401(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        response = await post_note(client, token_with(test_issuer, issued=time.time(), lifetime=30 * 24 * HOUR))
        assert response.status_code == 401 and response.json()["type"].endswith("/unauthorized")
