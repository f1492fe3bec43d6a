"""The dispatcher against a real PostgreSQL database (its own, with real commits) and a real HTTP receiver."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from standardwebhooks import Webhook

from polku_kit.auth import Principal
from polku_kit.outbox import emit
from polku_kit.testing import LAHTI, create_migrated_database
from polku_kit.webhooks import Dispatcher, service
from polku_kit.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription

from services.kit.tests.receiver import Receiver
from services.kit.tests.sample_service import SERVICE_DIR

ADMIN = Principal(subject="admin-1", roles=frozenset({"admin"}), organisation_id=LAHTI)


@pytest_asyncio.fixture(loop_scope="session")
async def database_url(postgres_server_url: str) -> str:
    return await create_migrated_database(postgres_server_url, SERVICE_DIR, f"dispatch_{uuid.uuid4().hex[:12]}")


@pytest_asyncio.fixture(loop_scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(database_url)
    yield engine
    await engine.dispose()


def dispatcher(engine: AsyncEngine, **options: object) -> Dispatcher:
    defaults: dict[str, object] = {"allow_private_targets": True, "require_https": False,
                                   "retry": lambda attempt: 0.0}
    return Dispatcher(engine, **(defaults | options))  # type: ignore[arg-type]


async def subscribe(engine: AsyncEngine, url: str, event_types: list[str] | None = None) -> WebhookSubscription:
    async with async_sessionmaker(engine, expire_on_commit=False)() as session, session.begin():
        subscription = WebhookSubscription(
            organisation_id=LAHTI, url=url, event_types=event_types or ["fi.polku.note.*"],
            secret="whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", active=True, created_by="test",
        )
        session.add(subscription)
    return subscription


async def emit_events(engine: AsyncEngine, count: int, type: str = "fi.polku.note.created.v1") -> list[str]:
    async with async_sessionmaker(engine)() as session, session.begin():
        events = [
            await emit(session, source="/polku/sample-api", type=type, subject=f"notes/{n}", data={"n": n})
            for n in range(count)
        ]
        return [str(event.id) for event in events]


async def delivery_states(engine: AsyncEngine) -> dict[str, int]:
    async with async_sessionmaker(engine)() as session:
        rows = await session.execute(
            select(WebhookDelivery.status, func.count()).group_by(WebhookDelivery.status)
        )
        return dict(rows.all())  # type: ignore[arg-type]


class TestDelivery:
    async def test_delivery_verifies_with_the_reference_library(self, engine: AsyncEngine) -> None:
        async with Receiver() as receiver:
            subscription = await subscribe(engine, receiver.url)
            [event_id] = await emit_events(engine, 1)
            worker = dispatcher(engine)
            assert await worker.run_once() == 1
            await worker.close()
        [received] = receiver.requests
        payload = Webhook(subscription.secret).verify(received.body, received.headers)
        assert received.headers["webhook-id"] == event_id
        assert payload["id"] == event_id
        assert payload["specversion"] == "1.0"
        assert payload["type"] == "fi.polku.note.created.v1"
        assert payload["source"] == "/polku/sample-api"
        assert payload["data"] == {"n": 0}
        assert await delivery_states(engine) == {"delivered": 1}

    async def test_only_matching_event_types_are_delivered(self, engine: AsyncEngine) -> None:
        async with Receiver() as receiver:
            await subscribe(engine, receiver.url, ["fi.polku.referral.*"])
            await emit_events(engine, 2, type="fi.polku.note.created.v1")
            [wanted] = await emit_events(engine, 1, type="fi.polku.referral.accepted.v1")
            worker = dispatcher(engine)
            await worker.run_once()
            await worker.close()
        assert [request.headers["webhook-id"] for request in receiver.requests] == [wanted]

    async def test_a_receiver_failing_five_times_still_gets_the_event_once(self, engine: AsyncEngine) -> None:
        async with Receiver(fail_first=5) as receiver:
            await subscribe(engine, receiver.url)
            [event_id] = await emit_events(engine, 1)
            worker = dispatcher(engine)
            for _ in range(10):
                await worker.run_once()
            await worker.close()
        assert len(receiver.requests) == 6
        assert {request.headers["webhook-id"] for request in receiver.requests} == {event_id}
        assert receiver.handled_ids == [event_id]
        async with async_sessionmaker(engine)() as session:
            delivery = await session.scalar(select(WebhookDelivery))
            assert delivery is not None
            assert delivery.status == "delivered" and delivery.attempt_count == 6
            detail = await service.get_delivery(session=session, principal=ADMIN, delivery_id=delivery.id)
        assert [attempt.status_code for attempt in detail.attempts] == [500] * 5 + [200]

    async def test_retries_wait_for_the_backoff(self, engine: AsyncEngine) -> None:
        async with Receiver(fail_first=1) as receiver:
            await subscribe(engine, receiver.url)
            await emit_events(engine, 1)
            worker = dispatcher(engine, retry=lambda attempt: 3600.0)
            await worker.run_once()
            await worker.run_once()
            await worker.close()
        assert len(receiver.requests) == 1
        assert await delivery_states(engine) == {"pending": 1}

    async def test_after_the_last_attempt_it_is_dead_and_can_be_replayed(self, engine: AsyncEngine) -> None:
        async with Receiver(fail_first=3) as receiver:
            subscription = await subscribe(engine, receiver.url)
            await emit_events(engine, 1)
            worker = dispatcher(engine, max_attempts=3)
            for _ in range(5):
                await worker.run_once()
            assert len(receiver.requests) == 3
            sessions = async_sessionmaker(engine, expire_on_commit=False)
            async with sessions() as session:
                dead = await service.list_deliveries(session=session, principal=ADMIN,
                                                     subscription_id=subscription.id,
                                                     status=DeliveryStatus.dead, limit=10, cursor=None)
            assert len(dead.items) == 1 and dead.items[0].last_status_code == 500
            async with sessions() as session, session.begin():
                await service.replay_delivery(session=session, principal=ADMIN, delivery_id=dead.items[0].id)
            await worker.run_once()
            await worker.close()
        assert len(receiver.requests) == 4
        assert await delivery_states(engine) == {"delivered": 1}

    async def test_a_subscription_replays_events_since_a_time(self, engine: AsyncEngine) -> None:
        async with Receiver() as receiver:
            subscription = await subscribe(engine, receiver.url)
            await emit_events(engine, 3)
            worker = dispatcher(engine)
            await worker.run_once()
            async with async_sessionmaker(engine)() as session, session.begin():
                result = await service.replay_since(session=session, principal=ADMIN,
                                                    subscription_id=subscription.id,
                                                    since=subscription.created_at)
            assert result.queued == 3
            await worker.run_once()
            await worker.close()
        assert len(receiver.requests) == 6
        assert len(receiver.handled_ids) == 3


class TestConcurrency:
    async def test_two_dispatchers_never_deliver_the_same_attempt_twice(self, database_url: str) -> None:
        engines = [create_async_engine(database_url) for _ in range(2)]
        async with Receiver() as receiver:
            await subscribe(engines[0], receiver.url)
            ids = await emit_events(engines[0], 200)
            workers = [dispatcher(engine, batch_size=20) for engine in engines]

            async def drain(worker: Dispatcher) -> int:
                total = 0
                for _ in range(100):
                    total += await worker.run_once()
                    if len(receiver.requests) >= 200:
                        break
                return total

            counts = await asyncio.gather(*(drain(worker) for worker in workers))
            for worker in workers:
                await worker.close()
        seen = [request.headers["webhook-id"] for request in receiver.requests]
        assert sorted(seen) == sorted(ids)  # every event, each exactly once
        assert all(count > 0 for count in counts), f"both dispatchers should have worked: {counts}"
        assert await delivery_states(engines[0]) == {"delivered": 200}
        for engine in engines:
            await engine.dispose()

    async def test_a_dispatcher_killed_mid_delivery_loses_nothing(self, engine: AsyncEngine, database_url: str) -> None:
        async with Receiver(hang_first=1) as receiver:
            await subscribe(engine, receiver.url)
            [event_id] = await emit_events(engine, 1)
            child = subprocess.Popen(
                [sys.executable, "-m", "services.kit.tests.sample_service.dispatch_forever", database_url, "1.0"],
                cwd=Path(__file__).resolve().parents[3], env={**os.environ, "PYTHONPATH": "."},
            )
            try:
                for _ in range(300):
                    if receiver.requests:
                        break
                    await asyncio.sleep(0.05)
                assert receiver.requests, "the child dispatcher never called the receiver"
            finally:
                child.send_signal(signal.SIGKILL)
                child.wait()
            assert await delivery_states(engine) == {"pending": 1}
            await asyncio.sleep(1.2)  # the dead dispatcher's lease expires
            worker = dispatcher(engine)
            assert await worker.run_once() == 1
            await worker.close()
        assert [request.headers["webhook-id"] for request in receiver.requests] == [event_id, event_id]
        assert receiver.handled_ids == [event_id]
        assert await delivery_states(engine) == {"delivered": 1}
