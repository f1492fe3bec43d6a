"""Delivers outbox events to subscriptions, signed per Standard Webhooks.

Safe with any number of dispatchers on one database:

1. *Fan-out*: new outbox events are locked with ``FOR UPDATE SKIP LOCKED``, a delivery row is made for every
   active subscription that wants the event, and the event is marked fanned out, in one transaction.
2. *Claim*: due deliveries are leased (``lease_token``, ``locked_until``) in a short transaction, again with
   ``SKIP LOCKED``, so no two dispatchers take the same attempt.
3. *Send* outside any transaction; then *record* the result only if the lease is still ours. A dispatcher
   killed mid-delivery leaves a lease that expires, and another dispatcher tries again: nothing is lost.
   (A receiver may then see the same ``webhook-id`` twice; receivers deduplicate by it.)

Failed attempts are retried on a schedule of about three days, with jitter; after the last attempt the
delivery is ``dead``, visible in the API and replayable.
"""

from __future__ import annotations

import asyncio
import random
import signal
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import structlog
from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from standardwebhooks import Webhook

from polku_kit.outbox import OutboxEvent
from polku_kit.settings import BaseServiceSettings, Environment
from polku_kit.webhooks.models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookSubscription
from polku_kit.webhooks.targets import TargetRefused, check_target

log = structlog.get_logger(__name__)

# Seconds to wait after failed attempt n (1-based): 5 s … 24 h, about 68 hours in all over 13 attempts.
RETRY_SCHEDULE = (5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 43200, 57600, 86400)


def retry_delay(attempt: int) -> float:
    """Exponential backoff with jitter: the scheduled delay, spread by ±20 % so receivers that failed
    together do not all get their retries in the same second."""
    base = RETRY_SCHEDULE[min(attempt, len(RETRY_SCHEDULE)) - 1]
    return base * random.uniform(0.8, 1.2)


@dataclass(frozen=True)
class Claimed:
    delivery_id: uuid.UUID
    lease: uuid.UUID
    attempt: int
    url: str
    secret: str
    event: dict[str, object]


def sign(secret: str, event_id: str, body: str, at: datetime | None = None) -> dict[str, str]:
    at = at or datetime.now(UTC)
    return {
        "webhook-id": event_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign(event_id, at, body),
        "content-type": "application/json",
    }


