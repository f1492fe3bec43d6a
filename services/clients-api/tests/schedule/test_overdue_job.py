"""``clients-api announce-overdue``: each statutory deadline is announced once, the first time it is seen overdue
(``fi.polku.client.deadline_overdue.v1``, also on the client's timeline); waived and met deadlines never are."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from datetime import date, timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker, create_async_engine

from clients_api import SERVICE_DIR
from clients_api.cli import main
from clients_api.client.service import today
from clients_api.schedule.models import OverdueNotice
from clients_api.schedule.repository import job_seekers_query
from clients_api.schedule.service import OVERDUE_ACTOR, announce_overdue
from clients_api.seed import identity_code
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer, create_migrated_database, explain

from ..plan.test_router import plan

OVERDUE = "fi.polku.client.deadline_overdue.v1"
# 2026 rules: the initial interview within 10 working days of the job-search start, the next discussion three
# months after it. A job search that started 30 days ago has its initial interview overdue and nothing else
# (its plan, made at registration, is late but met).
STARTED = today() - timedelta(days=30)


def coach(issuer: TestIssuer, org: uuid.UUID = LAHTI) -> dict[str, str]:
    return issuer.headers(subject="coach-aino", roles=["coach"], org=org)


@pytest.fixture
def sessions(app: FastAPI, db_connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    """The app's sessions, on the test's connection: each of the job's transactions is a savepoint there."""
    return app.state.database.sessionmaker  # type: ignore[no-any-return]


class Clients:
    def __init__(self, client: httpx.AsyncClient, issuer: TestIssuer):
        self.client = client
        self.issuer = issuer
        self.registered = 0

    async def register(self, started: date = STARTED, org: uuid.UUID = LAHTI) -> str:
        self.registered += 1
        response = await self.client.post(
            "/v1/clients",
            headers=coach(self.issuer, org),
            json={
                "personal_identity_code": identity_code("150590", "-", 200 + 2 * self.registered),
                "first_names": "Matti",
                "last_name": "Meikäläinen",
                "home_municipality": "398",
                "job_search_started_on": started.isoformat(),
            },
        )
        assert response.status_code == 201, response.text
        client_id = str(response.json()["id"])
        # A plan made at once (its deadline met, late): the interviews are what these tests announce.
        saved = await self.client.put(f"/v1/clients/{client_id}/plan", json=plan(), headers=coach(self.issuer, org))
        assert saved.status_code == 200, saved.text
        return client_id

    async def interview(self, client_id: str, held_on: date) -> None:
        response = await self.client.post(
            f"/v1/clients/{client_id}/interviews",
            headers=coach(self.issuer),
            json={"held_on": held_on.isoformat(), "channel": "phone"},
        )
        assert response.status_code == 201, response.text

    async def deadline(self, client_id: str, kind: str, number: int = 1) -> dict[str, object]:
        response = await self.client.get(f"/v1/clients/{client_id}/schedule", headers=coach(self.issuer))
        assert response.status_code == 200, response.text
        return next(d for d in response.json()["deadlines"] if d["kind"] == kind and d["number"] == number)


@pytest.fixture
def clients(client: httpx.AsyncClient, test_issuer: TestIssuer) -> Clients:
    return Clients(client, test_issuer)


async def announced(session: AsyncSession) -> list[OutboxEvent]:
    query = select(OutboxEvent).where(OutboxEvent.type == OVERDUE).order_by(OutboxEvent.subject, OutboxEvent.time)
    return list((await session.scalars(query.execution_options(populate_existing=True))).all())


