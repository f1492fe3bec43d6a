"""Rate limits per caller: a token bucket per bearer token or, without one, per client address, refused with a
429 problem and Retry-After; probes and the scraper are never limited."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI

from polku_kit.ratelimit import REMEMBERED_HEADER_BYTES, CallerKeys, RateLimiter, bearer_authorization
from polku_kit.testing import LAHTI, ServiceSpec, TestIssuer, build_test_app, make_test_settings


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class TestRateLimiter:
    def test_a_burst_then_the_rate(self) -> None:
        clock = Clock()
        limiter = RateLimiter(per_minute=60, burst=3, clock=clock)
        assert [limiter.take("a") for _ in range(3)] == [0, 0, 0]
        assert limiter.take("a") == pytest.approx(1.0)
        clock.now += 0.5
        assert limiter.take("a") == pytest.approx(0.5)
        clock.now += 0.5
        assert limiter.take("a") == 0
        assert limiter.take("b") == 0  # each key has its own bucket

    def test_an_idle_bucket_fills_up_to_the_burst_only(self) -> None:
        clock = Clock()
        limiter = RateLimiter(per_minute=60, burst=2, clock=clock)
        limiter.take("a")
        clock.now += 3600
        assert [limiter.take("a") for _ in range(3)][-1] > 0

    def test_keeps_at_most_max_keys_dropping_the_one_used_longest_ago(self) -> None:
        clock = Clock()
        limiter = RateLimiter(per_minute=1, burst=1, max_keys=2, clock=clock)
        limiter.take("a")
        limiter.take("b")
        limiter.take("a")  # a is used again: b is now the oldest
        limiter.take("c")
        assert limiter.take("a") > 0  # a was kept, still empty
        assert limiter.take("b") == 0  # b was dropped: a full bucket again


def bearer(token: str, *, address: str = "203.0.113.9") -> dict[str, object]:
    return {"headers": [(b"authorization", f"Bearer {token}".encode())], "client": (address, 40000)}


def known(token: str) -> str:
    """A token's key as decision 75 defines it: ``token:`` and the SHA-256 of the token, in hex."""
    return "token:" + hashlib.sha256(token.encode()).hexdigest()


# The key of the token "a.b.c", from `printf 'a.b.c' | sha256sum`.
A_B_C = "token:845e30448809e2bc8958eb025bfc795235d13b077a53d0c3abbd2385170dc9b8"


class TestCallerKeys:
    def test_the_key_is_the_tokens_hash_hashed_or_remembered(self) -> None:
        keys = CallerKeys()
        scope = bearer("a.b.c")
        assert bearer_authorization(scope) == b"Bearer a.b.c"
        assert keys(scope) == A_B_C == known("a.b.c")  # hashed
        assert list(keys._keys) == [b"Bearer a.b.c"]
        assert keys(scope) == A_B_C  # remembered
        # The scheme in any case, the token without the spaces around it: the same key, remembered by its own header.
        assert keys({"headers": [(b"authorization", b"bearer  a.b.c ")], "client": ("203.0.113.9", 1)}) == A_B_C
        assert keys({"headers": [], "client": ("203.0.113.9", 1)}) == "address:203.0.113.9"
        basic = {"headers": [(b"authorization", b"Basic YTpi")], "client": ("203.0.113.9", 1)}
        assert bearer_authorization(basic) is None and keys(basic) == "address:203.0.113.9"

    def test_a_token_that_differs_in_one_byte_has_a_key_of_its_own(self, test_issuer: TestIssuer) -> None:
        keys = CallerKeys()
        real = test_issuer.token(subject="coach-aino")
        forged = real[:-1] + ("A" if real[-1] != "A" else "B")
        assert keys(bearer(real)) == known(real)  # the real token's key is remembered first
        assert keys(bearer(forged)) == known(forged) != known(real)
        assert (keys(bearer(real)), keys(bearer(forged))) == (known(real), known(forged))  # both remembered
        assert len(keys._keys) == 2

    def test_keeps_at_most_max_tokens(self) -> None:
        keys = CallerKeys(max_tokens=8)
        for number in range(50):
            assert keys(bearer(f"token-{number}")) == known(f"token-{number}")
            assert len(keys._keys) <= 8
        assert b"Bearer token-49" in keys._keys and b"Bearer token-0" not in keys._keys
        assert keys(bearer("token-0")) == known("token-0")  # forgotten, hashed again

    def test_a_header_longer_than_a_token_is_hashed_each_time_not_kept(self) -> None:
        keys = CallerKeys()
        long = "x" * REMEMBERED_HEADER_BYTES
        assert keys(bearer(long)) == keys(bearer(long)) == known(long)
        assert keys._keys == {}
        keys(bearer("a.b.c"))
        assert list(keys._keys) == [b"Bearer a.b.c"]
        # A header of the limit's length is still kept ("Bearer " is seven bytes of it).
        longest = "y" * (REMEMBERED_HEADER_BYTES - 7)
        assert keys(bearer(longest)) == known(longest)
        assert len(keys._keys) == 2


