"""Internal subscriptions: other Polku services that receive events, configured by the operator."""

from __future__ import annotations

from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from standardwebhooks import Webhook

from polku_kit.settings import EventSubscriber
from polku_kit.testing import KELA
from polku_kit.webhooks.models import WebhookSubscription
from services.kit.tests.receiver import Receiver
from services.kit.tests.webhooks.support import Admin, dispatcher, emit_events

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
