"""The contract suite: what the national platform may rely on, checked against any Polku deployment from outside,
through its public address, as the platform would call it.

    uv run python -m polku_dev.contract --base-url https://polku.example.fi \\
        --client-id national-platform --client-secret ... --webhook-secret whsec_...

It checks, for each receiving service (clients-api, employer-api):

- every inbound event type is accepted once (``202``, ``duplicate: false``) and a second delivery of the same
  event id is acknowledged as a duplicate (``duplicate: true``);
- a delivery with a wrong signature, without the signature headers, with a stale timestamp (ten minutes old) or
  without the platform's token is refused with a problem document (``application/problem+json``), and nothing is
  kept: the same event, signed properly afterwards, is taken as new;
- a body that is not JSON, a body that is not a CloudEvent and a known type with invalid data are refused with a
  problem document (the last with field errors);

and for the outbound side (:mod:`polku_dev.contract_outbound`): it starts a receiver (``--listen``, reachable from
the deployment at ``--receiver-url``), subscribes it at clients-api and employer-api to the types the platform
follows, makes each event happen (the platform's own events; a coach's with ``--coach-token``), and checks each
type's delivery: the Standard Webhooks signature verifies with the subscription's secret, the body is a CloudEvents
1.0 envelope of the documented subject and data without personal details; and, where the deployment offers thin
payloads, the thin delivery and the audited ``GET /v1/webhook-events/{event_id}`` that returns the same event.
What the deployment does not offer, or no token was given to make, is reported as skipped.

The suite writes what it does into the deployment: a fictitious job seeker (a valid identity code of someone
born 1.1.1900, never a real person's in use) with an interview, a plan, a statement to Kela and a job offer, a
vacancy with a national id ``CONTRACT-…`` that it removes again, and subscriptions that it deletes at the end. Run
it against a test or staging installation.

Exit code 0 when every check passed (or was skipped), 1 when one failed, 2 when the suite could not start (no
token, no receiver).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

import httpx

from polku_dev.contract_outbound import Outbound, Receiver
from polku_kit.webhooks import new_secret, sign

SOURCE = "https://tyomarkkinatori.fi"
PROBLEM = "application/problem+json"
REGISTERED = "fi.tyomarkkinatori.jobseeker.registered.v1"
SEARCH_ENDED = "fi.tyomarkkinatori.jobseeker.search_ended.v1"
PROFILE_PUBLISHED = "fi.tyomarkkinatori.jobseeker.profile_published.v1"
STATEMENT_REQUESTED = "fi.tyomarkkinatori.statement.requested.v1"
VACANCY_PUBLISHED = "fi.tyomarkkinatori.vacancy.published.v1"
VACANCY_CHANGED = "fi.tyomarkkinatori.vacancy.changed.v1"
VACANCY_REMOVED = "fi.tyomarkkinatori.vacancy.removed.v1"
_CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


class Outcome(StrEnum):
    passed = "pass"
    failed = "FAIL"
    skipped = "skip"


@dataclass
class Check:
    name: str
    outcome: Outcome
    detail: str = ""


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)
    out: Callable[[str], None] = print

    def add(self, name: str, ok: bool, detail: str = "") -> bool:
        check = Check(name, Outcome.passed if ok else Outcome.failed, detail)
        self.checks.append(check)
        self.out(f"[{check.outcome.value:>4}] {name}" + (f": {detail}" if detail and not ok else ""))
        return ok

    def skip(self, name: str, reason: str) -> None:
        self.checks.append(Check(name, Outcome.skipped, reason))
        self.out(f"[skip] {name}: {reason}")

    def count(self, outcome: Outcome) -> int:
        return sum(1 for check in self.checks if check.outcome == outcome)

    @property
    def failed(self) -> list[Check]:
        return [check for check in self.checks if check.outcome == Outcome.failed]

    def summary(self) -> str:
        return (
            f"{len(self.checks)} checks: {self.count(Outcome.passed)} passed, {self.count(Outcome.failed)} failed, "
            f"{self.count(Outcome.skipped)} skipped"
        )


@dataclass(frozen=True)
class Target:
    """The deployment under test and the platform's credentials for it."""

    base_url: str
    token_url: str
    client_id: str
    client_secret: str
    webhook_secret: str
    subscriptions_token: str | None = None
    coach_token: str | None = None
    listen: tuple[str, int] = ("127.0.0.1", 0)
    receiver_url: str | None = None
    timeout: float = 60.0
    services: tuple[str, ...] = ("clients", "employer")


