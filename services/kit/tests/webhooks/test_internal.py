"""Internal subscriptions: other Polku services that receive events, configured by the operator, each kept under
the receiver's name whatever its URL (decision 83)."""

from __future__ import annotations

import asyncio

import pytest
from pydantic import SecretStr
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from standardwebhooks import Webhook

from polku_kit.settings import EventSubscriber
from polku_kit.testing import KELA, free_port
from polku_kit.webhooks import queue
from polku_kit.webhooks.models import WebhookAttempt, WebhookSubscription
from services.kit.tests.receiver import Receiver
from services.kit.tests.webhooks.support import Admin, delivery_states, dispatcher, emit_events
from services.kit.tests.webhooks.test_lanes import arrival_order, emit_in_subjects

SECRET = "whsec_" + "aW50ZXJuYWwtc2VjcmV0LW9mLXRoZS10ZXN0cw=="


def subscriber(url: str, **changes: object) -> EventSubscriber:
    return EventSubscriber.model_validate(
        {
            "name": "timeline",
            "url": url,
            "secret": SecretStr(SECRET),
            "sources": ["sample-api"],
            "event_types": ["fi.polku.referral.*"],
            **changes,
        }
    )


async def internal_rows(engine: AsyncEngine) -> list[WebhookSubscription]:
    async with async_sessionmaker(engine)() as session:
        return list((await session.scalars(select(WebhookSubscription).where(WebhookSubscription.internal))).all())


async def refused_attempts(engine: AsyncEngine) -> int:
    async with async_sessionmaker(engine)() as session:
        return int(
            await session.scalar(
                select(func.count()).select_from(WebhookAttempt).where(WebhookAttempt.error.is_not(None))
            )
            or 0
        )


class TestInternalSubscribers:
    async def test_an_internal_receiver_on_loopback_gets_events_whatever_their_audience(
        self, engine: AsyncEngine
    ) -> None:
        async with Receiver() as receiver:
            # Private targets refused for subscriptions made through the API; the configured one is internal.
            worker = dispatcher(
                engine, allow_private_targets=False, require_https=True, subscribers=[subscriber(receiver.url)]
            )
            await worker.prepare()  # makes the subscription, so the events below come after it
            [for_kela] = await emit_events(engine, 1, type="fi.polku.referral.sent.v1", audience=[KELA])
            await emit_events(engine, 1, type="fi.polku.note.created.v1")  # a type it did not ask for
            while await worker.run_once():
                pass
            await worker.close()
        assert receiver.ids == [for_kela]
        [received] = receiver.requests
        assert Webhook(SECRET).verify(received.body, received.headers)["id"] == for_kela

    async def test_configuration_is_applied_idempotently_and_a_removed_receiver_stops(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        first = dispatcher(engine, subscribers=[subscriber("http://clients-api:8001/v1/events")])
        await first.prepare()
        again = dispatcher(
            engine,
            subscribers=[
                subscriber("http://clients-api:8001/v1/events", event_types=["fi.polku.referral.*", "fi.polku.x.*"])
            ],
        )
        await again.prepare()
        [row] = await internal_rows(engine)
        assert row.active and row.event_types == ["fi.polku.referral.*", "fi.polku.x.*"]
        listed = await admin.get("/v1/webhook-subscriptions")
        assert row.url not in listed.text  # no organisation's API shows it

        gone = dispatcher(engine, subscribers=[])
        await gone.prepare()
        [row] = await internal_rows(engine)
        assert not row.active
        for worker in (first, again, gone):
            await worker.close()


class TestAReceiverThatMoved:
    @pytest.mark.parametrize("switched_off_between", [False, True], ids=["pending", "paused"])
    async def test_its_subscription_is_updated_in_place_and_its_backlog_goes_to_the_new_url_in_each_subjects_order(
        self, engine: AsyncEngine, switched_off_between: bool
    ) -> None:
        # The old address refuses connections: nothing listens on it.
        old_url = f"http://127.0.0.1:{free_port()}/hooks"
        async with Receiver() as receiver:
            at_old = dispatcher(engine, subscribers=[subscriber(old_url, event_types=["*"])])
            await at_old.housekeeping()  # the internal subscription, before the events
            sent = await emit_in_subjects(engine, subjects=3, per_subject=3)
            await at_old.run_once()  # each subject's first event tried once and refused, the rest given back
            assert await delivery_states(engine) == {"pending": 9}
            assert await refused_attempts(engine) == 3
            [before] = await internal_rows(engine)
            workers = [at_old]
            if switched_off_between:  # the receiver left the configuration, then came back at its new address
                removed = dispatcher(engine, subscribers=[])
                await removed.housekeeping()
                assert await delivery_states(engine) == {"paused": 9}
                workers.append(removed)

            at_new = dispatcher(engine, subscribers=[subscriber(receiver.url, event_types=["*"])])
            workers.append(at_new)
            while await at_new.run_once():
                pass
            for worker in workers:
                await worker.close()
        assert await delivery_states(engine) == {"delivered": 9}
        assert arrival_order(receiver) == sent
        [after] = await internal_rows(engine)
        assert (after.id, after.url, after.receiver, after.active) == (before.id, receiver.url, "timeline", True)

    async def test_two_dispatchers_configured_at_two_urls_at_once_keep_one_subscription(
        self, engine: AsyncEngine
    ) -> None:
        """A rolling update: a dispatcher of the old configuration and one of the new start together."""
        old, new = subscriber("http://metrics:8004/v1/events"), subscriber("http://metrics-api:8004/v1/events")
        sessions = async_sessionmaker(engine)

        async def ensure(configured: EventSubscriber) -> None:
            async with sessions() as session, session.begin():
                await queue.ensure_internal(session, [configured])

        async with sessions() as first, first.begin():
            await queue.ensure_internal(first, [old])
            second = asyncio.create_task(ensure(new))
            await asyncio.sleep(0.3)
            assert not second.done()  # it waits for the first one's turn to end
        await second
        [row] = await internal_rows(engine)
        assert (row.url, row.receiver, row.active) == (new.url, "timeline", True)

        await asyncio.gather(ensure(old), ensure(new), ensure(old))
        assert len(await internal_rows(engine)) == 1
