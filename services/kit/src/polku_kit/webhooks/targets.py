"""Where a webhook may be sent.

A subscription must not turn Polku into a proxy into the municipality's own network (SSRF), so loopback,
private, link-local, multicast, reserved and unspecified addresses are refused, including IPv4 addresses
wrapped in IPv6 (mapped, 6to4, NAT64). Checked twice:

- when a subscription is created or its URL changed (:func:`check_target`: the caller gets a 422), and
- on every connection the dispatcher opens (:class:`VettingNetworkBackend`): the host name is resolved, every
  address is checked, and the connection goes to one of the addresses that were checked. DNS can change
  between the two checks and between a check and a connect (DNS rebinding); checking the very address we
  connect to closes that gap. TLS still verifies the certificate against the host name.

``allow_private`` (``POLKU_WEBHOOKS_ALLOW_PRIVATE_TARGETS``, refused by settings in production) lets
development and tests deliver to 127.0.0.1. Production also requires ``https``.
"""

from __future__ import annotations

import asyncio
import functools
import importlib.util
import ipaddress
import socket
import ssl
import sys
from collections.abc import Iterable
from urllib.parse import urlsplit

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# httpcore tries ``import sniffio`` on every request and falls back to asyncio when it is missing; a failed import
# is not remembered, so each one searches every path entry again (a good part of a request's cost). Recorded as
# absent, the import fails at once.
if importlib.util.find_spec("sniffio") is None:
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class TargetRefused(ValueError):
    """The URL may not receive webhooks; the message tells a person why."""


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address: IPAddress) -> bool:
    """Globally routable unicast, and so is any IPv4 address it wraps."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.teredo is not None:
            return False
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public(embedded)
    return address.is_global and not address.is_multicast


def check_url(url: str, *, require_https: bool) -> str:
    """The URL's host, if the URL has an allowed shape."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018
    except ValueError:
        raise TargetRefused("the URL cannot be parsed") from None
    if parts.scheme not in ("https", "http"):
        raise TargetRefused("the URL must start with https://")
    if require_https and parts.scheme != "https":
        raise TargetRefused("only https:// targets are allowed")
    if not parts.hostname:
        raise TargetRefused("the URL has no host")
    if parts.username or parts.password:
        raise TargetRefused("credentials in the URL are not allowed; the signature authenticates us")
    return parts.hostname


async def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (a literal address resolves to itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise TargetRefused(f"the host {host} does not resolve") from None
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise TargetRefused(f"the host {host} does not resolve")
    return addresses


def refuse_non_public(host: str, addresses: Iterable[IPAddress]) -> None:
    refused = sorted(str(address) for address in addresses if not is_public(address))
    if refused:
        raise TargetRefused(f"the host {host} resolves to a non-public address ({', '.join(refused)})")


async def check_target(url: str, *, allow_private: bool, require_https: bool) -> None:
    """Raise :class:`TargetRefused` unless ``url`` may receive webhooks now."""
    host = check_url(url, require_https=require_https)
    if allow_private:
        return
    parts = urlsplit(url)
    refuse_non_public(host, await resolve(host, parts.port or (443 if parts.scheme == "https" else 80)))


class VettingNetworkBackend(httpcore.AnyIOBackend):
    """Resolves, checks every address, then connects to a checked address (never re-resolving)."""

    def __init__(self, *, allow_private: bool):
        super().__init__()
        self.allow_private = allow_private

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await resolve(host, port)
        if not self.allow_private:
            refuse_non_public(host, addresses)
        failure: Exception | None = None
        for address in addresses:
            try:
                return await super().connect_tcp(
                    str(address), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
        raise failure or httpcore.ConnectError(f"No address for {host}")


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One context for every client (loading the CA bundle costs a good part of a second)."""
    return httpx.create_ssl_context()  # honours SSL_CERT_FILE


class _VettedTransport(httpx.AsyncHTTPTransport):
    def __init__(self, *, allow_private: bool, connections: int, keepalive: int):
        super().__init__(verify=_ssl_context(), trust_env=False)
        # httpx does not take a network backend; the pool it would use is replaced by one that does.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=_ssl_context(),
            max_connections=connections,
            max_keepalive_connections=keepalive,
            keepalive_expiry=60.0,
            network_backend=VettingNetworkBackend(allow_private=allow_private),
        )


def webhook_client(
    *, allow_private: bool, timeout: float, connections: int = 100, keepalive: int = 20
) -> httpx.AsyncClient:
    """The dispatcher's HTTP client: vetted connections, no redirects (they would skip the check), no proxy
    or other settings from the environment; up to ``keepalive`` idle connections kept open for 60 s (nothing
    runs while they wait: an idle dispatcher costs no CPU for them)."""
    return httpx.AsyncClient(
        transport=_VettedTransport(allow_private=allow_private, connections=connections, keepalive=keepalive),
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
    )


class Connections:
    """Kept-alive connections by receiver, one HTTP client (and so one connection) per slot.

    httpcore's pool looks at every one of its connections (a system call each) for every request, so one pool
    for many connections costs more per request the more connections it keeps. Here a lane takes a client
    holding one connection to its receiver's origin, and gives it back for the next lane to that origin: the
    connection is reused, and a request costs the same however many connections are open. At most ``idle``
    clients wait for reuse; beyond that a returned one is closed."""

    def __init__(self, *, allow_private: bool, timeout: float, idle: int):
        self.allow_private = allow_private
        self.timeout = timeout
        self.idle = idle
        self._waiting: dict[str, list[httpx.AsyncClient]] = {}
        self._count = 0

    @staticmethod
    def origin(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def take(self, url: str) -> httpx.AsyncClient:
        waiting = self._waiting.get(self.origin(url))
        if waiting:
            self._count -= 1
            return waiting.pop()
        return webhook_client(allow_private=self.allow_private, timeout=self.timeout, connections=1, keepalive=1)

    async def give(self, url: str, client: httpx.AsyncClient) -> None:
        if self._count >= self.idle:
            await client.aclose()
            return
        self._waiting.setdefault(self.origin(url), []).append(client)
        self._count += 1

    async def aclose(self) -> None:
        for waiting in self._waiting.values():
            for client in waiting:
                await client.aclose()
        self._waiting.clear()
        self._count = 0