def fictitious_identity_code() -> str:
    """A valid personal identity code of someone born on 1.1.1900 (century sign ``-``), individual number
    002–899: checksum-valid, so the service takes it, and of nobody who is looking for work today."""
    individual = random.randint(2, 899)
    return f"010100-{individual:03d}{_CHECK_CHARACTERS[int(f'010100{individual:03d}') % 31]}"


def cloud_event(event_type: str, data: dict[str, Any], *, subject: str, event_id: str | None = None) -> dict[str, Any]:
    return {
        "specversion": "1.0",
        "id": event_id or str(uuid.uuid4()),
        "source": SOURCE,
        "type": event_type,
        "subject": subject,
        "time": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
        "data": data,
    }


def job_seeker_events(code: str, today: date) -> list[dict[str, Any]]:
    """One of each job-seeker type for one person, in the order they would happen."""
    subject = f"job-seekers/contract-{uuid.uuid4()}"
    return [
        cloud_event(
            REGISTERED,
            {
                "personal_identity_code": code,
                "first_names": "Sopimus",
                "last_name": "Testihenkilö",
                "home_municipality": "398",
                "registered_on": (today - timedelta(days=7)).isoformat(),
            },
            subject=subject,
        ),
        cloud_event(
            PROFILE_PUBLISHED,
            {"personal_identity_code": code, "published_on": (today - timedelta(days=6)).isoformat()},
            subject=subject,
        ),
        cloud_event(
            STATEMENT_REQUESTED,
            {
                "personal_identity_code": code,
                "request_id": f"CONTRACT-{uuid.uuid4()}",
                "requested_on": (today - timedelta(days=1)).isoformat(),
                "requester": "Kela",
            },
            subject=subject,
        ),
        cloud_event(
            SEARCH_ENDED,
            {"personal_identity_code": code, "ended_on": today.isoformat(), "reason": "employed"},
            subject=subject,
        ),
    ]


def vacancy_events(today: date) -> list[dict[str, Any]]:
    national_id = f"CONTRACT-{uuid.uuid4().hex[:12]}"
    posting = {
        "national_id": national_id,
        "employer_business_id": "0112038-9",
        "employer_name": "Sopimustesti Oy",
        "title_fi": "Hitsaaja",
        "description": "Sopimustestin ilmoitus",
        "occupation_code": "7212",
        "municipality": "398",
        "working_time": "full_time",
        "employment_type": "permanent",
        "application_deadline": (today + timedelta(days=30)).isoformat(),
    }
    subject = f"vacancies/{national_id}"
    return [
        cloud_event(VACANCY_PUBLISHED, posting, subject=subject),
        cloud_event(VACANCY_CHANGED, posting | {"title_fi": "Hitsaaja (MIG/MAG)"}, subject=subject),
        cloud_event(VACANCY_REMOVED, {"national_id": national_id}, subject=subject),
    ]


# --- the suite -------------------------------------------------------------------------------------------------


