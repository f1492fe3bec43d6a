"""Cross-service tests: the real processes (PostgreSQL, issuer, four services, dispatchers, Caddy) on free
ports, started once for the run. Every test here goes through the gateway, as a browser or partner would."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from polku_dev.devstack import Ports, Stack


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # One stack per run: every test that uses it runs in the same xdist worker.
    for item in items:
        if "stack" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("stack"))


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    var_dir = Path(tempfile.mkdtemp(prefix="polku-system-"))
    # The API's rate limit is off (the fuzz run sends hundreds of requests with one token); the sign-in's is on.
    running = Stack(
        var_dir=var_dir, ports=Ports.free(), fast_database=True, settings={"POLKU_RATE_LIMIT_PER_MINUTE": "0"}
    )
    running.start()
    try:
        yield running
    finally:
        running.stop()
        shutil.rmtree(var_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def gateway(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.public_url, timeout=10.0) as client:
        yield client
