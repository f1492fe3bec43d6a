"""The coaches a process has seen, written to ``known_coach`` off the request path (decision 59).

A staff route notes the coach who calls it in memory (a dictionary look-up: :func:`note`); the notes waiting are
written in one statement by a task of the process (:func:`keep_writing`, started with the app) a moment after the
first of them, and by the coaches' list before it reads them (:func:`write_waiting`), so that a manager finds a
coach who has just signed in. No staff route takes a session or sends a statement for it.

A process notes the same coach again only when the name in their token changes or an hour has passed. At most
:data:`MAX_WAITING` notes wait: a coach seen while that many wait is noted on a later request. A note whose write
fails waits for the next write; a process that stops writes what waits first (:func:`stop_writing`).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access import repository
from polku_kit.auth import Principal, Role
from polku_kit.db import Database

log = structlog.get_logger(__name__)

# How often a process notes the same coach again (their name may change): at most once an hour.
NOTE_EVERY_SECONDS = 3600.0
# How long the writer waits after the first note before it writes, so that the coaches of a morning's first minute
# are one statement.
WRITE_AFTER_SECONDS = 1.0
# The notes that may wait at once; more coaches than this within a second is beyond any authority's staff.
MAX_WAITING = 10_000

Key = tuple[uuid.UUID, str]


@dataclass(frozen=True)
class Seen:
    """A coach of an organisation, with the name of their token, seen at ``at``."""

    organisation_id: uuid.UUID
    subject: str
    name: str | None
    at: datetime


_noted: dict[Key, tuple[str | None, float]] = {}
_waiting: dict[Key, Seen] = {}
_arrived = asyncio.Event()


def note(principal: Principal) -> None:
    """Note a coach (a principal with the coach role and an organisation) as seen now, unless this process noted
    them within the hour by the same name. Nothing is sent to the database here."""
    if Role.coach not in principal.roles or principal.organisation_id is None:
        return
    key = (principal.organisation_id, principal.subject)
    noted = _noted.get(key)
    now = time.monotonic()
    if noted is not None and noted[0] == principal.name and now - noted[1] <= NOTE_EVERY_SECONDS:
        return
    if key not in _waiting and len(_waiting) >= MAX_WAITING:
        return  # noted on a later request, when the notes waiting are written
    _waiting[key] = Seen(principal.organisation_id, principal.subject, principal.name, datetime.now(UTC))
    _noted[key] = (principal.name, now)
    _arrived.set()


def waiting() -> list[Seen]:
    """The notes not written yet."""
    return list(_waiting.values())


async def write_waiting(session: AsyncSession) -> int:
    """Write the notes waiting in the caller's transaction (one upsert); how many. A write that fails leaves them
    waiting, but for a coach noted again meanwhile."""
    if not _waiting:
        return 0
    notes = list(_waiting.values())
    _waiting.clear()
    try:
        await repository.note_coaches(session, notes)
    except BaseException:
        for seen in notes:
            _waiting.setdefault((seen.organisation_id, seen.subject), seen)
        raise
    return len(notes)


# After a write that failed, the writer tries again this much later.
RETRY_AFTER_SECONDS = 30.0


async def _write(database: Database) -> bool:
    try:
        async with database.sessionmaker() as session, session.begin():
            await write_waiting(session)
    except Exception as exc:  # the database away: the notes wait for the next write
        log.warning("coaches_not_noted", error=str(exc), waiting=len(_waiting))
        return False
    return True


async def keep_writing(database: Database, *, after: float = WRITE_AFTER_SECONDS) -> None:
    """Write the notes of the process as they arrive, ``after`` seconds after the first of a batch; idle (no wake-up)
    while none arrives. Runs until cancelled."""
    while True:
        await _arrived.wait()
        _arrived.clear()
        await asyncio.sleep(after)
        if not await _write(database):
            await asyncio.sleep(RETRY_AFTER_SECONDS)
            _arrived.set()


def start_writing(database: Database) -> asyncio.Task[None]:
    return asyncio.create_task(keep_writing(database), name="clients-api:known-coaches")


async def stop_writing(task: asyncio.Task[None], database: Database) -> None:
    """Stop the writer and write what waits."""
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await _write(database)


def forget() -> None:
    """Notes every coach again on their next request, and drops the notes waiting (tests, whose database forgets
    between them)."""
    _noted.clear()
    _waiting.clear()
