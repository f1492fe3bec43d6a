"""Retention: what served its purpose longer ago than the setting is deleted; what is younger, and what is not
delivered yet (pending or dead-lettered, with its attempts), stays. Dead letters are counted for Prometheus."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.idempotency import IdempotencyRecord
from polku_kit.inbox import InboxEvent
from polku_kit.outbox import OutboxEvent, emit
from polku_kit.retention import prune
from polku_kit.testing import LAHTI
from polku_kit.webhooks.models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookSubscription

RETENTION = timedelta(days=30)
OLD = text("now() - interval '31 days'")
YOUNG = text("now() - interval '29 days'")


class Arrange:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def subscription(self) -> uuid.UUID:
        subscription = WebhookSubscription(
            organisation_id=LAHTI,
            url=f"https://receiver.example.fi/{uuid.uuid4()}",
            event_types=["*"],
            secret="whsec_c2VjcmV0",
            created_by="admin",
        )
        self.session.add(subscription)
        await self.session.flush()
        return subscription.id

    async def event(self, fanned_out=OLD) -> uuid.UUID:  # type: ignore[no-untyped-def]
        event = await emit(
            self.session, source="/polku/sample-api", type="fi.polku.note.created.v1", subject="notes/1", data={}
        )
        await self.session.execute(
            update(OutboxEvent).where(OutboxEvent.id == event.id).values(fanned_out_at=fanned_out)
        )
        return event.id

    async def delivery(self, subscription: uuid.UUID, event: uuid.UUID, status: DeliveryStatus, at=OLD) -> uuid.UUID:  # type: ignore[no-untyped-def]
        delivery = WebhookDelivery(
            subscription_id=subscription,
            event_id=event,
            lane="notes/1",
            sequence=1,
            status=status.value,
            attempt_count=1,
        )
        self.session.add(delivery)
        await self.session.flush()
        await self.session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery.id)
            .values(created_at=at, delivered_at=at if status is DeliveryStatus.delivered else None)
        )
        self.session.add(WebhookAttempt(delivery_id=delivery.id, number=1, started_at=func.now()))
        await self.session.flush()
        return delivery.id


async def ids(session: AsyncSession, column) -> set:  # type: ignore[no-untyped-def]
    return set((await session.scalars(select(column))).all())


class TestPrune:
    async def test_old_rows_go_and_young_or_undelivered_ones_stay(self, app: FastAPI, db_session: AsyncSession) -> None:
        arrange = Arrange(db_session)
        first, second = await arrange.subscription(), await arrange.subscription()
        delivered_old = await arrange.event()
        gone_delivery = await arrange.delivery(first, delivered_old, DeliveryStatus.delivered)
        nobody_wanted = await arrange.event()
        dead = await arrange.event()
        dead_delivery = await arrange.delivery(first, dead, DeliveryStatus.dead)
        pending = await arrange.event()
        pending_delivery = await arrange.delivery(first, pending, DeliveryStatus.pending)
        mixed = await arrange.event()
        mixed_delivered = await arrange.delivery(first, mixed, DeliveryStatus.delivered)
        mixed_dead = await arrange.delivery(second, mixed, DeliveryStatus.dead)
        young = await arrange.event(fanned_out=YOUNG)
        young_delivery = await arrange.delivery(first, young, DeliveryStatus.delivered, at=YOUNG)
        not_fanned_out = await arrange.event(fanned_out=None)
        db_session.add_all(
            [
                IdempotencyRecord(subject="s", key=key, request_hash="h", status_code=201, response_body={})
                for key in ("old", "young")
            ]
        )
        db_session.add_all(
            [
                InboxEvent(id=event_id, source="/polku/other", type="fi.polku.x.happened.v1")
                for event_id in ("old", "young")
            ]
        )
        await db_session.flush()
        for model, key, at in (
            (IdempotencyRecord, IdempotencyRecord.key, IdempotencyRecord.created_at),
            (InboxEvent, InboxEvent.id, InboxEvent.received_at),
        ):
            await db_session.execute(update(model).where(key == "old").values({at: OLD}))
            await db_session.execute(update(model).where(key == "young").values({at: YOUNG}))

        counts = await prune(app.state.database.sessionmaker, older_than=RETENTION)

        assert counts == {"idempotency_keys": 1, "deliveries": 2, "events": 2, "inbox": 1}
        assert await ids(db_session, OutboxEvent.id) == {dead, pending, mixed, young, not_fanned_out}
        assert {delivered_old, nobody_wanted}.isdisjoint(await ids(db_session, OutboxEvent.id))
        assert await ids(db_session, WebhookDelivery.id) == {
            dead_delivery,
            pending_delivery,
            mixed_dead,
            young_delivery,
        }
        assert {gone_delivery, mixed_delivered}.isdisjoint(await ids(db_session, WebhookAttempt.delivery_id))
        assert await ids(db_session, WebhookAttempt.delivery_id) == {
            dead_delivery,
            pending_delivery,
            mixed_dead,
            young_delivery,
        }
        assert await ids(db_session, IdempotencyRecord.key) == {"young"}
        assert await ids(db_session, InboxEvent.id) == {"young"}


class TestDeadLetterMetric:
    async def test_metrics_count_the_dead_letters_of_the_service(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        arrange = Arrange(db_session)
        subscription = await arrange.subscription()
        for status in (DeliveryStatus.dead, DeliveryStatus.dead, DeliveryStatus.pending, DeliveryStatus.delivered):
            await arrange.delivery(subscription, await arrange.event(), status)
        response = await client.get("/metrics")
        assert response.status_code == 200
        assert 'polku_webhook_dead_letters{service="sample-api"} 2.0' in response.text
