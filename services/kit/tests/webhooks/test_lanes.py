"""The dispatcher's loop: each subject's events in order under parallel delivery, several dispatchers, waking
on a notification instead of the slow poll, a hanging receiver that does not hold up the others, and pruning."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from polku_kit.inbox import InboxEvent
from polku_kit.outbox import OutboxEvent, emit
from polku_kit.settings import BaseServiceSettings
from polku_kit.webhooks import Dispatcher
from polku_kit.webhooks.models import WebhookDelivery
from services.kit.tests.receiver import Receiver
from services.kit.tests.webhooks.support import SOURCE, Admin, delivery_states, dispatcher, emit_events

# Far longer than any test here waits: a delivery that arrives came from a notification or a due retry.
SLOW_POLL = 120.0


async def emit_in_subjects(engine: AsyncEngine, *, subjects: int, per_subject: int) -> dict[str, list[str]]:
    """``subjects × per_subject`` events in one transaction, the subjects interleaved; ids by subject, in order."""
    ids: dict[str, list[str]] = {}
    async with async_sessionmaker(engine)() as session, session.begin():
        for n in range(subjects * per_subject):
            subject = f"notes/{n % subjects}"
            event = await emit(session, source=SOURCE, type="fi.polku.note.created.v1", subject=subject, data={"n": n})
            ids.setdefault(subject, []).append(str(event.id))
    return ids


def arrival_order(receiver: Receiver) -> dict[str, list[str]]:
    """Each subject's event ids in the order they were first handled (answered 2xx)."""
    subjects: dict[str, list[str]] = {}
    for request in receiver.requests:
        subjects.setdefault(request.event["subject"], [])
    by_id = {request.webhook_id: request.event["subject"] for request in receiver.requests}
    for event_id in receiver.handled_ids:
        subjects[by_id[event_id]].append(event_id)
    return subjects


@asynccontextmanager
async def running(workers: Sequence[Dispatcher], *, poll_seconds: float = SLOW_POLL) -> AsyncIterator[None]:
    stop = asyncio.Event()
    loops = [asyncio.create_task(worker.run(stop, poll_seconds=poll_seconds)) for worker in workers]
    try:
        yield
    finally:
        stop.set()
        await asyncio.gather(*loops)
        for worker in workers:
            await worker.close()


async def until(condition, seconds: float) -> float:  # type: ignore[no-untyped-def]
    """Seconds until ``await condition()`` is true, checked every 50 ms; TimeoutError after ``seconds``."""
    started = time.perf_counter()
    async with asyncio.timeout(seconds):
        while not await condition():  # noqa: ASYNC110
            await asyncio.sleep(0.05)
    return time.perf_counter() - started


