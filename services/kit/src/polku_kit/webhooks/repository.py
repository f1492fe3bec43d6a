"""Every query of the webhook API. Each is scoped to the caller's organisation: another organisation's row
and a missing one look the same."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.outbox import OutboxEvent
from polku_kit.webhooks.models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookSubscription


async def list_subscriptions(
    session: AsyncSession, *, organisation_id: uuid.UUID, limit: int, after: tuple[datetime, uuid.UUID] | None
) -> list[WebhookSubscription]:
    query = select(WebhookSubscription).where(WebhookSubscription.organisation_id == organisation_id)
    if after is not None:
        query = query.where(tuple_(WebhookSubscription.created_at, WebhookSubscription.id) > after)
    query = query.order_by(WebhookSubscription.created_at, WebhookSubscription.id).limit(limit + 1)
    return list((await session.scalars(query)).all())


async def get_subscription(
    session: AsyncSession, *, organisation_id: uuid.UUID, subscription_id: uuid.UUID
) -> WebhookSubscription | None:
    return await session.scalar(
        select(WebhookSubscription).where(
            WebhookSubscription.id == subscription_id, WebhookSubscription.organisation_id == organisation_id
        )
    )


async def list_deliveries(
    session: AsyncSession,
    *,
    subscription_id: uuid.UUID,
    status: DeliveryStatus | None,
    limit: int,
    after: tuple[datetime, uuid.UUID] | None,
) -> list[WebhookDelivery]:
    query = select(WebhookDelivery).where(WebhookDelivery.subscription_id == subscription_id)
    if status is not None:
        query = query.where(WebhookDelivery.status == status.value)
    if after is not None:
        query = query.where(tuple_(WebhookDelivery.created_at, WebhookDelivery.id) > after)
    query = query.order_by(WebhookDelivery.created_at, WebhookDelivery.id).limit(limit + 1)
    return list((await session.scalars(query)).all())


async def get_delivery(
    session: AsyncSession, *, organisation_id: uuid.UUID, delivery_id: uuid.UUID
) -> WebhookDelivery | None:
    return await session.scalar(
        select(WebhookDelivery)
        .join(WebhookSubscription, WebhookSubscription.id == WebhookDelivery.subscription_id)
        .where(WebhookDelivery.id == delivery_id, WebhookSubscription.organisation_id == organisation_id)
    )


async def list_attempts(session: AsyncSession, *, delivery_id: uuid.UUID) -> list[WebhookAttempt]:
    return list(
        (
            await session.scalars(
                select(WebhookAttempt).where(WebhookAttempt.delivery_id == delivery_id).order_by(WebhookAttempt.number)
            )
        ).all()
    )


async def requeue_delivery(session: AsyncSession, *, delivery: WebhookDelivery) -> None:
    delivery.status = DeliveryStatus.pending.value
    delivery.attempt_count = 0
    delivery.next_attempt_at = func.now()  # type: ignore[assignment]
    delivery.lease_token = None
    delivery.locked_until = None
    delivery.delivered_at = None
    await session.flush()
    await session.refresh(delivery)


async def requeue_events_since(
    session: AsyncSession, *, subscription: WebhookSubscription, since: datetime
) -> int:
    """Queue every already fanned-out event since ``since`` that the subscription wants, again."""
    events = (
        await session.execute(
            select(OutboxEvent.id, OutboxEvent.type).where(
                OutboxEvent.time >= since, OutboxEvent.fanned_out_at.is_not(None)
            )
        )
    ).all()
    wanted = [event_id for event_id, event_type in events if subscription.wants(event_type)]
    if not wanted:
        return 0
    await session.execute(
        insert(WebhookDelivery)
        .values([{"id": uuid.uuid4(), "subscription_id": subscription.id, "event_id": e} for e in wanted])
        .on_conflict_do_nothing(index_elements=["subscription_id", "event_id"])
    )
    await session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.subscription_id == subscription.id, WebhookDelivery.event_id.in_(wanted))
        .values(status=DeliveryStatus.pending.value, attempt_count=0, next_attempt_at=func.now(),
                lease_token=None, locked_until=None, delivered_at=None)
    )
    return len(wanted)
