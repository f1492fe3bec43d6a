"""Handles the events the inbox stored (:func:`polku_kit.inbox.store`), after the sender has had its answer.

Runs inside ``<service> dispatch`` for a service that names its handlers (decision 33); safe with any number
of workers on one database:

1. *Wake*: the worker LISTENs on :data:`~polku_kit.inbox.INBOX_CHANNEL`, which :func:`~polku_kit.inbox.store`
   and a replay notify when their transaction commits, while the worker sleeps (it arms before it sleeps and
   disarms when it finds work, :mod:`polku_kit.wake`); without a notification it looks every ``poll_seconds``
   (every second while its LISTEN connection is down, or while a transaction that may have missed its arming
   is in progress), and when the next retry falls due.
2. *Claim and handle in one transaction*: the first waiting event of each subject (a *lane*) that is due is
   locked with ``FOR UPDATE SKIP LOCKED``; an event waits while an earlier one of its lane waits (or is locked
   by another worker), so a lane is handled in arrival order. Each event's handler runs in a savepoint of that
   transaction, and the event is marked ``processed`` in it: the handler's writes and the mark commit together,
   so a worker killed mid-batch leaves the events ``received`` and unchanged, and the next worker handles them
   once.
   A type whose handler is an :class:`InboxBatch` has its events of the batch handled together, in one savepoint
   (one statement for many events instead of one each); if that raises, they are handled one by one, so that
   only the failing event waits.
3. A handler that raises has its savepoint rolled back; the event waits :func:`retry_delay` and is tried again
   (its lane waits behind it), and after ``max_attempts`` it is ``parked`` with its last error, which frees its
   lane. An administrator replays it (:mod:`polku_kit.inbox_admin`).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import structlog
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from polku_kit.inbox import INBOX_CHANNEL, InboxEvent, InboxStatus, ReceivedEvent
from polku_kit.settings import BaseServiceSettings
from polku_kit.wake import SETTLE_POLL_SECONDS

log = structlog.get_logger(__name__)

# Nominal waits after failed attempt n: 2 s, 10 s, 1 min, 5 min; the fifth failure parks the event. A service's
# dispatcher takes its schedule from ``POLKU_INBOX_RETRY_SCHEDULE_SECONDS`` (the same by default).
RETRY_SCHEDULE: tuple[float, ...] = (2, 10, 60, 300)
DEFAULT_MAX_ATTEMPTS = len(RETRY_SCHEDULE) + 1
# How much of a handler's error is kept with the event.
MAX_ERROR_CHARS = 2000


@dataclass(frozen=True)
class StoredEvent:
    """A stored event, as its handler gets it: the event, the organisation it was received for and who
    delivered it, and which attempt this is (1 the first time)."""

    event: ReceivedEvent
    organisation_id: uuid.UUID | None
    attempt: int
    received_by: str | None = None


InboxHandler = Callable[[AsyncSession, StoredEvent], Awaitable[None]]


@dataclass(frozen=True)
class InboxBatch:
    """A handler of many events of one type at once (in the order they arrived, at most one of each lane in a
    batch), for a receiver that takes in many small events: a failure is retried event by event."""

    handle: Callable[[AsyncSession, list[StoredEvent]], Awaitable[None]]


def retry_delay(failed_attempt: int, schedule: Sequence[float] = RETRY_SCHEDULE) -> float:
    """Seconds to wait after failed attempt ``failed_attempt`` (full jitter around ``schedule``)."""
    nominal = schedule[min(failed_attempt, len(schedule)) - 1]
    return random.uniform(nominal / 2, 1.5 * nominal)


def retry_schedule(schedule: Sequence[float]) -> Callable[[int], float]:
    """The ``retry`` of an :class:`InboxWorker` that waits by ``schedule``."""
    waits = tuple(schedule)
    return lambda failed_attempt: retry_delay(failed_attempt, waits)


# The due heads of the lanes. A lane whose head another worker holds is skipped whole: its later events see the
# locked head as an earlier waiting event.
_CLAIM = text(
    """
    SELECT e.id FROM inbox_event e
    WHERE e.status = 'received' AND e.next_attempt_at <= now()
      AND NOT EXISTS (
          SELECT 1 FROM inbox_event p
          WHERE p.status = 'received' AND p.lane = e.lane AND p.sequence < e.sequence
      )
    ORDER BY e.sequence
    LIMIT :limit
    FOR UPDATE OF e SKIP LOCKED
    """
)

_NEXT_DUE = text("SELECT extract(epoch FROM min(next_attempt_at) - now()) FROM inbox_event WHERE status = 'received'")

_PROCESSED = text(
    """
    UPDATE inbox_event SET status = 'processed', attempts = attempts + 1, processed_at = now(),
        next_attempt_at = NULL
    WHERE id = ANY (CAST(:ids AS text[]))
    """
)

_FAILED = text(
    """
    UPDATE inbox_event SET attempts = attempts + 1, last_error = :error,
        status = CASE WHEN attempts + 1 >= :max_attempts THEN 'parked' ELSE 'received' END,
        parked_at = CASE WHEN attempts + 1 >= :max_attempts THEN now() END,
        next_attempt_at = CASE WHEN attempts + 1 >= :max_attempts THEN NULL
                               ELSE now() + make_interval(secs => :retry_seconds) END
    WHERE id = :id
    RETURNING status
    """
)


class InboxWorker:
    """Handles stored events with ``handlers`` (by event type; an event of a type without one is marked
    processed and ignored). ``retry`` is a parameter so that tests need not wait."""

    def __init__(
        self,
        engine: AsyncEngine,
        handlers: Mapping[str, InboxHandler | InboxBatch],
        *,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        batch_size: int = 200,
        poll_seconds: float = 30.0,
        retry: Callable[[int], float] = retry_delay,
    ):
        self.engine = engine
        self.sessions: async_sessionmaker[AsyncSession] = async_sessionmaker(engine, expire_on_commit=False)
        self.handlers = dict(handlers)
        self.max_attempts = max_attempts
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self.retry = retry

    @classmethod
    def from_settings(
        cls, settings: BaseServiceSettings, engine: AsyncEngine, handlers: Mapping[str, InboxHandler | InboxBatch]
    ) -> InboxWorker:
        """The worker of ``<service> dispatch``: its waits and attempts from ``POLKU_INBOX_RETRY_SCHEDULE_SECONDS``."""
        return cls(
            engine,
            handlers,
            poll_seconds=settings.webhook_poll_seconds,
            max_attempts=settings.inbox_max_attempts,
            retry=retry_schedule(settings.inbox_retry_schedule_seconds),
        )

    async def run_once(self) -> int:
        """Handle one batch of due lane heads in one transaction; returns how many events were tried."""
        async with self.sessions() as session, session.begin():
            ids = list((await session.scalars(_CLAIM, {"limit": self.batch_size})).all())
            if not ids:
                return 0
            rows = {row.id: row for row in await session.scalars(select(InboxEvent).where(InboxEvent.id.in_(ids)))}
            done: list[str] = []
            batches: dict[str, list[InboxEvent]] = {}
            for event_id in ids:
                row = rows[event_id]
                handler = self.handlers.get(row.type)
                if handler is None:
                    log.info("inbox_event_ignored", event_id=row.id, event_type=row.type)
                    done.append(row.id)
                elif isinstance(handler, InboxBatch):
                    batches.setdefault(row.type, []).append(row)
                elif await self._handle(session, row, handler):
                    done.append(row.id)
            for event_type, batch in batches.items():
                done += await self._handle_batch(session, batch, self.handlers[event_type])  # type: ignore[arg-type]
            if done:
                await session.execute(_PROCESSED, {"ids": done})
            return len(ids)

    async def _handle(self, session: AsyncSession, row: InboxEvent, handler: InboxHandler) -> bool:
        try:
            async with session.begin_nested():
                await handler(session, _stored(row))
        except Exception as error:
            await self._failed(session, row, error)
            return False
        return True

    async def _handle_batch(self, session: AsyncSession, rows: list[InboxEvent], batch: InboxBatch) -> list[str]:
        """The ids of ``rows`` handled: all of them at once, or else each alone."""
        try:
            async with session.begin_nested():
                await batch.handle(session, [_stored(row) for row in rows])
        except Exception as error:
            if len(rows) == 1:
                await self._failed(session, rows[0], error)
                return []
            log.info("inbox_batch_retried_one_by_one", event_type=rows[0].type, events=len(rows))
            handled: list[str] = []
            for row in rows:
                handled += await self._handle_batch(session, [row], batch)
            return handled
        return [row.id for row in rows]

    async def _failed(self, session: AsyncSession, row: InboxEvent, error: BaseException) -> None:
        message = f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS]
        status = await session.scalar(
            _FAILED,
            {
                "id": row.id,
                "error": message,
                "max_attempts": self.max_attempts,
                "retry_seconds": self.retry(row.attempts + 1),
            },
        )
        log.warning(
            "inbox_event_failed",
            event_id=row.id,
            event_type=row.type,
            attempt=row.attempts + 1,
            parked=status == InboxStatus.parked,
            error=message,
        )

    async def run_until_idle(self) -> int:
        """Handle everything due now; returns how many events were tried (tests and ``--once``)."""
        total = 0
        while tried := await self.run_once():
            total += tried
        return total

    async def seconds_until_due(self) -> float | None:
        async with self.sessions() as session:
            value = await session.scalar(_NEXT_DUE)
        return None if value is None else float(value)

    async def run(self, stop: asyncio.Event) -> None:
        """Handle stored events until ``stop``."""
        from polku_kit.webhooks.dispatcher import _Listener

        wake = asyncio.Event()
        listener = _Listener(self.engine, wake, channel=INBOX_CHANNEL)
        stopping = asyncio.create_task(stop.wait())
        settle_until = 0.0
        try:
            while not stop.is_set():
                wait = self.poll_seconds
                try:
                    await listener.ensure()
                    wake.clear()
                    if listener.flag.settling and (await listener.settled() or time.monotonic() >= settle_until):
                        listener.flag.give_up_settling()  # the next look finds what a late transaction stored
                    if await self.run_once():
                        await listener.disarm()  # busy: it looks again before it sleeps, nobody need notify
                        continue
                    if listener.listening and not listener.armed:
                        # Writers notify from now on; one more look for what they stored before.
                        await listener.arm()
                        settle_until = time.monotonic() + self.poll_seconds
                        continue
                    due = await self.seconds_until_due()
                    if due is not None:
                        wait = min(wait, max(due, 0.05))
                except Exception:
                    log.exception("inbox_worker_error")
                    wait = 1.0
                if not listener.listening:
                    wait = min(wait, 1.0)
                if listener.flag.settling:
                    wait = min(wait, SETTLE_POLL_SECONDS)
                woken = asyncio.create_task(wake.wait())
                await asyncio.wait({stopping, woken}, timeout=wait, return_when=asyncio.FIRST_COMPLETED)
                woken.cancel()
        finally:
            stopping.cancel()
            with contextlib.suppress(Exception):
                await listener.close()


def _stored(row: InboxEvent) -> StoredEvent:
    return StoredEvent(
        event=_event(row), organisation_id=row.organisation_id, attempt=row.attempts + 1, received_by=row.received_by
    )


def _event(row: InboxEvent) -> ReceivedEvent:
    time: datetime | None = row.time
    return ReceivedEvent(id=row.id, source=row.source, type=row.type, subject=row.subject, time=time, data=row.payload)


__all__ = [
    "DEFAULT_MAX_ATTEMPTS",
    "InboxBatch",
    "InboxHandler",
    "InboxWorker",
    "StoredEvent",
    "retry_delay",
    "retry_schedule",
]
