"""Calls from one Polku service to another, with a token of its own.

The calling service is an OAuth2 machine client of the issuer (``svc-referrals`` …). It gets an access token
with the client credentials grant (RFC 6749, 4.4) through Authlib's httpx integration, keeps it until shortly
before it expires, and sends every request with that token and the current request id, so one user action
can be followed through the logs of every service it touched.

Errors the caller cannot act on (the other service unreachable, answering 5xx, or refusing our token) become
:class:`UpstreamUnavailable`, a 503 problem; the other answers are returned for the caller to interpret.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import structlog
from authlib.integrations.httpx_client import AsyncOAuth2Client
from authlib.integrations.httpx_client import OAuthError as AuthlibOAuthError

from polku_kit.errors import ServiceUnavailable

log = structlog.get_logger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"
# A token is renewed this many seconds before it expires, so that it does not expire in flight.
EXPIRY_LEEWAY_SECONDS = 30.0


class UpstreamUnavailable(ServiceUnavailable):
    slug = "upstream-unavailable"
    title = "A service this request needs is not available"


class ServiceClient:
    """An HTTP client for one other service. Create one per process (it holds a connection pool and the
    token) and close it with :meth:`aclose`. ``transport`` lets tests put the other app in-process."""

    def __init__(
        self,
        *,
        base_url: str,
        token_url: str,
        client_id: str,
        client_secret: str,
        name: str,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 10.0,
    ):
        self.name = name
        self.token_url = token_url
        self._http = AsyncOAuth2Client(
            client_id=client_id,
            client_secret=client_secret,
            token_endpoint=token_url,
            grant_type="client_credentials",
            leeway=0,  # the renewal time is decided here (_ensure_token), not by Authlib
            base_url=base_url,
            transport=transport,
            timeout=timeout,
        )
        self._expires_at = 0.0
        self._lock = asyncio.Lock()
        self.tokens_fetched = 0

    async def _ensure_token(self) -> None:
        if time.monotonic() < self._expires_at:
            return
        async with self._lock:
            if time.monotonic() < self._expires_at:
                return
            try:
                token = await self._http.fetch_token(self.token_url, grant_type="client_credentials")
            except (httpx.HTTPError, AuthlibOAuthError, ValueError) as exc:
                log.warning("service_token_unavailable", service=self.name, error=str(exc))
                raise UpstreamUnavailable(f"No token for calling {self.name}") from None
            self.tokens_fetched += 1
            lifetime = float(token.get("expires_in") or 60)
            self._expires_at = time.monotonic() + max(lifetime - EXPIRY_LEEWAY_SECONDS, 0.0)

    def forget_token(self) -> None:
        self._expires_at = 0.0

    async def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        await self._ensure_token()
        headers = dict(kwargs.pop("headers", None) or {})
        request_id = structlog.contextvars.get_contextvars().get("request_id")
        if request_id:
            headers.setdefault(REQUEST_ID_HEADER, request_id)
        try:
            response = await self._http.request(method, path, headers=headers, **kwargs)
            if response.status_code == 401:
                # The issuer may have rotated keys or revoked the token: one fresh token, one more try.
                self.forget_token()
                await self._ensure_token()
                response = await self._http.request(method, path, headers=headers, **kwargs)
        except httpx.HTTPError as exc:
            log.warning("service_call_failed", service=self.name, path=path, error=str(exc))
            raise UpstreamUnavailable(f"{self.name} did not answer") from None
        if response.status_code >= 500 or response.status_code in (401, 403):
            log.warning("service_call_refused", service=self.name, path=path, status=response.status_code)
            raise UpstreamUnavailable(f"{self.name} answered {response.status_code}")
        return response

    async def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return await self.request("GET", path, **kwargs)

    async def aclose(self) -> None:
        await self._http.aclose()
