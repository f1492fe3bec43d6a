"""Calls from one Polku service to another, with a token of its own.

The calling service is an OAuth2 machine client of the issuer (``svc-referrals`` …). It gets an access token
with the client credentials grant (RFC 6749, 4.4) through Authlib's httpx integration, keeps it until shortly
before it expires, and sends every request with that token and the current request id, so one user action
can be followed through the logs of every service it touched.

A question asked for a person names that person: :class:`OnBehalfOf` sends the caller's own bearer token,
as the caller presented it, in ``Polku-On-Behalf-Of`` beside the service's token. The answering service verifies
it with the same checks as any bearer token (:func:`acting_for`) and applies its own rules to that person, as if
they had asked (ARCHITECTURE.md, "Trust between services"): it never believes an organisation or a subject the
calling service merely states.

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
from fastapi import Request

from polku_kit.auth import InvalidToken, Principal, Role, TokenVerifier
from polku_kit.errors import Forbidden, ServiceUnavailable, Unauthorized

log = structlog.get_logger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"
ON_BEHALF_OF_HEADER = "Polku-On-Behalf-Of"
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
            response: httpx.Response = await self._http.request(method, path, headers=headers, **kwargs)
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


def caller_token(request: Request) -> str:
    """The bearer token of the current request, as its caller sent it (verified by the route's principal)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("A bearer token is required")
    return token.strip()


class OnBehalfOf:
    """One request's view of a :class:`ServiceClient`: every call also carries the token of the person (or
    partner system) the request is made for, so that the other service decides by its own rules."""

    def __init__(self, client: ServiceClient, token: str):
        self.client = client
        self.name = client.name
        self._token = token

    async def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**(kwargs.pop("headers", None) or {}), ON_BEHALF_OF_HEADER: self._token}
        return await self.client.request(method, path, headers=headers, **kwargs)

    async def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return await self.request("GET", path, **kwargs)


class NoPersonNamed(Forbidden):
    slug = "on-behalf-of-required"
    title = "A service call must name the person it is made for"


async def acting_for(request: Request, channel: Principal) -> Principal:
    """The person (or partner system) a service's call is made for, from the token in ``Polku-On-Behalf-Of``,
    verified like any bearer token. It must name its organisation, and may not be a service or the platform
    itself: a question is always asked for someone who could have asked it."""
    token = request.headers.get(ON_BEHALF_OF_HEADER)
    if not token:
        raise NoPersonNamed(f"{ON_BEHALF_OF_HEADER} is missing")
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        person = await verifier.principal(token.strip())
    except InvalidToken as exc:
        log.info("on_behalf_of_refused", reason=str(exc), channel=channel.subject)
        raise Unauthorized(f"The token in {ON_BEHALF_OF_HEADER} is not valid") from None
    if person.organisation_id is None or person.has_any(Role.service, Role.platform):
        raise NoPersonNamed(f"{ON_BEHALF_OF_HEADER} must name a person or a partner of an organisation")
    structlog.contextvars.bind_contextvars(on_behalf_of=person.subject, organisation=str(person.organisation_id))
    return person
