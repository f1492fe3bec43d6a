"""What the national platform simulator holds: the job postings it knows (P66 writes them, P67 reads them), the job
seekers it has registered, what it received (calls of P66/P67, deliveries of Polku's webhooks), and the failures it
was told to show.

Plain in-memory data, one copy per simulator process: the simulator is a development and test tool, never run in
production."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from typing import Any


def now() -> datetime:
    return datetime.now(UTC)


class UnknownFields(ValueError):
    """A control call named fields that the simulator does not know."""


def known_fields(kind: type, body: object) -> dict[str, Any]:
    """``body`` (a JSON object) as the keyword arguments of the dataclass ``kind``; :class:`UnknownFields` names
    any other key."""
    if not isinstance(body, dict):
        raise UnknownFields("give a JSON object")
    known = {f.name for f in fields(kind)}
    if unknown := sorted(set(body) - known):
        raise UnknownFields(f"unknown fields: {', '.join(unknown)}")
    return body


@dataclass
class Posting:
    """A job posting as the platform keeps it: its national id, the employer's business id, the body last written
    (P66's shape) and whether it is archived."""

    job_posting_id: str
    business_id: str
    body: dict[str, Any]
    archived: bool = False
    modified: datetime = field(default_factory=now)
    # Who made it: "import" (P66, another system such as Polku) or "platform" (made on the platform itself).
    origin: str = "platform"


@dataclass
class JobSeeker:
    """A job seeker registered on the platform: the national customer id, the identity code (the simulator holds it
    in the clear, as the national customer system does), the name and home municipality, and the job search's
    dates."""

    customer_id: str
    identity_code: str
    first_names: str = "Testi"
    last_name: str = "Henkilö"
    home_municipality: str = "398"
    job_search_started_on: date = field(default_factory=lambda: now().date())
    registered_at: datetime = field(default_factory=now)
    job_search_ended_at: datetime | None = None


@dataclass
class Received:
    """One call the simulator answered (or refused)."""

    method: str
    path: str
    status: int
    body: Any
    at: datetime = field(default_factory=now)
    message_id: str | None = None


@dataclass
class Failures:
    """Failures shown on the P66/P67 routes, as told through ``POST /control/failures``.

    ``down``: every call answers 503, as Kipa's gateway does when the backend is unreachable. ``slow_seconds``: every
    call waits that long first. ``throttle``: the next N calls answer 429 with ``Retry-After``. ``errors``: the next N
    calls answer 500. ``rate_limit_per_second``: more calls than that in one second answer 429 (off when None).
    ``down_after_calls``: the platform goes down after that many more calls (in the middle of a batch)."""

    down: bool = False
    slow_seconds: float = 0.0
    throttle: int = 0
    retry_after_seconds: int = 1
    errors: int = 0
    rate_limit_per_second: float | None = None
    down_after_calls: int | None = None


@dataclass
class Delivery:
    """One delivery of Polku's webhooks as the platform's receiving endpoint answered it (every attempt)."""

    event_id: str | None
    event_type: str | None
    subject: str | None
    status: int
    duplicate: bool = False
    thin: bool = False
    at: datetime = field(default_factory=now)


@dataclass
class ReceivingFailures:
    """Failures of the platform's receiving endpoint (``POST /webhooks/polku``), as told through
    ``POST /control/webhook-failures``.

    ``down``: every delivery answers 503 before it is read. ``slow_seconds``: every delivery waits that long first
    (past the sender's timeout, it is a delivery that never got its answer). ``throttle``: the next N answer 429
    with ``Retry-After``. ``errors``: the next N answer 500. ``lose_acknowledgements``: the next N deliveries are
    taken in, then answered 500, as when the answer is lost on its way back: the sender tries again, and the
    platform acknowledges the same event as a duplicate. ``late_seconds``: every delivery is taken in, then answered
    that much later (a sender that stops meanwhile sends it again)."""

    down: bool = False
    slow_seconds: float = 0.0
    throttle: int = 0
    retry_after_seconds: int = 1
    errors: int = 0
    lose_acknowledgements: int = 0
    late_seconds: float = 0.0


@dataclass
class PlatformState:
    api_key: str
    postings: dict[str, Posting] = field(default_factory=dict)
    job_seekers: dict[str, JobSeeker] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    failures: Failures = field(default_factory=Failures)
    # Polku's webhooks: the secrets of the subscriptions that deliver here, every delivery, and each event taken in
    # once (by its id, in the order taken in).
    webhook_secrets: list[str] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    receiving_failures: ReceivingFailures = field(default_factory=ReceivingFailures)
    _calls: list[float] = field(default_factory=list)

    def reset(self) -> None:
        self.postings.clear()
        self.job_seekers.clear()
        self.received.clear()
        self.failures = Failures()
        self._calls.clear()
        self.webhook_secrets.clear()
        self.deliveries.clear()
        self.events.clear()
        self.receiving_failures = ReceivingFailures()

    def over_rate_limit(self) -> bool:
        """Whether this call goes past ``rate_limit_per_second`` (a sliding window of one second)."""
        limit = self.failures.rate_limit_per_second
        moment = time.monotonic()
        self._calls = [at for at in self._calls if moment - at < 1.0]
        self._calls.append(moment)
        return limit is not None and len(self._calls) > limit

    def add_posting(self, business_id: str, body: dict[str, Any], *, origin: str = "platform") -> Posting:
        posting = Posting(job_posting_id=str(uuid.uuid4()), business_id=business_id, body=body, origin=origin)
        self.postings[posting.job_posting_id] = posting
        return posting

    def add_job_seeker(self, identity_code: str, **details: Any) -> JobSeeker:
        seeker = JobSeeker(customer_id=str(uuid.uuid4()), identity_code=identity_code, **details)
        self.job_seekers[seeker.customer_id] = seeker
        return seeker
