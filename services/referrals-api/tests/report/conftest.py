"""The report tests' fixtures; the rows they write are in rows.py."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from polku_kit.testing import throwaway_database


@pytest.fixture
async def database_url(postgres_server_url: str, request: pytest.FixtureRequest) -> AsyncIterator[str]:
    """An empty database named after the test's module, for a migration's test to upgrade step by step."""
    async with throwaway_database(postgres_server_url, request.module.__name__.rpartition(".")[2]) as url:
        yield url
