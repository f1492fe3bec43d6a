"""Idempotency-Key: a retried POST gives the first response and changes nothing more; the same key with a
different body is refused; a failed request leaves the key free."""

from __future__ import annotations

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.testing import TestIssuer


async def notes(session: AsyncSession) -> int:
    return int(await session.scalar(text("SELECT count(*) FROM sample_note")) or 0)


class TestIdempotencyKey:
    async def test_a_retry_replays_the_first_response(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        headers = {**test_issuer.headers(subject="partner-system"), "Idempotency-Key": "retry-1"}
        first = await client.post("/v1/idempotent-notes", json={"text": "hello"}, headers=headers)
        again = await client.post("/v1/idempotent-notes", json={"text": "hello"}, headers=headers)
        assert first.status_code == again.status_code == 201
        assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
        assert "idempotent-replayed" not in first.headers
        assert await notes(db_session) == 1

    async def test_the_same_key_with_another_body_is_422(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        headers = {**test_issuer.headers(subject="partner-system"), "Idempotency-Key": "k"}
        await client.post("/v1/idempotent-notes", json={"text": "one"}, headers=headers)
        other = await client.post("/v1/idempotent-notes", json={"text": "two"}, headers=headers)
        assert other.status_code == 422
        assert other.json()["type"].endswith("/idempotency-key-reused")
        assert other.json()["errors"][0]["field"] == "header.Idempotency-Key"
        assert await notes(db_session) == 1

    async def test_keys_belong_to_their_caller_and_no_key_means_no_replay(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        for subject in ("system-a", "system-b"):
            response = await client.post(
                "/v1/idempotent-notes",
                json={"text": "x"},
                headers={**test_issuer.headers(subject=subject), "Idempotency-Key": "same"},
            )
            assert response.status_code == 201 and "idempotent-replayed" not in response.headers
        for _ in range(2):
            await client.post("/v1/idempotent-notes", json={"text": "x"}, headers=test_issuer.headers())
        assert await notes(db_session) == 4

    async def test_a_failed_request_leaves_the_key_for_a_retry(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        headers = {**test_issuer.headers(subject="partner-system"), "Idempotency-Key": "after-failure"}
        failed = await client.post("/v1/idempotent-notes", json={"text": "fail after writing"}, headers=headers)
        assert failed.status_code == 500
        retried = await client.post("/v1/idempotent-notes", json={"text": "ok now"}, headers=headers)
        assert retried.status_code == 201 and "idempotent-replayed" not in retried.headers
        assert await notes(db_session) == 1

    async def test_a_malformed_key_is_422(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await client.post(
            "/v1/idempotent-notes",
            json={"text": "x"},
            headers={**test_issuer.headers(), "Idempotency-Key": "has space"},
        )
        assert response.status_code == 422

    async def test_the_stored_response_is_sealed_at_rest(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        headers = {**test_issuer.headers(subject="partner-system"), "Idempotency-Key": "sealed-1"}
        first = await client.post("/v1/idempotent-notes", json={"text": "a personal detail"}, headers=headers)
        stored = await db_session.scalar(
            text("SELECT response_body #>> '{}' FROM idempotency_key WHERE key = 'sealed-1'")
        )
        assert stored is not None and stored.startswith("sealed:v1:") and first.json()["id"] not in stored
        again = await client.post("/v1/idempotent-notes", json={"text": "a personal detail"}, headers=headers)
        assert again.json() == first.json()
