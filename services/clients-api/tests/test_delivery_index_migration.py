"""Migration kit_0014 gives the deliveries' due index the predicate only the dispatcher's walk of due deliveries
implies (decision 79), and goes back: downgraded, the index has its former predicate; upgraded again, the schema is the
one the tests run on."""

from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from clients_api import SERVICE_DIR
from polku_kit.migrations import alembic_config, upgrade
from polku_kit.testing import throwaway_database


async def _due_index(url: str) -> str:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            found = await connection.scalar(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_webhook_delivery_due'")
            )
            return str(found).split(" USING btree ")[1]
    finally:
        await engine.dispose()


async def test_the_due_index_migration_goes_down_and_up(postgres_server_url: str) -> None:
    async with throwaway_database(postgres_server_url, "test_delivery_due_index") as url:
        await asyncio.to_thread(upgrade, SERVICE_DIR, url)
        upgraded = await _due_index(url)
        assert upgraded == "(next_attempt_at) WHERE ((status = 'pending'::text) AND (next_attempt_at IS NOT NULL))"
        await asyncio.to_thread(command.downgrade, alembic_config(SERVICE_DIR, url), "kit_0013")
        assert await _due_index(url) == "(next_attempt_at) WHERE (status = 'pending'::text)"
        await asyncio.to_thread(upgrade, SERVICE_DIR, url)
        assert await _due_index(url) == upgraded
