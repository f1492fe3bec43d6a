"""The signing-key cache: keys are found only by kid in the fetched JWKS, refreshed when stale, and an
unknown kid cannot make the service hammer the issuer."""

import httpx
import pytest

from polku_kit.auth import InvalidToken, JWKSCache
from polku_kit.testing import TestIssuer


class Issuer:
    def __init__(self) -> None:
        self.keys = [TestIssuer().public_jwk]
        self.fetches = 0

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.fetches += 1
        return httpx.Response(200, json={"keys": self.keys})


def cache_for(issuer: Issuer, ttl: float = 300.0) -> JWKSCache:
    return JWKSCache(
        "http://issuer.test/jwks",
        ttl=ttl,
        client_factory=lambda: httpx.AsyncClient(transport=httpx.MockTransport(issuer.handler)),
    )


class TestKeyFor:
    async def test_known_kid_is_fetched_once_and_cached(self) -> None:
        issuer = Issuer()
        cache = cache_for(issuer)
        kid = issuer.keys[0]["kid"]
        assert (await cache.key_for(kid))["kid"] == kid
        assert (await cache.key_for(kid))["kid"] == kid
        assert issuer.fetches == 1

    async def test_unknown_kid_is_refused_without_refetching_at_once(self) -> None:
        issuer = Issuer()
        cache = cache_for(issuer)
        await cache.key_for(issuer.keys[0]["kid"])
        for _ in range(5):
            with pytest.raises(InvalidToken):
                await cache.key_for("rotated-in-later")
        assert issuer.fetches == 1

    async def test_stale_cache_picks_up_a_rotated_key(self) -> None:
        issuer = Issuer()
        cache = cache_for(issuer, ttl=0.0)
        await cache.key_for(issuer.keys[0]["kid"])
        rotated = {**TestIssuer().public_jwk, "kid": "key-2"}
        issuer.keys.append(rotated)
        assert (await cache.key_for("key-2"))["n"] == rotated["n"]

    async def test_issuer_down_means_refusal_not_a_crash(self) -> None:
        def down(request: httpx.Request) -> httpx.Response:
            raise httpx.ConnectError("connection refused")

        cache = JWKSCache(
            "http://issuer.test/jwks",
            client_factory=lambda: httpx.AsyncClient(transport=httpx.MockTransport(down)),
        )
        with pytest.raises(InvalidToken):
            await cache.key_for("any")
