"""Where a webhook may be sent. A subscription must not turn Polku into a proxy into the municipality's own
network, so loopback, private, link-local and other special addresses are refused (checked when the
subscription is saved and again before every delivery, since DNS answers can change)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit


class TargetRefused(ValueError):
    pass


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


async def check_target(url: str, *, allow_private: bool, require_https: bool) -> None:
    """Raise :class:`TargetRefused` with a reason a person can act on."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http"):
        raise TargetRefused("the URL must start with https://")
    if require_https and parts.scheme != "https":
        raise TargetRefused("only https:// targets are allowed")
    if not parts.hostname:
        raise TargetRefused("the URL has no host")
    if parts.username or parts.password:
        raise TargetRefused("credentials in the URL are not allowed; the signature authenticates us")
    if allow_private:
        return
    try:
        literal = ipaddress.ip_address(parts.hostname)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = {literal}
    else:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                parts.hostname, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM
            )
        except socket.gaierror:
            raise TargetRefused(f"the host {parts.hostname} does not resolve") from None
        addresses = {ipaddress.ip_address(info[4][0]) for info in infos}
    refused = sorted(str(address) for address in addresses if not _is_public(address))
    if refused:
        raise TargetRefused(f"the host resolves to a non-public address ({', '.join(refused)})")
