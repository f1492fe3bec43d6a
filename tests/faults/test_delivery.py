"""Faults on the delivery path: the receiver failing in every way, a dispatcher killed with deliveries in
flight, several dispatchers on one queue. Events are put in referrals-api's outbox; the real
``referrals-api dispatch`` processes deliver them to a partner's subscription made through the API."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.faults.harness import FaultStack, Receiver, Tally, new_stack, report, subscribe, token, wait_until

pytestmark = [pytest.mark.faults]

HYVINVOINTIALUE = "0b0c8f6e-6f1a-4c36-9d55-000000000002"
KELA = "0b0c8f6e-6f1a-4c36-9d55-000000000003"
SALPAUS = "0b0c8f6e-6f1a-4c36-9d55-000000000004"
TYPES = ["fi.polku.fault.*"]
HOUR = 3600.0


@pytest.fixture(scope="module")
def fault_stack() -> Iterator[FaultStack]:
    var_dir = Path(tempfile.mkdtemp(prefix="polku-faults-"))
    running = new_stack(var_dir, names=("referrals",))
    running.start()
    try:
        yield running
    finally:
        running.stop()
        shutil.rmtree(var_dir, ignore_errors=True)


def settled(fault_stack: FaultStack, subscription: str, count: int, attempts: int) -> bool:
    """Every delivery has made ``attempts`` attempts (or ended) and none is in flight."""
    deliveries = fault_stack.deliveries("referrals", subscription).values()
    return len(deliveries) == count and all(
        (d["attempt_count"] >= attempts or d["status"] != "pending") and d["locked_until"] is None for d in deliveries
    )


def test_a_receiver_down_then_slow_then_failing_loses_nothing(fault_stack: FaultStack) -> None:
    receiver = Receiver(slow_seconds=4.0)
    subscription = subscribe(fault_stack, "referrals", receiver, "partner-hyvinvointialue", TYPES)
    receiver.set_mode("down")
    sent = fault_stack.emit("referrals", 40, HYVINVOINTIALUE)
    fault_stack.start_dispatcher(POLKU_WEBHOOK_MAX_ATTEMPTS="4", POLKU_WEBHOOK_TIMEOUT_SECONDS="3")
    try:
        # Attempt 1: nothing listens. Attempt 2: no answer within the timeout. Attempt 3: 500.
        for attempt, mode in ((1, "down"), (2, "slow"), (3, "error")):
            receiver.set_mode(mode)
            if attempt > 1:
                fault_stack.advance_clock("referrals", HOUR)
            wait_until(
                lambda attempt=attempt: settled(fault_stack, subscription, len(sent), attempt),
                seconds=30,
                what=f"attempt {attempt} of every delivery ({mode})",
            )
        assert not receiver.receipts
        # The receiver is back, but half of the events still fail until their attempts run out. (The retry
        # delays are random, so a delivery may have spent more than one attempt in a phase: any may end dead.)
        receiver.failing = set(sent[::2])
        receiver.set_mode("ok")
        deadline = time.monotonic() + 60
        while not all(d["status"] != "pending" for d in fault_stack.deliveries("referrals", subscription).values()):
            assert time.monotonic() < deadline, "deliveries still pending after their last attempt was due"
            fault_stack.advance_clock("referrals", HOUR)
            time.sleep(1)

        deliveries = fault_stack.deliveries("referrals", subscription)
        dead = {event for event, d in deliveries.items() if d["status"] == "dead"}
        delivered = {event for event, d in deliveries.items() if d["status"] == "delivered"}
        assert receiver.failing <= dead
        assert delivered == set(sent) - dead  # nothing left pending, nothing lost
        assert delivered <= set(receiver.receipts)
        # An answer later than the timeout is a failure to the sender even if the receiver got the event.
        acknowledged_late = set(receiver.receipts) - delivered
        assert acknowledged_late <= dead
        assert all(count == 1 for count in receiver.receipts.values())

        # The dead letters are listed to their owner and replayed through the API.
        owner = {"Authorization": f"Bearer {token(fault_stack, 'partner-hyvinvointialue')}"}
        listed = httpx.get(
            f"{fault_stack.url('referrals')}/v1/webhook-subscriptions/{subscription}/deliveries",
            params={"status": "dead", "limit": 100},
            headers=owner,
            timeout=10,
        )
        assert listed.status_code == 200, listed.text
        assert {item["event_id"] for item in listed.json()["items"]} == dead
        receiver.failing = set()
        for item in listed.json()["items"]:
            replayed = httpx.post(
                f"{fault_stack.url('referrals')}/v1/webhook-deliveries/{item['id']}/replay", headers=owner, timeout=10
            )
            assert replayed.status_code == 200, replayed.text
        wait_until(
            lambda: all(d["status"] == "delivered" for d in fault_stack.deliveries("referrals", subscription).values()),
            seconds=30,
            what="the replayed dead letters delivered",
        )
        assert set(receiver.receipts) == set(sent)
    finally:
        fault_stack.stop_dispatchers()
        receiver.stop()

    duplicated = {event for event, count in receiver.receipts.items() if count > 1}
    assert duplicated == acknowledged_late  # only those come twice, and the receiver's inbox ignores them
    report(
        Tally(
            "1. receiver down, slow, 500",
            sent=len(sent),
            delivered=len(receiver.handled),
            duplicated=receiver.duplicates,
            lost=len(set(sent) - receiver.handled - dead),
            dead_lettered=len(dead),
            note=f"the {len(dead)} dead letters replayed through the API and delivered; "
            f"{len(acknowledged_late)} of them had reached the receiver after the sender's timeout",
        )
    )


def test_a_dispatcher_killed_with_deliveries_in_flight_loses_nothing(fault_stack: FaultStack) -> None:
    receiver = Receiver(slow_seconds=3.0)
    subscription = subscribe(fault_stack, "referrals", receiver, "partner-kela", TYPES)
    receiver.set_mode("late")  # handles each event, then takes 3 s to say so
    sent = fault_stack.emit("referrals", 200, KELA)
    doomed = fault_stack.start_dispatcher()
    try:
        wait_until(lambda: len(receiver.receipts) >= 75, seconds=60, what="a first part delivered")
        fault_stack.kill_dispatcher(doomed)
        in_flight = [
            d
            for d in fault_stack.deliveries("referrals", subscription).values()
            if d["status"] == "pending" and d["locked_until"] is not None
        ]
        assert in_flight, "the dispatcher had nothing in flight when it was killed"
        receiver.set_mode("ok")
        for _ in range(2):
            fault_stack.start_dispatcher()
        fault_stack.advance_clock("referrals", 61)  # the killed dispatcher's leases lapse
        wait_until(
            lambda: all(d["status"] == "delivered" for d in fault_stack.deliveries("referrals", subscription).values()),
            seconds=60,
            what="every delivery delivered",
        )
    finally:
        fault_stack.stop_dispatchers()
        receiver.stop()

    assert set(receiver.handled) == set(sent)
    # At least once: only what was in flight when the dispatcher died may arrive twice.
    duplicated = {event for event, count in receiver.receipts.items() if count > 1}
    assert duplicated <= {d["event_id"] for d in in_flight}
    assert max(receiver.receipts.values()) <= 2
    report(
        Tally(
            "2. dispatcher SIGKILLed mid-delivery",
            sent=len(sent),
            delivered=len(receiver.handled),
            duplicated=receiver.duplicates,
            lost=len(set(sent) - receiver.handled),
            dead_lettered=0,
            note=f"{len(in_flight)} in flight at the kill; duplicates ignored by the receiver's inbox",
        )
    )


def test_several_dispatchers_send_each_event_once(fault_stack: FaultStack) -> None:
    receiver = Receiver()
    subscribe(fault_stack, "referrals", receiver, "partner-salpaus", TYPES)
    receiver.set_mode("ok")
    dispatchers = 3
    try:
        for _ in range(dispatchers):
            fault_stack.start_dispatcher()
        sent = fault_stack.emit("referrals", 300, SALPAUS)
        wait_until(lambda: len(receiver.receipts) >= len(sent), seconds=60, what="every event received")
        for process in fault_stack.dispatchers:
            assert process.poll() is None
    finally:
        fault_stack.stop_dispatchers()
        receiver.stop()

    assert set(receiver.receipts) == set(sent)
    assert receiver.duplicates == 0
    report(
        Tally(
            f"3. {dispatchers} dispatchers x {len(sent)} events",
            sent=len(sent),
            delivered=len(receiver.handled),
            duplicated=receiver.duplicates,
            lost=len(set(sent) - receiver.handled),
            dead_lettered=0,
            note="each sent once",
        )
    )
