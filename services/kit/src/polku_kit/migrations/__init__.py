"""Alembic, shared: each service's migrations plus the kit's own branch (audit, outbox, webhooks).

Every service database holds both branches, so a service upgrades to ``heads`` and is ready only when
every head is applied.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from alembic import command, context
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

KIT_VERSIONS = Path(__file__).parent / "versions"


def alembic_config(service_dir: Path, database_url: str) -> Config:
    """The Alembic configuration of a service whose ``migrations/`` folder lies in ``service_dir``."""
    config = Config()
    config.set_main_option("script_location", str(service_dir / "migrations"))
    config.set_main_option("version_locations", f"{service_dir / 'migrations' / 'versions'} {KIT_VERSIONS}")
    config.set_main_option("path_separator", "space")
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(slug)s")
    return config


def upgrade(service_dir: Path, database_url: str, revision: str = "heads") -> None:
    """Apply migrations (blocking; call from a thread inside an event loop)."""
    command.upgrade(alembic_config(service_dir, database_url), revision)


def script_heads(service_dir: Path) -> frozenset[str]:
    return frozenset(ScriptDirectory.from_config(alembic_config(service_dir, "postgresql://")).get_heads())


async def applied_heads(connection: AsyncConnection) -> frozenset[str]:
    def read(sync_connection: Connection) -> frozenset[str]:
        return frozenset(MigrationContext.configure(sync_connection).get_current_heads())

    return await connection.run_sync(read)


def run_env(target_metadata: list[MetaData]) -> None:
    """The body of every service's ``migrations/env.py``."""
    config = context.config

    def run(connection: Connection) -> None:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            compare_type=True,
            transaction_per_migration=True,
        )
        with context.begin_transaction():
            context.run_migrations()

    if context.is_offline_mode():
        context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
        return

    given: Any = config.attributes.get("connection")
    if given is not None:
        run(given)
        return

    async def online() -> None:
        engine = create_async_engine(config.get_main_option("sqlalchemy.url") or "", poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(run)
            await connection.commit()
        await engine.dispose()

    asyncio.run(online())
