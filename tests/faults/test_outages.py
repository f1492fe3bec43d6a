"""Faults under load: PostgreSQL stopped while coaches send referrals, and referrals-api killed during a
burst of POSTs with ``Idempotency-Key``. The issuer, clients-api and referrals-api run as real processes with
the demo data; the real ``referrals-api dispatch`` delivers the referral events to a partner's receiver."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.faults.harness import FaultStack, Receiver, Tally, new_stack, report, subscribe, token, wait_until
from tests.support import consent_body, referral_body, registration_body

pytestmark = [pytest.mark.faults, pytest.mark.faults_long]

SENT = "fi.polku.referral.sent.v1"
OUTAGE_SECONDS = 20


@pytest.fixture(scope="module")
def fault_stack() -> Iterator[FaultStack]:
    var_dir = Path(tempfile.mkdtemp(prefix="polku-faults-"))
    running = new_stack(var_dir, names=("clients", "referrals"), seed=True)
    running.start()
    try:
        yield running
    finally:
        running.stop()
        shutil.rmtree(var_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def coach(fault_stack: FaultStack) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(fault_stack, 'coach')}"}


def consenting_client(fault_stack: FaultStack, coach: dict[str, str]) -> str:
    """A new client of the coach's, who consents to share contact details with the wellbeing county."""
    clients = fault_stack.url("clients")
    registered = httpx.post(
        f"{clients}/v1/clients",
        headers=coach,
        timeout=10,
        json=registration_body("Vikasietoinen"),
    )
    assert registered.status_code == 201, registered.text
    client_id = str(registered.json()["id"])
    consent = httpx.post(
        f"{clients}/v1/clients/{client_id}/consents",
        headers=coach,
        timeout=10,
        json=consent_body(["contact_details"]),
    )
    assert consent.status_code == 201, consent.text
    return client_id


def draft_body(client_id: str) -> dict[str, object]:
    return referral_body(client_id, "Työkyvyn arviointi ennen suunnitelmaa")


def committed(fault_stack: FaultStack, client_id: str) -> tuple[dict[str, str], Counter[str], Counter[str]]:
    """What the database holds for the client's referrals: status by referral id, and per referral the
    transitions to ``requested`` and the ``sent`` events in the outbox."""
    referrals = {
        row["id"]: row["status"]
        for row in fault_stack.query(
            "referrals", "SELECT id::text, status FROM referral WHERE client_id = $1", uuid.UUID(client_id)
        )
    }
    transitions = Counter(
        row["referral_id"]
        for row in fault_stack.query(
            "referrals",
            "SELECT t.referral_id::text FROM referral_transition t JOIN referral r ON r.id = t.referral_id "
            "WHERE r.client_id = $1 AND t.to_status = 'requested'",
            uuid.UUID(client_id),
        )
    )
    events = Counter(
        row["referral_id"]
        for row in fault_stack.query(
            "referrals",
            "SELECT data->>'referral_id' AS referral_id FROM outbox_event WHERE type = $1 AND data->>'client_id' = $2",
            SENT,
            client_id,
        )
    )
    return referrals, transitions, events


def sent_event_ids(fault_stack: FaultStack, client_id: str) -> set[str]:
    return {
        row["id"]
        for row in fault_stack.query(
            "referrals",
            "SELECT id::text FROM outbox_event WHERE type = $1 AND data->>'client_id' = $2",
            SENT,
            client_id,
        )
    }


def delivered(fault_stack: FaultStack, subscription: str) -> set[str]:
    """The events whose delivery to the subscription is done, once nothing is left pending."""
    deliveries = fault_stack.deliveries("referrals", subscription)
    if any(delivery["status"] == "pending" for delivery in deliveries.values()):
        return set()
    return {event for event, delivery in deliveries.items() if delivery["status"] == "delivered"}


@dataclass
class Answers:
    """What the load saw: status codes, and the bodies of anything that was not a success."""

    statuses: Counter[int] = field(default_factory=Counter)
    refused: list[str] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)
    sent_ids: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, response: httpx.Response) -> None:
        with self.lock:
            self.statuses[response.status_code] += 1
            if response.status_code >= 500:
                self.refused.append(
                    f"{response.status_code} {response.headers.get('content-type')} "
                    f"retry-after={response.headers.get('retry-after')} {response.text[:200]}"
                )