class TestAnnouncement:
    async def test_an_overdue_initial_interview_is_announced_once(
        self, clients: Clients, sessions: async_sessionmaker[AsyncSession], db_session: AsyncSession
    ) -> None:
        client_id = await clients.register()
        initial = await clients.deadline(client_id, "initial_interview")
        assert initial["status"] == "overdue"

        assert await announce_overdue(sessions) == 1
        [event] = await announced(db_session)
        assert event.subject == f"clients/{client_id}" and event.source == "/polku/clients-api"
        assert event.audience == [LAHTI]
        assert event.data == {
            "client_id": client_id,
            "kind": "initial_interview",
            "number": 1,
            "due_on": initial["due_on"],
            "rule_set": "reform-2026",
        }

        assert await announce_overdue(sessions) == 0
        assert [e.id for e in await announced(db_session)] == [event.id]
        notices = (await db_session.scalars(select(OverdueNotice))).all()
        assert [(str(n.client_id), n.kind, n.number) for n in notices] == [(client_id, "initial_interview", 1)]

    async def test_a_deadline_still_due_is_not_announced_until_it_is_overdue(
        self, clients: Clients, sessions: async_sessionmaker[AsyncSession], db_session: AsyncSession
    ) -> None:
        client_id = await clients.register(started=today() - timedelta(days=1))
        initial = await clients.deadline(client_id, "initial_interview")
        assert initial["status"] == "due"
        due_on = date.fromisoformat(str(initial["due_on"]))
        assert await announce_overdue(sessions, on=due_on) == 0
        assert await announce_overdue(sessions, on=due_on + timedelta(days=1)) == 1
        assert [e.data["due_on"] for e in await announced(db_session)] == [due_on.isoformat()]

    async def test_waived_and_met_deadlines_are_never_announced(
        self,
        clients: Clients,
        sessions: async_sessionmaker[AsyncSession],
        db_session: AsyncSession,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
    ) -> None:
        waived = await clients.register()
        response = await client.post(
            f"/v1/clients/{waived}/schedule/waivers",
            headers=coach(test_issuer),
            json={"kind": "initial_interview", "number": 1, "reason": "Started full-time work"},
        )
        assert response.status_code == 201, response.text
        met = await clients.register()
        await clients.interview(met, STARTED + timedelta(days=2))
        met_late = await clients.register()  # recorded late, before any run saw it overdue
        await clients.interview(met_late, today())

        statuses = [(await clients.deadline(c, "initial_interview"))["status"] for c in (waived, met, met_late)]
        assert statuses == ["waived", "met", "met_late"]
        assert await announce_overdue(sessions) == 0
        assert await announced(db_session) == []

    async def test_a_late_interview_after_the_announcement_sends_nothing_more(
        self, clients: Clients, sessions: async_sessionmaker[AsyncSession], db_session: AsyncSession
    ) -> None:
        client_id = await clients.register()
        assert await announce_overdue(sessions) == 1
        await clients.interview(client_id, today())
        assert (await clients.deadline(client_id, "initial_interview"))["status"] == "met_late"
        assert await announce_overdue(sessions) == 0
        assert len(await announced(db_session)) == 1

    async def test_clients_out_of_the_job_search_are_not_announced(
        self,
        clients: Clients,
        sessions: async_sessionmaker[AsyncSession],
        db_session: AsyncSession,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
    ) -> None:
        employed = await clients.register()
        response = await client.post(
            f"/v1/clients/{employed}/status",
            headers=coach(test_issuer),
            json={"status": "employed", "changed_on": today().isoformat()},
        )
        assert response.status_code == 200, response.text
        in_service = await clients.register()
        response = await client.post(
            f"/v1/clients/{in_service}/status",
            headers=coach(test_issuer),
            json={"status": "in_activating_service", "changed_on": today().isoformat()},
        )
        assert response.status_code == 200, response.text

        assert await announce_overdue(sessions) == 1
        assert [e.subject for e in await announced(db_session)] == [f"clients/{in_service}"]

    async def test_each_organisation_is_announced_on_its_own_over_several_pages(
        self, clients: Clients, sessions: async_sessionmaker[AsyncSession], db_session: AsyncSession
    ) -> None:
        lahti = {await clients.register(org=LAHTI) for _ in range(3)}
        mikkeli = {await clients.register(org=MIKKELI) for _ in range(2)}

        assert await announce_overdue(sessions, batch=2) == 5
        audiences = {event.data["client_id"]: event.audience for event in await announced(db_session)}
        assert audiences == {**{c: [LAHTI] for c in lahti}, **{c: [MIKKELI] for c in mikkeli}}
        assert await announce_overdue(sessions, batch=1) == 0

    async def test_a_later_job_search_periods_deadlines_are_announced_again(
        self,
        clients: Clients,
        sessions: async_sessionmaker[AsyncSession],
        db_session: AsyncSession,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
    ) -> None:
        """Each job-search period has its own statutory schedule (Laki työvoimapalvelujen järjestämisestä
        380/2023, 35 §: the initial interview after the registration as a job seeker), numbered from one again;
        a period that starts more than six months after the previous one ended has an initial interview again."""
        client_id = await clients.register(started=today() - timedelta(days=400))
        first_run = await announce_overdue(sessions)
        assert first_run >= 1
        first_initial = [e for e in await announced(db_session) if e.data["kind"] == "initial_interview"]
        assert len(first_initial) == 1

        periods = await client.get(f"/v1/clients/{client_id}/job-search-periods", headers=coach(test_issuer))
        assert periods.status_code == 200, periods.text
        [period] = periods.json()
        ended = await client.post(
            f"/v1/clients/{client_id}/job-search-periods/{period['id']}/end",
            headers={**coach(test_issuer), "If-Match": f'"period-v{period["version"]}"'},
            json={"ended_on": (today() - timedelta(days=250)).isoformat(), "reason": "employed"},
        )
        assert ended.status_code == 200, ended.text
        restarted = await client.post(
            f"/v1/clients/{client_id}/job-search-periods",
            headers=coach(test_issuer),
            json={"started_on": (today() - timedelta(days=30)).isoformat()},
        )
        assert restarted.status_code == 201, restarted.text
        assert restarted.json()["initial_interview"] is True
        second = await clients.deadline(client_id, "initial_interview")
        assert second["status"] == "overdue"

        assert await announce_overdue(sessions) == 1
        initials = [e for e in await announced(db_session) if e.data["kind"] == "initial_interview"]
        assert [e.data["due_on"] for e in initials] == [first_initial[0].data["due_on"], second["due_on"]]
        assert await announce_overdue(sessions) == 0

    async def test_the_announcement_is_on_the_timeline(
        self,
        clients: Clients,
        sessions: async_sessionmaker[AsyncSession],
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
    ) -> None:
        client_id = await clients.register()
        await announce_overdue(sessions)
        response = await client.get(f"/v1/clients/{client_id}/timeline", headers=coach(test_issuer))
        assert response.status_code == 200, response.text
        [entry] = [e for e in response.json()["items"] if e["type"] == OVERDUE]
        assert entry["actor_subject"] == OVERDUE_ACTOR and entry["source"] == "/polku/clients-api"
        assert entry["data"]["kind"] == "initial_interview" and entry["data"]["number"] == 1
        assert "Matti" not in response.text and "Meikäläinen" not in response.text


