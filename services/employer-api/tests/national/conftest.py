"""The national platform simulator (``polku_dev.platform_sim``) on a free loopback port, and the client and session
factory the exchange's functions take. Time spent waiting (backoff, pace, Retry-After) is simulated: it is added up
in ``Clock.slept`` and not slept."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from employer_api.national.client import NationalClient
from polku_dev.platform_sim.app import Simulator

from .support import Clock


@pytest.fixture(scope="session")
def simulator() -> Iterator[Simulator]:
    with Simulator(api_key="test-kipa-key") as sim:
        yield sim


@pytest.fixture
def platform(simulator: Simulator) -> Iterator[Simulator]:
    simulator.state.reset()
    yield simulator
    simulator.state.reset()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def national(platform: Simulator, clock: Clock) -> AsyncIterator[NationalClient]:
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
