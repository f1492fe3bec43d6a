"""The staff a process has seen, kept in memory and written to ``known_staff`` in the background.

Every staff route notes its caller here (:func:`employer_api.roles`): a dictionary look-up, no SQL, so that no read
gains a statement. A person is noted again only when the name or the staff roles of their token change, or an hour
has passed. What was noted is written by :func:`keep_writing` once a minute, in one statement of its own
transaction; until then the list of staff (``GET /v1/staff``) and the check of an account manager read it from
here as well. A process that dies loses at most the minute not yet written; one that shuts down writes it first."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from employer_api.staff import repository
from employer_api.staff.models import Sighting
from polku_kit.auth import Principal, Role

log = structlog.get_logger(__name__)

# A person is noted again at most this often (unless their token's name or roles change).
NOTE_EVERY_SECONDS = 3600.0
# What was noted is written this often.
WRITE_EVERY_SECONDS = 60.0


class StaffSightings:
    """The staff this process has seen, and those not yet written."""

    def __init__(self, *, every: float = NOTE_EVERY_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.every = every
        self._clock = clock
        self._noted: dict[tuple[uuid.UUID, str], tuple[str | None, frozenset[str], float]] = {}
        self._pending: dict[tuple[uuid.UUID, str], Sighting] = {}

    def see(self, principal: Principal) -> None:
        """Notes a staff member of an organisation; anyone else (a partner, a machine client) is not staff."""
        roles = principal.roles & Role.staff
        if principal.organisation_id is None or not roles:
            return
        key = (principal.organisation_id, principal.subject)
        now = self._clock()
        noted = self._noted.get(key)
        if noted is not None and noted[0] == principal.name and noted[1] == roles and now - noted[2] < self.every:
            return
        self._noted[key] = (principal.name, roles, now)
        self._pending[key] = Sighting(
            organisation_id=principal.organisation_id,
            subject=principal.subject,
            name=principal.name,
            roles=roles,
            at=datetime.now(UTC),
        )

    def pending(self, organisation_id: uuid.UUID) -> list[Sighting]:
        """The organisation's staff seen here and not yet written."""
        return [sighting for sighting in self._pending.values() if sighting.organisation_id == organisation_id]

    def take(self) -> list[Sighting]:
        """Everything not yet written, handed over to be written."""
        taken, self._pending = list(self._pending.values()), {}
        return taken

    def put_back(self, sightings: list[Sighting]) -> None:
        """A write failed: the sightings wait for the next one, unless the same person was seen again since."""
        for sighting in sightings:
            self._pending.setdefault((sighting.organisation_id, sighting.subject), sighting)

    def forget(self) -> None:
        """Notes everyone again on their next request (tests, whose database forgets between them)."""
        self._noted.clear()
        self._pending.clear()


async def write(sightings: StaffSightings, sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    """Writes what was noted in a transaction of its own; how many were written (0 when the write failed: they are
    kept for the next)."""
    taken = sightings.take()
    if not taken:
        return 0
    try:
        async with sessionmaker() as session, session.begin():
            await repository.note(session, taken)
    except Exception as exc:  # the database may be away for a while: keep them and try again
        sightings.put_back(taken)
        log.warning("staff_not_noted", count=len(taken), error=str(exc))
        return 0
    return len(taken)


async def keep_writing(
    sightings: StaffSightings,
    sessionmaker: Callable[[], async_sessionmaker[AsyncSession]],
    *,
    every: float = WRITE_EVERY_SECONDS,
) -> None:
    """Writes what was noted every ``every`` seconds until cancelled (the shutdown then writes the rest).
    ``sessionmaker`` is asked for each time (tests replace the database's)."""
    while True:
        await asyncio.sleep(every)
        await write(sightings, sessionmaker())
