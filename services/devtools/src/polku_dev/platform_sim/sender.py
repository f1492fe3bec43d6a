"""The simulator's sender: signs the national platform's events (CloudEvents 1.0, Standard Webhooks) and sends
them to a Polku service's ``POST /v1/platform/events``, as the platform would, and as it would fail.

- *Retries*: a delivery that is refused at the door (the receiver is down, times out, answers 5xx or 429) is
  sent again after a growing wait (:data:`RETRY_SCHEDULE`, about a day in all), signed anew each time (the
  timestamp is the attempt's); a 4xx other than 429 is final. ``sleep`` and ``clock`` are parameters, so a test
  runs an hour of simulated downtime in a moment.
- *Faults*, by delivery: a wrong signature (signed with a secret the receiver does not hold), a duplicate (the
  same event, same id, delivered again), events out of order (a batch sent in another order than it happened).

Every attempt and its answer are recorded (:class:`Tally`), so that a test counts what went where.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import httpx

from polku_kit.webhooks import new_secret, sign

SOURCE = "https://tyomarkkinatori.fi"
PATH = "/v1/platform/events"
USER_AGENT = "Polku-Platform-Simulator/1"
# Waits after failed attempt n, in seconds: 1 s, 5 s, 30 s, 2 min, 5 min, then every 10 min up to about a day.
RETRY_SCHEDULE = (1, 5, 30, 120, 300) + (600,) * 143
# Answers that mean "not now": the delivery is tried again.
RETRIED_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


class Fault(StrEnum):
    wrong_signature = "wrong_signature"
    duplicate = "duplicate"
    out_of_order = "out_of_order"


def platform_event(
    event_type: str,
    data: dict[str, Any],
    *,
    subject: str,
    at: datetime | None = None,
    event_id: str | None = None,
) -> dict[str, Any]:
    """One event as the platform sends it; ``at`` is when it happened on the platform."""
    return {
        "specversion": "1.0",
        "id": event_id or str(uuid.uuid4()),
        "source": SOURCE,
        "type": event_type,
        "subject": subject,
        "time": (at or datetime.now(UTC)).isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
        "data": data,
    }


@dataclass
class Tally:
    """What the sender did: attempts, and the receiver's answers by kind."""

    events: int = 0
    attempts: int = 0
    accepted: int = 0  # 2xx, first time
    duplicates: int = 0  # 2xx, the receiver had it already
    refused: int = 0  # a final 4xx (a wrong signature, a malformed event)
    retried: int = 0  # attempts that were tried again (down, 5xx, 429)
    gave_up: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    last: dict[str, int | None] = field(default_factory=dict)  # each event's last answer (None: unreachable)

    def line(self) -> str:
        return (
            f"events {self.events}, attempts {self.attempts}, accepted {self.accepted}, duplicates "
            f"{self.duplicates}, refused {self.refused}, retried {self.retried}, gave up {self.gave_up}"
        )


