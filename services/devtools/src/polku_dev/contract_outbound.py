"""The contract suite's outbound half (:mod:`polku_dev.contract`): the events the national platform subscribes to,
as a deployment delivers them to the platform's receiver.

The suite subscribes its loopback receiver twice at each producing service, once for full payloads and once for
thin ones (where the deployment offers them), to the types the platform follows (docs/integration.md, "Outbound
events and thin payloads"), then makes each event happen through the deployment's own routes:

| event | made by |
|---|---|
| ``fi.polku.client.registered.v1`` | the platform's registration of a fictitious job seeker |
| ``fi.polku.client.interview_held.v1`` | a coach recording an interview with that client (``--coach-token``) |
| ``fi.polku.client.plan_version_created.v1`` | the coach saving the client's employment plan |
| ``fi.polku.statement.issued.v1`` | the coach drafting, hearing and issuing a statement to Kela |
| ``fi.polku.client.job_search_period.ended.v1`` | the platform's ``jobseeker.search_ended`` of that person |
| ``fi.polku.job_offer.sent.v1`` | the coach offering the suite's vacancy (published by the platform) to the client |
| ``fi.polku.job_offer.outcome.v1`` | the coach recording that the client applied |

For each type it checks the full delivery (the Standard Webhooks signature verifies with its subscription's
secret; a CloudEvents 1.0 envelope of that type and subject, whose data carries no name or identity code) and the
thin one (signed too; no data; a ``dataref`` to the producing service's ``/v1/webhook-events/{id}``, which answers
the platform's token with the same event and data as the full delivery, and refuses a caller without a token).
Without a coach's token the types a coach makes are reported as skipped.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

if TYPE_CHECKING:
    from polku_dev.contract import Suite

CLIENT_REGISTERED = "fi.polku.client.registered.v1"
INTERVIEW_HELD = "fi.polku.client.interview_held.v1"
PLAN_SAVED = "fi.polku.client.plan_version_created.v1"
STATEMENT_ISSUED = "fi.polku.statement.issued.v1"
PERIOD_ENDED = "fi.polku.client.job_search_period.ended.v1"
OFFER_SENT = "fi.polku.job_offer.sent.v1"
OFFER_OUTCOME = "fi.polku.job_offer.outcome.v1"
# The types the platform follows, by producing service, with the start of each one's subject.
FOLLOWED: dict[str, dict[str, str]] = {
    "clients": {
        CLIENT_REGISTERED: "clients/",
        INTERVIEW_HELD: "clients/",
        PLAN_SAVED: "clients/",
        STATEMENT_ISSUED: "statements/",
        PERIOD_ENDED: "clients/",
    },
    "employer": {OFFER_SENT: "job-offers/", OFFER_OUTCOME: "job-offers/"},
}
# What no event the platform follows may carry (docs/contract.md: no name, no identity code, no free text).
PERSONAL = ("personal_identity_code", "identity_code", "first_names", "last_name", "name", "notes", "description")


@dataclass(frozen=True)
class Delivery:
    headers: dict[str, str]
    body: bytes


class Receiver:
    """An HTTP server on its own thread that answers 204 to every POST and keeps what came."""

    def __init__(self, host: str, port: int) -> None:
        self.deliveries: queue.Queue[Delivery] = queue.Queue()
        deliveries = self.deliveries

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                deliveries.put(Delivery({key.lower(): value for key, value in self.headers.items()}, body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def wait(self, accept: Callable[[Delivery], bool], timeout: float) -> Delivery | None:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                delivery = self.deliveries.get(timeout=min(left, 1.0))
            except queue.Empty:
                continue
            if accept(delivery):
                return delivery
        return None


def cloud_event_problems(event: object, webhook_id: str | None) -> list[str]:
    """What keeps ``event`` from being a CloudEvents 1.0 structured-mode envelope as Polku sends it."""
    if not isinstance(event, dict):
        return ["not a JSON object"]
    problems = []
    if event.get("specversion") != "1.0":
        problems.append(f"specversion {event.get('specversion')!r}")
    for name in ("id", "source", "type"):
        if not isinstance(event.get(name), str) or not event[name]:
            problems.append(f"no {name}")
    if webhook_id is not None and event.get("id") != webhook_id:
        problems.append("webhook-id is not the event's id")
    try:
        datetime.fromisoformat(str(event.get("time")).replace("Z", "+00:00"))
    except ValueError:
        problems.append(f"time {event.get('time')!r} is not ISO 8601")
    return problems


def verifies(secret: str, delivery: Delivery) -> bool:
    try:
        Webhook(secret).verify(delivery.body.decode(), delivery.headers)
    except (WebhookVerificationError, ValueError):
        return False
    return True


@dataclass
class Subscription:
    service: str
    id: str
    secret: str
    version: int
    thin: bool


@dataclass
class Collected:
    """The deliveries that came, the first of each (subscription, type), verified with that subscription's secret."""

    subscriptions: list[Subscription]
    first: dict[tuple[str, str], tuple[Delivery, dict[str, Any]]] = field(default_factory=dict)

    def take(self, delivery: Delivery) -> None:
        for subscription in self.subscriptions:
            if verifies(subscription.secret, delivery):
                try:
                    event = json.loads(delivery.body)
                except ValueError:
                    event = {"type": "(not JSON)"}
                key = (subscription.id, str(event.get("type")))
                self.first.setdefault(key, (delivery, event))

    def has(self, event_type: str) -> bool:
        wanted = [s for s in self.subscriptions if event_type in FOLLOWED[s.service]]
        return all((s.id, event_type) in self.first for s in wanted)