class TestOrderPerSubject:
    async def test_each_subject_arrives_in_order_while_subjects_go_in_parallel(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        # Every seventh answer is a 500: the failed event is retried before anything after it in its subject.
        async with Receiver(delay=0.02, fail_every=7) as receiver:
            await admin.subscribe(receiver.url)
            sent = await emit_in_subjects(engine, subjects=12, per_subject=15)
            worker = dispatcher(engine, batch_size=40, concurrency=8, lane_run=4)
            async with running([worker]):
                await receiver.wait_for(180, seconds=120)
                await until(lambda: _all_delivered(engine, 180), 120)
        assert arrival_order(receiver) == sent
        assert receiver.most_at_once > 1  # subjects were delivered in parallel
        assert len(receiver.requests) > 180  # and some were retried

    async def test_two_dispatchers_keep_each_subject_in_order_and_deliver_once(
        self, engine: AsyncEngine, admin: Admin, database_url: str
    ) -> None:
        engines = [create_async_engine(database_url) for _ in range(2)]
        async with Receiver(delay=0.01) as receiver:
            await admin.subscribe(receiver.url)
            sent = await emit_in_subjects(engine, subjects=20, per_subject=10)
            workers = [dispatcher(each, batch_size=15, concurrency=6, lane_run=3) for each in engines]
            async with running(workers):
                await receiver.wait_for(200, seconds=120)
                await asyncio.sleep(0.5)  # anything extra would arrive now
        for each in engines:
            await each.dispose()
        assert len(receiver.requests) == 200  # each event exactly once
        assert arrival_order(receiver) == sent
        assert await delivery_states(engine) == {"delivered": 200}


async def _all_delivered(engine: AsyncEngine, count: int) -> bool:
    return (await delivery_states(engine)).get("delivered") == count


class TestWakeUp:
    async def test_a_new_event_is_delivered_at_once_not_at_the_next_poll(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        async with Receiver() as receiver:
            await admin.subscribe(receiver.url)
            worker = dispatcher(engine)
            async with running([worker]):
                await asyncio.sleep(1.0)  # the dispatcher has looked once and is asleep
                [event_id] = await emit_events(engine, 1)
                waited = time.perf_counter()
                await receiver.wait_for(1, seconds=SLOW_POLL / 2)
                waited = time.perf_counter() - waited
        assert receiver.ids == [event_id]
        assert waited < 15, f"delivered after {waited:.1f} s: not woken by the notification"

    async def test_a_replay_and_a_due_retry_wake_it_too(self, engine: AsyncEngine, admin: Admin) -> None:
        async with Receiver(fail_first=1) as receiver:
            subscription = await admin.subscribe(receiver.url)
            worker = dispatcher(engine, retry=lambda attempt: 1.0)
            async with running([worker]):
                [event_id] = await emit_events(engine, 1)
                await receiver.wait_for(2, seconds=30)  # the failure, then the retry a second later
                await until(lambda: _all_delivered(engine, 1), 30)
                [delivery] = (await admin.get(f"/v1/webhook-subscriptions/{subscription['id']}/deliveries")).json()[
                    "items"
                ]
                replayed = await admin.post(f"/v1/webhook-deliveries/{delivery['id']}/replay")
                assert replayed.status_code == 200, replayed.text
                await receiver.wait_for(3, seconds=30)
        assert receiver.ids == [event_id] * 3


class TestAFailingReceiver:
    async def test_a_receiver_that_hangs_does_not_hold_up_the_others(self, engine: AsyncEngine, admin: Admin) -> None:
        async with Receiver(hang_first=1000) as hanging, Receiver() as healthy:
            await admin.subscribe(hanging.url, ["fi.polku.note.*"])
            await admin.subscribe(healthy.url, ["fi.polku.referral.*"])
            # The hanging receiver's events are older: without a limit per subscription they would take every slot.
            await emit_events(engine, 40)
            ids = await emit_events(engine, 40, type="fi.polku.referral.sent.v1")
            worker = dispatcher(engine, concurrency=8, timeout_seconds=60.0)
            stop = asyncio.Event()
            loop = asyncio.create_task(worker.run(stop, poll_seconds=SLOW_POLL))
            try:
                await healthy.wait_for(40, seconds=45)  # long before the hanging requests time out
                assert len(hanging.requests) == 4  # half the slots, each a lane waiting for its answer
            finally:
                stop.set()
                hanging._release.set()  # the hanging requests are answered (503) so that the loop can drain
                await loop
                await worker.close()
        assert sorted(healthy.ids) == sorted(ids)


class TestPruning:
    async def test_the_dispatcher_prunes_what_retention_allows(self, engine: AsyncEngine, admin: Admin) -> None:
        async with Receiver() as receiver:
            await admin.subscribe(receiver.url)
            [old, young] = await emit_events(engine, 2)
            worker = dispatcher(engine, retention=timedelta(days=1), prune_seconds=0.2)
            async with running([worker]):
                await receiver.wait_for(2)
                await until(lambda: _all_delivered(engine, 2), 30)
                async with engine.begin() as connection:
                    long_ago = datetime.now(UTC) - timedelta(days=2)
                    await connection.execute(
                        text("UPDATE webhook_delivery SET delivered_at = :at WHERE event_id = :id"),
                        {"at": long_ago, "id": old},
                    )
                    await connection.execute(
                        text("UPDATE outbox_event SET fanned_out_at = :at WHERE id = :id"), {"at": long_ago, "id": old}
                    )
                    await connection.execute(
                        text("INSERT INTO inbox_event (id, source, type, received_at) VALUES (:id, 's', 't', :at)"),
                        {"id": "old-received", "at": long_ago},
                    )
                    await connection.execute(
                        text("INSERT INTO inbox_event (id, source, type) VALUES ('young-received', 's', 't')")
                    )
                await until(lambda: _event_ids(engine, {young}), 30)
            async with async_sessionmaker(engine)() as session:
                assert set((await session.scalars(select(InboxEvent.id))).all()) == {"young-received"}
                assert await session.scalar(select(func.count()).select_from(WebhookDelivery)) == 1

    def test_it_prunes_hourly_after_thirty_days_unless_told_otherwise(self, engine: AsyncEngine) -> None:
        worker = Dispatcher.from_settings(BaseServiceSettings(), engine)
        assert worker.retention == timedelta(days=30) and worker.prune_seconds == 3600
        assert worker.poll_seconds == 30
        quiet = Dispatcher.from_settings(
            BaseServiceSettings(prune_interval_seconds=0, retention_days=7, webhook_poll_seconds=5), engine
        )
        assert quiet.retention == timedelta(days=7) and quiet.prune_seconds == 0 and quiet.poll_seconds == 5


async def _event_ids(engine: AsyncEngine, expected: set[str]) -> bool:
    async with async_sessionmaker(engine)() as session:
        return {str(id) for id in (await session.scalars(select(OutboxEvent.id))).all()} == expected