def test_postgresql_stopped_under_load_loses_no_committed_event(fault_stack: FaultStack, coach: dict[str, str]) -> None:
    client_id = consenting_client(fault_stack, coach)
    receiver = Receiver(slow_seconds=3.0)
    subscription = subscribe(fault_stack, "referrals", receiver, "partner-hyvinvointialue", [SENT])
    receiver.set_mode("late")  # each delivery takes 3 s: several are in flight when PostgreSQL stops
    dispatcher = fault_stack.start_dispatcher()
    referrals = fault_stack.url("referrals")
    answers = Answers()
    readiness: list[tuple[float, int]] = []
    notes: list[str] = []
    stop = threading.Event()

    def load() -> None:
        with httpx.Client(base_url=referrals, headers=coach, timeout=10) as client:
            while not stop.is_set():
                try:
                    draft = client.post("/v1/referrals", json=draft_body(client_id))
                    answers.note(draft)
                    if draft.status_code != 201:
                        time.sleep(0.2)
                        continue
                    sent = client.post(f"/v1/referrals/{draft.json()['id']}/send")
                    answers.note(sent)
                    if sent.status_code == 200:
                        with answers.lock:
                            answers.sent_ids.add(draft.json()["id"])
                except httpx.HTTPError as failure:
                    with answers.lock:
                        answers.failures[type(failure).__name__] += 1
                    time.sleep(0.2)

    def probe() -> None:
        with httpx.Client(base_url=referrals, timeout=5) as client:
            while not stop.is_set():
                asked = time.monotonic()
                try:
                    response = client.get("/readyz")
                    readiness.append((asked, response.status_code))
                    if response.status_code != 200:
                        notes.append(f"{asked:.1f} {response.text[:200]}")
                except httpx.HTTPError as failure:
                    readiness.append((asked, 0))
                    notes.append(f"{asked:.1f} {failure!r}")
                time.sleep(0.25)

    threads = [threading.Thread(target=load) for _ in range(4)] + [threading.Thread(target=probe)]
    for thread in threads:
        thread.start()
    try:
        # Under way: referrals are sent and their events are being delivered.
        wait_until(lambda: len(receiver.receipts) >= 5, seconds=30, what="deliveries under way")
        before_outage = len(answers.sent_ids)
        outage_started = time.monotonic()
        fault_stack.postgres.stop()
        time.sleep(OUTAGE_SECONDS)
        outage_ended = time.monotonic()
        fault_stack.postgres.start()
        wait_until(lambda: bool(readiness) and readiness[-1][1] == 200, seconds=30, what="ready again")
        time.sleep(5)
    finally:
        stop.set()
        for thread in threads:
            thread.join()

    try:
        expected = sent_event_ids(fault_stack, client_id)
        wait_until(
            lambda: delivered(fault_stack, subscription) == expected,
            seconds=150,
            every=1,
            what="every committed event delivered",
        )
        assert dispatcher.poll() is None, "the dispatcher did not survive the outage"
    finally:
        fault_stack.stop_dispatchers()
        receiver.stop()

    dispatcher_errors = Counter(record["event"] for record in fault_stack.logged("referrals-dispatch"))
    recorded_late = {
        record["delivery_id"]
        for record in fault_stack.logged("referrals-dispatch", levels=["warning"])
        if record["event"] == "webhook_record_retry"
    }
    statuses = dict(answers.statuses)
    assert before_outage > 0 and len(answers.sent_ids) > before_outage, statuses
    assert statuses.get(503, 0) > 0, statuses
    assert set(statuses) <= {200, 201, 503}, (statuses, fault_stack.logged("referrals")[-3:])
    assert all("application/problem+json" in line and "retry-after=None" not in line for line in answers.refused), (
        answers.refused[:5]
    )
    during = [status for at, status in readiness if outage_started + 2 < at < outage_ended]
    assert during and set(during) == {503}, during
    assert {status for at, status in readiness if at < outage_started} == {200}, (outage_started, notes[:5])
    assert [status for _, status in readiness][-1] == 200

    stored, transitions, events = committed(fault_stack, client_id)
    requested = {referral for referral, status in stored.items() if status == "requested"}
    assert answers.sent_ids <= requested  # every answered send was committed ...
    assert set(events) == requested and set(transitions) == requested  # ... with its event, and no event without it
    assert set(events.values()) == {1} and set(transitions.values()) == {1}
    assert expected <= receiver.handled
    # Deliveries in flight when PostgreSQL stopped had their results recorded once it was back, so none was
    # sent again.
    assert receiver.duplicates == 0, dispatcher_errors
    report(
        Tally(
            f"4. PostgreSQL stopped {OUTAGE_SECONDS} s under referral sends",
            sent=len(expected),
            delivered=len(expected & receiver.handled),
            duplicated=receiver.duplicates,
            lost=len(expected - receiver.handled),
            dead_lettered=0,
            note=f"{statuses.get(503, 0)} requests answered 503 (problem, Retry-After), "
            f"{sum(n for s, n in statuses.items() if s >= 500 and s != 503)} other 5xx; "
            f"readyz 200 → 503 → 200; the dispatcher kept running, {len(recorded_late)} deliveries in "
            f"flight at the stop recorded once PostgreSQL was back, none sent twice",
        )
    )


