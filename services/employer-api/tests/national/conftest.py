"""The national platform simulator (``python -m polku_dev.platform_sim.app``) as a process on a free loopback port,
driven only through its control routes (:class:`PlatformControl`); the client and session factory the exchange's
functions take. Time spent waiting (backoff, Retry-After) is simulated: added up in ``Clock.slept``, not slept."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from employer_api.national.client import NationalClient

from .support import Clock, PlatformControl, running_simulator


@pytest.fixture(scope="session")
def simulator() -> Iterator[PlatformControl]:
    with running_simulator() as control:
        yield control


@pytest.fixture
def platform(simulator: PlatformControl) -> Iterator[PlatformControl]:
    simulator.reset()
    yield simulator
    simulator.reset()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def national(platform: PlatformControl, clock: Clock) -> AsyncIterator[NationalClient]:
    async with NationalClient(
        base_url=platform.url,
        api_key=platform.api_key,
        requests_per_second=0,  # paced by the tests that check the pace
        attempts=5,
        backoff_seconds=1.0,
        sleep=clock.sleep,
    ) as client:
        yield client


@pytest.fixture
def sessions(app: FastAPI, db_connection: AsyncConnection) -> Callable[[], AsyncSession]:
    """Sessions on the test's connection: each ``session.begin()`` is a savepoint, rolled back with the test."""
    return lambda: app.state.database.sessionmaker()
