"""A token that passed every check is remembered until it expires, so its signature is verified once; a refused
token is never remembered, and an expired one is refused although it was remembered."""

from __future__ import annotations

import asyncio
import time
import uuid
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


async def test_me_answers_what_fastapi_encodes_for_the_principal_once_per_token(
    app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer
) -> None:
    token = test_issuer.token(
        subject="coach-answered", roles=["coach", "manager"], org_name="Lahden kaupunki", email="a@lahti.fi"
    )
    first = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    second = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    verified = app.state.token_verifier._verified[token]

    # What a route with the same response model returning the principal answers, encoded by FastAPI.
    plain = FastAPI()

    @plain.get("/me", response_model=auth.Principal)
    async def me() -> auth.Principal:
        return verified.principal

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=plain), base_url="http://plain.test") as other:
        encoded = await other.get("/me")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content == encoded.content
    assert first.headers["content-type"] == encoded.headers["content-type"] == "application/json"
    assert first.json()["organisation_name"] == "Lahden kaupunki" and sorted(first.json()["roles"]) == [
        "coach",
        "manager",
    ]
    assert verified.answer() is verified.answer()  # encoded once


def test_what_a_verified_token_is_made_of() -> None:
    principal = auth.Principal(
        subject="coach-7",
        roles=frozenset({"coach"}),
        organisation_id=uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000001"),
        organisation_name="Lahden kaupunki",
        name="Aino Coach",
    )
    verified = auth.Verified(principal, expires=time.time() + 60)
    assert verified.actor == auth.Actor(
        subject="coach-7",
        name="Aino Coach",
        organisation_id="0b0c8f6e-6f1a-4c36-9d55-000000000001",
        organisation_name="Lahden kaupunki",
    )
    assert verified.context == {"subject": "coach-7", "organisation": "0b0c8f6e-6f1a-4c36-9d55-000000000001"}
    nobody = auth.Verified(auth.Principal(subject="svc"), expires=0)
    assert nobody.actor == auth.Actor(subject="svc") and nobody.context == {"subject": "svc", "organisation": ""}
