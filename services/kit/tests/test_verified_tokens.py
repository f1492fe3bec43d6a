"""A token that passed every check is remembered until it expires, so its signature is verified once; a refused
token is never remembered, and an expired one is refused although it was remembered."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from polku_kit import auth
from polku_kit.testing import TestIssuer


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tokens whose signature was verified, in order."""
    seen: list[str] = []
    decode = auth.jwt.decode

    def counted(token: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(token)
        return decode(token, *args, **kwargs)

    monkeypatch.setattr(auth.jwt, "decode", counted)
    return seen


async def test_the_same_token_is_verified_once(
    client: httpx.AsyncClient, test_issuer: TestIssuer, decodes: list[str]
) -> None:
    token = test_issuer.token(subject="coach-remembered")
    for _ in range(3):
        response = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200 and response.json()["subject"] == "coach-remembered"
    assert decodes == [token]


async def test_a_remembered_token_is_refused_once_expired(
    client: httpx.AsyncClient, test_issuer: TestIssuer, decodes: list[str]
) -> None:
    claims = test_issuer.claims(subject="coach-expiring")
    claims.update(iat=int(time.time()), exp=int(time.time()) + 2)
    token = test_issuer.sign(claims)
    headers = {"Authorization": f"Bearer {token}"}
    assert (await client.get("/v1/me", headers=headers)).status_code == 200
    assert (await client.get("/v1/me", headers=headers)).status_code == 200 and decodes == [token]

    # python-jose compares whole seconds: a token is still valid during the second of its exp.
    await asyncio.sleep(claims["exp"] - time.time() + 1.1)
    response = await client.get("/v1/me", headers=headers)
    assert response.status_code == 401 and response.json()["type"].endswith("/unauthorized")


async def test_a_refused_token_is_checked_again_every_time(
    app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, decodes: list[str]
) -> None:
    claims = test_issuer.claims(subject="coach-wrong-audience")
    claims["aud"] = "someone-else"
    token = test_issuer.sign(claims)
    for _ in range(2):
        response = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
    assert decodes == [token, token]
    assert token not in app.state.token_verifier._verified