class Suite:
    def __init__(self, target: Target, http: httpx.Client, report: Report) -> None:
        self.target = target
        self.http = http
        self.report = report
        self.token = ""

    @property
    def subscriptions_token(self) -> str:
        return self.target.subscriptions_token or self.token

    def url(self, service: str, path: str) -> str:
        return f"{self.target.base_url.rstrip('/')}/api/{service}{path}"

    def fetch_token(self) -> str:
        response = self.http.post(
            self.target.token_url,
            data={"grant_type": "client_credentials"},
            auth=(self.target.client_id, self.target.client_secret),
        )
        response.raise_for_status()
        return str(response.json()["access_token"])

    def deliver(
        self,
        service: str,
        event: dict[str, Any] | None = None,
        *,
        body: bytes | None = None,
        event_id: str | None = None,
        secret: str | None = None,
        at: datetime | None = None,
        signed: bool = True,
        token: bool = True,
    ) -> httpx.Response:
        text = body.decode() if body is not None else json.dumps(event)
        msg_id = event_id or (event["id"] if event is not None else str(uuid.uuid4()))
        headers = sign(secret or self.target.webhook_secret, msg_id, text, at) if signed else {}
        headers["content-type"] = "application/json"
        if token:
            headers["authorization"] = f"Bearer {self.token}"
        return self.http.post(self.url(service, "/v1/platform/events"), content=text.encode(), headers=headers)

    def problem(self, name: str, response: httpx.Response, statuses: Sequence[int]) -> bool:
        """``response`` is a problem document with one of ``statuses``."""
        ok = response.status_code in statuses and response.headers.get("content-type", "").startswith(PROBLEM)
        detail = f"HTTP {response.status_code} {response.headers.get('content-type')}: {response.text[:300]}"
        if ok:
            document = response.json()
            ok = document.get("status") == response.status_code and bool(document.get("type")) and "title" in document
        return self.report.add(name, ok, detail)

    def accepted(self, name: str, response: httpx.Response, *, duplicate: bool) -> bool:
        ok = response.status_code == 202
        if ok:
            answer = response.json()
            ok = answer.get("duplicate") is duplicate
        return self.report.add(name, ok, f"HTTP {response.status_code}: {response.text[:300]}")

    # --- inbound ----------------------------------------------------------------------------------------------

    def inbound_types(self, service: str, events: list[dict[str, Any]]) -> None:
        for event in events:
            self.accepted(f"{service}: {event['type']} accepted", self.deliver(service, event), duplicate=False)
            self.accepted(
                f"{service}: {event['type']} delivered again is a duplicate",
                self.deliver(service, event),
                duplicate=True,
            )

    def refusals(self, service: str, event: dict[str, Any], invalid: dict[str, Any]) -> None:
        """Each refused delivery carries ``event``'s id; afterwards the event, signed properly, must be new."""
        self.problem(
            f"{service}: a wrong signature is refused", self.deliver(service, event, secret=new_secret()), [401]
        )
        self.problem(
            f"{service}: a delivery without signature is refused",
            self.deliver(service, event, signed=False),
            [400, 401],
        )
        stale = datetime.now(UTC) - timedelta(minutes=10)
        self.problem(f"{service}: a stale timestamp is refused", self.deliver(service, event, at=stale), [401])
        self.problem(
            f"{service}: a delivery without a token is refused", self.deliver(service, event, token=False), [401]
        )
        self.problem(
            f"{service}: a body that is not JSON is refused",
            self.deliver(service, body=b'{"specversion": "1.0", ', event_id=event["id"]),
            [400],
        )
        not_cloud_event = {key: value for key, value in event.items() if key not in ("type", "specversion")}
        self.problem(
            f"{service}: a body that is not a CloudEvent is refused",
            self.deliver(service, body=json.dumps(not_cloud_event).encode(), event_id=event["id"]),
            [400],
        )
        response = self.deliver(service, invalid)
        if self.problem(f"{service}: {invalid['type']} with invalid data is refused", response, [422]):
            errors = response.json().get("errors") or []
            self.report.add(
                f"{service}: the invalid data's problem names the fields",
                bool(errors) and all(str(error.get("field", "")).startswith("body.data") for error in errors),
                json.dumps(errors)[:300],
            )
        self.accepted(
            f"{service}: a refused delivery kept nothing (the same event signed properly is new)",
            self.deliver(service, event),
            duplicate=False,
        )
        self.accepted(
            f"{service}: a refused invalid event kept nothing",
            self.deliver(service, invalid | {"data": event["data"], "type": event["type"]}),
            duplicate=False,
        )

    # --- all of it --------------------------------------------------------------------------------------------

    def run(self) -> int:
        try:
            self.token = self.fetch_token()
        except (httpx.HTTPError, KeyError, ValueError) as error:
            self.report.out(f"cannot get the platform's token from {self.target.token_url}: {error}")
            return 2
        today = datetime.now(UTC).date()
        code = fictitious_identity_code()
        try:
            receiver = Receiver(*self.target.listen)
        except OSError as error:
            self.report.out(f"cannot start the receiver on {self.target.listen}: {error}")
            return 2
        with receiver:
            if "clients" in self.target.services:
                # The person's inbound events go with the outbound checks, which need what they cause.
                outbound = Outbound(self, receiver, self.target.receiver_url or receiver.url)
                outbound.run(self.target.services, code, vacancy_events(today))
                event = job_seeker_events(fictitious_identity_code(), today)[0]
                invalid = job_seeker_events("010100-000X", today)[0]
                self.refusals("clients", event, invalid)
            if "employer" in self.target.services:
                events = vacancy_events(today)
                self.inbound_types("employer", events)
                fresh = vacancy_events(today)
                invalid = fresh[0] | {"id": str(uuid.uuid4()), "data": fresh[0]["data"] | {"employer_business_id": "x"}}
                self.refusals("employer", fresh[0], invalid)
                self.deliver("employer", fresh[2])  # the vacancy made by the last check is removed again
        self.report.out(self.report.summary())
        return 1 if self.report.failed else 0


