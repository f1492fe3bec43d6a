"""Migration clients_0029 keys plan versions by (client, version) and timeline entries by their event, and goes back:
downgraded, the ids' indexes and the unique constraints return; upgraded again, the schema is the one the tests
run on."""

from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from clients_api import SERVICE_DIR
from polku_kit.migrations import alembic_config, upgrade
from polku_kit.testing import throwaway_database


async def _indexes(url: str) -> dict[str, str]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('plan_version', 'timeline_entry')")
            )
            return {row[0]: row[1].split(" USING btree ")[1] for row in rows}
    finally:
        await engine.dispose()


async def test_the_keys_migration_goes_down_and_up(postgres_server_url: str) -> None:
    async with throwaway_database(postgres_server_url, "test_clients_keys") as url:
        await asyncio.to_thread(upgrade, SERVICE_DIR, url)
        keyed = await _indexes(url)
        assert keyed == {
            "pk_plan_version": "(client_id, version)",
            "pk_timeline_entry": "(event_id)",
            "ix_timeline_entry_client": "(client_id, occurred_at, id)",
        }
        await asyncio.to_thread(command.downgrade, alembic_config(SERVICE_DIR, url), "clients_0031")
        assert await _indexes(url) == {
            "pk_plan_version": "(id)",
            "uq_plan_version_client_id": "(client_id, version)",
            "pk_timeline_entry": "(id)",
            "uq_timeline_entry_event_id": "(event_id)",
            "ix_timeline_entry_client": "(client_id, occurred_at, id)",
        }
        await asyncio.to_thread(upgrade, SERVICE_DIR, url)
        assert await _indexes(url) == keyed
