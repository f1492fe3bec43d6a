"""The national platform's events into clients-api and employer-api over real HTTP on loopback, sent by the
simulator's sender, handled by the inbox worker (decision 33): the receiver down for an hour of simulated time,
then up; the same delivery three times; events out of order; the receiving service and its worker restarted in
the middle of a batch. Each test counts what was sent, taken in and handled, and prints the counts."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest_asyncio
import uvicorn
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from clients_api import SERVICE_DIR as CLIENTS_DIR
from clients_api.jobs import inbox_handlers as clients_handlers
from clients_api.main import create_app as create_clients_app
from clients_api.settings import Settings as ClientsSettings
from employer_api import SERVICE_DIR as EMPLOYER_DIR
from employer_api.jobs import inbox_handlers as employer_handlers
from employer_api.main import create_app as create_employer_app
from employer_api.settings import Settings as EmployerSettings
from polku_dev.platform_sim.sender import Fault, Sender, SimulatedClock, platform_event
from polku_kit.calendar import today
from polku_kit.inbox_worker import InboxWorker
from polku_kit.testing import (
    LAHTI,
    ServiceSpec,
    TestIssuer,
    build_test_app,
    create_migrated_database,
    free_port,
    make_test_settings,
)

SECRET = "whsec_" + "cmVsaWFiaWxpdHktcGxhdGZvcm0tc2VjcmV0LXRlc3Q="
CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
REGISTERED = "fi.tyomarkkinatori.jobseeker.registered.v1"
ENDED = "fi.tyomarkkinatori.jobseeker.search_ended.v1"
PUBLISHED = "fi.tyomarkkinatori.vacancy.published.v1"
CHANGED = "fi.tyomarkkinatori.vacancy.changed.v1"
REMOVED = "fi.tyomarkkinatori.vacancy.removed.v1"
T0 = datetime(2026, 12, 1, 8, tzinfo=UTC)


def identity_code(n: int) -> str:
    """A valid personal identity code of someone born 1.1.1980 (individual numbers 002–899)."""
    individual = 2 + n
    return f"010180-{individual:03d}{CHECK[int(f'010180{individual:03d}') % 31]}"


def registered(n: int, at: datetime = T0) -> dict[str, Any]:
    data = {
        "personal_identity_code": identity_code(n),
        "first_names": "Testi",
        "last_name": f"Henkilö {n}",
        "home_municipality": "398",
        "registered_on": (today() - timedelta(days=30)).isoformat(),
    }
    return platform_event(REGISTERED, data, subject=f"job-seekers/{n}", at=at)


def ended(n: int, at: datetime) -> dict[str, Any]:
    data = {
        "personal_identity_code": identity_code(n),
        "ended_on": (today() - timedelta(days=2)).isoformat(),
        "reason": "employed",
    }
    return platform_event(ENDED, data, subject=f"job-seekers/{n}", at=at)


def vacancy(event_type: str, n: int, at: datetime, **changes: object) -> dict[str, Any]:
    data: dict[str, object] = {"national_id": f"TMT-{n}"}
    if event_type != REMOVED:
        data |= {
            "employer_business_id": "0112038-9",
            "employer_name": "Lahden Konepaja Oy",
            "title_fi": "Hitsaaja",
            "description": "Mig-hitsausta",
            "occupation_code": "7212",
            "municipality": "398",
            "working_time": "full_time",
            "employment_type": "permanent",
            "application_deadline": (today() + timedelta(days=30)).isoformat(),
            **changes,
        }
    return platform_event(event_type, data, subject=f"vacancies/TMT-{n}", at=at)


@dataclass
class Receiver:
    """A service on a loopback port, started and stopped like a process (a new app each start), with its inbox
    worker beside it."""

    spec: ServiceSpec
    url: str
    issuer: TestIssuer
    handlers: Callable[[Any], Any]
    port: int = field(default_factory=free_port)
    server: uvicorn.Server | None = None
    serving: asyncio.Task[None] | None = None
    working: asyncio.Task[None] | None = None
    stop_worker: asyncio.Event = field(default_factory=asyncio.Event)
    engine: AsyncEngine | None = None

    def settings(self) -> Any:
        return make_test_settings(
            self.spec, self.url, self.issuer, platform_webhook_secrets=[SecretStr(SECRET)], log_level="WARNING"
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self, *, worker: bool = True) -> None:
        app: FastAPI = build_test_app(self.spec, self.settings(), self.issuer)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.serving = asyncio.create_task(self.server.serve())
        while not self.server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
            await asyncio.sleep(0.01)
        if worker:
            self.start_worker()

    def worker(self) -> InboxWorker:
        if self.engine is None:
            self.engine = create_async_engine(self.url)
        return InboxWorker(self.engine, self.handlers(self.settings()), retry=lambda attempt: 0.0, poll_seconds=0.2)

    def start_worker(self) -> None:
        self.stop_worker = asyncio.Event()
        self.working = asyncio.create_task(self.worker().run(self.stop_worker))

    async def kill_worker(self) -> None:
        """Stop the worker where it is (its transaction is rolled back, as when its process dies)."""
        if self.working is not None:
            self.working.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.working
            self.working = None

    async def stop(self) -> None:
        await self.kill_worker()
        if self.server is not None and self.serving is not None:
            self.server.should_exit = True
            await self.serving
        self.server = self.serving = None

    async def settle(self, seconds: float = 120.0) -> None:
        """Wait until nothing kept is waiting (handled by the worker beside, or by a run here)."""
        deadline = asyncio.get_running_loop().time() + seconds
        while asyncio.get_running_loop().time() < deadline:
            await self.worker().run_until_idle()
            if await self.count("SELECT count(*) FROM inbox_event WHERE status = 'received'") == 0:
                return
            await asyncio.sleep(0.05)
        raise TimeoutError("events are still waiting")

    async def count(self, sql: str) -> int:
        if self.engine is None:
            self.engine = create_async_engine(self.url)
        async with self.engine.connect() as connection:
            return int(await connection.scalar(text(sql)) or 0)


async def _receiver(
    postgres_server_url: str, issuer: TestIssuer, spec: ServiceSpec, name: str, handlers: Callable[[Any], Any]
) -> Receiver:
    url = await create_migrated_database(postgres_server_url, spec.service_dir, f"{name}_{uuid.uuid4().hex[:8]}")
    return Receiver(spec=spec, url=url, issuer=issuer, handlers=handlers)


@pytest_asyncio.fixture(loop_scope="session")
async def clients(postgres_server_url: str, test_issuer: TestIssuer) -> AsyncIterator[Receiver]:
    spec = ServiceSpec(create_app=create_clients_app, settings_class=ClientsSettings, service_dir=Path(CLIENTS_DIR))
    receiver = await _receiver(postgres_server_url, test_issuer, spec, "platform_clients", clients_handlers)
    yield receiver
    await receiver.stop()
    if receiver.engine is not None:
        await receiver.engine.dispose()


@pytest_asyncio.fixture(loop_scope="session")
async def employer(postgres_server_url: str, test_issuer: TestIssuer) -> AsyncIterator[Receiver]:
    spec = ServiceSpec(create_app=create_employer_app, settings_class=EmployerSettings, service_dir=Path(EMPLOYER_DIR))
    receiver = await _receiver(postgres_server_url, test_issuer, spec, "platform_employer", employer_handlers)
    yield receiver
    await receiver.stop()
    if receiver.engine is not None:
        await receiver.engine.dispose()


def sender(receiver: Receiver, clock: SimulatedClock | None = None) -> Sender:
    token = receiver.issuer.token(subject="platform-tmt", roles=["platform"], org=LAHTI, client_id="platform-tmt")
    if clock is None:
        return Sender(receiver.base_url, SECRET, token=token, sleep=lambda seconds: asyncio.sleep(0.05))
    return Sender(receiver.base_url, SECRET, token=token, sleep=clock.sleep, clock=clock)


CLIENTS = "SELECT count(*) FROM client"
PROCESSED = "SELECT count(*) FROM inbox_event WHERE status = 'processed'"
NOT_PROCESSED = "SELECT count(*) FROM inbox_event WHERE status <> 'processed'"
ENDED_PERIODS = "SELECT count(*) FROM job_search_period WHERE ended_on IS NOT NULL AND end_reason = 'employed'"


class TestInboundReliability:
    async def test_down_for_an_hour_then_up_every_event_once(self, clients: Receiver) -> None:
        clock = SimulatedClock()
        clock.at(3600, clients.start)  # the receiver comes up after an hour of simulated time
        events = [registered(n) for n in range(20)]
        send = sender(clients, clock)
        tally = await send.deliver_all(events)
        await send.aclose()
        await clients.settle()
        print(f"\ndown an hour: {tally.line()}, simulated {clock.now:.0f} s")
        assert clock.now >= 3600 and tally.retried > 0
        assert (tally.accepted, tally.duplicates, tally.gave_up) == (20, 0, 0)
        assert await clients.count(CLIENTS) == 20
        assert (await clients.count(PROCESSED), await clients.count(NOT_PROCESSED)) == (20, 0)
        await clients.stop()

    async def test_the_same_delivery_three_times_has_one_effect(self, clients: Receiver, employer: Receiver) -> None:
        await clients.start()
        await employer.start()
        events = [registered(100 + n) for n in range(10)]
        send = sender(clients)
        tally = await send.deliver_all(events, faults=[Fault.duplicate, Fault.wrong_signature], duplicates=3)
        vacancies = sender(employer)
        vacancy_tally = await vacancies.deliver_all(
            [vacancy(PUBLISHED, n, T0) for n in range(10)], faults=[Fault.duplicate], duplicates=3
        )
        await send.aclose()
        await vacancies.aclose()
        await clients.settle()
        await employer.settle()
        print(f"\nthree times: clients-api {tally.line()}; employer-api {vacancy_tally.line()}")
        assert (tally.accepted, tally.duplicates, tally.refused) == (10, 20, 10)  # the wrong signatures: 401
        assert tally.statuses.get(401) == 10
        assert await clients.count(CLIENTS) == 10
        assert (vacancy_tally.accepted, vacancy_tally.duplicates) == (10, 20)
        assert await employer.count("SELECT count(*) FROM vacancy WHERE source = 'imported'") == 10
        await clients.stop()
        await employer.stop()

    async def test_out_of_order_ends_right(self, clients: Receiver, employer: Receiver) -> None:
        await clients.start()
        await employer.start()
        # Each person: registered, then the job search ended; sent the other way round.
        people = [event for n in range(10) for event in (registered(200 + n), ended(200 + n, T0 + timedelta(hours=1)))]
        send = sender(clients)
        tally = await send.deliver_all(people, faults=[Fault.out_of_order])
        # Each vacancy: published, changed, removed; sent the other way round.
        postings = [
            event
            for n in range(10)
            for event in (
                vacancy(PUBLISHED, 100 + n, T0),
                vacancy(CHANGED, 100 + n, T0 + timedelta(hours=1), positions=3),
                vacancy(REMOVED, 100 + n, T0 + timedelta(hours=2)),
            )
        ]
        vacancies = sender(employer)
        vacancy_tally = await vacancies.deliver_all(postings, faults=[Fault.out_of_order])
        await send.aclose()
        await vacancies.aclose()
        await clients.settle()
        await employer.settle()
        print(f"\nout of order: clients-api {tally.line()}; employer-api {vacancy_tally.line()}")
        assert await clients.count(CLIENTS + " WHERE last_name LIKE 'Henkilö 2%'") == 10
        assert await clients.count(ENDED_PERIODS) == 10
        assert await clients.count("SELECT count(*) FROM job_search_period WHERE ended_on IS NULL") == 0
        removed = (
            "SELECT count(*) FROM vacancy"
            " WHERE external_id LIKE 'TMT-1%' AND removed_at IS NOT NULL AND status = 'closed'"
        )
        assert await employer.count(removed) == 10
        assert await employer.count("SELECT count(*) FROM vacancy WHERE external_id LIKE 'TMT-1%'") == 10
        assert await clients.count(NOT_PROCESSED) == 0 and await employer.count(NOT_PROCESSED) == 0
        await clients.stop()
        await employer.stop()

    async def test_a_restart_in_the_middle_of_a_batch_loses_and_doubles_nothing(self, clients: Receiver) -> None:
        await clients.start()
        clock = SimulatedClock()
        send = sender(clients, clock)
        events = [registered(300 + n) for n in range(60)]
        # A third of the batch is taken in; then the service and its inbox worker go, whatever the worker was
        # handling, and come back 30 simulated seconds later while the rest of the batch is being sent.
        await send.deliver_all(events[:20], concurrency=6)
        await clients.stop()
        clock.at(clock.now + 30, clients.start)
        tally = await send.deliver_all(events[20:], concurrency=6)
        await clients.settle()
        print(f"\nrestart mid-batch: {tally.line()}")
        assert tally.events == 60 and tally.retried > 0
        assert tally.gave_up == 0 and tally.accepted + tally.duplicates == 60
        assert await clients.count(CLIENTS) == 60
        assert (await clients.count(PROCESSED), await clients.count(NOT_PROCESSED)) == (60, 0)
        await send.aclose()
        await clients.stop()