@contextmanager
def _client(verify: bool) -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30.0, verify=verify, headers={"user-agent": "Polku-Contract-Suite/1"}) as client:
        yield client


def parse_args(argv: Sequence[str] | None = None) -> tuple[Target, bool]:
    parser = argparse.ArgumentParser(
        prog="python -m polku_dev.contract",
        description="Check a Polku deployment against the national platform's contract (docs/integration.md).",
    )
    parser.add_argument(
        "--base-url", required=True, help="the deployment's public address, e.g. https://polku.example.fi"
    )
    parser.add_argument("--token-url", help="the OIDC token endpoint (default: BASE_URL/auth/token)")
    parser.add_argument("--client-id", required=True, help="the platform's machine client (role platform)")
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--webhook-secret", required=True, help="a secret in POLKU_PLATFORM_WEBHOOK_SECRETS (whsec_…)")
    parser.add_argument(
        "--subscriptions-token",
        help="a bearer token that may manage clients-api's webhook subscriptions (default: the platform's token)",
    )
    parser.add_argument(
        "--coach-token",
        help="a coach's bearer token: the interview, plan, statement and job offer events are made with it",
    )
    parser.add_argument("--listen", default="127.0.0.1:0", help="the receiver's address (HOST:PORT; 0 picks a port)")
    parser.add_argument(
        "--receiver-url", help="the receiver's address as the deployment reaches it (default: --listen)"
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for an outbound delivery")
    parser.add_argument("--services", default="clients,employer", help="the receiving services to check")
    parser.add_argument("--insecure", action="store_true", help="do not verify the deployment's TLS certificate")
    args = parser.parse_args(argv)
    host, _, port = args.listen.rpartition(":")
    target = Target(
        base_url=args.base_url,
        token_url=args.token_url or args.base_url.rstrip("/") + "/auth/token",
        client_id=args.client_id,
        client_secret=args.client_secret,
        webhook_secret=args.webhook_secret,
        subscriptions_token=args.subscriptions_token,
        coach_token=args.coach_token,
        listen=(host or "127.0.0.1", int(port or 0)),
        receiver_url=args.receiver_url,
        timeout=args.timeout,
        services=tuple(name.strip() for name in args.services.split(",") if name.strip()),
    )
    return target, args.insecure


def main(argv: Sequence[str] | None = None, out: Callable[[str], None] = print) -> int:
    target, insecure = parse_args(argv)
    out(f"Polku contract suite against {target.base_url}")
    with _client(not insecure) as http:
        return Suite(target, http, Report(out=out)).run()


if __name__ == "__main__":
    sys.exit(main())
