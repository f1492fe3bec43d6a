"""Retention: what the mechanisms keep only for a while is deleted ``POLKU_RETENTION_DAYS`` after it served.

``<service> prune`` (a Kubernetes CronJob, or ``--every`` without a scheduler) deletes, in batches of short
transactions:

- idempotency keys written before the cutoff (a retry comes within minutes, not weeks);
- deliveries delivered before the cutoff, with their attempts;
- events fanned out before the cutoff that have no delivery left (every delivery of theirs was delivered and
  pruned, or nobody subscribed). An event with a pending or dead-lettered delivery stays, with that delivery and
  its attempts, until it is delivered or replayed: nothing undelivered is lost to retention;
- received events' ids (the inbox) recorded before the cutoff. A sender's events older than its own retention
  can no longer be replayed, so with the same setting on both sides a replay is still recognised as a duplicate.

Dead letters are counted for Prometheus on every scrape of ``/metrics`` (``polku_webhook_dead_letters``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import Select, delete, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from polku_kit.idempotency import IdempotencyRecord
from polku_kit.inbox import InboxEvent, InboxStatus
from polku_kit.outbox import OutboxEvent
from polku_kit.settings import BaseServiceSettings
from polku_kit.webhooks.models import DeliveryStatus, WebhookDelivery

log = structlog.get_logger(__name__)

BATCH = 5000


def _candidates(cutoff: datetime) -> dict[str, tuple[type, Select[*tuple[Any, ...]]]]:
    """By kind: the table and a query of the ids (keys) of rows that may go."""
    return {
        "idempotency_keys": (
            IdempotencyRecord,
            select(IdempotencyRecord.subject, IdempotencyRecord.key).where(IdempotencyRecord.created_at < cutoff),
        ),
        "deliveries": (
            WebhookDelivery,
            select(WebhookDelivery.id).where(
                WebhookDelivery.status == DeliveryStatus.delivered.value, WebhookDelivery.delivered_at < cutoff
            ),
        ),
        "events": (
            OutboxEvent,
            select(OutboxEvent.id).where(
                OutboxEvent.fanned_out_at < cutoff, ~exists().where(WebhookDelivery.event_id == OutboxEvent.id)
            ),
        ),
        "inbox": (
            InboxEvent,
            # Stored events waiting or parked stay until handled.
            select(InboxEvent.id).where(InboxEvent.received_at < cutoff, InboxEvent.status == InboxStatus.processed),
        ),
    }


async def prune_batch(session: AsyncSession, *, cutoff: datetime, kind: str, limit: int = BATCH) -> int:
    """Delete up to ``limit`` rows of ``kind`` older than ``cutoff`` (attempts go with their delivery); how many."""
    model, query = _candidates(cutoff)[kind]
    keys = query.limit(limit).with_for_update(skip_locked=True).subquery()
    if model is IdempotencyRecord:
        statement = delete(IdempotencyRecord).where(
            IdempotencyRecord.subject == keys.c.subject, IdempotencyRecord.key == keys.c.key
        )
    else:
        statement = delete(model).where(model.id.in_(select(keys.c.id)))  # type: ignore[attr-defined]
    result = await session.execute(statement.execution_options(synchronize_session=False))
    return int(result.rowcount)  # type: ignore[attr-defined]


async def prune(sessionmaker: async_sessionmaker[AsyncSession], *, older_than: timedelta) -> dict[str, int]:
    """Delete everything retention allows, a batch per transaction (deliveries before the events they held);
    how many rows of each kind. Safe to run on several replicas at once (locked rows are skipped)."""
    async with sessionmaker() as session:
        cutoff = (await session.scalar(select(func.now())) or datetime.now(UTC)) - older_than
    counts: dict[str, int] = {}
    for kind in _candidates(cutoff):
        counts[kind] = 0
        while True:
            async with sessionmaker() as session, session.begin():
                deleted = await prune_batch(session, cutoff=cutoff, kind=kind)
            counts[kind] += deleted
            if deleted < BATCH:
                break
    return counts


async def run_prune(settings: BaseServiceSettings) -> None:
    """The ``prune`` command of every service."""
    engine = create_async_engine(settings.database_dsn, pool_size=1, max_overflow=0)
    try:
        counts = await prune(
            async_sessionmaker(engine, expire_on_commit=False), older_than=timedelta(days=settings.retention_days)
        )
        log.info("retention_pruned", retention_days=settings.retention_days, **counts)
    finally:
        await engine.dispose()


async def dead_letters(session: AsyncSession) -> int:
    """Deliveries dead-lettered after their last attempt, waiting for someone to replay them."""
    return int(
        await session.scalar(
            select(func.count()).select_from(WebhookDelivery).where(WebhookDelivery.status == DeliveryStatus.dead.value)
        )
        or 0
    )
