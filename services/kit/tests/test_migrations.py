"""The kit's event migration creates exactly the tables its models describe."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.db import KitBase

EVENT_TABLES = {"outbox_event", "webhook_subscription", "webhook_delivery", "webhook_attempt", "inbox_event"}


def _event_tables_only(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return table in EVENT_TABLES


class TestEventMigration:
    async def test_the_migrated_schema_matches_the_models(self, db_session: AsyncSession) -> None:
        connection = await db_session.connection()

        def differences(sync_connection):  # type: ignore[no-untyped-def]
            context = MigrationContext.configure(
                sync_connection, opts={"compare_type": True, "include_object": _event_tables_only}
            )
            return compare_metadata(context, KitBase.metadata)

        assert set(KitBase.metadata.tables) >= EVENT_TABLES
        assert await connection.run_sync(differences) == []
