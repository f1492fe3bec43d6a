"""Migration kit_0015 pauses the pending deliveries of inactive webhook subscriptions (decision 81), and goes back:
downgraded, they are pending again and due now, and the status constraint has its former values; upgraded again,
they are paused again."""

from __future__ import annotations

import asyncio
import uuid

from alembic import command

from clients_api import SERVICE_DIR
from polku_kit.migrations import alembic_config, upgrade
from polku_kit.testing import run_sql, throwaway_database

ACTIVE, INACTIVE = uuid.uuid4(), uuid.uuid4()
# Deliveries by name: the subscription, the status before the migration, whether it is leased (in flight).
DELIVERIES = {
    "off_pending": (INACTIVE, "pending", False),
    "off_in_flight": (INACTIVE, "pending", True),
    "off_dead": (INACTIVE, "dead", False),
    "on_pending": (ACTIVE, "pending", True),
}
IDS = {name: uuid.uuid4() for name in DELIVERIES}


async def _seed(url: str) -> None:
    for subscription, active in ((ACTIVE, True), (INACTIVE, False)):
        await run_sql(
            url,
            "INSERT INTO webhook_subscription (id, organisation_id, url, event_types, secret, active, created_by) "
            "VALUES (:id, gen_random_uuid(), :url, ARRAY['*'], 'sealed', :active, 'test')",
            {"id": subscription, "url": f"https://receiver.example.fi/{subscription}", "active": active},
        )
    for n, (name, (subscription, status, leased)) in enumerate(DELIVERIES.items()):
        event = uuid.uuid4()
        await run_sql(
            url,
            "INSERT INTO outbox_event (id, source, type, subject, time, data) "
            "VALUES (:id, '/test', 'fi.polku.note.created.v1', :subject, now(), '{}')",
            {"id": event, "subject": f"notes/{n}"},
        )
        await run_sql(
            url,
            "INSERT INTO webhook_delivery (id, subscription_id, event_id, lane, sequence, status, attempt_count, "
            "next_attempt_at, lease_token, locked_until) "
            "VALUES (:id, :subscription, :event, :lane, :n, :status, 1, now() + interval '1 hour', "
            "CASE WHEN :leased THEN gen_random_uuid() END, CASE WHEN :leased THEN now() + interval '60 s' END)",
            {
                "id": IDS[name],
                "subscription": subscription,
                "event": event,
                "lane": f"notes/{n}",
                "n": n,
                "status": status,
                "leased": leased,
            },
        )


async def _states(url: str) -> dict[str, tuple[object, ...]]:
    """By delivery: its status, whether it is leased, whether it is due now."""
    rows = await run_sql(
        url,
        "SELECT id, status, lease_token IS NOT NULL OR locked_until IS NOT NULL, next_attempt_at <= now() "
        "FROM webhook_delivery",
    )
    names = {delivery_id: name for name, delivery_id in IDS.items()}
    return {names[row[0]]: row[1:] for row in rows}  # type: ignore[index]


async def _allowed_statuses(url: str) -> str:
    [(definition,)] = await run_sql(
        url, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'ck_webhook_delivery_status'"
    )
    return str(definition)


async def test_the_paused_deliveries_migration_goes_down_and_up(postgres_server_url: str) -> None:
    async with throwaway_database(postgres_server_url, "test_paused_deliveries") as url:
        await asyncio.to_thread(upgrade, SERVICE_DIR, url)
        await asyncio.to_thread(command.downgrade, alembic_config(SERVICE_DIR, url), "kit_0014")
        assert "paused" not in await _allowed_statuses(url)
        await _seed(url)

        await asyncio.to_thread(upgrade, SERVICE_DIR, url)
        assert "'paused'" in await _allowed_statuses(url)
        paused = {
            # The inactive subscription's pending deliveries, in flight or not, paused with their leases cleared.
            "off_pending": ("paused", False, False),
            "off_in_flight": ("paused", False, False),
            # The rest as they were.
            "off_dead": ("dead", False, False),
            "on_pending": ("pending", True, False),
        }
        assert await _states(url) == paused

        await asyncio.to_thread(command.downgrade, alembic_config(SERVICE_DIR, url), "kit_0014")
        assert "paused" not in await _allowed_statuses(url)
        assert await _states(url) == {
            # Pending again, and due now.
            "off_pending": ("pending", False, True),
            "off_in_flight": ("pending", False, True),
            "off_dead": ("dead", False, False),
            "on_pending": ("pending", True, False),
        }

        await asyncio.to_thread(upgrade, SERVICE_DIR, url)
        assert await _states(url) == {
            "off_pending": ("paused", False, True),
            "off_in_flight": ("paused", False, True),
            "off_dead": ("dead", False, False),
            "on_pending": ("pending", True, False),
        }
