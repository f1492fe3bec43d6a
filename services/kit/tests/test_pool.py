"""A pooled connection is handed out without a round trip to PostgreSQL first (no pre-ping): that round trip
was paid by every request (docs/decisions/0023). Connections are kept once opened (docs/decisions/0038)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from polku_kit.db import Database
from polku_kit.settings import BaseServiceSettings


async def test_a_checkout_sends_no_ping(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    database = Database(app.state.settings.database_dsn, pool_size=1, max_overflow=0)
    pings: list[Any] = []
    dialect = database.engine.sync_engine.dialect
    ping = dialect.do_ping
    monkeypatch.setattr(dialect, "do_ping", lambda connection: pings.append(connection) or ping(connection))
    try:
        for _ in range(3):
            async with database.engine.connect() as connection:
                assert (await connection.execute(text("SELECT 1"))).scalar() == 1
    finally:
        await database.dispose()
    assert pings == []


async def test_connections_opened_under_load_are_kept(app: FastAPI) -> None:
    """Sixteen requests at once (the gateway bench's load) open sixteen connections; all of them stay in the pool
    for the next requests instead of being closed and opened again."""
    defaults = BaseServiceSettings()
    database = Database(
        app.state.settings.database_dsn,
        pool_size=defaults.database_pool_size,
        max_overflow=defaults.database_max_overflow,
    )
    all_in = asyncio.Barrier(16)

    async def request() -> None:
        async with database.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
            await all_in.wait()  # sixteen connections out at once

    try:
        await asyncio.gather(*(request() for _ in range(16)))
        assert database.engine.pool.checkedin() == 16  # type: ignore[attr-defined]
    finally:
        await database.dispose()
