"""A pooled connection is handed out without a round trip to PostgreSQL first (no pre-ping): that round trip
was paid by every request (docs/decisions/0023)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from polku_kit.db import Database


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