class Dispatcher:
    def __init__(
        self,
        engine: AsyncEngine,
        *,
        allow_private_targets: bool = False,
        require_https: bool = True,
        max_attempts: int = 13,
        lease_seconds: float = 60.0,
        timeout_seconds: float = 10.0,
        batch_size: int = 50,
        retry: Callable[[int], float] = retry_delay,
        client: httpx.AsyncClient | None = None,
    ):
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)
        self.allow_private_targets = allow_private_targets
        self.require_https = require_https
        self.max_attempts = max_attempts
        self.lease = timedelta(seconds=lease_seconds)
        self.batch_size = batch_size
        self.retry = retry
        self.client = client or httpx.AsyncClient(timeout=timeout_seconds, follow_redirects=False)

    @classmethod
    def from_settings(cls, settings: BaseServiceSettings, engine: AsyncEngine, **overrides: object) -> Dispatcher:
        options: dict[str, object] = {
            "allow_private_targets": settings.webhooks_allow_private_targets,
            "require_https": settings.env is Environment.production,
            "max_attempts": settings.webhook_max_attempts,
            "timeout_seconds": settings.webhook_timeout_seconds,
            **overrides,
        }
        return cls(engine, **options)  # type: ignore[arg-type]

    async def close(self) -> None:
        await self.client.aclose()

    async def fan_out(self) -> int:
        async with self.sessions() as session, session.begin():
            events = (
                await session.scalars(
                    select(OutboxEvent)
                    .where(OutboxEvent.fanned_out_at.is_(None))
                    .order_by(OutboxEvent.sequence)
                    .limit(500)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            if not events:
                return 0
            subscriptions = (
                await session.scalars(select(WebhookSubscription).where(WebhookSubscription.active.is_(True)))
            ).all()
            rows = [
                {"id": uuid.uuid4(), "subscription_id": subscription.id, "event_id": event.id}
                for event in events
                for subscription in subscriptions
                if subscription.wants(event.type) and subscription.created_at <= event.time
            ]
            if rows:
                await session.execute(
                    insert(WebhookDelivery).values(rows).on_conflict_do_nothing(
                        index_elements=["subscription_id", "event_id"]
                    )
                )
            await session.execute(
                update(OutboxEvent)
                .where(OutboxEvent.id.in_([event.id for event in events]))
                .values(fanned_out_at=datetime.now(UTC))
            )
            return len(events)

    async def claim(self) -> list[Claimed]:
        lease = uuid.uuid4()
        now = datetime.now(UTC)
        async with self.sessions() as session, session.begin():
            due = (
                select(WebhookDelivery.id)
                .where(
                    WebhookDelivery.status == DeliveryStatus.pending.value,
                    WebhookDelivery.next_attempt_at <= now,
                    or_(WebhookDelivery.locked_until.is_(None), WebhookDelivery.locked_until < now),
                )
                .order_by(WebhookDelivery.next_attempt_at)
                .limit(self.batch_size)
                .with_for_update(skip_locked=True)
                .scalar_subquery()
            )
            claimed = (
                await session.execute(
                    update(WebhookDelivery)
                    .where(WebhookDelivery.id.in_(due))
                    .values(
                        lease_token=lease,
                        locked_until=now + self.lease,
                        attempt_count=WebhookDelivery.attempt_count + 1,
                    )
                    .returning(WebhookDelivery.id, WebhookDelivery.attempt_count, WebhookDelivery.subscription_id,
                               WebhookDelivery.event_id)
                )
            ).all()
            if not claimed:
                return []
            subscriptions = {
                row.id: row
                for row in await session.scalars(
                    select(WebhookSubscription).where(WebhookSubscription.id.in_({c.subscription_id for c in claimed}))
                )
            }
            events = {
                row.id: row
                for row in await session.scalars(
                    select(OutboxEvent).where(OutboxEvent.id.in_({c.event_id for c in claimed}))
                )
            }
            return [
                Claimed(
                    delivery_id=row.id,
                    lease=lease,
                    attempt=row.attempt_count,
                    url=subscriptions[row.subscription_id].url,
                    secret=subscriptions[row.subscription_id].secret,
                    event=events[row.event_id].envelope(),
                )
                for row in claimed
            ]

    async def send(self, claimed: Claimed) -> tuple[int | None, str | None, int]:
        import json

        started = time.perf_counter()
        try:
            await check_target(
                claimed.url, allow_private=self.allow_private_targets, require_https=self.require_https
            )
            body = json.dumps(claimed.event, separators=(",", ":"), ensure_ascii=False)
            headers = sign(claimed.secret, str(claimed.event["id"]), body)
            headers["user-agent"] = "Polku-Webhooks/1"
            response = await self.client.post(claimed.url, content=body.encode(), headers=headers)
            error = None if response.is_success else f"HTTP {response.status_code}"
            return response.status_code, error, int((time.perf_counter() - started) * 1000)
        except TargetRefused as refused:
            return None, f"target refused: {refused}", 0
        except httpx.HTTPError as exc:
            return None, f"{type(exc).__name__}: {exc}"[:500], int((time.perf_counter() - started) * 1000)

    async def record(self, claimed: Claimed, status_code: int | None, error: str | None, duration_ms: int,
                     started_at: datetime) -> None:
        now = datetime.now(UTC)
        if error is None:
            values: dict[str, object] = {"status": DeliveryStatus.delivered.value, "delivered_at": now}
        elif claimed.attempt >= self.max_attempts:
            values = {"status": DeliveryStatus.dead.value}
        else:
            values = {"next_attempt_at": now + timedelta(seconds=self.retry(claimed.attempt))}
        async with self.sessions() as session, session.begin():
            result = await session.execute(
                update(WebhookDelivery)
                .where(and_(WebhookDelivery.id == claimed.delivery_id, WebhookDelivery.lease_token == claimed.lease))
                .values(lease_token=None, locked_until=None, last_status_code=status_code, last_error=error,
                        **values)
            )
            session.add(WebhookAttempt(delivery_id=claimed.delivery_id, number=claimed.attempt,
                                       started_at=started_at, duration_ms=duration_ms,
                                       status_code=status_code, error=error))
            if result.rowcount == 0:  # type: ignore[attr-defined]
                log.warning("webhook_lease_lost", delivery_id=str(claimed.delivery_id))
        log.info("webhook_attempt", delivery_id=str(claimed.delivery_id), attempt=claimed.attempt,
                 status_code=status_code, error=error, outcome=values.get("status", "retry"))

    async def _deliver(self, claimed: Claimed) -> None:
        started_at = datetime.now(UTC)
        status_code, error, duration_ms = await self.send(claimed)
        await self.record(claimed, status_code, error, duration_ms, started_at)

    async def run_once(self) -> int:
        """Fan out new events and make every attempt that is due; returns the number of attempts."""
        await self.fan_out()
        claimed = await self.claim()
        await asyncio.gather(*(self._deliver(item) for item in claimed))
        return len(claimed)

    async def run(self, stop: asyncio.Event, *, poll_seconds: float = 1.0) -> None:
        while not stop.is_set():
            try:
                attempts = await self.run_once()
            except Exception:
                log.exception("dispatcher_error")
                attempts = 0
            if attempts == 0:
                try:
                    await asyncio.wait_for(stop.wait(), timeout=poll_seconds)
                except TimeoutError:
                    pass


async def run_dispatcher(settings: BaseServiceSettings, *, once: bool = False) -> None:
    """The ``<service> dispatch`` command: deliver until SIGTERM or SIGINT (or once, with ``once``)."""
    from polku_kit.observability import configure_logging

    configure_logging(service=f"{settings.service_name}-dispatcher", level=settings.log_level,
                      json=settings.log_json)
    engine = create_async_engine(settings.database_dsn, pool_size=4, max_overflow=0, pool_pre_ping=True)
    dispatcher = Dispatcher.from_settings(settings, engine)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    log.info("dispatcher_started")
    try:
        if once:
            while await dispatcher.run_once():
                pass
        else:
            await dispatcher.run(stop)
    finally:
        await dispatcher.close()
        await engine.dispose()
        log.info("dispatcher_stopped")


__all__ = ["Dispatcher", "run_dispatcher", "sign"]
