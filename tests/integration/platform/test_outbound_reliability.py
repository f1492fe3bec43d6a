"""Polku's events to the national platform: the real dispatchers of clients-api and employer-api deliver the types
the platform subscribes to (interviews held, plans saved, statements issued, job-search periods ended, job offers
and their outcomes) to the platform simulator's receiving endpoint (``polku_dev.platform_sim.receiver``: it
verifies each Standard Webhooks signature and takes each event in once, by its id) over HTTP on loopback.

The platform down for an hour of simulated time, then up; acknowledgements lost and deliveries replayed, so that
the platform acknowledges the same event twice; each dispatcher killed (SIGKILL, as its process would die) in the
middle of a batch and started again. Time is the one thing the tests do not wait for: the retry schedule and the
dispatcher's lease are honoured by moving the queue's times back, exactly as if that much time had passed (as the
fault harness does, tests/faults/harness.py). Each test counts what was emitted, attempted, taken in and
acknowledged twice, and prints the counts.

The clients are registered through clients-api's own route; the events about them are written to each service's
outbox with their types, subjects and data as the services emit them (docs/contract.md). The contract suite
(``polku_dev.contract``) makes them through the services' own routes.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest_asyncio
import uvicorn
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

from clients_api import SERVICE_DIR as CLIENTS_DIR
from clients_api.main import create_app as create_clients_app
from clients_api.settings import Settings as ClientsSettings
from employer_api import SERVICE_DIR as EMPLOYER_DIR
from employer_api.main import create_app as create_employer_app
from employer_api.settings import Settings as EmployerSettings
from polku_dev.platform_sim.app import create_app as create_simulator
from polku_dev.platform_sim.receiver import PATH as RECEIVING_PATH
from polku_dev.platform_sim.state import PlatformState, ReceivingFailures
from polku_kit.outbox import emit
from polku_kit.testing import (
    LAHTI,
    ServiceSpec,
    TestIssuer,
    build_test_app,
    create_migrated_database,
    free_port,
    make_test_settings,
)
from polku_kit.webhooks import Dispatcher

HOUR = 3600.0
INTERVIEW_HELD = "fi.polku.client.interview_held.v1"
PLAN_SAVED = "fi.polku.client.plan_version_created.v1"
PERIOD_ENDED = "fi.polku.client.job_search_period.ended.v1"
STATEMENT_ISSUED = "fi.polku.statement.issued.v1"
OFFER_SENT = "fi.polku.job_offer.sent.v1"
OFFER_OUTCOME = "fi.polku.job_offer.outcome.v1"
CLIENTS_TYPES = [INTERVIEW_HELD, PLAN_SAVED, STATEMENT_ISSUED, PERIOD_ENDED]
EMPLOYER_TYPES = [OFFER_SENT, OFFER_OUTCOME]
DAY = date(2026, 12, 1)
CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"  # the identity code's check characters

Event = tuple[str, str, dict[str, Any]]  # type, subject, data


def client_events(clients: Sequence[str]) -> list[Event]:
    """Per client, in the order they happen: an interview held, a plan saved, the job-search period ended; and a
    statement issued for every other client."""
    events: list[Event] = []
    for n, client in enumerate(clients):
        subject = f"clients/{client}"
        events += [
            (INTERVIEW_HELD, subject, {"client_id": client, "held_on": DAY.isoformat(), "channel": "phone"}),
            (
                PLAN_SAVED,
                subject,
                {"client_id": client, "version": 1, "plan_type": "employment", "next_review_on": "2027-03-01"},
            ),
            (
                PERIOD_ENDED,
                subject,
                {
                    "client_id": client,
                    "period_id": str(uuid.uuid4()),
                    "municipality": "398",
                    "age_band": "30_54",
                    "started_on": "2026-06-01",
                    "ended_on": DAY.isoformat(),
                    "reason": "employed",
                    "initial_interview": True,
                },
            ),
        ]
        if n % 2 == 0:
            statement = str(uuid.uuid4())
            events.append(
                (
                    STATEMENT_ISSUED,
                    f"statements/{statement}",
                    {
                        "statement_id": statement,
                        "organisation_id": str(LAHTI),
                        "municipality": "398",
                        "neglect_kind": "job_search_plan",
                        "issued_on": DAY.isoformat(),
                        "recipient": "kela",
                        "platform_request_ids": [],
                    },
                )
            )
    return events


def offer_events(offers: int) -> list[Event]:
    """Per job offer: sent, then its outcome."""
    events: list[Event] = []
    for _ in range(offers):
        offer, client = str(uuid.uuid4()), str(uuid.uuid4())
        subject = f"job-offers/{offer}"
        common = {"job_offer_id": offer, "client_id": client, "occupation_code": "7212", "municipality": "398"}
        events += [
            (OFFER_SENT, subject, common | {"respond_by": (DAY + timedelta(days=7)).isoformat()}),
            (OFFER_OUTCOME, subject, common | {"outcome": "applied", "counts_toward_job_search": True}),
        ]
    return events


# --- the platform --------------------------------------------------------------------------------------------


@dataclass
class Platform:
    """The simulator on a loopback port, in this process (its state read directly)."""

    state: PlatformState = field(default_factory=lambda: PlatformState(api_key="outbound-test"))
    port: int = field(default_factory=free_port)
    server: uvicorn.Server | None = None
    serving: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{RECEIVING_PATH}"

    async def start(self) -> None:
        app = create_simulator(state=self.state)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.serving = asyncio.create_task(self.server.serve())
        while not self.server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        if self.server is not None and self.serving is not None:
            self.server.should_exit = True
            await self.serving

    def fail(self, **failures: Any) -> None:
        self.state.receiving_failures = ReceivingFailures(**failures)

    def taken_in(self) -> list[str]:
        return list(self.state.events)

    def acknowledged(self) -> Counter[str]:
        """2xx answers by event id (the first, and any duplicate's)."""
        return Counter(d.event_id or "" for d in self.state.deliveries if 200 <= d.status < 300)

    def statuses(self) -> Counter[int]:
        return Counter(d.status for d in self.state.deliveries)

    def order_by_subject(self) -> dict[str, list[str]]:
        order: dict[str, list[str]] = {}
        for event in self.state.events.values():
            order.setdefault(event["subject"], []).append(event["id"])
        return order


# --- the producers -------------------------------------------------------------------------------------------


@dataclass
class Producer:
    """One service's database, its app (for the subscription API) and what it emitted, by subject in order."""

    name: str
    spec: ServiceSpec
    url: str
    issuer: TestIssuer
    app: FastAPI
    engine: AsyncEngine
    emitted: dict[str, list[str]] = field(default_factory=dict)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def admin(self) -> dict[str, str]:
        return self.issuer.headers(subject="admin-lahti", roles=["admin"], org=LAHTI)

    async def call(self, method: str, path: str, *, role: str = "admin", **options: Any) -> httpx.Response:
        transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
        headers = self.issuer.headers(subject=f"{role}-lahti", roles=[role], org=LAHTI)
        async with httpx.AsyncClient(transport=transport, base_url="http://service.test") as http:
            return await http.request(method, path, headers=headers, **options)

    async def register(self, people: int) -> list[str]:
        """``people`` clients registered by a coach (the events below concern them); their ids."""
        ids = []
        for n in range(people):
            individual = 2 + n
            code = f"010180-{individual:03d}{CHECK[int(f'010180{individual:03d}') % 31]}"
            response = await self.call(
                "POST",
                "/v1/clients",
                role="coach",
                json={
                    "personal_identity_code": code,
                    "first_names": "Testi",
                    "last_name": f"Henkilö {n}",
                    "home_municipality": "398",
                    "job_search_started_on": "2026-06-01",
                },
            )
            assert response.status_code == 201, response.text
            ids.append(str(response.json()["id"]))
        return ids

    async def subscribe(self, platform: Platform, types: Sequence[str]) -> str:
        """The platform's subscription, made by the authority's administrator; its secret goes to the platform."""
        response = await self.call(
            "POST",
            "/v1/webhook-subscriptions",
            json={"url": platform.url, "event_types": list(types), "description": "The national platform"},
        )
        assert response.status_code == 201, response.text
        platform.state.webhook_secrets.append(response.json()["secret"])
        return str(response.json()["id"])

    async def emit(self, events: Sequence[Event]) -> list[str]:
        """The events in the outbox, in one transaction, as a service function writes them."""
        ids = []
        async with AsyncSession(self.engine) as session, session.begin():
            for event_type, subject, data in events:
                event = await emit(
                    session,
                    type=event_type,
                    subject=subject,
                    data=data,
                    source=f"/polku/{self.name}-api",
                    audience=[LAHTI],
                )
                ids.append(str(event.id))
                self.emitted.setdefault(subject, []).append(str(event.id))
        return ids

    async def scalar(self, sql: str, **params: Any) -> Any:
        async with self.engine.connect() as connection:
            return await connection.scalar(text(sql), params)

    async def advance(self, seconds: float) -> None:
        """As if ``seconds`` passed for the delivery queue: retries fall due and leases lapse sooner."""
        async with self.engine.begin() as connection:
            await connection.execute(
                text(
                    "UPDATE webhook_delivery SET next_attempt_at = next_attempt_at - make_interval(secs => :s),"
                    " locked_until = locked_until - make_interval(secs => :s) WHERE status = 'pending'"
                ),
                {"s": seconds},
            )
            await connection.execute(text("SELECT pg_notify('polku_webhooks', '')"))

    async def by_status(self) -> Counter[str]:
        async with self.engine.connect() as connection:
            rows = await connection.execute(text("SELECT status, count(*) FROM webhook_delivery GROUP BY status"))
            return Counter({str(status): int(count) for status, count in rows})

    async def in_flight(self) -> set[str]:
        async with self.engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT event_id::text FROM webhook_delivery WHERE status = 'pending' AND locked_until > now()")
            )
            return {str(row[0]) for row in rows}

    def dispatcher(self) -> Dispatcher:
        return Dispatcher(self.engine, allow_private_targets=True, require_https=False, timeout_seconds=5.0)

    def start_dispatcher(self, log: Path) -> subprocess.Popen[bytes]:
        """The real ``<service> dispatch`` command, in a process of its own."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("POLKU_")}
        env |= {
            "POLKU_ENV": "test",
            f"POLKU_{self.spec.settings_class.database_name.upper()}_DATABASE_URL": self.url,
            "POLKU_OIDC_ISSUER": self.issuer.issuer,
            "POLKU_OIDC_AUDIENCE": self.issuer.audience,
            "POLKU_WEBHOOKS_ALLOW_PRIVATE_TARGETS": "true",
            "POLKU_WEBHOOK_TIMEOUT_SECONDS": "5",
            "POLKU_EVENT_SUBSCRIBERS": "[]",
            "POLKU_PRUNE_INTERVAL_SECONDS": "0",
            "POLKU_LOG_JSON": "true",
        }
        command = str(Path(sys.executable).parent / f"{self.name}-api")
        with open(log, "ab") as output:  # the child keeps its own copy of the file
            process = subprocess.Popen(
                [command, "dispatch"], env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.processes.append(process)
        return process

    def kill_dispatchers(self) -> None:
        """SIGKILL: no drain, no shutdown handler, as a crash or the OOM killer would."""
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        self.processes.clear()


async def _producer(
    postgres_server_url: str, issuer: TestIssuer, spec: ServiceSpec, name: str
) -> AsyncIterator[Producer]:
    url = await create_migrated_database(
        postgres_server_url, spec.service_dir, f"outbound_{name}_{uuid.uuid4().hex[:8]}"
    )
    app = build_test_app(spec, make_test_settings(spec, url, issuer), issuer)
    engine = create_async_engine(url)
    producer = Producer(name=name, spec=spec, url=url, issuer=issuer, app=app, engine=engine)
    try:
        yield producer
    finally:
        producer.kill_dispatchers()
        await app.state.database.dispose()
        await engine.dispose()


@pytest_asyncio.fixture(loop_scope="session")
async def clients(postgres_server_url: str, test_issuer: TestIssuer) -> AsyncIterator[Producer]:
    spec = ServiceSpec(create_app=create_clients_app, settings_class=ClientsSettings, service_dir=Path(CLIENTS_DIR))
    async for producer in _producer(postgres_server_url, test_issuer, spec, "clients"):
        yield producer


@pytest_asyncio.fixture(loop_scope="session")
async def employer(postgres_server_url: str, test_issuer: TestIssuer) -> AsyncIterator[Producer]:
    spec = ServiceSpec(create_app=create_employer_app, settings_class=EmployerSettings, service_dir=Path(EMPLOYER_DIR))
    async for producer in _producer(postgres_server_url, test_issuer, spec, "employer"):
        yield producer


@pytest_asyncio.fixture(loop_scope="session")
async def platform() -> AsyncIterator[Platform]:
    running = Platform()
    await running.start()
    yield running
    await running.stop()


async def subscribed(platform: Platform, clients: Producer, employer: Producer) -> None:
    await clients.subscribe(platform, CLIENTS_TYPES)
    await employer.subscribe(platform, EMPLOYER_TYPES)


async def deliver_everything(producers: Sequence[Producer], *, seconds: float = 60.0) -> float:
    """Run each dispatcher (in this process) until nothing is pending, moving the queue's clock on to each next
    retry when nothing is due; returns the simulated seconds that passed."""
    dispatchers = [producer.dispatcher() for producer in producers]
    simulated = 0.0
    deadline = asyncio.get_running_loop().time() + seconds
    try:
        while asyncio.get_running_loop().time() < deadline:
            claimed = sum([await dispatcher.run_once() for dispatcher in dispatchers])
            if claimed:
                continue
            due = [d for d in [await dispatcher.seconds_until_due() for dispatcher in dispatchers] if d is not None]
            if not due:
                return simulated
            step = max(0.0, min(due)) + 0.001
            for producer in producers:
                await producer.advance(step)
            simulated += step
        raise TimeoutError("deliveries still pending")
    finally:
        for dispatcher in dispatchers:
            await dispatcher.close()


def assert_exactly_once_in_order(platform: Platform, producers: Sequence[Producer]) -> None:
    emitted = {subject: ids for producer in producers for subject, ids in producer.emitted.items()}
    every = [event_id for ids in emitted.values() for event_id in ids]
    assert sorted(platform.taken_in()) == sorted(every)  # each once: the platform keeps an event by its id
    assert platform.order_by_subject() == emitted  # and in the order they happened, per subject
    types = Counter(event["type"] for event in platform.state.events.values())
    assert set(types) == set(CLIENTS_TYPES) | set(EMPLOYER_TYPES)


class TestOutboundReliability:
    async def test_the_platform_down_for_an_hour_then_up_gets_every_event_once_in_order(
        self, platform: Platform, clients: Producer, employer: Producer
    ) -> None:
        await subscribed(platform, clients, employer)
        await clients.emit(client_events(await clients.register(20)))
        await employer.emit(offer_events(10))
        platform.fail(down=True)
        dispatchers = [clients.dispatcher(), employer.dispatcher()]
        simulated = 0.0
        try:
            while simulated < HOUR:  # the platform is down: each lane's first delivery is tried again and again
                for dispatcher in dispatchers:
                    await dispatcher.run_once()
                due = [d for d in [await dispatcher.seconds_until_due() for dispatcher in dispatchers] if d is not None]
                assert due, "nothing pending while the platform is down"
                step = min(max(0.0, min(due)) + 0.001, HOUR - simulated + 0.001)
                for producer in (clients, employer):
                    await producer.advance(step)
                simulated += step
        finally:
            for dispatcher in dispatchers:
                await dispatcher.close()
        down = platform.statuses()
        assert set(down) == {503} and not platform.taken_in()
        platform.fail()  # up again
        drained = await deliver_everything([clients, employer])  # each lane when its next retry falls due
        simulated += drained

        emitted = sum(len(ids) for producer in (clients, employer) for ids in producer.emitted.values())
        acknowledged = platform.acknowledged()
        print(
            f"\ndown an hour: emitted {emitted}, attempts while down {down[503]}, taken in {len(platform.taken_in())},"
            f" acknowledged twice {sum(acknowledged.values()) - len(acknowledged)}; up again after {HOUR:.0f} s of"
            f" simulated time, the last delivered {drained:.0f} s later (the retry schedule's backoff)"
        )
        assert simulated >= HOUR
        assert_exactly_once_in_order(platform, [clients, employer])
        assert all(count == 1 for count in acknowledged.values())
        assert await clients.by_status() == Counter(delivered=sum(map(len, clients.emitted.values())))
        assert await employer.by_status() == Counter(delivered=sum(map(len, employer.emitted.values())))

    async def test_a_duplicate_acknowledgement_changes_nothing(
        self, platform: Platform, clients: Producer, employer: Producer
    ) -> None:
        await subscribed(platform, clients, employer)
        await clients.emit(client_events(await clients.register(6)))
        await employer.emit(offer_events(4))
        platform.fail(lose_acknowledgements=5)  # taken in, then the answer lost: each is sent again
        await deliver_everything([clients, employer])
        taken_in = platform.taken_in()
        assert_exactly_once_in_order(platform, [clients, employer])
        duplicates = sum(1 for d in platform.state.deliveries if d.duplicate)
        assert duplicates == 5 and platform.statuses()[500] == 5

        # An administrator sends three delivered events again: the platform has them, and says so.
        subscription = await clients.scalar("SELECT id FROM webhook_subscription")
        page = await clients.call(
            "GET", f"/v1/webhook-subscriptions/{subscription}/deliveries", params={"status": "delivered", "limit": 3}
        )
        for delivery in page.json()["items"]:
            replayed = await clients.call("POST", f"/v1/webhook-deliveries/{delivery['id']}/replay")
            assert replayed.status_code == 200, replayed.text
        await deliver_everything([clients])

        acknowledged = platform.acknowledged()
        print(
            f"\nduplicate acknowledgements: emitted {len(taken_in)}, acknowledgements lost 5, replayed 3, "
            f"acknowledged as duplicates {sum(1 for d in platform.state.deliveries if d.duplicate)}, "
            f"taken in {len(platform.taken_in())}"
        )
        assert platform.taken_in() == taken_in  # nothing new, nothing reordered
        assert sum(1 for d in platform.state.deliveries if d.duplicate) == 8
        assert sum(acknowledged.values()) - len(acknowledged) == 3  # the lost five were acknowledged once
        assert await clients.by_status() == Counter(delivered=sum(map(len, clients.emitted.values())))
        assert await employer.by_status() == Counter(delivered=sum(map(len, employer.emitted.values())))

    async def test_a_dispatcher_killed_mid_batch_and_started_again_loses_and_doubles_nothing(
        self, platform: Platform, clients: Producer, employer: Producer, tmp_path: Path
    ) -> None:
        await subscribed(platform, clients, employer)
        await clients.emit(client_events(await clients.register(40)))
        await employer.emit(offer_events(30))
        emitted = sum(len(ids) for producer in (clients, employer) for ids in producer.emitted.values())
        platform.fail(late_seconds=0.3)  # each event taken in, and acknowledged a moment later
        for producer in (clients, employer):
            producer.start_dispatcher(tmp_path / f"{producer.name}-dispatch.log")
        deadline = asyncio.get_running_loop().time() + 120
        while len(platform.taken_in()) < emitted // 3:
            assert asyncio.get_running_loop().time() < deadline, "the dispatchers delivered too little"
            assert all(p.poll() is None for producer in (clients, employer) for p in producer.processes)
            await asyncio.sleep(0.02)
        for producer in (clients, employer):
            producer.kill_dispatchers()
        in_flight = await clients.in_flight() | await employer.in_flight()
        taken_at_kill = len(platform.taken_in())
        assert in_flight, "nothing was in flight when the dispatchers were killed"
        assert taken_at_kill < emitted

        platform.fail()
        for producer in (clients, employer):
            await producer.advance(61)  # the killed dispatchers' leases lapse (before any new lease is taken)
            producer.start_dispatcher(tmp_path / f"{producer.name}-dispatch.log")
        while len(platform.taken_in()) < emitted or (
            await clients.by_status() != Counter(delivered=sum(map(len, clients.emitted.values())))
            or await employer.by_status() != Counter(delivered=sum(map(len, employer.emitted.values())))
        ):
            assert asyncio.get_running_loop().time() < deadline + 60, "deliveries still pending after the restart"
            await asyncio.sleep(0.1)
        for producer in (clients, employer):
            producer.kill_dispatchers()

        acknowledged = platform.acknowledged()
        twice = {event_id for event_id, count in acknowledged.items() if count > 1}
        print(
            f"\ndispatchers killed mid-batch: emitted {emitted}, taken in before the kill {taken_at_kill}, in flight "
            f"{len(in_flight)}, taken in {len(platform.taken_in())}, acknowledged twice {len(twice)} (each taken in "
            "once)"
        )
        assert_exactly_once_in_order(platform, [clients, employer])
        assert twice <= in_flight  # only what was in flight at the kill came again, and the platform kept it once
        assert max(acknowledged.values()) <= 2
