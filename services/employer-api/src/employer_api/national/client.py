"""The HTTP client of the national job-posting interfaces (through Kipa): the key header on every call, a pace that
keeps within the rate limit, and retries with exponential backoff on what may pass (429 with its ``Retry-After``,
5xx, an unreachable platform). What does not pass after the last try is :class:`NationalUnavailable`; a 4xx other
than 429 is :class:`NationalRefused` at once (retrying would send the same mistake again)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import structlog

from employer_api.national import wire

log = structlog.get_logger(__name__)


class NationalError(Exception):
    """A call to the national platform that did not succeed; ``str()`` is what the vacancy shows as its error."""


class NationalUnavailable(NationalError):
    pass


class NationalRefused(NationalError):
    def __init__(self, message: str, status_code: int) -> None:
        super().__init__(message)
        self.status_code = status_code


class NationalClient:
    """One per job run (it holds a connection pool). ``sleep`` lets tests run simulated time."""

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str,
        requests_per_second: float = 2.0,
        attempts: int = 5,
        backoff_seconds: float = 1.0,
        max_backoff_seconds: float = 60.0,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url, headers={wire.KEY_HEADER: api_key}, timeout=timeout, transport=transport
        )
        self._interval = 1.0 / requests_per_second if requests_per_second > 0 else 0.0
        self._attempts = attempts
        self._backoff = backoff_seconds
        self._max_backoff = max_backoff_seconds
        self._sleep = sleep
        self._next_call = 0.0
        self.calls = 0  # every HTTP request sent, retries included

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> NationalClient:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.aclose()

    async def _paced(self) -> None:
        wait = self._next_call - time.monotonic()
        if wait > 0:
            await self._sleep(wait)
        self._next_call = max(time.monotonic(), self._next_call) + self._interval

    async def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        last = "no attempt"
        for attempt in range(1, self._attempts + 1):
            await self._paced()
            self.calls += 1
            delay = min(self._max_backoff, self._backoff * 2 ** (attempt - 1))
            try:
                response = await self._http.request(method, path, json=body)
            except httpx.TransportError as exc:
                last = f"{method} {path}: unreachable ({type(exc).__name__})"
            else:
                if response.status_code < 400:
                    answer: dict[str, Any] = response.json() if response.content else {}
                    return answer
                last = f"{method} {path}: {response.status_code} {response.text[:200]}"
                if response.status_code == 429:
                    delay = max(delay, _retry_after(response))
                elif response.status_code < 500:
                    raise NationalRefused(last, response.status_code)
            log.warning("national_call_failed", attempt=attempt, error=last)
            if attempt < self._attempts:
                await self._sleep(delay)
        raise NationalUnavailable(last)

    async def search(self, request: wire.SearchRequest) -> wire.SearchAnswer:
        answer = await self.call("POST", wire.P67_SEARCH_PATH, request.model_dump(mode="json", by_alias=True))
        return wire.SearchAnswer.model_validate(answer)

    async def create(self, business_id: str, posting: wire.JobPosting) -> wire.CreatedPosting:
        answer = await self.call(
            "POST", wire.p66_create_path(business_id), posting.model_dump(mode="json", by_alias=True)
        )
        return wire.CreatedPosting.model_validate(answer)

    async def update(self, business_id: str, job_posting_id: str, posting: wire.JobPosting) -> None:
        await self.call(
            "PUT", wire.p66_update_path(business_id, job_posting_id), posting.model_dump(mode="json", by_alias=True)
        )

    async def archive(self, business_id: str, job_posting_id: str) -> None:
        await self.call("POST", wire.p66_archive_path(business_id, job_posting_id))


def _retry_after(response: httpx.Response) -> float:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "1")))
    except ValueError:
        return 1.0