async def test_a_page_of_job_seekers_is_read_through_its_index(db_session: AsyncSession) -> None:
    """The job reads an organisation's job seekers through their own index, never the whole client table."""
    organisations = [LAHTI] + [uuid.UUID(int=number) for number in range(1, 10)]
    await db_session.execute(
        text(
            "INSERT INTO client (id, organisation_id, identity_code_hash, identity_code_encrypted, birth_date,"
            " first_names, last_name, home_municipality, languages, job_search_started_on, status, version)"
            " SELECT gen_random_uuid(), (CAST(:orgs AS uuid[]))[1 + n % 10], 'hash-' || n, '\\x00'::bytea,"
            " DATE '1990-01-01', 'Testi', 'Asiakas ' || n, '398', ARRAY['fi'], DATE '2026-01-01',"
            " CASE WHEN n % 7 = 0 THEN 'employed' ELSE 'unemployed' END, 1"
            " FROM generate_series(1, 20000) AS n"
        ),
        {"orgs": organisations},
    )
    await db_session.execute(text("ANALYZE client"))
    for after in (None, uuid.UUID(int=2**127)):
        query_plan = await explain(db_session, job_seekers_query(organisation_id=LAHTI, after=after, limit=500))
        # Through an index of the organisation's job seekers (ix_client_job_seekers, or another on the organisation
        # that the planner prefers for these statistics), never a scan of the whole table.
        assert query_plan.indexes and ("Seq Scan", "client") not in query_plan.scans, query_plan.text


