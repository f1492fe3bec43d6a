"""What a claim reads when the planner's statistics are stale (decision 79).

A service's ``webhook_delivery`` is analysed while nothing is pending (autovacuum after a quiet spell, or the
dispatcher after a burst it has delivered), and then writes come in steadily: every lane has a delivery in flight
and more behind it. The planner takes the pending deliveries for a handful, so a claim planned on those statistics
must still reach each row by its key, not read every pending delivery for each one it looks at.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from polku_kit.testing import QueryPlan
from polku_kit.webhooks import queue
from services.kit.tests.webhooks.support import Admin, delivery_states

LANES = 32


async def fill(engine: AsyncEngine, events: int, *, lanes: int = LANES, type: str = "fi.polku.note.created.v1") -> None:
    """``events`` events of ``type`` over ``lanes`` subjects, in one transaction, fanned out."""
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO outbox_event (id, source, type, subject, time, data) "
                "SELECT gen_random_uuid(), '/test', :type, 'notes/' || (n % :lanes), now(), "
                "jsonb_build_object('n', n) FROM generate_series(1, :events) AS n"
            ),
            {"events": events, "lanes": lanes, "type": type},
        )
    async with async_sessionmaker(engine)() as session, session.begin():
        while (await queue.fan_out(session, limit=5000))[0]:
            pass


async def stale_statistics_and_lanes_in_flight(engine: AsyncEngine, admin: Admin) -> None:
    """3,000 deliveries delivered and analysed as such; then 640 pending over 32 lanes, the head of all but one
    lane leased (in flight)."""
    await admin.subscribe("http://127.0.0.1:9/events")
    await fill(engine, 3000)
    async with engine.begin() as connection:
        await connection.execute(text("UPDATE webhook_delivery SET status = 'delivered', delivered_at = now()"))
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text("ANALYZE webhook_delivery"))
        await connection.execute(text("ANALYZE webhook_attempt"))
    await fill(engine, 20 * LANES)
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "UPDATE webhook_delivery SET lease_token = gen_random_uuid(), locked_until = now() + interval '60 s', "
                "attempt_count = 1 WHERE id IN (SELECT DISTINCT ON (lane) id FROM webhook_delivery "
                "WHERE status = 'pending' AND lane <> 'notes/0' ORDER BY lane, sequence)"
            )
        )


async def explained(engine: AsyncEngine, statement: str, parameters: dict[str, Any] | None = None) -> dict[str, Any]:
    """``statement`` run once under ``EXPLAIN (ANALYZE, BUFFERS)``; the top plan node."""
    async with engine.begin() as connection:
        raw = await connection.scalar(text(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {statement}"), parameters or {})
    plan = raw if isinstance(raw, list) else json.loads(raw)
    return plan[0]["Plan"]  # type: ignore[no-any-return]


async def explained_claim(engine: AsyncEngine, *, limit: int = 500, run: int = 49) -> dict[str, Any]:
    """The claim run once under ``EXPLAIN (ANALYZE, BUFFERS)``, as the dispatcher sends it; the top plan node."""
    statement = queue._CLAIM.text  # the statement itself is what is measured
    return await explained(
        engine, statement, {"limit": limit, "run": run, "lease": uuid.uuid4(), "lease_seconds": 60.0}
    )


async def vacuumed(engine: AsyncEngine, *, within: float = 30.0) -> None:
    """``webhook_delivery`` vacuumed and analysed once no other transaction of the database (an autovacuum worker's
    analysis, say) keeps the versions its updates left behind: with one open, the vacuum removes none of them and
    the plans measured afterwards read them all."""
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        deadline = asyncio.get_running_loop().time() + within
        while await connection.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND (backend_xmin IS NOT NULL OR backend_xid IS NOT NULL)"
            )
        ):
            assert asyncio.get_running_loop().time() < deadline, "another transaction stayed open in the database"
            await asyncio.sleep(0.1)
        await connection.execute(text("VACUUM ANALYZE webhook_delivery"))
        await connection.execute(text("ANALYZE webhook_attempt"))


def buffers(node: dict[str, Any]) -> int:
    return int(node.get("Shared Hit Blocks", 0)) + int(node.get("Shared Read Blocks", 0))


def scans(node: dict[str, Any], relation: str) -> list[dict[str, Any]]:
    """Every node of the plan that reads ``relation``."""
    found = [node] if node.get("Relation Name") == relation and "Scan" in node["Node Type"] else []
    for child in node.get("Plans", []):
        found += scans(child, relation)
    return found


class TestClaimOnStaleStatistics:
    async def test_the_free_lane_is_claimed_reading_each_row_by_its_key(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        await stale_statistics_and_lanes_in_flight(engine, admin)
        top = await explained_claim(engine)
        # The free lane: its 20 pending deliveries, head first.
        assert top["Actual Rows"] == 20
        reads = scans(top, "webhook_delivery")
        # Each read of a delivery is by a key: the walk of due ones by their time, each candidate's lane by the lane
        # index, the lane's run behind its head, the lease by the primary key. Planned on these statistics, the claim
        # before read every pending delivery with no condition, once for each candidate and for each row it leased.
        unconditioned = [(node["Node Type"], node.get("Index Name")) for node in reads if "Index Cond" not in node]
        assert unconditioned == []
        lane_probes = [node for node in reads if node.get("Index Name") == "ix_webhook_delivery_lane"]
        assert lane_probes and all(node.get("Actual Rows", 0) <= 20 for node in lane_probes)
        # 609 candidates (640 pending less the 31 leased heads), each a few buffers; before: 6,000 and more.
        assert buffers(top) < 8 * 609, buffers(top)

    async def test_a_delivery_chosen_and_then_delivered_by_another_is_not_leased(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        """The lease compares the status a row was chosen with: a row no longer pending is left alone."""
        await admin.subscribe("http://127.0.0.1:9/events")
        await fill(engine, 3, lanes=1)
        async with engine.begin() as connection:
            # A lane run whose second delivery was delivered meanwhile (by a replay's dispatcher, say): the claim
            # takes the head and stops at it, the delivered one is not leased again.
            await connection.execute(
                text(
                    "UPDATE webhook_delivery SET status = 'delivered', delivered_at = now() "
                    "WHERE sequence = (SELECT max(sequence) FROM webhook_delivery)"
                )
            )
        async with async_sessionmaker(engine)() as session, session.begin():
            claimed = await queue.claim(session, limit=10, lease_seconds=60.0)
        assert [item.sequence for item in claimed] == sorted(item.sequence for item in claimed)
        assert len(claimed) == 2
        async with engine.connect() as connection:
            leased = await connection.scalar(
                text("SELECT count(*) FROM webhook_delivery WHERE lease_token IS NOT NULL AND status = 'delivered'")
            )
        assert leased == 0


class TestABacklogOfAnInactiveSubscription:
    """A partner switches its subscription off with a backlog (or an internal receiver's configured URL changes):
    its deliveries are paused, so the claim and the next retry's time read only the other subscribers' (decision
    81). Before, they stayed pending, and every claim walked them all, probing each one's lane, before the join with
    active subscriptions threw them away."""

    async def test_the_claim_and_the_next_due_read_only_the_active_subscriptions_deliveries(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        inactive = await admin.subscribe("http://127.0.0.1:9/off", ["fi.polku.note.*"])
        await admin.subscribe("http://127.0.0.1:9/on", ["fi.polku.referral.*"])
        await fill(engine, 20_000, lanes=1000)
        switched = await admin.api.patch(
            f"/v1/webhook-subscriptions/{inactive['id']}",
            json={"active": False},
            headers={**admin.headers, "If-Match": "*"},
        )
        assert switched.status_code == 200, switched.text
        await fill(engine, 50, lanes=50, type="fi.polku.referral.sent.v1")
        assert await delivery_states(engine) == {"paused": 20_000, "pending": 50}
        await vacuumed(engine)  # as autovacuum leaves it after the pause's 20,000 updates

        claim = await explained_claim(engine)
        assert claim["Actual Rows"] == 50  # every delivery of the active subscription, a head of its own lane
        # The 50 it leases, each its walk, lane probe, lease and started attempt: 1,900 buffers. Before, the walk of the
        # inactive subscription's 20,000 pending deliveries with a lane probe each read 82,000.
        assert buffers(claim) < 5000, QueryPlan(claim).text
        next_due = await explained(engine, queue._NEXT_DUE.text)
        # The 50 pending ones and a lane probe each: 350 buffers. Before: every pending delivery, 80,000.
        assert buffers(next_due) < 1000, QueryPlan(next_due).text
        assert await delivery_states(engine) == {"paused": 20_000, "pending": 50}  # the 50 leased by the claim