def test_a_service_killed_during_a_burst_of_idempotent_posts(fault_stack: FaultStack, coach: dict[str, str]) -> None:
    client_id = consenting_client(fault_stack, coach)
    receiver = Receiver()
    subscription = subscribe(fault_stack, "referrals", receiver, "partner-hyvinvointialue", [SENT])
    receiver.set_mode("ok")
    fault_stack.start_dispatcher()
    referrals = fault_stack.url("referrals")
    keys = [(f"draft-{uuid.uuid4()}", f"send-{uuid.uuid4()}") for _ in range(60)]
    first: dict[int, str] = {}  # referral id answered in the burst, by item
    sends_answered = threading.Event()
    answered = Counter[str]()
    lock = threading.Lock()

    def item(number: int, client: httpx.Client) -> tuple[httpx.Response, httpx.Response]:
        draft_key, send_key = keys[number]
        draft = client.post("/v1/referrals", json=draft_body(client_id), headers={"Idempotency-Key": draft_key})
        assert draft.status_code == 201, draft.text
        sent = client.post(f"/v1/referrals/{draft.json()['id']}/send", headers={"Idempotency-Key": send_key})
        return draft, sent

    def burst(number: int) -> None:
        with httpx.Client(base_url=referrals, headers=coach, timeout=10) as client:
            try:
                draft, sent = item(number, client)
            except (httpx.HTTPError, AssertionError):
                with lock:
                    answered["cut off"] += 1
                return
            with lock:
                first[number] = str(draft.json()["id"])
                answered[str(sent.status_code)] += 1
                if answered["200"] >= 20:
                    sends_answered.set()

    try:
        with ThreadPoolExecutor(8) as pool:
            futures = [pool.submit(burst, number) for number in range(len(keys))]
            assert sends_answered.wait(60), answered
            fault_stack.kill("referrals")
            for future in futures:
                future.result()
        assert sum(n for outcome, n in answered.items() if outcome != "200"), f"nothing was cut off: {answered}"
        fault_stack.restart("referrals")

        # Every client retries every request with its key, whatever it heard the first time.
        replayed = Counter[str]()
        retried: dict[int, str] = {}
        with httpx.Client(base_url=referrals, headers=coach, timeout=10) as client:
            for number in range(len(keys)):
                draft, sent = item(number, client)
                assert sent.status_code == 200, sent.text
                retried[number] = str(draft.json()["id"])
                for kind, response in (("drafts", draft), ("sends", sent)):
                    if response.headers.get("idempotent-replayed") == "true":
                        replayed[kind] += 1
        assert all(retried[number] == referral_id for number, referral_id in first.items())

        stored, transitions, events = committed(fault_stack, client_id)
        assert len(stored) == len(keys) and set(stored) == set(retried.values())  # no duplicate drafts
        assert set(stored.values()) == {"requested"}
        assert set(events) == set(stored) == set(transitions)  # every change has its event, no event lacks one
        assert set(events.values()) == {1} and set(transitions.values()) == {1}
        expected = sent_event_ids(fault_stack, client_id)
        wait_until(lambda: delivered(fault_stack, subscription) == expected, seconds=60, what="every event delivered")
    finally:
        fault_stack.stop_dispatchers()
        receiver.stop()

    report(
        Tally(
            "5. referrals-api SIGKILLed during a burst of POSTs with Idempotency-Key",
            sent=len(expected),
            delivered=len(expected & receiver.handled),
            duplicated=receiver.duplicates,
            lost=len(expected - receiver.handled),
            dead_lettered=0,
            note=f"{len(keys)} drafts each sent, 8 at a time; killed after {answered['200']} sends answered, "
            f"{answered['cut off']} cut off; all {len(keys)} retried with their keys: {replayed['drafts']} "
            f"drafts and {replayed['sends']} sends replayed, the rest done anew; {len(stored)} referrals, "
            f"each with one transition to sent and one event",
        )
    )