class TestCommand:
    """The command itself, on a database of its own (the job commits, so not the test's rolled-back one)."""

    @pytest.fixture
    async def database_url(self, postgres_server_url: str, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[str]:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        url = await create_migrated_database(postgres_server_url, SERVICE_DIR, f"test_clients_overdue_{worker}")
        monkeypatch.setenv("POLKU_ENV", "test")
        monkeypatch.setenv("POLKU_CLIENTS_DATABASE_URL", url)
        yield url

    async def test_the_command_runs_on_an_empty_database(self, database_url: str) -> None:
        await asyncio.to_thread(main, ["announce-overdue"])
        engine = create_async_engine(database_url)
        try:
            async with engine.connect() as connection:
                assert await connection.scalar(select(func.count()).select_from(OverdueNotice)) == 0
                assert await connection.scalar(select(func.count()).select_from(OutboxEvent)) == 0
        finally:
            await engine.dispose()

    async def test_runs_at_the_same_time_announce_each_deadline_once(self, database_url: str) -> None:
        engine = create_async_engine(database_url)
        try:
            async with engine.begin() as connection:
                await connection.execute(
                    text(
                        "INSERT INTO client (id, organisation_id, identity_code_hash, identity_code_encrypted,"
                        " birth_date, first_names, last_name, home_municipality, languages, job_search_started_on,"
                        " status, version)"
                        " SELECT gen_random_uuid(), CAST(:org AS uuid), 'hash-' || n, '\\x00'::bytea, DATE '1990-01-01',"  # noqa: E501
                        " 'Testi', 'Asiakas', '398', ARRAY['fi'], CAST(:started AS date), 'unemployed', 1"
                        " FROM generate_series(1, 40) AS n"
                    ),
                    {"org": LAHTI, "started": STARTED},
                )
                # Each with a plan made on its first day: the initial interview is the one deadline overdue.
                await connection.execute(
                    text(
                        "INSERT INTO plan_version (id, client_id, version, plan_type, goals, tasks,"
                        " applications_per_period, period_months, next_review_on, created_by, created_at)"
                        " SELECT gen_random_uuid(), id, 1, 'employment', '[\"Työ\"]'::jsonb, '[]'::jsonb, 4, 1,"
                        " job_search_started_on, 'coach-aino', CAST(job_search_started_on AS timestamp)"
                        " + interval '10 hours' FROM client"
                    )
                )
            others = [create_async_engine(database_url) for _ in range(3)]
            try:
                counts = await asyncio.gather(
                    *(announce_overdue(async_sessionmaker(other, expire_on_commit=False), batch=5) for other in others)
                )
            finally:
                for other in others:
                    await other.dispose()
            assert sum(counts) == 40
            await asyncio.to_thread(main, ["announce-overdue"])
            async with engine.connect() as connection:
                events = await connection.scalar(
                    select(func.count()).select_from(OutboxEvent).where(OutboxEvent.type == OVERDUE)
                )
                entries = await connection.scalar(
                    text("SELECT count(*) FROM timeline_entry WHERE type = :type"), {"type": OVERDUE}
                )
            assert events == entries == 40
        finally:
            await engine.dispose()
