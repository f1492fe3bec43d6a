"""Every query of the webhook API. Subscriptions and deliveries are found only within the caller's
organisation: another organisation's row and a missing one look the same."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Row, Select, Uuid, bindparam, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.outbox import OutboxEvent
from polku_kit.pagination import Keyset, SortKey
from polku_kit.wake import wake
from polku_kit.webhooks import queue
from polku_kit.webhooks.models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookSubscription
from polku_kit.webhooks.queue import SUBSCRIPTION_WANTS_EVENT, WAKE_CHANNEL

# Subscriptions and deliveries are paged oldest first.
SUBSCRIPTION_PAGES = Keyset(WebhookSubscription.created_at, WebhookSubscription.id)
DELIVERY_PAGES = Keyset(WebhookDelivery.created_at, WebhookDelivery.id)


async def add_subscription(session: AsyncSession, subscription: WebhookSubscription) -> WebhookSubscription:
    session.add(subscription)
    await session.flush()
    await session.refresh(subscription)
    return subscription


async def wake_dispatchers(session: AsyncSession) -> None:
    """Sleeping dispatchers look at the queue when this transaction commits (a busy one looks anyway)."""
    await wake(session, WAKE_CHANNEL)


async def save_subscription(session: AsyncSession, subscription: WebhookSubscription) -> WebhookSubscription:
    subscription.updated_at = func.now()
    await session.flush()
    await session.refresh(subscription)
    return subscription


async def pause_deliveries(session: AsyncSession, *, subscription_id: uuid.UUID) -> int:
    """A subscription switched off: its pending deliveries paused
    (:func:`polku_kit.webhooks.queue.pause_deliveries`)."""
    return await queue.pause_deliveries(session, [subscription_id])


async def resume_deliveries(session: AsyncSession, *, subscription_id: uuid.UUID) -> int:
    """A subscription switched on again: its paused deliveries due now, the dispatchers woken
    (:func:`polku_kit.webhooks.queue.resume_deliveries`)."""
    return await queue.resume_deliveries(session, [subscription_id])


async def delete_subscription(session: AsyncSession, subscription: WebhookSubscription) -> None:
    await session.delete(subscription)
    await session.flush()


async def list_subscriptions(
    session: AsyncSession, *, organisation_id: uuid.UUID, limit: int, after: SortKey | None
) -> list[WebhookSubscription]:
    """Up to ``limit + 1`` rows (the extra one tells there is a next page)."""
    query = select(WebhookSubscription).where(WebhookSubscription.organisation_id == organisation_id)
    return list((await session.scalars(SUBSCRIPTION_PAGES.select(query, limit=limit, after=after))).all())


async def get_subscription(
    session: AsyncSession, *, organisation_id: uuid.UUID, subscription_id: uuid.UUID
) -> WebhookSubscription | None:
    return await session.scalar(
        select(WebhookSubscription).where(
            WebhookSubscription.id == subscription_id, WebhookSubscription.organisation_id == organisation_id
        )
    )


def _deliveries() -> Select[WebhookDelivery, str]:
    return select(WebhookDelivery, OutboxEvent.type.label("event_type")).join(
        OutboxEvent, OutboxEvent.id == WebhookDelivery.event_id
    )


async def list_deliveries(
    session: AsyncSession,
    *,
    subscription_id: uuid.UUID,
    status: DeliveryStatus | None,
    limit: int,
    after: SortKey | None,
) -> list[Row[WebhookDelivery, str]]:
    """(delivery, event type) rows, oldest first, up to ``limit + 1``."""
    query = _deliveries().where(WebhookDelivery.subscription_id == subscription_id)
    if status is not None:
        query = query.where(WebhookDelivery.status == status.value)
    return list((await session.execute(DELIVERY_PAGES.select(query, limit=limit, after=after))).all())


async def get_delivery(
    session: AsyncSession, *, organisation_id: uuid.UUID, delivery_id: uuid.UUID
) -> Row[WebhookDelivery, str] | None:
    return (
        await session.execute(
            _deliveries()
            .join(WebhookSubscription, WebhookSubscription.id == WebhookDelivery.subscription_id)
            .where(WebhookDelivery.id == delivery_id, WebhookSubscription.organisation_id == organisation_id)
        )
    ).first()


async def list_attempts(session: AsyncSession, *, delivery_id: uuid.UUID) -> list[WebhookAttempt]:
    query = (
        select(WebhookAttempt)
        .where(WebhookAttempt.delivery_id == delivery_id)
        .order_by(WebhookAttempt.started_at, WebhookAttempt.number)
    )
    return list((await session.scalars(query)).all())


async def _queued_status(session: AsyncSession, subscription_id: uuid.UUID) -> DeliveryStatus:
    """What a delivery queued again for the subscription becomes: ``pending``, or ``paused`` while the subscription
    is inactive. Its row is locked against a change (``FOR SHARE``) until the transaction ends, so that it is not
    switched on between this read and the queued rows (which would stay paused)."""
    active = await session.scalar(
        select(WebhookSubscription.active).where(WebhookSubscription.id == subscription_id).with_for_update(read=True)
    )
    return DeliveryStatus.pending if active else DeliveryStatus.paused


async def requeue_delivery(session: AsyncSession, *, delivery_id: uuid.UUID, subscription_id: uuid.UUID) -> bool:
    """A delivered or dead delivery back to pending (paused, if its subscription is inactive), due now, attempts
    counted from zero. False if it is pending already (possibly in flight: its lease must not be broken) or
    paused."""
    status = await _queued_status(session, subscription_id)
    result = await session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.id == delivery_id,
            WebhookDelivery.status.not_in([DeliveryStatus.pending.value, DeliveryStatus.paused.value]),
        )
        .values(
            status=status.value,
            attempt_count=0,
            next_attempt_at=func.now(),
            lease_token=None,
            locked_until=None,
            delivered_at=None,
            updated_at=func.now(),
        )
        .execution_options(synchronize_session=False)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        return False
    if status is DeliveryStatus.pending:
        await wake_dispatchers(session)
    return True


# The one interpolation is the constant SUBSCRIPTION_WANTS_EVENT, never input.
_REQUEUE_SINCE = text(
    f"""
    INSERT INTO webhook_delivery
        (id, subscription_id, event_id, lane, sequence, status, attempt_count, next_attempt_at, created_at, updated_at)
    SELECT gen_random_uuid(), s.id, e.id, coalesce(e.subject, e.id::text), e.sequence, :status, 0, now(), now(),
           now()
    FROM webhook_subscription s
    JOIN outbox_event e ON e.time >= :since AND {SUBSCRIPTION_WANTS_EVENT}
    WHERE s.id = :subscription_id
    ON CONFLICT (subscription_id, event_id) DO UPDATE
    SET status = excluded.status, attempt_count = 0, next_attempt_at = now(), lease_token = NULL,
        locked_until = NULL, delivered_at = NULL, updated_at = now()
    WHERE webhook_delivery.status NOT IN ('pending', 'paused')
    RETURNING id
    """  # noqa: S608
).bindparams(bindparam("subscription_id", type_=Uuid()))


async def requeue_events_since(session: AsyncSession, *, subscription_id: uuid.UUID, since: datetime) -> int:
    """Queue again every event since ``since`` that the subscription wants, including events from before
    it existed, paused while the subscription is inactive; pending and paused deliveries are left alone. Returns
    how many were queued."""
    status = await _queued_status(session, subscription_id)
    parameters = {"subscription_id": subscription_id, "since": since, "status": status.value}
    queued = len((await session.execute(_REQUEUE_SINCE, parameters)).all())
    if queued and status is DeliveryStatus.pending:
        await wake_dispatchers(session)
    return queued
