"""Sign-in attempts limited per account and per client address, answered with a 429 problem and ``Retry-After``
(decision 13).

Password guessing is slowed where a password (or a client secret) is checked: the sign-in form and the token
endpoint. Each account has a bucket per address, and each address one bucket five times as large across all
accounts, so that neither one account's password nor many accounts' are tried at speed. The token bucket is
written out here rather than imported from ``polku_kit.ratelimit``: the issuer installs without the kit (as its
logs do). A production identity provider has its own brute-force protection.
"""

import math
import time
from collections.abc import Callable

from fastapi import Request
from fastapi.responses import JSONResponse

ADDRESS_FACTOR = 5


class Buckets:
    """Token buckets by key: ``burst`` at once, refilled at ``per_minute``; the longest unused dropped past
    ``max_keys``."""

    def __init__(
        self, *, per_minute: int, burst: int, max_keys: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str) -> float:
        """0 when one more may go ahead (and it is counted), otherwise the seconds to wait."""
        now = self.clock()
        tokens, since = self._buckets.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - since) * self.rate)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.rate
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > self.max_keys:
            del self._buckets[next(iter(self._buckets))]
        return wait


class SignInLimiter:
    def __init__(self, *, per_minute: int, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.enabled = per_minute > 0
        if self.enabled:
            self.accounts = Buckets(per_minute=per_minute, burst=burst, clock=clock)
            self.addresses = Buckets(per_minute=per_minute * ADDRESS_FACTOR, burst=burst * ADDRESS_FACTOR, clock=clock)

    def refusal(self, request: Request, account: str | None) -> JSONResponse | None:
        """A 429 problem when this address, or this account from it, has used its attempts; else None."""
        if not self.enabled:
            return None
        address = request.client.host if request.client else "unknown"
        wait = self.addresses.take(address)
        if not wait and account:
            wait = self.accounts.take(f"{address} {account.strip().lower()}")
        if not wait:
            return None
        retry_after = max(1, math.ceil(wait))
        return JSONResponse(
            {
                "type": "https://polku.fi/problems/too-many-requests",
                "title": "Too many requests",
                "status": 429,
                "detail": f"Too many sign-in attempts; try again in {retry_after} s",
                "retry_after": retry_after,
            },
            status_code=429,
            media_type="application/problem+json",
            headers={"Retry-After": str(retry_after), "Cache-Control": "no-store"},
        )
