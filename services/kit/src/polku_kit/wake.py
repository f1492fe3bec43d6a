"""Waking a sleeping dispatcher or inbox worker with NOTIFY, only when one sleeps (decision 71).

PostgreSQL serialises the commits of transactions that issued NOTIFY (one lock for the whole cluster, taken at
COMMIT), so a NOTIFY in every transaction that writes an event makes those commits wait for each other. Instead:

- A worker about to sleep on LISTEN *arms*: it puts a row in ``wake_wanted`` (its channel and its listening
  connection's backend pid) and commits it, and then looks for work once more before it sleeps.
- A writer notifies only while a row of its channel exists (the outbox trigger of migration kit_0013,
  :func:`wake`); it clears nothing.
- The worker *disarms* (deletes its row) when it finds new work, so while it is busy no writer notifies.
- A writer whose statement looked before the arm committed, and whose transaction commits after the worker's
  last look, sends no notification. Such a transaction was in progress when the worker armed, so the worker
  notes the first transaction id not yet assigned then (``pg_snapshot_xmax``) and, while it sleeps, looks every
  :data:`SETTLE_POLL_SECONDS` whether every transaction below it has ended (``pg_snapshot_xmin`` has passed
  it); then it looks for work once more and sleeps on the notification and its usual backstop poll alone.

A row whose connection is gone (a worker killed) is removed by the next worker that arms; until then writers
notify as they did before, which costs time and loses nothing.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import structlog
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

if TYPE_CHECKING:
    import asyncpg

log = structlog.get_logger(__name__)

# While a worker waits for the transactions that were in progress when it armed, it looks this often.
SETTLE_POLL_SECONDS = 1.0

_WAKE = text("SELECT pg_notify(:channel, '') WHERE EXISTS (SELECT 1 FROM wake_wanted WHERE channel = :channel)")

# Rows of connections that are gone go first; then this connection's row, and the snapshot's xmax after it has
# committed (asyncpg runs each statement in a transaction of its own).
_CLEAR_GONE = """
    DELETE FROM wake_wanted w
    WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = w.pid)
"""
_ARM = """
    INSERT INTO wake_wanted (channel, pid) VALUES ($1, pg_backend_pid())
    ON CONFLICT (channel, pid) DO UPDATE SET since = now()
"""
_XMAX = "SELECT pg_snapshot_xmax(pg_current_snapshot())::text"
_SETTLED = "SELECT pg_snapshot_xmin(pg_current_snapshot()) >= CAST(CAST($1 AS text) AS xid8)"
_DISARM = "DELETE FROM wake_wanted WHERE channel = $1 AND pid = pg_backend_pid()"


async def wake(session: AsyncSession, channel: str) -> None:
    """Notify ``channel`` when this transaction commits, if a worker sleeps on it."""
    await session.execute(_WAKE, {"channel": channel})


class WakeFlag:
    """One listening connection's row in ``wake_wanted`` (on that connection, so a new connection starts
    unarmed). ``settling`` while transactions that may have missed the row are in progress."""

    def __init__(self, channel: str):
        self.channel = channel
        self.armed = False
        self._xmax: str | None = None

    @property
    def settling(self) -> bool:
        return self._xmax is not None

    def reset(self) -> None:
        """The connection is new or gone: no row of it counts."""
        self.armed = False
        self._xmax = None

    async def arm(self, connection: asyncpg.Connection) -> None:
        await connection.execute(_CLEAR_GONE)
        await connection.execute(_ARM, self.channel)
        self._xmax = await connection.fetchval(_XMAX)
        self.armed = True

    async def disarm(self, connection: asyncpg.Connection) -> None:
        self.armed = False
        self._xmax = None
        await connection.execute(_DISARM, self.channel)

    async def settled(self, connection: asyncpg.Connection) -> bool:
        """True once every transaction in progress when the row was put has ended (the first time only)."""
        if self._xmax is None:
            return False
        if not await connection.fetchval(_SETTLED, self._xmax):
            return False
        self._xmax = None
        return True

    def give_up_settling(self) -> None:
        self._xmax = None

    async def close(self, connection: asyncpg.Connection) -> None:
        if self.armed:
            with contextlib.suppress(Exception):
                await connection.execute(_DISARM, self.channel)
        self.reset()


__all__ = ["SETTLE_POLL_SECONDS", "WakeFlag", "wake"]
