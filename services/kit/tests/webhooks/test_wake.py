"""Writers notify only a dispatcher or inbox worker that sleeps: a write wakes a sleeping one at once, a write
while none waits (or while it is busy) takes no NOTIFY, and a write that missed the arming is found within the
settling poll, not the slow backstop poll (decision 71)."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from polku_kit.inbox import INBOX_CHANNEL, InboxEvent, InboxStatus, ReceivedEvent, store
from polku_kit.inbox_worker import InboxWorker, StoredEvent
from polku_kit.outbox import emit
from polku_kit.wake import SETTLE_POLL_SECONDS
from polku_kit.webhooks.queue import WAKE_CHANNEL
from services.kit.tests.receiver import Receiver
from services.kit.tests.webhooks.support import SOURCE, Admin, dispatcher, emit_events

# Far longer than any test here waits: work found sooner came from a notification or the settling poll.
SLOW_POLL = 120.0
TYPE = "fi.example.thing.happened.v1"


class Notifications:
    """A test's own LISTEN on ``channel``: how many notifications arrived."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_: object) -> None:
        self.count += 1


@asynccontextmanager
async def listening(engine: AsyncEngine, channel: str) -> AsyncIterator[Notifications]:
    connection = await asyncpg.connect(engine.url.set(drivername="postgresql").render_as_string(hide_password=False))
    notifications = Notifications()
    await connection.add_listener(channel, notifications)
    try:
        yield notifications
    finally:
        await connection.close()


async def waiting(engine: AsyncEngine, channel: str) -> int:
    async with engine.connect() as connection:
        return int(
            await connection.scalar(text("SELECT count(*) FROM wake_wanted WHERE channel = :c"), {"c": channel}) or 0
        )


async def until(check: Callable[[], Awaitable[bool]], seconds: float) -> float:
    """Seconds until ``check`` holds; fails after ``seconds``."""
    began = time.perf_counter()
    while not await check():
        assert time.perf_counter() - began < seconds, f"not within {seconds} s"
        await asyncio.sleep(0.02)
    return time.perf_counter() - began


@asynccontextmanager
async def running(run: Callable[[asyncio.Event], Awaitable[None]]) -> AsyncIterator[None]:
    stop = asyncio.Event()
    loop = asyncio.create_task(run(stop))  # type: ignore[arg-type]
    try:
        yield
    finally:
        stop.set()
        await loop


