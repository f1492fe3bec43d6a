"""Migration kit_0016 keeps internal webhook subscriptions under their receiver's name (decision 83): where a name
holds several, the active one (else the most recently updated) is kept and gets the others' paused and pending
deliveries of events it does not have; the others keep their history, switched off and named after their URL as well.
Downgraded, the unique index on the URL is back and each name in its description; upgraded again, nothing moves."""

from __future__ import annotations

import asyncio
import uuid

from alembic import command

from clients_api import SERVICE_DIR
from polku_kit.migrations import alembic_config, upgrade
from polku_kit.testing import run_sql, throwaway_database

METRICS, TIMELINE, CANDIDATES = "metrics-api read model", "clients-api timeline", "employer-api candidate profiles"
# Subscriptions by name: the description (an internal one's receiver's name), the URL, whether it is active and
# internal, how many hours ago it was last updated.
SUBSCRIPTIONS = {
    # The receiver moved twice; its subscription at the current URL is active, though updated longest ago.
    "metrics_old": (METRICS, "http://metrics:8004/v1/events", False, True, 2),
    "metrics_older": (METRICS, "http://metrics-api:8004/v1/events", False, True, 1),
    "metrics_new": (METRICS, "http://metrics-api.polku.svc:8004/v1/events", True, True, 48),
    # A receiver that moved and then left the configuration: the most recently updated is kept.
    "timeline_old": (TIMELINE, "http://clients:8001/v1/events", False, True, 24),
    "timeline_new": (TIMELINE, "http://clients-api:8001/v1/events", False, True, 1),
    "candidates": (CANDIDATES, "http://employer-api:8003/v1/events", True, True, 5),
    # An organisation's subscription described like an internal one is none of the migration's business.
    "partner": (METRICS, "https://partner.example.fi/hooks", True, False, 1),
}
SUBSCRIPTION_IDS = {name: uuid.uuid4() for name in SUBSCRIPTIONS}
EVENTS = {f"e{n}": uuid.uuid4() for n in range(1, 10)}
# Deliveries by name: the subscription, the event, the status before the migration, whether it is leased (in flight);
# each made a minute after the one before.
DELIVERIES = {
    "old_paused": ("metrics_old", "e1", "paused", False),
    "old_delivered": ("metrics_old", "e2", "delivered", False),
    "old_dead": ("metrics_old", "e3", "dead", False),
    "old_paused_kept_has": ("metrics_old", "e4", "paused", False),
    "new_in_flight": ("metrics_new", "e4", "pending", True),
    "older_in_flight": ("metrics_older", "e5", "pending", True),
    "old_twice": ("metrics_old", "e6", "paused", False),
    "older_twice": ("metrics_older", "e6", "paused", False),
    "timeline_paused": ("timeline_old", "e7", "paused", False),
    "timeline_pending": ("timeline_old", "e8", "pending", False),
    "candidates_pending": ("candidates", "e9", "pending", False),
    "partner_pending": ("partner", "e1", "pending", False),
}
DELIVERY_IDS = {name: uuid.uuid4() for name in DELIVERIES}

# By delivery after the upgrade: its subscription, status, whether it is leased, whether it is due now.
UPGRADED = {
    # The kept one is active: what it did not have comes to it pending, due now, leases cleared.
    "old_paused": ("metrics_new", "pending", False, True),
    "older_in_flight": ("metrics_new", "pending", False, True),
    # An event two others had moves once (the earlier delivery); the other stays paused where it was.
    "old_twice": ("metrics_new", "pending", False, True),
    "older_twice": ("metrics_older", "paused", False, False),
    # What the kept one has already stays, paused; the history stays; the kept one's own as they were.
    "old_paused_kept_has": ("metrics_old", "paused", False, False),
    "old_delivered": ("metrics_old", "delivered", False, False),
    "old_dead": ("metrics_old", "dead", False, False),
    "new_in_flight": ("metrics_new", "pending", True, False),
    # The kept one is inactive: they come to it paused, when they were due unchanged.
    "timeline_paused": ("timeline_new", "paused", False, False),
    "timeline_pending": ("timeline_new", "paused", False, False),
    "candidates_pending": ("candidates", "pending", False, False),
    "partner_pending": ("partner", "pending", False, False),
}
# By subscription after the upgrade: its receiver, whether it is active.
RECEIVERS = {
    "metrics_new": (METRICS, True),
    "metrics_old": (f"{METRICS} (http://metrics:8004/v1/events)", False),
    "metrics_older": (f"{METRICS} (http://metrics-api:8004/v1/events)", False),
    "timeline_new": (TIMELINE, False),
    "timeline_old": (f"{TIMELINE} (http://clients:8001/v1/events)", False),
    "candidates": (CANDIDATES, True),
    "partner": (None, True),
}


