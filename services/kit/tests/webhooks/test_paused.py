"""A subscription switched off: its deliveries wait ``paused``, out of the dispatchers' walk, and go out in each
subject's order once it is switched on again (decision 81)."""

from __future__ import annotations

import asyncio
import time
import uuid

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from polku_kit.webhooks import queue
from polku_kit.webhooks.models import WebhookDelivery
from services.kit.tests.receiver import Receiver
from services.kit.tests.webhooks.support import Admin, delivery_states, dispatcher, emit_events
from services.kit.tests.webhooks.test_internal import internal_rows, subscriber
from services.kit.tests.webhooks.test_lanes import SLOW_POLL, arrival_order, emit_in_subjects, running


async def switch(admin: Admin, subscription_id: str, *, active: bool) -> dict:
    response = await admin.api.patch(
        f"/v1/webhook-subscriptions/{subscription_id}",
        json={"active": active},
        headers={**admin.headers, "If-Match": "*"},
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def deliveries(engine: AsyncEngine) -> list[WebhookDelivery]:
    async with async_sessionmaker(engine)() as session:
        return list((await session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.sequence))).all())


class TestSwitchedOff:
    async def test_its_deliveries_are_paused_and_not_sent_then_sent_in_each_subjects_order_when_switched_on(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        async with Receiver() as receiver:
            subscription = await admin.subscribe(receiver.url)
            sent = await emit_in_subjects(engine, subjects=3, per_subject=4)
            worker = dispatcher(engine, lane_run=2)
            await worker.prepare()  # the twelve deliveries exist, pending
            await switch(admin, subscription["id"], active=False)
            assert await delivery_states(engine) == {"paused": 12}
            assert await worker.run_once() == 0
            assert receiver.requests == []
            listed = await admin.get(f"/v1/webhook-subscriptions/{subscription['id']}/deliveries", status="paused")
            assert listed.status_code == 200 and len(listed.json()["items"]) == 12
            assert {item["status"] for item in listed.json()["items"]} == {"paused"}

            await switch(admin, subscription["id"], active=True)
            assert await delivery_states(engine) == {"pending": 12}
            while await worker.run_once():
                pass
            await worker.close()
        assert await delivery_states(engine) == {"delivered": 12}
        assert arrival_order(receiver) == sent

    async def test_a_sleeping_dispatcher_is_woken_when_it_is_switched_on(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        async with Receiver() as receiver:
            subscription = await admin.subscribe(receiver.url)
            await switch(admin, subscription["id"], active=False)
            [paused] = await emit_events(engine, 1)  # not queued for it: made while it was inactive, then replayed
            fanned = dispatcher(engine)
            await fanned.prepare()
            await fanned.close()
            since = "2000-01-01T00:00:00+00:00"
            replayed = await admin.post(f"/v1/webhook-subscriptions/{subscription['id']}/replay", {"since": since})
            assert replayed.json() == {"queued": 1}
            assert await delivery_states(engine) == {"paused": 1}
            worker = dispatcher(engine)
            async with running([worker]):
                await asyncio.sleep(1.0)  # the dispatcher has looked once and is asleep
                await switch(admin, subscription["id"], active=True)
                started = time.perf_counter()
                await receiver.wait_for(1, seconds=SLOW_POLL / 2)
                waited = time.perf_counter() - started
        assert receiver.ids == [paused]
        assert waited < 15, f"delivered after {waited:.1f} s: not woken when switched on"

    async def test_other_subscriptions_are_delivered_meanwhile(self, engine: AsyncEngine, admin: Admin) -> None:
        async with Receiver() as off, Receiver() as on:
            switched_off = await admin.subscribe(off.url)
            await admin.subscribe(on.url)
            events = await emit_events(engine, 3)
            worker = dispatcher(engine)
            await worker.prepare()
            await switch(admin, switched_off["id"], active=False)
            while await worker.run_once():
                pass
            await worker.close()
        assert sorted(on.ids) == sorted(events) and off.requests == []
        assert await delivery_states(engine) == {"delivered": 3, "paused": 3}


class TestInFlight:
    async def test_a_delivery_paused_in_flight_is_delivered_if_its_attempt_succeeds(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        async with Receiver() as receiver:
            subscription = await admin.subscribe(receiver.url)
            await emit_events(engine, 1)
            worker = dispatcher(engine)
            await worker.prepare()
            [claimed] = await worker.claim(10)
            await switch(admin, subscription["id"], active=False)
            [delivery] = await deliveries(engine)
            assert delivery.status == "paused" and delivery.lease_token == claimed.lease  # its lease is kept
            assert await worker.deliver(claimed) == "delivered"
            await worker.close()
        [delivery] = await deliveries(engine)
        assert (delivery.status, delivery.lease_token, delivery.delivered_at is not None) == ("delivered", None, True)
        assert len(receiver.requests) == 1

    async def test_a_delivery_paused_in_flight_stays_paused_if_its_attempt_fails_and_goes_when_switched_on(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        async with Receiver(fail_first=1) as receiver:
            subscription = await admin.subscribe(receiver.url)
            [event_id] = await emit_events(engine, 1)
            worker = dispatcher(engine)
            await worker.prepare()
            [claimed] = await worker.claim(10)
            await switch(admin, subscription["id"], active=False)
            await worker.deliver(claimed)
            [delivery] = await deliveries(engine)
            assert (delivery.status, delivery.lease_token, delivery.locked_until) == ("paused", None, None)
            assert (delivery.attempt_count, delivery.last_status_code) == (1, 500)
            assert await worker.run_once() == 0  # not retried while paused

            await switch(admin, subscription["id"], active=True)
            assert await worker.run_once() == 1
            await worker.close()
        assert receiver.ids == [event_id, event_id]
        [delivery] = await deliveries(engine)
        assert (delivery.status, delivery.attempt_count) == ("delivered", 2)

    async def test_a_lane_paused_in_flight_is_not_taken_by_another_dispatcher_after_a_resumption(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        """Switched off and on while a dispatcher still sends a lane: the lane stays its until its results are in,
        so the subject's order holds."""
        async with Receiver() as receiver:
            subscription = await admin.subscribe(receiver.url)
            sent = await emit_in_subjects(engine, subjects=1, per_subject=3)
            slow, other = dispatcher(engine), dispatcher(engine)
            await slow.prepare()
            claimed = await slow.claim(10)
            assert len(claimed) == 3
            await switch(admin, subscription["id"], active=False)
            await switch(admin, subscription["id"], active=True)
            assert await other.claim(10) == []
            await slow.deliver_all(claimed)
            assert await other.run_once() == 0
            for worker in (slow, other):
                await worker.close()
        assert arrival_order(receiver) == sent
        assert await delivery_states(engine) == {"delivered": 3}


class TestReplay:
    async def test_a_replay_to_an_inactive_subscription_is_paused_until_it_is_switched_on(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        async with Receiver(fail_first=1) as receiver:
            subscription = await admin.subscribe(receiver.url)
            [event_id] = await emit_events(engine, 1)
            worker = dispatcher(engine, max_attempts=1)
            await worker.run_once()
            deliveries_path = f"/v1/webhook-subscriptions/{subscription['id']}/deliveries"
            [dead] = (await admin.get(deliveries_path, status="dead")).json()["items"]
            await switch(admin, subscription["id"], active=False)

            replayed = await admin.post(f"/v1/webhook-deliveries/{dead['id']}/replay")
            assert replayed.status_code == 200, replayed.text
            assert (replayed.json()["status"], replayed.json()["attempt_count"]) == ("paused", 0)
            again = await admin.post(f"/v1/webhook-deliveries/{dead['id']}/replay")
            assert again.status_code == 409 and again.headers["content-type"] == "application/problem+json"
            assert again.json()["type"].endswith("/webhook-delivery-pending")
            assert "switched on" in again.json()["detail"]
            since = "2000-01-01T00:00:00+00:00"
            queued = await admin.post(f"/v1/webhook-subscriptions/{subscription['id']}/replay", {"since": since})
            assert queued.json() == {"queued": 0}  # the paused one is left as it is
            assert await worker.run_once() == 0

            await switch(admin, subscription["id"], active=True)
            assert await worker.run_once() == 1
            await worker.close()
        assert receiver.ids == [event_id, event_id] and receiver.handled_ids == [event_id]

    async def test_a_replay_since_to_an_inactive_subscription_queues_paused_deliveries(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        async with Receiver() as receiver:
            subscription = await admin.subscribe(receiver.url)
            events = await emit_events(engine, 2)
            worker = dispatcher(engine)
            await worker.run_once()
            await switch(admin, subscription["id"], active=False)
            since = "2000-01-01T00:00:00+00:00"
            queued = await admin.post(f"/v1/webhook-subscriptions/{subscription['id']}/replay", {"since": since})
            assert queued.json() == {"queued": 2}
            assert await delivery_states(engine) == {"paused": 2}
            assert await worker.run_once() == 0
            await switch(admin, subscription["id"], active=True)
            assert await worker.run_once() == 2
            await worker.close()
        assert sorted(receiver.ids) == sorted(events * 2)


class TestInternal:
    async def test_an_internal_subscription_no_longer_configured_is_paused_and_resumed_when_configured_again(
        self, engine: AsyncEngine
    ) -> None:
        async with Receiver() as receiver:
            configured = dispatcher(engine, subscribers=[subscriber(receiver.url)])
            await configured.housekeeping()  # the internal subscription, before the events
            referrals = await emit_events(engine, 2, type="fi.polku.referral.sent.v1")
            await configured.fan_out()
            assert await delivery_states(engine) == {"pending": 2}

            removed = dispatcher(engine, subscribers=[])
            assert await removed.run_once() == 0
            [row] = await internal_rows(engine)
            assert not row.active
            assert await delivery_states(engine) == {"paused": 2}

            again = dispatcher(engine, subscribers=[subscriber(receiver.url)])
            assert await again.run_once() == 2
            for worker in (configured, removed, again):
                await worker.close()
        [row] = await internal_rows(engine)
        assert row.active
        assert sorted(receiver.ids) == sorted(referrals)
        assert await delivery_states(engine) == {"delivered": 2}


class TestSwitchedOffWhileFanningOut:
    """The fan-out and a switch-off at the same moment: the subscription's row decides which comes first."""

    async def test_an_event_fanned_out_while_its_subscription_is_switched_off_is_not_queued_pending(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        subscription = await admin.subscribe("http://127.0.0.1:9/events")
        await emit_events(engine, 3)
        async with engine.connect() as switching:
            # As the API switches it off (decision 81): the row locked, made inactive, its deliveries paused (none
            # yet), and then the commit, which the fan-out below has to wait for.
            transaction = await switching.begin()
            await switching.execute(
                text("SELECT 1 FROM webhook_subscription WHERE id = :id FOR UPDATE"), {"id": subscription["id"]}
            )
            await switching.execute(
                text("UPDATE webhook_subscription SET active = false WHERE id = :id"), {"id": subscription["id"]}
            )
            paused = await switching.execute(queue._PAUSE, {"subscription_ids": [uuid.UUID(subscription["id"])]})
            assert paused.rowcount == 0  # type: ignore[attr-defined]
            fanning = asyncio.create_task(fan_out_all(engine))
            await asyncio.sleep(0.5)
            assert not fanning.done()  # waiting for the switch-off
            await transaction.commit()
        await fanning
        # Before, the fan-out read the subscription as active and queued three pending deliveries the pause had
        # not seen: never attempted, walked by every claim.
        assert await delivery_states(engine) == {}

    async def test_a_switch_off_after_the_fan_out_pauses_what_it_queued(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        subscription = await admin.subscribe("http://127.0.0.1:9/events")
        await emit_events(engine, 3)
        async with async_sessionmaker(engine)() as fanning, fanning.begin():
            assert await queue.fan_out(fanning, limit=10) == (3, 3)
            switched = asyncio.create_task(switch(admin, subscription["id"], active=False))
            await asyncio.sleep(0.5)
            assert not switched.done()  # waiting for the fan-out's commit
        await switched
        assert await delivery_states(engine) == {"paused": 3}


async def fan_out_all(engine: AsyncEngine) -> None:
    async with async_sessionmaker(engine)() as session, session.begin():
        while (await queue.fan_out(session, limit=100))[0]:
            pass