class Sender:
    """Sends to ``base_url`` (a service's address, or the gateway's with its ``/api/<service>`` prefix), signed
    with ``secret``; ``token`` is the platform's bearer token."""

    def __init__(
        self,
        base_url: str,
        secret: str,
        *,
        token: str | None = None,
        client: httpx.AsyncClient | None = None,
        timeout: float = 10.0,
        max_attempts: int = len(RETRY_SCHEDULE) + 1,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        jitter: bool = True,
    ):
        self.url = base_url.rstrip("/") + PATH
        self.secret = secret
        self.token = token
        self.client = client or httpx.AsyncClient(timeout=timeout, headers={"user-agent": USER_AGENT})
        self._own_client = client is None
        self.max_attempts = max_attempts
        self.sleep = sleep
        self.clock = clock
        self.jitter = jitter
        self.tally = Tally()
        self.wrong_secret = new_secret()

    async def aclose(self) -> None:
        if self._own_client:
            await self.client.aclose()

    def request(self, event: dict[str, Any], *, wrong_signature: bool = False) -> tuple[bytes, dict[str, str]]:
        """The body and headers of one attempt, signed now."""
        body = json.dumps(event, separators=(",", ":"))
        headers = sign(self.wrong_secret if wrong_signature else self.secret, str(event["id"]), body)
        headers["content-type"] = "application/json"
        if self.token is not None:
            headers["authorization"] = f"Bearer {self.token}"
        return body.encode(), headers

    async def attempt(self, event: dict[str, Any], *, wrong_signature: bool = False) -> int | None:
        """One attempt; the answer's status, or None when the receiver could not be reached."""
        body, headers = self.request(event, wrong_signature=wrong_signature)
        self.tally.attempts += 1
        try:
            response = await self.client.post(self.url, content=body, headers=headers)
        except httpx.TransportError:
            return None
        self.tally.statuses[response.status_code] = self.tally.statuses.get(response.status_code, 0) + 1
        if response.is_success:
            duplicate = bool(response.json().get("duplicate"))
            if duplicate:
                self.tally.duplicates += 1
            else:
                self.tally.accepted += 1
        return response.status_code

    async def deliver(self, event: dict[str, Any], *, wrong_signature: bool = False) -> int | None:
        """Send until the receiver takes it, refuses it for good, or the attempts run out; the last status."""
        self.tally.events += 1
        for number in range(1, self.max_attempts + 1):
            status = await self.attempt(event, wrong_signature=wrong_signature)
            self.tally.last[str(event["id"])] = status
            if status is not None and status not in RETRIED_STATUSES:
                if not 200 <= status < 300:
                    self.tally.refused += 1
                return status
            if number == self.max_attempts:
                break
            self.tally.retried += 1
            await self.sleep(self.delay(number))
        self.tally.gave_up += 1
        return None

    def delay(self, failed_attempt: int) -> float:
        nominal = RETRY_SCHEDULE[min(failed_attempt, len(RETRY_SCHEDULE)) - 1]
        return random.uniform(nominal / 2, nominal) if self.jitter else float(nominal)

    async def deliver_all(
        self,
        events: Sequence[dict[str, Any]],
        *,
        faults: Iterable[Fault] = (),
        duplicates: int = 3,
        concurrency: int = 1,
    ) -> Tally:
        """Deliver ``events`` in order (``concurrency`` at a time), with the faults asked for: every event
        ``duplicates`` times (``Fault.duplicate``), the batch reversed (``Fault.out_of_order``), and each event
        first with a wrong signature (``Fault.wrong_signature``), which the receiver must refuse."""
        chosen = set(faults)
        batch = list(reversed(events)) if Fault.out_of_order in chosen else list(events)
        times = duplicates if Fault.duplicate in chosen else 1
        slots = asyncio.Semaphore(concurrency)

        async def one(event: dict[str, Any]) -> None:
            async with slots:
                if Fault.wrong_signature in chosen:
                    await self.deliver(event, wrong_signature=True)
                for _ in range(times):
                    await self.deliver(event)

        if concurrency == 1:
            for event in batch:
                await one(event)
        else:
            await asyncio.gather(*(one(event) for event in batch))
        return self.tally


class SimulatedClock:
    """Simulated time for a sender's waits: ``sleep`` moves the clock on at once (and yields), so an hour of
    retries takes a moment; ``at(seconds, action)`` runs an action when the clock passes a time."""

    def __init__(self) -> None:
        self.now = 0.0
        self._pending: list[tuple[float, Callable[[], Awaitable[None]]]] = []

    def __call__(self) -> float:
        return self.now

    def at(self, seconds: float, action: Callable[[], Awaitable[None]]) -> None:
        self._pending.append((seconds, action))
        self._pending.sort(key=lambda item: item[0])

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        while self._pending and self._pending[0][0] <= self.now:
            _, action = self._pending.pop(0)
            await action()
        await asyncio.sleep(0)


__all__ = ["RETRY_SCHEDULE", "Fault", "Sender", "SimulatedClock", "Tally", "platform_event"]