async def _seed(url: str) -> None:
    for name, (description, address, active, internal, hours) in SUBSCRIPTIONS.items():
        await run_sql(
            url,
            "INSERT INTO webhook_subscription (id, organisation_id, url, event_types, secret, description, active, "
            "internal, created_by, created_at, updated_at) "
            "VALUES (:id, gen_random_uuid(), :url, ARRAY['*'], 'sealed', :description, :active, :internal, 'test', "
            "now() - interval '1 week', now() - make_interval(hours => :hours))",
            {
                "id": SUBSCRIPTION_IDS[name],
                "url": address,
                "description": description,
                "active": active,
                "internal": internal,
                "hours": hours,
            },
        )
    for n, event_id in enumerate(EVENTS.values()):
        await run_sql(
            url,
            "INSERT INTO outbox_event (id, source, type, subject, time, data) "
            "VALUES (:id, '/test', 'fi.polku.note.created.v1', :subject, now(), '{}')",
            {"id": event_id, "subject": f"notes/{n % 3}"},
        )
    for n, (name, (subscription, event, status, leased)) in enumerate(DELIVERIES.items()):
        await run_sql(
            url,
            "INSERT INTO webhook_delivery (id, subscription_id, event_id, lane, sequence, status, attempt_count, "
            "next_attempt_at, lease_token, locked_until, created_at) "
            "SELECT :id, :subscription, e.id, e.subject, e.sequence, :status, 1, now() + interval '1 hour', "
            "CASE WHEN :leased THEN gen_random_uuid() END, CASE WHEN :leased THEN now() + interval '60 s' END, "
            "now() - interval '1 day' + make_interval(mins => :n) "
            "FROM outbox_event e WHERE e.id = :event",
            {
                "id": DELIVERY_IDS[name],
                "subscription": SUBSCRIPTION_IDS[subscription],
                "event": EVENTS[event],
                "status": status,
                "leased": leased,
                "n": n,
            },
        )


async def _deliveries(url: str) -> dict[str, tuple[object, ...]]:
    """By delivery: its subscription, status, whether it is leased, whether it is due now."""
    rows = await run_sql(
        url,
        "SELECT id, subscription_id, status, lease_token IS NOT NULL OR locked_until IS NOT NULL, "
        "next_attempt_at <= now() FROM webhook_delivery",
    )
    deliveries = {delivery_id: name for name, delivery_id in DELIVERY_IDS.items()}
    subscriptions = {subscription_id: name for name, subscription_id in SUBSCRIPTION_IDS.items()}
    return {deliveries[row[0]]: (subscriptions[row[1]], *row[2:]) for row in rows}  # type: ignore[index]


async def _receivers(url: str) -> dict[str, tuple[object, ...]]:
    rows = await run_sql(url, "SELECT id, receiver, active FROM webhook_subscription")
    subscriptions = {subscription_id: name for name, subscription_id in SUBSCRIPTION_IDS.items()}
    return {subscriptions[row[0]]: row[1:] for row in rows}  # type: ignore[index]


async def _unique_indexes(url: str) -> dict[str, str]:
    rows = await run_sql(
        url,
        "SELECT indexname, indexdef FROM pg_indexes "
        "WHERE tablename = 'webhook_subscription' AND indexname LIKE 'uq_webhook_subscription_internal_%'",
    )
    return {str(name): str(definition) for name, definition in rows}


async def test_the_internal_subscriptions_migration_merges_each_names_subscriptions_and_goes_down_and_up(
    postgres_server_url: str,
) -> None:
    async with throwaway_database(postgres_server_url, "test_internal_subscriptions") as url:
        await asyncio.to_thread(upgrade, SERVICE_DIR, url)
        await asyncio.to_thread(command.downgrade, alembic_config(SERVICE_DIR, url), "kit_0015")
        await _seed(url)

        await asyncio.to_thread(upgrade, SERVICE_DIR, url)
        assert await _deliveries(url) == UPGRADED
        assert await _receivers(url) == RECEIVERS
        indexes = await _unique_indexes(url)
        assert set(indexes) == {"uq_webhook_subscription_internal_receiver"}
        assert "UNIQUE" in indexes["uq_webhook_subscription_internal_receiver"]

        await asyncio.to_thread(command.downgrade, alembic_config(SERVICE_DIR, url), "kit_0015")
        assert set(await _unique_indexes(url)) == {"uq_webhook_subscription_internal_url"}
        assert not await run_sql(
            url,
            "SELECT 1 FROM information_schema.columns WHERE table_name = 'webhook_subscription' "
            "AND column_name = 'receiver'",
        )
        assert await _deliveries(url) == UPGRADED
        descriptions = await run_sql(url, "SELECT id, description FROM webhook_subscription WHERE internal")
        assert {row[1] for row in descriptions} == {receiver for receiver, _ in RECEIVERS.values() if receiver}

        # Each subscription's name is found again in its description: the same one is kept, and nothing moves.
        await asyncio.to_thread(upgrade, SERVICE_DIR, url)
        assert await _deliveries(url) == UPGRADED
        assert await _receivers(url) == RECEIVERS
        assert set(await _unique_indexes(url)) == {"uq_webhook_subscription_internal_receiver"}