class TestDispatcherWake:
    async def test_a_write_while_no_dispatcher_waits_takes_no_notify(self, engine: AsyncEngine) -> None:
        assert await waiting(engine, WAKE_CHANNEL) == 0
        async with listening(engine, WAKE_CHANNEL) as notifications:
            await emit_events(engine, 3)
            await asyncio.sleep(0.5)
        assert notifications.count == 0

    async def test_a_sleeping_dispatcher_asks_to_be_woken_and_a_write_wakes_it_at_once(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        async with Receiver() as receiver, listening(engine, WAKE_CHANNEL) as notifications:
            await admin.subscribe(receiver.url)
            worker = dispatcher(engine)
            async with running(lambda stop: worker.run(stop, poll_seconds=SLOW_POLL)):
                await until(lambda: _is(waiting(engine, WAKE_CHANNEL), 1), 15)
                await asyncio.sleep(2 * SETTLE_POLL_SECONDS)  # asleep on LISTEN alone
                [event_id] = await emit_events(engine, 1)
                waited = time.perf_counter()
                await receiver.wait_for(1, seconds=30)
                waited = time.perf_counter() - waited
                assert notifications.count == 1
            await worker.close()
        assert receiver.ids == [event_id]
        assert waited < 5, f"delivered after {waited:.1f} s: not woken by the notification"

    async def test_writes_while_the_dispatcher_is_busy_take_no_notify(self, engine: AsyncEngine, admin: Admin) -> None:
        async with Receiver() as receiver, listening(engine, WAKE_CHANNEL) as notifications:
            await admin.subscribe(receiver.url)
            worker = dispatcher(engine)
            async with running(lambda stop: worker.run(stop, poll_seconds=SLOW_POLL)):
                await until(lambda: _is(waiting(engine, WAKE_CHANNEL), 1), 15)
                writes = 0
                began = time.perf_counter()
                while time.perf_counter() - began < 2.0:  # an event every 20 ms, each in its own transaction
                    await emit_events(engine, 1)
                    writes += 1
                    await asyncio.sleep(0.02)
                await receiver.wait_for(writes, seconds=30)
            await worker.close()
        assert writes >= 20
        # The first write wakes it; while events keep coming it looks itself and nobody notifies.
        assert 1 <= notifications.count <= 3, f"{notifications.count} notifications for {writes} writes"

    async def test_a_write_that_missed_the_arming_is_delivered_within_the_settling_poll(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        async with Receiver() as receiver:
            await admin.subscribe(receiver.url)
            async with async_sessionmaker(engine)() as session, session.begin():
                # Written while no dispatcher waits (no notification), committed after it has armed and looked.
                event = await emit(session, source=SOURCE, type="fi.polku.note.created.v1", subject="notes/1", data={})
                await session.flush()
                event_id = str(event.id)
                worker = dispatcher(engine)
                loop_stop = asyncio.Event()
                loop = asyncio.create_task(worker.run(loop_stop, poll_seconds=SLOW_POLL))
                await until(lambda: _is(waiting(engine, WAKE_CHANNEL), 1), 15)
                await asyncio.sleep(0.5)
            try:
                waited = time.perf_counter()
                await receiver.wait_for(1, seconds=15)
                waited = time.perf_counter() - waited
            finally:
                loop_stop.set()
                await loop
                await worker.close()
        assert receiver.ids == [event_id]
        assert waited < 3 * SETTLE_POLL_SECONDS + 2, f"found after {waited:.1f} s"

    async def test_two_dispatchers_each_ask_and_a_stopped_one_takes_its_row_away(self, engine: AsyncEngine) -> None:
        workers = [dispatcher(engine), dispatcher(engine)]
        stop = asyncio.Event()
        loops = [asyncio.create_task(worker.run(stop, poll_seconds=SLOW_POLL)) for worker in workers]
        try:
            await until(lambda: _is(waiting(engine, WAKE_CHANNEL), 2), 15)
        finally:
            stop.set()
            await asyncio.gather(*loops)
            for worker in workers:
                await worker.close()
        assert await waiting(engine, WAKE_CHANNEL) == 0


class Handled:
    def __init__(self) -> None:
        self.ids: list[str] = []

    async def __call__(self, session: AsyncSession, stored: StoredEvent) -> None:
        self.ids.append(stored.event.id)


async def store_one(engine: AsyncEngine, session: AsyncSession | None = None) -> str:
    event = ReceivedEvent(id=str(uuid.uuid4()), source="/example", type=TYPE, subject="things/1", time=None, data={})
    if session is not None:
        assert await store(session, event)
        return event.id
    async with async_sessionmaker(engine)() as own, own.begin():
        assert await store(own, event)
    return event.id


async def _is(value: Awaitable[int], expected: int) -> bool:
    return await value == expected


async def _handled(engine: AsyncEngine, count: int) -> bool:
    async with engine.connect() as connection:
        processed = await connection.scalar(
            text("SELECT count(*) FROM inbox_event WHERE status = :s"), {"s": InboxStatus.processed}
        )
    return processed == count


class TestInboxWorkerWake:
    async def test_a_store_while_no_worker_waits_takes_no_notify(self, engine: AsyncEngine) -> None:
        assert await waiting(engine, INBOX_CHANNEL) == 0
        async with listening(engine, INBOX_CHANNEL) as notifications:
            await store_one(engine)
            await asyncio.sleep(0.5)
        assert notifications.count == 0

    async def test_a_sleeping_worker_is_woken_at_once_and_a_busy_one_is_not_notified(self, engine: AsyncEngine) -> None:
        handled = Handled()
        worker = InboxWorker(engine, {TYPE: handled}, poll_seconds=SLOW_POLL)
        async with listening(engine, INBOX_CHANNEL) as notifications, running(worker.run):
            await until(lambda: _is(waiting(engine, INBOX_CHANNEL), 1), 15)
            await asyncio.sleep(2 * SETTLE_POLL_SECONDS)
            await store_one(engine)
            assert await until(lambda: _handled(engine, 1), 30) < 5
            assert notifications.count == 1
            # Disarmed on finding work, then armed again before it sleeps.
            await until(lambda: _is(waiting(engine, INBOX_CHANNEL), 1), 5)
        assert len(handled.ids) == 1

    async def test_a_store_that_missed_the_arming_is_handled_within_the_settling_poll(
        self, engine: AsyncEngine
    ) -> None:
        handled = Handled()
        worker = InboxWorker(engine, {TYPE: handled}, poll_seconds=SLOW_POLL)
        stop = asyncio.Event()
        async with async_sessionmaker(engine)() as session, session.begin():
            event_id = await store_one(engine, session)
            loop = asyncio.create_task(worker.run(stop))
            await until(lambda: _is(waiting(engine, INBOX_CHANNEL), 1), 15)
            await asyncio.sleep(0.5)
        try:
            waited = await until(lambda: _handled(engine, 1), 15)
        finally:
            stop.set()
            await loop
        assert handled.ids == [event_id]
        assert waited < 3 * SETTLE_POLL_SECONDS + 2, f"handled after {waited:.1f} s"
        async with async_sessionmaker(engine)() as session:
            assert (await session.get(InboxEvent, event_id)) is not None
