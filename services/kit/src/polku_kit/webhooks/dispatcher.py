"""Delivers outbox events to subscriptions, signed per Standard Webhooks. Run as ``<service> dispatch``.

Safe with any number of dispatchers on one database (replicas scale by ``SKIP LOCKED``):

1. *Fan-out*: new outbox events are locked with ``FOR UPDATE SKIP LOCKED``; a delivery row is made for every
   active subscription that wants the event, and the event is marked fanned out, in one transaction.
2. *Claim*: due deliveries are leased in a short transaction (``FOR UPDATE SKIP LOCKED``, a random
   ``lease_token``, ``locked_until = now() + lease``) that also writes the attempt as started, and commits.
3. *Send* outside any transaction, with a total time limit shorter than the lease.
4. *Record* the result in a new transaction, moving the delivery on only if the lease is still ours.

A dispatcher killed mid-delivery leaves a lease that lapses; another dispatcher then tries again, so nothing
is lost. Delivery is therefore at least once: a receiver may see the same ``webhook-id`` twice, and
deduplicates by it (:mod:`polku_kit.inbox`). The order of deliveries is not guaranteed.

A non-2xx answer, a timeout or a refused target is retried with exponential backoff and full jitter over about
three days (:data:`RETRY_SCHEDULE`); after ``webhook_max_attempts`` attempts the delivery is ``dead``, listed by
the API (``?status=dead``) and replayable.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import signal
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import structlog
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from polku_kit.outage import is_database_outage
from polku_kit.settings import BaseServiceSettings, Environment, EventSubscriber
from polku_kit.webhooks import queue
from polku_kit.webhooks.models import DeliveryStatus
from polku_kit.webhooks.queue import Claimed
from polku_kit.webhooks.signing import sign
from polku_kit.webhooks.targets import TargetRefused, check_url, webhook_client

log = structlog.get_logger(__name__)

USER_AGENT = "Polku-Webhooks/1"
# Nominal wait after failed attempt n (n = 1, 2, …): 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 12 h,
# 20 h, 24 h; 71.7 h in all, so 13 attempts (``webhook_max_attempts``) span about three days. Attempts past the
# schedule wait 24 h.
RETRY_SCHEDULE = (5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 43200, 72000, 86400)
# A result is recorded at most this long before the lease lapses (the lease began at the claim, a moment
# before the send), so that no other dispatcher has taken the delivery over meanwhile.
LEASE_MARGIN_SECONDS = 10.0
# How much of a receiver's answer is read (and then ignored): enough to keep the connection reusable.
MAX_RESPONSE_BYTES = 64 * 1024


def retry_delay(failed_attempt: int) -> float:
    """Seconds to wait after failed attempt ``failed_attempt``: full jitter, drawn uniformly from zero to
    twice the nominal wait, so the expected total is the schedule's and receivers that failed together (an
    outage) do not get their retries in the same second."""
    nominal = RETRY_SCHEDULE[min(failed_attempt, len(RETRY_SCHEDULE)) - 1]
    return random.uniform(0, 2 * nominal)


class Dispatcher:
    """One dispatcher process's worker. ``retry`` and ``lease_seconds`` are parameters so that tests need not
    wait real minutes; ``client`` lets a test pass its own HTTP client."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        allow_private_targets: bool = False,
        require_https: bool = True,
        max_attempts: int = 13,
        timeout_seconds: float = 10.0,
        lease_seconds: float | None = None,
        batch_size: int = 50,
        concurrency: int = 50,
        retry: Callable[[int], float] = retry_delay,
        client: httpx.AsyncClient | None = None,
        subscribers: Sequence[EventSubscriber] = (),
    ):
        self.lease_seconds = lease_seconds if lease_seconds is not None else max(60.0, timeout_seconds + 30.0)
        if self.lease_seconds <= timeout_seconds:
            raise ValueError("the lease must outlast the HTTP timeout, or two dispatchers could send at once")
        self.sessions: async_sessionmaker[AsyncSession] = async_sessionmaker(engine, expire_on_commit=False)
        self.require_https = require_https
        self.max_attempts = max_attempts
        self.timeout_seconds = timeout_seconds
        self.batch_size = batch_size
        self.concurrency = concurrency
        self.retry = retry
        self.client = client or webhook_client(allow_private=allow_private_targets, timeout=timeout_seconds)
        # Other Polku services, configured by the operator: their addresses may be private, and http is allowed.
        self.subscribers = list(subscribers)
        self.internal_client = webhook_client(allow_private=True, timeout=timeout_seconds)
        self._subscribers_ensured = False

    @classmethod
    def from_settings(cls, settings: BaseServiceSettings, engine: AsyncEngine, **overrides: object) -> Dispatcher:
        options: dict[str, object] = {
            "allow_private_targets": settings.webhooks_allow_private_targets,
            "require_https": settings.env is Environment.production,
            "max_attempts": settings.webhook_max_attempts,
            "timeout_seconds": settings.webhook_timeout_seconds,
            "subscribers": [s for s in settings.event_subscribers if settings.service_name in s.sources],
            **overrides,
        }
        return cls(engine, **options)  # type: ignore[arg-type]

    async def close(self) -> None:
        await self.client.aclose()
        await self.internal_client.aclose()

    # --- the steps ---------------------------------------------------------------------------------------

    async def prepare(self) -> int:
        """Dead-letter lost last attempts, then fan out every new event; returns the deliveries made."""
        made = 0
        if not self._subscribers_ensured:
            async with self.sessions() as session, session.begin():
                await queue.ensure_internal(session, self.subscribers)
            self._subscribers_ensured = True
        async with self.sessions() as session, session.begin():
            expired = await queue.expire_exhausted(session, max_attempts=self.max_attempts)
        if expired:
            log.warning("webhook_dead", deliveries=expired, reason="last attempt lost with its dispatcher")
        while True:
            async with self.sessions() as session, session.begin():
                events, deliveries = await queue.fan_out(session, limit=500)
            made += deliveries
            if events < 500:
                return made

    async def claim(self, limit: int) -> list[Claimed]:
        async with self.sessions() as session, session.begin():
            return await queue.claim(session, limit=limit, lease_seconds=float(self.lease_seconds))

    async def send(self, claimed: Claimed) -> tuple[int | None, str | None]:
        """POST the event once; (status code, error) with ``error`` None for a 2xx. Never raises."""
        try:
            check_url(claimed.url, require_https=self.require_https and not claimed.internal)
            body = json.dumps(claimed.event, separators=(",", ":"), ensure_ascii=False)
            headers = sign(claimed.secrets, str(claimed.event["id"]), body)
            headers["user-agent"] = USER_AGENT
            client = self.internal_client if claimed.internal else self.client
            async with asyncio.timeout(self.timeout_seconds):
                async with client.stream("POST", claimed.url, content=body.encode(), headers=headers) as response:
                    read = 0
                    async for chunk in response.aiter_raw():
                        read += len(chunk)
                        if read >= MAX_RESPONSE_BYTES:
                            break
            if response.is_success:
                return response.status_code, None
            return response.status_code, f"HTTP {response.status_code}"
        except TargetRefused as refused:
            return None, f"target refused: {refused}"
        except TimeoutError:
            return None, f"no answer within {self.timeout_seconds:g} s"
        except httpx.HTTPError as failure:
            return None, f"{type(failure).__name__}: {failure}"[:500]
        except Exception as failure:  # a delivery must end in a recorded attempt, whatever happened
            log.exception("webhook_send_failed", delivery_id=str(claimed.delivery_id))
            return None, f"{type(failure).__name__}"

    async def deliver(self, claimed: Claimed) -> None:
        started_at = datetime.now(UTC)
        started = time.perf_counter()
        status_code, error = await self.send(claimed)
        duration_ms = int((time.perf_counter() - started) * 1000)
        retry_in: timedelta | None = None
        if error is None:
            outcome = DeliveryStatus.delivered
        elif claimed.attempt >= self.max_attempts:
            outcome = DeliveryStatus.dead
        else:
            outcome = DeliveryStatus.pending
            retry_in = timedelta(seconds=self.retry(claimed.attempt))
        ours = await self.record(
            claimed,
            record_by=started + self.lease_seconds - LEASE_MARGIN_SECONDS,
            started_at=started_at,
            duration_ms=duration_ms,
            status_code=status_code,
            error=error,
            outcome=outcome,
            retry_in=retry_in,
        )
        if ours is None:  # the lease lapses and another attempt is made: at least once, never lost
            return
        fields = {
            "delivery_id": str(claimed.delivery_id),
            "event_id": str(claimed.event["id"]),
            "event_type": claimed.event["type"],
            "attempt": claimed.attempt,
            "status_code": status_code,
            "duration_ms": duration_ms,
        }
        if not ours:
            log.warning("webhook_lease_lost", **fields, outcome=outcome.value, error=error)
        elif outcome is DeliveryStatus.delivered:
            log.info("webhook_delivered", **fields)
        elif outcome is DeliveryStatus.dead:
            log.warning("webhook_dead", **fields, error=error)
        elif retry_in is not None:  # pending: the next attempt is scheduled
            log.info("webhook_retry", **fields, error=error, retry_in_seconds=round(retry_in.total_seconds(), 1))

    async def record(self, claimed: Claimed, *, record_by: float, **result: Any) -> bool | None:
        """Record an attempt's result (whether the lease was still ours), or None if it could not be. While the
        database is unreachable (a restart, a failover) this keeps trying until ``record_by`` (a
        ``time.perf_counter()`` value inside the lease): a result recorded late saves the receiver a second
        delivery of what it already has."""
        delay = 0.5
        while True:
            try:
                async with self.sessions() as session, session.begin():
                    return await queue.record(session, claimed, **result)
            except Exception as failure:
                if not is_database_outage(failure) or time.perf_counter() + delay > record_by:
                    log.exception("webhook_record_failed", delivery_id=str(claimed.delivery_id))
                    return None
                log.warning(
                    "webhook_record_retry",
                    delivery_id=str(claimed.delivery_id),
                    retry_in_seconds=delay,
                    error=type(failure).__name__,
                )
            await asyncio.sleep(delay)
            delay = min(2 * delay, 5.0)

    # --- loops -------------------------------------------------------------------------------------------

    async def run_once(self) -> int:
        """Fan out, then make one attempt of up to ``batch_size`` due deliveries; returns the attempts made."""
        await self.prepare()
        claimed = await self.claim(self.batch_size)
        await asyncio.gather(*(self.deliver(item) for item in claimed))
        return len(claimed)

    async def run(self, stop: asyncio.Event, *, poll_seconds: float = 1.0) -> None:
        """Keep up to ``concurrency`` deliveries in flight until ``stop``; then finish those in flight (each
        ends within the HTTP timeout) and return. A slow receiver holds one slot, not the whole batch."""
        in_flight: set[asyncio.Task[None]] = set()
        stopping = asyncio.create_task(stop.wait())
        try:
            while not stop.is_set():
                claimed: list[Claimed] = []
                free = self.concurrency - len(in_flight)
                try:
                    await self.prepare()
                    if free > 0:
                        claimed = await self.claim(min(free, self.batch_size))
                except Exception:
                    log.exception("dispatcher_error")
                for item in claimed:
                    task = asyncio.create_task(self.deliver(item))
                    in_flight.add(task)
                    task.add_done_callback(in_flight.discard)
                if claimed and len(claimed) == min(free, self.batch_size) and len(in_flight) < self.concurrency:
                    continue  # there may be more due right now
                await asyncio.wait({stopping, *in_flight}, timeout=poll_seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
            if in_flight:
                log.info("dispatcher_draining", in_flight=len(in_flight))
                await asyncio.wait(in_flight)


async def run_dispatcher(settings: BaseServiceSettings, *, once: bool = False) -> None:
    """The ``<service> dispatch`` command: deliver until SIGTERM or SIGINT (or, with ``once``, until nothing
    is due). Uses an engine of its own on ``settings.database_dsn``."""
    from polku_kit.observability import configure_logging

    configure_logging(service=f"{settings.service_name}-dispatcher", level=settings.log_level, json=settings.log_json)
    engine = create_async_engine(settings.database_dsn, pool_size=5, max_overflow=10, pool_pre_ping=True)
    dispatcher = Dispatcher.from_settings(settings, engine)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    log.info("dispatcher_started", env=settings.env.value, lease_seconds=dispatcher.lease_seconds)
    try:
        if once:
            while not stop.is_set() and await dispatcher.run_once():
                pass
        else:
            await dispatcher.run(stop)
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(signum)
        await dispatcher.close()
        await engine.dispose()
        log.info("dispatcher_stopped")


__all__ = ["RETRY_SCHEDULE", "Dispatcher", "retry_delay", "run_dispatcher"]
