"""The CPU an authenticated request without the database costs in one process, beside the bare health check.

clients-api's app is called as ASGI (no HTTP, no gateway: what the service itself does), its rate limit on and
every request carrying ``X-Forwarded-For`` as through the gateway, its access lines written to ``/dev/null``, with
a token of the issuer's form (about 1.5 kB: a name, an organisation, two roles). ``/healthz`` and ``/v1/me`` are
called ``--requests`` times per round, in turn, for ``--rounds`` rounds; the lowest CPU per request of each is
printed (the machine's other work only adds). On a loaded machine, compare two versions of the code by running
this for each in turn, several times.

    uv run python bench/request_path.py [--requests 3000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import time
from typing import Any

from clients_api.main import create_app
from clients_api.settings import Settings
from polku_kit.settings import Environment
from polku_kit.testing import LAHTI, TestIssuer

REQUEST_ID = b"0123456789abcdef0123456789abcdef"


def scope(path: str, token: str | None) -> dict[str, Any]:
    headers = [(b"host", b"127.0.0.1:8001"), (b"user-agent", b"wrk"), (b"x-forwarded-for", b"203.0.113.1")]
    headers.append((b"x-request-id", REQUEST_ID))
    if token is not None:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": headers,
        "client": ("203.0.113.1", 40000),
        "server": ("127.0.0.1", 8001),
    }


async def receive() -> dict[str, Any]:
    return {"type": "http.request", "body": b"", "more_body": False}


async def cpu_per_request(app: Any, request: dict[str, Any], count: int) -> float:
    """Microseconds of this process's CPU per request."""
    statuses: list[int] = []

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    started = time.process_time()
    for _ in range(count):
        await app({**request, "headers": list(request["headers"])}, receive, send)
    elapsed = time.process_time() - started
    assert set(statuses) == {200}, set(statuses)
    return elapsed / count * 1e6


def build() -> tuple[Any, str]:
    """clients-api's app, its access lines to /dev/null, and a token its verifier accepts."""
    issuer = TestIssuer()
    settings = Settings(
        env=Environment.development,
        service_database_url="postgresql+asyncpg://polku@127.0.0.1:1/unused",
        oidc_issuer=issuer.issuer,
        oidc_audience=issuer.audience,
        oidc_jwks_url="http://issuer.invalid/jwks",
        log_json=True,
        rate_limit_per_minute=10**9,
        rate_limit_burst=10**9,
    )
    app = create_app(settings)
    app.state.token_verifier.jwks.prime(issuer.jwks)
    devnull = open(os.devnull, "w")  # noqa: SIM115 (open for the whole run)
    logging.getLogger().handlers[0].setStream(devnull)  # type: ignore[attr-defined]
    token = issuer.token(
        roles=("coach", "manager"),
        org=LAHTI,
        name="Aino Ohjaaja-Esimerkki",
        org_name="Lahden kaupunki",
        email="aino.ohjaaja@lahti.example",
        padding="x" * 500,
    )
    return app, token


async def measure(app: Any, token: str, args: argparse.Namespace) -> None:
    requests = {"/healthz": scope("/healthz", None), "/v1/me": scope("/v1/me", token)}
    for request in requests.values():
        await cpu_per_request(app, request, 300)
    gc.collect()
    gc.freeze()  # as the served process does (polku_kit.serving)
    figures: dict[str, list[float]] = {path: [] for path in requests}
    for _ in range(args.rounds):
        for path, request in requests.items():
            figures[path].append(await cpu_per_request(app, request, args.requests))
    bare, me = min(figures["/healthz"]), min(figures["/v1/me"])
    print(f"token {len(token)} bytes; load average {os.getloadavg()[0]:.1f}")
    for path, values in figures.items():
        print(f"{path}: {', '.join(f'{value:.1f}' for value in values)} µs CPU a request (lowest {min(values):.1f})")
    print(f"/v1/me above /healthz: {me - bare:.1f} µs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    app, token = build()
    asyncio.run(measure(app, token, args))


if __name__ == "__main__":
    main()
