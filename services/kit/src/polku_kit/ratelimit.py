"""Request rate limits per caller: a token bucket per bearer token, or per client address for a request without
one, answered with a 429 problem document and ``Retry-After`` (decision 13).

The gateway's Caddy has no rate-limit handler, so the limit is kept here, in each service process, in front of
everything else the service does. Each process counts on its own: with N replicas a caller gets N times the
rate, which is why production also sets a limit at the cluster's ingress. Only requests that came through a
proxy are limited (they carry ``X-Forwarded-For``, which the gateway always sets): another service's calls, the
probes and the scraper reach the service directly, inside the cluster's network policy. The client address is
the one uvicorn takes from the trusted gateway's ``X-Forwarded-For`` (``POLKU_FORWARDED_ALLOW_IPS``).
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable, Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

from polku_kit.errors import ProblemError, problem_response

# Probes and the scraper are never limited: a throttled probe would take a healthy replica out of service.
EXEMPT_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


class TooManyRequests(ProblemError):
    status, slug, title = 429, "too-many-requests", "Too many requests"


class RateLimiter:
    """Token buckets by key: ``burst`` requests at once, refilled at ``per_minute``. At most ``max_keys`` buckets
    are kept; the one used longest ago goes first (by then it has usually filled up again anyway)."""

    def __init__(
        self, *, per_minute: int, burst: int, max_keys: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if per_minute <= 0 or burst <= 0:
            raise ValueError("a rate limit needs a positive rate and burst")
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str) -> float:
        """Takes one request from ``key``'s bucket: 0 when it may go ahead, otherwise the seconds to wait."""
        now = self.clock()
        tokens, since = self._buckets.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - since) * self.rate)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.rate
        self._buckets[key] = (tokens, now)  # a dict keeps insertion order: the most recent last
        while len(self._buckets) > self.max_keys:
            del self._buckets[next(iter(self._buckets))]
        return wait


def _forwarded(scope: Scope) -> bool:
    return any(name == b"x-forwarded-for" for name, _ in scope.get("headers", ()))


def bearer_authorization(scope: Scope) -> bytes | None:
    """The value of the request's first ``Authorization: Bearer …`` header, None without one."""
    headers: Iterable[tuple[bytes, bytes]] = scope.get("headers", ())
    for name, value in headers:
        if name == b"authorization" and value[:7].lower() == b"bearer ":
            return value
    return None


def token_key(authorization: bytes) -> str:
    """The key of a caller with a bearer token, by its ``Authorization`` header: ``token:`` and the SHA-256 of the
    token (hashed: a forged one cannot drain another caller's bucket, it only earns 401s)."""
    return "token:" + hashlib.sha256(authorization[7:].strip()).hexdigest()


def address_key(scope: Scope) -> str:
    """The key of a caller without a bearer token: ``address:`` and its client address."""
    client = scope.get("client")
    return f"address:{client[0] if client else 'unknown'}"


# Authorization headers whose key is remembered; past this many the oldest quarter is forgotten.
REMEMBERED_TOKENS = 4096
# Only headers up to this size are remembered (a real token is one or two kilobytes): the headers are the caller's,
# checked by no one before the limiter, and 4,096 of the largest a gateway lets through would hold gigabytes.
REMEMBERED_HEADER_BYTES = 8192


class CallerKeys:
    """The key of a request's caller: its bearer token's (:func:`token_key` of :func:`bearer_authorization`), else
    its client address's (:func:`address_key`). Each token's key is remembered: the SPA and a partner system send
    the same token (about a kilobyte) on every request, and hashing it was most of what the limiter cost. Remembered
    by the whole ``Authorization`` header's value, so a token that differs from a remembered one in any byte (a
    forged one) is hashed for itself and gets a bucket of its own; at most ``max_tokens`` are kept, each of at most
    ``REMEMBERED_HEADER_BYTES`` (a longer one is hashed on each request)."""

    def __init__(self, max_tokens: int = REMEMBERED_TOKENS) -> None:
        self.max_tokens = max_tokens
        self._keys: dict[bytes, str] = {}

    def __call__(self, scope: Scope) -> str:
        authorization = bearer_authorization(scope)
        if authorization is None:
            return address_key(scope)
        key = self._keys.get(authorization)
        if key is None:
            key = token_key(authorization)
            if len(authorization) <= REMEMBERED_HEADER_BYTES:
                self._remember(authorization, key)
        return key

    def _remember(self, authorization: bytes, key: str) -> None:
        if len(self._keys) >= self.max_tokens:
            # Dicts keep insertion order: the oldest entries go first.
            for old in list(self._keys)[: max(1, self.max_tokens // 4)]:
                del self._keys[old]
        self._keys[authorization] = key


class RateLimitMiddleware:
    """Answers 429 with ``Retry-After`` once a caller has used its bucket; ``per_minute`` 0 turns it off."""

    def __init__(self, app: ASGIApp, *, per_minute: int, burst: int) -> None:
        self.app = app
        self.limiter = RateLimiter(per_minute=per_minute, burst=burst) if per_minute > 0 else None
        self.caller_key = CallerKeys()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.limiter is None or scope["type"] != "http" or not _forwarded(scope):
            await self.app(scope, receive, send)
            return
        path = scope["path"].removeprefix(scope.get("root_path", "")) or "/"
        wait = 0.0 if path in EXEMPT_PATHS else self.limiter.take(self.caller_key(scope))
        if not wait:
            await self.app(scope, receive, send)
            return
        retry_after = max(1, math.ceil(wait))
        refused = TooManyRequests(
            f"Too many requests from this caller; try again in {retry_after} s", retry_after=retry_after
        )
        response = problem_response(refused.to_problem(instance=scope["path"]), {"Retry-After": str(retry_after)})
        await response(scope, receive, send)