class Outbound:
    """The outbound checks, run by :class:`~polku_dev.contract.Suite` with its receiver."""

    def __init__(self, suite: Suite, receiver: Receiver, receiver_url: str) -> None:
        self.suite = suite
        self.report = suite.report
        self.http = suite.http
        self.receiver = receiver
        self.receiver_url = receiver_url
        self.subscriptions: list[Subscription] = []
        self.collected = Collected(self.subscriptions)

    # --- subscriptions ------------------------------------------------------------------------------------

    def manage(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.suite.subscriptions_token}"}

    def subscribe(self, service: str) -> bool:
        """A full and a thin subscription at ``service``; whether the full one was made."""
        for payload in ("full", "thin"):
            body: dict[str, Any] = {
                "url": self.receiver_url,
                "event_types": sorted(FOLLOWED[service]),
                "description": f"Polku contract suite, {payload} payloads (removed at its end)",
            }
            if payload == "thin":
                body["payload"] = "thin"
            response = self.http.post(
                self.suite.url(service, "/v1/webhook-subscriptions"), json=body, headers=self.manage()
            )
            if response.status_code == 201:
                made = response.json()
                self.subscriptions.append(
                    Subscription(service, made["id"], made["secret"], made["version"], thin=payload == "thin")
                )
            elif payload == "thin" and response.status_code == 422:
                self.report.skip(f"{service}: thin payloads", "this deployment offers no thin payloads (422)")
            else:
                self.report.add(f"{service}: a {payload} subscription is made", False, response.text[:300])
                if payload == "full":
                    return False
        self.report.add(f"{service}: the platform's subscriptions are made", True)
        return True

    def unsubscribe(self) -> None:
        for subscription in self.subscriptions:
            self.http.delete(
                self.suite.url(subscription.service, f"/v1/webhook-subscriptions/{subscription.id}"),
                headers=self.manage() | {"if-match": f'"{subscription.version}"'},
            )

    def wait_for(self, event_type: str) -> bool:
        """Whether every subscription that follows ``event_type`` got a delivery of it in time."""
        if self.collected.has(event_type):
            return True

        def arrived(delivery: Delivery) -> bool:
            self.collected.take(delivery)
            return self.collected.has(event_type)

        return self.receiver.wait(arrived, self.suite.target.timeout) is not None

    # --- the checks of one type ---------------------------------------------------------------------------

    def check(self, service: str, event_type: str) -> dict[str, Any] | None:
        """The full and thin deliveries of ``event_type``; the full event's data."""
        name = f"{service}: {event_type}"
        self.wait_for(event_type)
        full = next(s for s in self.subscriptions if s.service == service and not s.thin)
        found = self.collected.first.get((full.id, event_type))
        self.report.add(f"{name}: delivered, signed with the subscription's secret", found is not None, "none came")
        if found is None:
            return None
        delivery, event = found
        problems = cloud_event_problems(event, delivery.headers.get("webhook-id"))
        self.report.add(f"{name}: the body is a CloudEvents 1.0 envelope", not problems, "; ".join(problems))
        data = event.get("data")
        subject = str(event.get("subject", ""))
        personal = sorted(set(data) & set(PERSONAL)) if isinstance(data, dict) else []
        self.report.add(
            f"{name}: its subject and data are the documented shape, without personal details",
            subject.startswith(FOLLOWED[service][event_type])
            and isinstance(data, dict)
            and bool(data)
            and not personal,
            f"subject {subject!r}, data keys {sorted(data) if isinstance(data, dict) else data!r}",
        )
        thin = next((s for s in self.subscriptions if s.service == service and s.thin), None)
        if thin is not None:
            self.check_thin(service, event_type, thin, event)
        return data if isinstance(data, dict) else None

    def check_thin(self, service: str, event_type: str, thin: Subscription, full: dict[str, Any]) -> None:
        name = f"{service}: {event_type} (thin)"
        found = self.collected.first.get((thin.id, event_type))
        self.report.add(f"{name}: delivered, signed with the subscription's secret", found is not None, "none came")
        if found is None:
            return
        delivery, event = found
        problems = cloud_event_problems(event, delivery.headers.get("webhook-id"))
        path = f"/v1/webhook-events/{event.get('id')}"
        self.report.add(
            f"{name}: no data, a dataref to the producing service",
            not problems
            and "data" not in event
            and event.get("id") == full.get("id")
            and str(event.get("dataref", "")).endswith(f"/api/{service}{path}"),
            "; ".join(problems) or json.dumps(event)[:300],
        )
        fetched = self.http.get(self.suite.url(service, path), headers={"authorization": f"Bearer {self.suite.token}"})
        body = fetched.json() if fetched.status_code == 200 else {}
        self.report.add(
            f"{name}: the event is fetched with the platform's token, the same as the full delivery",
            fetched.status_code == 200
            and body.get("id") == full.get("id")
            and body.get("type") == event_type
            and body.get("data") == full.get("data"),
            f"HTTP {fetched.status_code}: {fetched.text[:300]}",
        )
        stranger = self.http.get(self.suite.url(service, path))
        self.suite.problem(f"{name}: the fetch is refused without a token", stranger, [401])

    # --- making the events happen -------------------------------------------------------------------------

    def as_staff(self, token: str | None) -> dict[str, str]:
        return {"authorization": f"Bearer {token}"}

    def coach_actions(self, client_id: str, today: date) -> list[str]:
        """The coach's interview, plan and statement for the client; the types they should cause."""
        coach = self.suite.target.coach_token
        made: list[str] = []
        if coach is None:
            for event_type in (INTERVIEW_HELD, PLAN_SAVED, STATEMENT_ISSUED):
                self.report.skip(f"clients: {event_type}", "no --coach-token to make it with")
            return made
        headers = self.as_staff(coach)
        base = f"/v1/clients/{client_id}"
        interview = self.http.post(
            self.suite.url("clients", f"{base}/interviews"),
            json={"held_on": today.isoformat(), "channel": "phone"},
            headers=headers,
        )
        if self.report.add(
            "clients: the coach records an interview", interview.status_code == 201, interview.text[:300]
        ):
            made.append(INTERVIEW_HELD)
        current = self.http.get(self.suite.url("clients", f"{base}/plan"), headers=headers)
        etag = {"if-match": current.headers["etag"]} if current.status_code == 200 and "etag" in current.headers else {}
        plan = self.http.put(
            self.suite.url("clients", f"{base}/plan"),
            json={
                "goals": ["Työpaikka hitsaajana puolen vuoden sisällä"],
                "applications_per_period": 4,
                "period_months": 1,
                "next_review_on": (today + timedelta(days=60)).isoformat(),
            },
            headers=headers | etag,
        )
        if self.report.add("clients: the coach saves the plan", plan.status_code in (200, 201), plan.text[:300]):
            made.append(PLAN_SAVED)
        if self.statement(base, headers, today):
            made.append(STATEMENT_ISSUED)
        return made

    def statement(self, base: str, headers: dict[str, str], today: date) -> bool:
        drafted = self.http.post(
            self.suite.url("clients", f"{base}/statements"),
            json={
                "neglect_kind": "missed_interview",
                "neglected_on": (today - timedelta(days=2)).isoformat(),
                "description": "Ei saapunut sovittuun työnhakukeskusteluun (sopimustesti)",
            },
            headers=headers,
        )
        if not self.report.add("clients: the coach drafts a statement", drafted.status_code == 201, drafted.text[:300]):
            return False
        path = f"{base}/statements/{drafted.json()['id']}"
        heard = self.http.post(
            self.suite.url("clients", f"{path}/hearing"),
            json={
                "client_account": "Olin sairaana (sopimustesti)",
                "heard_on": (today - timedelta(days=1)).isoformat(),
            },
            headers=headers | {"if-match": drafted.headers.get("etag", "")},
        )
        if not self.report.add("clients: the client's account is recorded", heard.status_code == 200, heard.text[:300]):
            return False
        issued = self.http.post(
            self.suite.url("clients", f"{path}/issue"),
            json={"recipient": "kela", "issued_on": today.isoformat()},
            headers=headers | {"if-match": heard.headers.get("etag", "")},
        )
        return self.report.add("clients: the coach issues the statement", issued.status_code == 200, issued.text[:300])

    def offer(self, client_id: str, national_id: str, today: date) -> list[str]:
        """The coach offers the suite's vacancy to the client, who applies."""
        coach = self.suite.target.coach_token
        if coach is None:
            for event_type in (OFFER_SENT, OFFER_OUTCOME):
                self.report.skip(f"employer: {event_type}", "no --coach-token to make it with")
            return []
        headers = self.as_staff(coach)
        vacancy = self.find_vacancy(national_id, headers)
        if not self.report.add("employer: the suite's vacancy is found", vacancy is not None, national_id):
            return []
        sent = self.http.post(
            self.suite.url("employer", "/v1/job-offers"),
            json={"vacancy_id": vacancy, "client_id": client_id, "respond_by": (today + timedelta(days=7)).isoformat()},
            headers=headers,
        )
        if not self.report.add("employer: the coach offers the vacancy", sent.status_code == 201, sent.text[:300]):
            return []
        outcome = self.http.post(
            self.suite.url("employer", f"/v1/job-offers/{sent.json()['id']}/outcome"),
            json={"outcome": "applied"},
            headers=headers | {"if-match": '"v1"'},  # a new offer is at its first version
        )
        recorded = self.report.add(
            "employer: the coach records the outcome", outcome.status_code == 200, outcome.text[:300]
        )
        return [OFFER_SENT, OFFER_OUTCOME] if recorded else [OFFER_SENT]

    def find_vacancy(self, national_id: str, headers: dict[str, str]) -> str | None:
        """The vacancy imported from the platform's posting ``national_id``, once the service has handled it."""
        deadline = time.monotonic() + self.suite.target.timeout
        while time.monotonic() < deadline:
            cursor: str | None = None
            for _ in range(50):
                params = {"status": "published", "municipality": "398", "occupation": "7212", "limit": "100"}
                if cursor:
                    params["cursor"] = cursor
                page = self.http.get(self.suite.url("employer", "/v1/vacancies"), params=params, headers=headers)
                if page.status_code != 200:
                    return None
                for item in page.json()["items"]:
                    if item.get("external_id") == national_id:
                        return str(item["id"])
                cursor = page.json().get("next_cursor")
                if not cursor:
                    break
            time.sleep(0.5)
        return None

    # --- all of it ----------------------------------------------------------------------------------------

    def run(self, services: Sequence[str], code: str, vacancy: Sequence[dict[str, Any]]) -> None:
        """``code``: the fictitious job seeker's identity code; ``vacancy``: the suite's vacancy's published and
        removed events (sent by the platform here)."""
        from polku_dev.contract import job_seeker_events

        today = datetime.now(UTC).date()
        person = job_seeker_events(code, today)
        try:
            subscribed = self.subscribe("clients")
            employer = subscribed and "employer" in services and self.subscribe("employer")
            self.suite.inbound_types("clients", person[:1])  # registered
            registered = self.check("clients", CLIENT_REGISTERED) if subscribed else None
            client_id = str((registered or {}).get("client_id", ""))
            if client_id:
                for event_type in self.coach_actions(client_id, today):
                    self.check("clients", event_type)
            if employer and client_id:
                self.suite.inbound_types("employer", list(vacancy[:1]))  # published
                for event_type in self.offer(client_id, vacancy[0]["data"]["national_id"], today):
                    self.check("employer", event_type)
                self.suite.deliver("employer", vacancy[-1])  # removed again
            # The rest of the person's events, the job search ended last.
            self.suite.inbound_types("clients", person[1:])
            if client_id:
                self.check("clients", PERIOD_ENDED)
        finally:
            self.unsubscribe()
