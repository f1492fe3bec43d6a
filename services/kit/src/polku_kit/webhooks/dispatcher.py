"""Delivers outbox events to subscriptions, signed per Standard Webhooks. Run as ``<service> dispatch``.

Safe with any number of dispatchers on one database (replicas scale by ``SKIP LOCKED``); decision 25:

1. *Wake*: a dispatcher LISTENs on :data:`~polku_kit.webhooks.queue.WAKE_CHANNEL`, which a trigger on
   ``outbox_event`` (and every replay) notifies when its transaction commits, only while a dispatcher sleeps:
   before it sleeps it arms (:mod:`polku_kit.wake`) and looks once more; when it finds new events it disarms, and
   while events keep coming it looks for them itself every :data:`BUSY_POLL_SECONDS` (decision 71). Without a
   notification it still looks every ``poll_seconds`` (30 s; every second while its LISTEN connection is down or
   a transaction that may have missed its arming is in progress), and when the next retry falls due. An idle
   dispatcher does nothing else.
2. *Fan-out*: new outbox events are locked with ``FOR UPDATE SKIP LOCKED``; a delivery row is made for every
   active subscription that wants the event, and the event is marked fanned out, in one transaction.
3. *Claim*: due deliveries are leased in batches in one short transaction and statement (``FOR UPDATE SKIP
   LOCKED``, a random ``lease_token``, ``locked_until = now() + lease``) that also writes the attempts as started.
   A subscription gets the events of one subject (a *lane*) in sequence order, one at a time: a claim takes a
   lane only at its first pending delivery, with the lane's next ones behind it.
4. *Send* outside any transaction, every lane of the batch at once (at most ``concurrency``, at most half of
   them to one subscription, so a receiver that hangs cannot hold every slot), each lane's deliveries one after
   the other, over one HTTP connection pool that keeps connections to each receiver alive. A lane stops at its
   first failure: its later deliveries go back unsent, and wait behind the retry.
5. *Record* the results in batches (one transaction for whatever finished meanwhile), moving a delivery on only
   if the lease is still ours.

A dispatcher killed mid-delivery leaves a lease that lapses; another dispatcher then tries again, so nothing
is lost. Delivery is therefore at least once: a receiver may see the same ``webhook-id`` twice, and
deduplicates by it (:mod:`polku_kit.inbox`).

A non-2xx answer, a timeout or a refused target is retried with exponential backoff and full jitter over about
three days (:data:`RETRY_SCHEDULE`); after ``webhook_max_attempts`` attempts the delivery is ``dead``, listed by
the API (``?status=dead``) and replayable.

The dispatcher also prunes what retention allows (:mod:`polku_kit.retention`) every ``prune_seconds``.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import random
import signal
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import asyncpg
import httpx
import structlog
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from polku_kit.outage import is_database_outage
from polku_kit.settings import BaseServiceSettings, Environment, EventSubscriber
from polku_kit.wake import SETTLE_POLL_SECONDS, WakeFlag
from polku_kit.webhooks import queue
from polku_kit.webhooks.models import DeliveryStatus
from polku_kit.webhooks.queue import Claimed
from polku_kit.webhooks.signing import sign
from polku_kit.webhooks.targets import Connections, TargetRefused, check_url, webhook_client

if TYPE_CHECKING:
    from polku_kit.inbox_worker import InboxBatch, InboxHandler

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
# Events fanned out per transaction.
FAN_OUT_BATCH = 2000
# While events keep coming (some were fanned out within BUSY_SECONDS), a dispatcher looks for new ones every
# BUSY_POLL_SECONDS instead of asking writers to notify it (decision 71).
BUSY_POLL_SECONDS = 0.05
BUSY_SECONDS = 0.5


def retry_delay(failed_attempt: int) -> float:
    """Seconds to wait after failed attempt ``failed_attempt``: full jitter, drawn uniformly from zero to
    twice the nominal wait, so the expected total is the schedule's and receivers that failed together (an
    outage) do not get their retries in the same second."""
    nominal = RETRY_SCHEDULE[min(failed_attempt, len(RETRY_SCHEDULE)) - 1]
    return random.uniform(0, 2 * nominal)


class Dispatcher:
    """One dispatcher process's worker. ``retry`` and ``lease_seconds`` are parameters so that tests need not
    wait real minutes; ``client`` lets a test pass its own HTTP client.

    ``batch_size`` deliveries are claimed at a time, and at most twice that many are held at once;
    ``concurrency`` lanes send at once; ``lane_run`` deliveries of one lane are claimed together. ``event_url``
    is where thin subscribers fetch an event (its id appended): :func:`~polku_kit.webhooks.queue.events_url`."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        allow_private_targets: bool = False,
        require_https: bool = True,
        max_attempts: int = 13,
        timeout_seconds: float = 10.0,
        lease_seconds: float | None = None,
        batch_size: int = 500,
        concurrency: int = 128,
        lane_run: int = 50,
        poll_seconds: float = 30.0,
        retry: Callable[[int], float] = retry_delay,
        client: httpx.AsyncClient | None = None,
        subscribers: Sequence[EventSubscriber] = (),
        retention: timedelta | None = None,
        prune_seconds: float = 0.0,
        event_url: str = queue.EVENTS_PATH,
    ):
        self.lease_seconds = lease_seconds if lease_seconds is not None else max(60.0, timeout_seconds + 30.0)
        if self.lease_seconds <= timeout_seconds:
            raise ValueError("the lease must outlast the HTTP timeout, or two dispatchers could send at once")
        self.engine = engine
        self.sessions: async_sessionmaker[AsyncSession] = async_sessionmaker(engine, expire_on_commit=False)
        self.require_https = require_https
        self.max_attempts = max_attempts
        self.timeout_seconds = timeout_seconds
        self.batch_size = batch_size
        self.concurrency = concurrency
        self.lane_run = lane_run
        self.poll_seconds = poll_seconds
        self.retry = retry
        self.retention = retention
        self.prune_seconds = prune_seconds
        self.event_url = event_url
        self.client = client or webhook_client(allow_private=allow_private_targets, timeout=timeout_seconds)
        # Other Polku services, configured by the operator: their addresses may be private, and http is allowed.
        self.subscribers = list(subscribers)
        self.internal_client = webhook_client(allow_private=True, timeout=timeout_seconds)
        # The lanes' connections, kept alive by receiver (a test's own ``client`` is used for every send).
        self._own_client = client is None
        self.connections = Connections(allow_private=allow_private_targets, timeout=timeout_seconds, idle=concurrency)
        self.internal_connections = Connections(allow_private=True, timeout=timeout_seconds, idle=concurrency)
        self._subscribers_ensured = False
        self._sending = asyncio.Semaphore(concurrency)
        self._per_subscription: dict[uuid.UUID | None, asyncio.Semaphore] = {}
        self._results: list[tuple[queue.Result, asyncio.Future[bool | None]]] = []
        self._recording = False
        self._stopping = False
        # Deliveries made since this dispatcher last analysed the table, and when it may next (queue.ANALYSE_…).
        self._made_since_analysis = 0
        self._next_analysis = 0.0

    @classmethod
    def from_settings(cls, settings: BaseServiceSettings, engine: AsyncEngine, **overrides: object) -> Dispatcher:
        options: dict[str, object] = {
            "allow_private_targets": settings.webhooks_allow_private_targets,
            "require_https": settings.env is Environment.production,
            "max_attempts": settings.webhook_max_attempts,
            "timeout_seconds": settings.webhook_timeout_seconds,
            "poll_seconds": settings.webhook_poll_seconds,
            "subscribers": [s for s in settings.event_subscribers if settings.service_name in s.sources],
            "retention": timedelta(days=settings.retention_days),
            "prune_seconds": settings.prune_interval_seconds,
            "event_url": queue.events_url(settings.public_url, settings.root_path),
            **overrides,
        }
        return cls(engine, **options)  # type: ignore[arg-type]

    async def close(self) -> None:
        await self.client.aclose()
        await self.internal_client.aclose()
        await self.connections.aclose()
        await self.internal_connections.aclose()

    # --- the steps ---------------------------------------------------------------------------------------

    async def prepare(self) -> int:
        """Dead-letter lost last attempts, then fan out every new event; returns the deliveries made."""
        await self.housekeeping()
        return await self.fan_out()

    async def housekeeping(self) -> None:
        """Keep the internal subscriptions as configured (once), and dead-letter lost last attempts."""
        if not self._subscribers_ensured:
            async with self.sessions() as session, session.begin():
                await queue.ensure_internal(session, self.subscribers)
            self._subscribers_ensured = True
        async with self.sessions() as session, session.begin():
            expired = await queue.expire_exhausted(session, max_attempts=self.max_attempts)
        if expired:
            log.warning("webhook_dead", deliveries=expired, reason="last attempt lost with its dispatcher")

    async def fan_out(self) -> int:
        """Make the deliveries of every new event; returns how many."""
        made = 0
        while True:
            async with self.sessions() as session, session.begin():
                events, deliveries = await queue.fan_out(session, limit=FAN_OUT_BATCH)
            made += deliveries
            await self.made(deliveries)
            if events < FAN_OUT_BATCH:
                return made

    async def made(self, deliveries: int) -> None:
        """Counts the deliveries a fan-out made; past :data:`~polku_kit.webhooks.queue.ANALYSE_AFTER_DELIVERIES`
        since the last time (and not within :data:`~polku_kit.webhooks.queue.ANALYSE_AT_MOST_EVERY_SECONDS` of it),
        the table is analysed, so that the next claim is planned for the rows it has."""
        self._made_since_analysis += deliveries
        now = time.monotonic()
        if self._made_since_analysis < queue.ANALYSE_AFTER_DELIVERIES or now < self._next_analysis:
            return
        self._made_since_analysis = 0
        self._next_analysis = now + queue.ANALYSE_AT_MOST_EVERY_SECONDS
        async with self.sessions() as session, session.begin():
            await queue.analyse(session)
        log.info("webhook_deliveries_analysed")

    async def claim(self, limit: int) -> list[Claimed]:
        async with self.sessions() as session, session.begin():
            return await queue.claim(
                session,
                limit=limit,
                lease_seconds=float(self.lease_seconds),
                run=self.lane_run,
                event_url=self.event_url,
            )

    async def seconds_until_due(self) -> float | None:
        async with self.sessions() as session:
            return await queue.seconds_until_due(session)

    async def give_back(self, claimed: Sequence[Claimed]) -> None:
        """Unsent deliveries back to the queue (if this fails, their leases lapse: nothing is lost)."""
        if not claimed:
            return
        try:
            async with self.sessions() as session, session.begin():
                await queue.give_back(session, claimed)
        except Exception:
            log.warning("webhook_give_back_failed", deliveries=len(claimed), exc_info=True)

    async def send(self, claimed: Claimed, client: httpx.AsyncClient | None = None) -> tuple[int | None, str | None]:
        """POST the event once (with ``client`` if given); (status code, error) with ``error`` None for a 2xx.
        Never raises."""
        try:
            check_url(claimed.url, require_https=self.require_https and not claimed.internal)
            body = json.dumps(claimed.event, separators=(",", ":"), ensure_ascii=False)
            headers = sign(claimed.secrets, str(claimed.event["id"]), body)
            headers["user-agent"] = USER_AGENT
            client = client or (self.internal_client if claimed.internal else self.client)
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

    async def deliver(self, claimed: Claimed) -> DeliveryStatus | None:
        """Send once and record the result; the delivery's new status, or None if it could not be recorded
        (or the lease was no longer ours)."""
        return await self.finish(await self.attempt(claimed))

    async def attempt(self, claimed: Claimed, client: httpx.AsyncClient | None = None) -> queue.Result:
        """Send once; what came of it."""
        started_at = datetime.now(UTC)
        started = time.perf_counter()
        status_code, error = await self.send(claimed, client) if client is not None else await self.send(claimed)
        duration_ms = int((time.perf_counter() - started) * 1000)
        retry_in: timedelta | None = None
        if error is None:
            outcome = DeliveryStatus.delivered
        elif claimed.attempt >= self.max_attempts:
            outcome = DeliveryStatus.dead
        else:
            outcome = DeliveryStatus.pending
            retry_in = timedelta(seconds=self.retry(claimed.attempt))
        return queue.Result(
            claimed=claimed,
            started_at=started_at,
            duration_ms=duration_ms,
            status_code=status_code,
            error=error,
            outcome=outcome,
            retry_in=retry_in,
        )

    async def finish(self, result: queue.Result) -> DeliveryStatus | None:
        """Record an attempt's result and log it; as :meth:`deliver`."""
        claimed, outcome, retry_in, error = result.claimed, result.outcome, result.retry_in, result.error
        ours = await self.record(result)
        if ours is None:  # the lease lapses and another attempt is made: at least once, never lost
            return None
        fields = {
            "delivery_id": str(claimed.delivery_id),
            "event_id": str(claimed.event["id"]),
            "event_type": claimed.event["type"],
            "attempt": claimed.attempt,
            "status_code": result.status_code,
            "duration_ms": result.duration_ms,
        }
        if not ours:
            log.warning("webhook_lease_lost", **fields, outcome=outcome.value, error=error)
            return None
        if outcome is DeliveryStatus.delivered:
            log.info("webhook_delivered", **fields)
        elif outcome is DeliveryStatus.dead:
            log.warning("webhook_dead", **fields, error=error)
        elif retry_in is not None:  # pending: the next attempt is scheduled
            log.info("webhook_retry", **fields, error=error, retry_in_seconds=round(retry_in.total_seconds(), 1))
        return outcome

    async def record(self, result: queue.Result) -> bool | None:
        """Record an attempt's result (whether the lease was still ours), or None if it could not be.

        Results are written in batches: the first caller writes, in one transaction, every result that is
        waiting, and again while more arrive; the others wait for theirs. While the database is unreachable (a
        restart, a failover) the writer keeps trying until shortly before the earliest lease of the batch
        lapses: a result recorded late saves the receiver a second delivery of what it already has."""
        future: asyncio.Future[bool | None] = asyncio.get_running_loop().create_future()
        self._results.append((result, future))
        if not self._recording:
            self._recording = True
            try:
                while self._results:
                    batch, self._results = self._results, []
                    await self._write_results(batch)
            finally:
                self._recording = False
        return await future

    async def _write_results(self, batch: list[tuple[queue.Result, asyncio.Future[bool | None]]]) -> None:
        record_by = min(result.claimed.claimed_at for result, _ in batch) + self.lease_seconds - LEASE_MARGIN_SECONDS
        delay = 0.5
        ours: set[uuid.UUID] | None = None
        while ours is None:
            try:
                async with self.sessions() as session, session.begin():
                    ours = await queue.record(session, [result for result, _ in batch])
            except Exception as failure:
                if not is_database_outage(failure) or time.perf_counter() + delay > record_by:
                    log.exception("webhook_record_failed", deliveries=len(batch))
                    break
                log.warning(
                    "webhook_record_retry", deliveries=len(batch), retry_in_seconds=delay, error=type(failure).__name__
                )
                await asyncio.sleep(delay)
                delay = min(2 * delay, 5.0)
        for result, future in batch:
            if not future.done():
                future.set_result(None if ours is None else result.claimed.delivery_id in ours)

    async def deliver_lane(self, lane: Sequence[Claimed]) -> None:
        """One lane's deliveries, in order, one at a time; the rest go back at the first that is not delivered,
        or when too little of the lease is left to send another. A delivery's result is recorded while the next
        one is sent (a result that cannot be recorded means a second delivery later, as at least once allows)."""
        slots = self._per_subscription.setdefault(
            lane[0].subscription_id, asyncio.Semaphore(max(1, self.concurrency // 2))
        )
        # The last moment a send may start and still be recorded inside the lease.
        spare = min(LEASE_MARGIN_SECONDS, (self.lease_seconds - self.timeout_seconds) / 2)
        recording: list[asyncio.Task[DeliveryStatus | None]] = []
        connections = self.internal_connections if lane[0].internal else self.connections
        async with slots, self._sending:
            if self._stopping:  # stopped while this lane waited for a slot: it goes back unsent
                await self.give_back(lane)
                return
            client = connections.take(lane[0].url) if self._own_client else None
            try:
                for index, claimed in enumerate(lane):
                    if time.perf_counter() > claimed.claimed_at + self.lease_seconds - self.timeout_seconds - spare:
                        await self.give_back(lane[index:])
                        break
                    result = await self.attempt(claimed, client)
                    recording.append(asyncio.create_task(self.finish(result)))
                    if result.outcome is not DeliveryStatus.delivered:
                        await self.give_back(lane[index + 1 :])
                        break
            finally:
                if client is not None:
                    await connections.give(lane[0].url, client)
        await asyncio.gather(*recording)

    async def deliver_all(self, claimed: Sequence[Claimed]) -> None:
        await asyncio.gather(*(self.deliver_lane(lane) for lane in lanes(claimed)))

    # --- loops -------------------------------------------------------------------------------------------

    async def run_once(self) -> int:
        """Fan out, then make one attempt of up to ``batch_size`` due deliveries; returns the deliveries claimed."""
        await self.prepare()
        claimed = await self.claim(self.batch_size)
        await self.deliver_all(claimed)
        return len(claimed)

    async def run(self, stop: asyncio.Event, *, poll_seconds: float | None = None) -> None:
        """Deliver until ``stop``; then finish the lanes in flight (each send ends within the HTTP timeout) and
        return. Wakes on a notification, when a lane finishes (its next event may be due), when the next retry
        falls due, and every ``poll_seconds`` in any case."""
        poll = self.poll_seconds if poll_seconds is None else poll_seconds
        wake = asyncio.Event()
        listener = _Listener(self.engine, wake)
        in_flight: set[asyncio.Task[None]] = set()
        held = 0  # deliveries claimed and not yet finished
        pruning: asyncio.Task[None] | None = None
        next_prune = time.monotonic() + self.prune_seconds
        next_housekeeping = 0.0
        next_fan_out = 0.0  # unarmed, it fans out at most every BUSY_POLL_SECONDS
        busy_until = 0.0  # events were fanned out lately: it polls briefly instead of arming
        settle_until = 0.0  # it stops waiting for the transactions that may have missed its arming

        def finished(task: asyncio.Task[None], count: int) -> None:
            nonlocal held
            in_flight.discard(task)
            held -= count
            wake.set()

        stopping = asyncio.create_task(stop.wait())
        woken = asyncio.create_task(wake.wait())
        try:
            while not stop.is_set():
                wake.clear()
                claimed: list[Claimed] = []
                wanted = 0
                try:
                    now = time.monotonic()
                    if now >= next_housekeeping:
                        await listener.ensure()
                        await self.housekeeping()
                        next_housekeeping = now + (poll if listener.listening else min(poll, 1.0))
                        listener.new_events = True
                    if listener.flag.settling and (await listener.settled() or now >= settle_until):
                        listener.flag.give_up_settling()
                        listener.new_events = True  # what a transaction that missed the arming wrote
                    if not listener.armed and now >= next_fan_out:
                        listener.new_events = True  # writers do not notify: it looks itself
                    if listener.new_events:  # one batch, then a claim: the first events go out at once
                        listener.new_events = False
                        async with self.sessions() as session, session.begin():
                            events, deliveries = await queue.fan_out(session, limit=FAN_OUT_BATCH)
                        await self.made(deliveries)
                        next_fan_out = time.monotonic() + BUSY_POLL_SECONDS
                        if events:
                            busy_until = next_fan_out + BUSY_SECONDS
                            await listener.disarm()
                        if events == FAN_OUT_BATCH:
                            listener.new_events = True
                            wake.set()
                    wanted = min(self.batch_size, 2 * self.batch_size - held)
                    if wanted > 0:
                        claimed = await self.claim(wanted)
                except Exception:
                    log.exception("dispatcher_error")
                    next_housekeeping = time.monotonic() + 1.0
                if claimed:
                    held += len(claimed)
                    for lane in lanes(claimed):
                        task = asyncio.create_task(self.deliver_lane(lane))
                        in_flight.add(task)
                        task.add_done_callback(functools.partial(finished, count=len(lane)))
                if claimed and len(claimed) == wanted:
                    continue  # there may be more due right now
                if self.prune_seconds and self.retention and time.monotonic() >= next_prune:
                    if pruning is None or pruning.done():
                        pruning = asyncio.create_task(self.prune())
                    next_prune = time.monotonic() + self.prune_seconds
                timeout = max(0.0, next_housekeeping - time.monotonic())
                if self.prune_seconds and self.retention:
                    timeout = min(timeout, max(0.0, next_prune - time.monotonic()))
                if not in_flight and not wake.is_set():
                    try:
                        due = await self.seconds_until_due()
                    except Exception:
                        due = None
                    if due is not None:  # a lane's first delivery that claim did not get is tried in a second
                        timeout = min(timeout, due + 0.05 if due > 0 else 1.0)
                if wake.is_set():
                    continue
                if listener.listening and not listener.armed:
                    if time.monotonic() < busy_until:
                        timeout = min(timeout, max(0.0, next_fan_out - time.monotonic()))
                    else:  # writers notify from now on; one more look for what they wrote before
                        await listener.arm()
                        settle_until = time.monotonic() + poll
                        listener.new_events = True
                        continue
                if listener.flag.settling:
                    timeout = min(timeout, SETTLE_POLL_SECONDS)
                if not listener.listening:  # its connection was lost meanwhile
                    next_housekeeping = min(next_housekeeping, time.monotonic() + 1.0)
                    timeout = min(timeout, 1.0)
                if woken.done():
                    woken = asyncio.create_task(wake.wait())
                await asyncio.wait({stopping, woken}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            self._stopping = True
            stopping.cancel()
            woken.cancel()
            if in_flight:
                log.info("dispatcher_draining", in_flight=len(in_flight))
                await asyncio.wait(in_flight)
            if pruning is not None and not pruning.done():
                pruning.cancel()
                with contextlib.suppress(BaseException):
                    await pruning
            await listener.close()

    async def prune(self) -> None:
        """What retention allows, deleted (a background job of :meth:`run`)."""
        if self.retention is None:
            return
        from polku_kit.retention import prune

        try:
            counts = await prune(self.sessions, older_than=self.retention)
            log.info("retention_pruned", retention_days=self.retention.days, **counts)
        except Exception:
            log.exception("retention_prune_failed")


def lanes(claimed: Sequence[Claimed]) -> list[list[Claimed]]:
    """Claimed deliveries by (subscription, lane), each lane in sequence order."""
    by_lane: dict[tuple[uuid.UUID | None, str], list[Claimed]] = {}
    for item in claimed:
        by_lane.setdefault((item.subscription_id, item.lane or str(item.delivery_id)), []).append(item)
    return [sorted(lane, key=lambda item: item.sequence) for lane in by_lane.values()]


class _Listener:
    """LISTEN on ``channel`` (:data:`queue.WAKE_CHANNEL`) over a connection of its own; a notification sets
    ``wake``. ``listening`` is False while the connection is down (the dispatcher then polls every second).
    The same connection arms and disarms the channel's :class:`~polku_kit.wake.WakeFlag`."""

    def __init__(self, engine: AsyncEngine, wake: asyncio.Event, channel: str = queue.WAKE_CHANNEL):
        self.dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.wake = wake
        self.channel = channel
        self.connection: asyncpg.Connection | None = None
        self.new_events = True
        self.flag = WakeFlag(channel)
        self.notified = 0

    @property
    def listening(self) -> bool:
        return self.connection is not None and not self.connection.is_closed()

    @property
    def armed(self) -> bool:
        return self.listening and self.flag.armed

    def _notified(self, *_: object) -> None:
        self.notified += 1
        self.new_events = True
        self.wake.set()

    def _lost(self, *_: object) -> None:
        self.new_events = True
        self.wake.set()

    async def ensure(self) -> None:
        if self.listening:
            return
        await self.close()
        try:
            connection = await asyncpg.connect(self.dsn, timeout=10)
            await connection.add_listener(self.channel, self._notified)
            connection.add_termination_listener(self._lost)
        except (OSError, asyncpg.PostgresError, TimeoutError) as failure:
            log.warning("dispatcher_listen_failed", error=type(failure).__name__)
            return
        self.connection = connection
        self.new_events = True  # whatever was written while nobody listened

    async def arm(self) -> None:
        """Ask writers to notify from now on; the caller then looks for work once more before it sleeps."""
        await self._flag(self.flag.arm)

    async def disarm(self) -> None:
        """Writers stop notifying (new work was found: the caller looks again before it sleeps)."""
        if self.flag.armed:
            await self._flag(self.flag.disarm)

    async def settled(self) -> bool:
        """Whether the transactions that may have missed the arming have all ended (once: then look again)."""
        if not self.flag.settling or not self.listening:
            return False
        try:
            return await self.flag.settled(self.connection)  # type: ignore[arg-type]
        except (OSError, asyncpg.PostgresError, TimeoutError) as failure:
            log.warning("dispatcher_wake_flag_failed", channel=self.channel, error=type(failure).__name__)
            await self.close()
            return False

    async def _flag(self, step: Callable[[asyncpg.Connection], Awaitable[None]]) -> None:
        if not self.listening:
            return
        try:
            await step(self.connection)  # type: ignore[arg-type]
        except (OSError, asyncpg.PostgresError, TimeoutError) as failure:
            # A connection that cannot arm is closed: the caller polls every second until it is back.
            log.warning("dispatcher_wake_flag_failed", channel=self.channel, error=type(failure).__name__)
            await self.close()

    async def close(self) -> None:
        connection, self.connection = self.connection, None
        if connection is not None and not connection.is_closed():
            with contextlib.suppress(Exception):
                await self.flag.close(connection)
            with contextlib.suppress(Exception):
                await connection.close(timeout=5)
        self.flag.reset()


async def run_dispatcher(
    settings: BaseServiceSettings, *, once: bool = False, inbox: Mapping[str, InboxHandler | InboxBatch] | None = None
) -> None:
    """The ``<service> dispatch`` command: deliver until SIGTERM or SIGINT (or, with ``once``, until nothing
    is due). Uses an engine of its own on ``settings.database_dsn``. With ``inbox`` (handlers by event type),
    the inbox's stored events are handled beside (:mod:`polku_kit.inbox_worker`)."""
    from polku_kit.inbox_worker import InboxWorker
    from polku_kit.observability import configure_logging

    configure_logging(service=f"{settings.service_name}-dispatcher", level=settings.log_level, json=settings.log_json)
    # Every delivery is logged once, as webhook_delivered or what else came of it; not again by httpx.
    logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.getLogger().level))
    engine = create_async_engine(settings.database_dsn, pool_size=5, max_overflow=10, pool_pre_ping=True)
    dispatcher = Dispatcher.from_settings(settings, engine)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    worker = InboxWorker.from_settings(settings, engine, inbox) if inbox else None
    log.info("dispatcher_started", env=settings.env.value, lease_seconds=dispatcher.lease_seconds)
    try:
        if once:
            while not stop.is_set() and await dispatcher.run_once():
                pass
            if worker is not None:
                await worker.run_until_idle()
        elif worker is not None:
            await asyncio.gather(dispatcher.run(stop), worker.run(stop))
        else:
            await dispatcher.run(stop)
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(signum)
        await dispatcher.close()
        await engine.dispose()
        log.info("dispatcher_stopped")


__all__ = ["RETRY_SCHEDULE", "Dispatcher", "lanes", "retry_delay", "run_dispatcher"]