@pytest_asyncio.fixture(loop_scope="session")
async def limited_app(service_spec: ServiceSpec, test_issuer: TestIssuer) -> AsyncIterator[FastAPI]:
    settings = make_test_settings(
        service_spec,
        "postgresql+asyncpg://postgres@127.0.0.1:1/unused",
        test_issuer,
        rate_limit_per_minute=60,
        rate_limit_burst=3,
    )
    app = build_test_app(service_spec, settings, test_issuer)
    yield app
    await app.state.database.dispose()


def client_from(app: FastAPI, address: str, *, through_gateway: bool = True) -> httpx.AsyncClient:
    """A caller at ``address``; through the gateway, its requests carry X-Forwarded-For as Caddy sets it."""
    headers = {"X-Forwarded-For": address} if through_gateway else {}
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=(address, 40000)), base_url="http://sample.test", headers=headers
    )


class TestRateLimitMiddleware:
    async def test_a_caller_past_its_burst_gets_a_429_problem_with_retry_after(
        self, limited_app: FastAPI, test_issuer: TestIssuer
    ) -> None:
        aino = test_issuer.headers(subject="coach-aino", roles=["coach"], org=LAHTI)
        other = test_issuer.headers(subject="coach-2", roles=["coach"], org=LAHTI)
        async with client_from(limited_app, "203.0.113.5") as client:
            assert [(await client.get("/v1/me", headers=aino)).status_code for _ in range(3)] == [200, 200, 200]
            refused = await client.get("/v1/me", headers=aino)
            assert refused.status_code == 429
            assert refused.headers["content-type"] == "application/problem+json"
            assert refused.headers["retry-after"] == "1"
            problem = refused.json()
            assert problem["type"] == "https://polku.fi/problems/too-many-requests"
            assert problem["status"] == 429 and problem["retry_after"] == 1
            # Another caller from the same address (a municipality's office behind one NAT) is not held back.
            assert (await client.get("/v1/me", headers=other)).status_code == 200

    async def test_a_forged_token_never_shares_the_bucket_of_the_real_one(
        self, limited_app: FastAPI, test_issuer: TestIssuer
    ) -> None:
        real = test_issuer.token(subject="coach-forged-against", roles=["coach"], org=LAHTI)
        forged = real[:-2] + ("AA" if real[-2:] != "AA" else "BB")
        async with client_from(limited_app, "203.0.113.10") as client:
            statuses = [(await client.get("/v1/me", headers={"Authorization": f"Bearer {forged}"})).status_code]
            statuses += [(await client.get("/v1/me", headers={"Authorization": f"Bearer {real}"})).status_code]
            # The forged token's bucket is drained; the real one's is its own.
            statuses += [
                (await client.get("/v1/me", headers={"Authorization": f"Bearer {forged}"})).status_code
                for _ in range(3)
            ]
            statuses += [(await client.get("/v1/me", headers={"Authorization": f"Bearer {real}"})).status_code]
        assert statuses == [401, 200, 401, 401, 429, 200]

    async def test_without_a_token_the_address_is_the_caller(self, limited_app: FastAPI) -> None:
        async with client_from(limited_app, "203.0.113.6") as first, client_from(limited_app, "203.0.113.7") as second:
            assert [(await first.get("/v1/me")).status_code for _ in range(4)] == [401, 401, 401, 429]
            assert (await second.get("/v1/me")).status_code == 401

    async def test_calls_inside_the_cluster_are_not_limited(
        self, limited_app: FastAPI, test_issuer: TestIssuer
    ) -> None:
        service = test_issuer.headers(subject="svc-referrals", roles=["service"], org=LAHTI)
        async with client_from(limited_app, "127.0.0.1", through_gateway=False) as client:
            assert {(await client.get("/v1/me", headers=service)).status_code for _ in range(6)} == {200}

    async def test_probes_and_the_scraper_are_never_limited(self, limited_app: FastAPI) -> None:
        async with client_from(limited_app, "203.0.113.8") as client:
            for path in ("/healthz", "/metrics"):
                assert {(await client.get(path)).status_code for _ in range(5)} == {200}
