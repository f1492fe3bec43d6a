"""The stored deadlines are always the schedule: every change of what it is computed from rewrites them in its own
transaction, and a client whose stored deadlines are out of date (past their horizon, or never computed: a client
loaded in bulk, a database just migrated) is refreshed before any read uses them, or by the daily job."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from clients_api.assessment import repository as assessment_repository
from clients_api.client.models import Client, ClientStatusChange
from clients_api.client.service import today
from clients_api.continuity import StatusEntry, unemployment_spells
from clients_api.jobsearch.models import JobSearchPeriod
from clients_api.plan.models import PlanVersion
from clients_api.schedule.deadlines import DeadlineKind, DeadlineStatus, schedule_with_horizon
from clients_api.schedule.models import ClientDeadline, DeadlineWaiver, Interview
from clients_api.schedule.service import announce_overdue, refresh_all
from clients_api.schedule.stored import supplementary_need
from clients_api.seed import identity_code
from polku_kit.calendar import local_date
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

from .. import factories
from ..plan.test_router import plan

Stored = tuple[set[tuple[object, ...]], date | None]


def coach(issuer: TestIssuer, org: uuid.UUID = LAHTI) -> dict[str, str]:
    return issuer.headers(subject="coach-aino", roles=["coach"], org=org)


async def register(client: httpx.AsyncClient, issuer: TestIssuer, started: date, individual: int = 202) -> str:
    """A client with a plan made today, so that the plan deadline is met (late) and the interviews are what is
    open."""
    client_id = await factories.register(
        client, coach(issuer), started=started, personal_identity_code=identity_code("150590", "-", individual)
    )
    saved = await client.put(f"/v1/clients/{client_id}/plan", json=plan(), headers=coach(issuer))
    assert saved.status_code == 200, saved.text
    return client_id


async def stored(session: AsyncSession, client_id: str) -> Stored:
    """What is stored for the client, read past the session's identity map."""
    rows = (
        await session.execute(
            select(
                ClientDeadline.kind,
                ClientDeadline.number,
                ClientDeadline.due_on,
                ClientDeadline.held_on,
                ClientDeadline.waived,
                ClientDeadline.rule_set,
            ).where(ClientDeadline.client_id == uuid.UUID(client_id))
        )
    ).all()
    until = await session.scalar(select(Client.deadlines_valid_until).where(Client.id == uuid.UUID(client_id)))
    return {tuple(row) for row in rows}, until


async def recomputed(session: AsyncSession, client_id: str) -> Stored:
    """The schedule computed afresh from what it is computed from, as it would be stored: the latest job-search
    period, the interviews, the waivers of that period, the assessment, the first plan made in the period and the
    spells of continuous unemployment."""
    key = uuid.UUID(client_id)
    started = await session.scalar(select(Client.job_search_started_on).where(Client.id == key))
    periods = (
        await session.execute(
            select(JobSearchPeriod.started_on, JobSearchPeriod.initial_interview, JobSearchPeriod.ended_on)
            .where(JobSearchPeriod.client_id == key)
            .order_by(JobSearchPeriod.started_on)
        )
    ).all()
    held = (
        await session.scalars(
            select(Interview.held_on).where(Interview.client_id == key, Interview.cancelled_at.is_(None))
        )
    ).all()
    assessment = await assessment_repository.current(session, client_id=key)
    assert started is not None
    if periods:
        started = periods[-1].started_on
    waived = (
        await session.execute(
            select(DeadlineWaiver.kind, DeadlineWaiver.number).where(
                DeadlineWaiver.client_id == key, DeadlineWaiver.due_on >= started
            )
        )
    ).all()
    plans = (await session.scalars(select(PlanVersion.created_at).where(PlanVersion.client_id == key))).all()
    statuses = (
        await session.execute(
            select(ClientStatusChange.status, ClientStatusChange.changed_on, ClientStatusChange.recorded_at).where(
                ClientStatusChange.client_id == key
            )
        )
    ).all()
    spells = unemployment_spells(
        [StatusEntry(status, day, at) for status, day, at in statuses],
        [(period.started_on, period.ended_on) for period in periods] or None,
    )
    deadlines, until = schedule_with_horizon(
        job_search_started_on=started,
        interviews_held=list(held),
        today=today(),
        waived={(DeadlineKind(kind), number) for kind, number in waived},
        supplementary_need=supplementary_need(assessment),
        initial_interview=not periods or periods[-1].initial_interview,
        ended_on=periods[-1].ended_on if periods else None,
        plan_made_on=min((day for day in (local_date(at) for at in plans) if day >= started), default=None),
        unemployment=[spell for spell in spells if spell[1] is None or spell[1] >= started],
    )
    return {
        (d.kind.value, d.number, d.due_on, d.held_on, d.status is DeadlineStatus.waived, d.rule_set.key)
        for d in deadlines
    }, until


async def changed_and_right(session: AsyncSession, client_id: str, before: Stored) -> None:
    after = await stored(session, client_id)
    assert after == await recomputed(session, client_id)
    assert after != before, "the change should have changed the schedule"


class TestEveryChangeRewritesTheStoredDeadlines:
    async def test_registration_stores_the_schedule(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        client_id = await register(client, test_issuer, today() - timedelta(days=30))
        await changed_and_right(db_session, client_id, (set(), None))

    async def test_a_recorded_interview(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        started = today() - timedelta(days=30)
        client_id = await register(client, test_issuer, started)
        before = await stored(db_session, client_id)
        response = await client.post(
            f"/v1/clients/{client_id}/interviews",
            headers=coach(test_issuer),
            json={"held_on": (started + timedelta(days=2)).isoformat(), "channel": "phone"},
        )
        assert response.status_code == 201, response.text
        await changed_and_right(db_session, client_id, before)
        due = (await client.get("/v1/due-list", headers=coach(test_issuer), params={"horizon_days": 0})).json()
        assert client_id not in {item["client_id"] for item in due["items"]}

    async def test_a_cancelled_interview(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        started = today() - timedelta(days=30)
        client_id = await register(client, test_issuer, started)
        held = await client.post(
            f"/v1/clients/{client_id}/interviews",
            headers=coach(test_issuer),
            json={"held_on": (started + timedelta(days=2)).isoformat(), "channel": "phone"},
        )
        before = await stored(db_session, client_id)
        response = await client.post(
            f"/v1/clients/{client_id}/interviews/{held.json()['id']}/cancel",
            headers=coach(test_issuer),
            json={"party": "client", "reason": "ill"},
        )
        assert response.status_code == 200, response.text
        await changed_and_right(db_session, client_id, before)
        due = (await client.get("/v1/due-list", headers=coach(test_issuer))).json()
        assert [(item["kind"], item["status"]) for item in due["items"] if item["client_id"] == client_id] == [
            ("initial_interview", "overdue")
        ]

    async def test_a_waiver(self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession) -> None:
        client_id = await register(client, test_issuer, today() - timedelta(days=30))
        before = await stored(db_session, client_id)
        response = await client.post(
            f"/v1/clients/{client_id}/schedule/waivers",
            headers=coach(test_issuer),
            json={"kind": "initial_interview", "number": 1, "reason": "Started work"},
        )
        assert response.status_code == 201, response.text
        await changed_and_right(db_session, client_id, before)
        overdue = (await client.get("/v1/clients", headers=coach(test_issuer), params={"overdue": "true"})).json()
        assert overdue["items"] == []

    async def test_a_saved_assessment(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        client_id = await register(client, test_issuer, today() - timedelta(days=10))
        before = await stored(db_session, client_id)
        response = await client.put(
            f"/v1/clients/{client_id}/assessment",
            headers=coach(test_issuer),
            json={"assessed_on": today().isoformat(), "service_needs": ["rehabilitation"]},
        )
        assert response.status_code == 200, response.text
        await changed_and_right(db_session, client_id, before)
        due = (await client.get("/v1/due-list", headers=coach(test_issuer), params={"horizon_days": 31})).json()
        assert "supplementary_interview" in {item["kind"] for item in due["items"]}

    async def test_a_status_change_refreshes_and_decides_whether_the_deadlines_count(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        client_id = await register(client, test_issuer, today() - timedelta(days=30))
        before = await stored(db_session, client_id)
        for status, listed in (("employed", False), ("unemployed", True)):
            response = await client.post(
                f"/v1/clients/{client_id}/status",
                headers=coach(test_issuer),
                json={"status": status, "changed_on": today().isoformat()},
            )
            assert response.status_code == 200, response.text
            assert await stored(db_session, client_id) == before == await recomputed(db_session, client_id)
            due = (await client.get("/v1/due-list", headers=coach(test_issuer))).json()
            assert (client_id in {item["client_id"] for item in due["items"]}) is listed


async def insert_out_of_date_client(
    session: AsyncSession, *, status: str = "unemployed", org: uuid.UUID = LAHTI
) -> str:
    """A client loaded in bulk (or there before the deadlines were stored): nothing stored, no horizon."""
    client_id = uuid.uuid4()
    await session.execute(
        text(
            "INSERT INTO client (id, organisation_id, identity_code_hash, identity_code_encrypted, birth_date,"
            " first_names, last_name, home_municipality, languages, job_search_started_on, status, coach_subject,"
            " version) VALUES (:id, :org, :hash, '\\x00'::bytea, DATE '1990-01-01', 'Testi', 'Irtolastattu', '398',"
            " ARRAY['fi'], :started, :status, 'coach-aino', 1)"
        ),
        {
            "id": client_id,
            "org": org,
            "hash": f"hash-{client_id}",
            "started": today() - timedelta(days=60),
            "status": status,
        },
    )
    # A plan made on the day the search started (its deadline met): the initial interview is what is overdue.
    await session.execute(
        text(
            "INSERT INTO plan_version (id, client_id, version, plan_type, goals, tasks, applications_per_period,"
            " period_months, next_review_on, created_by, created_at) VALUES (gen_random_uuid(), :id, 1,"
            " 'employment', '[\"Työ\"]'::jsonb, '[]'::jsonb, 4, 1, CAST(:started AS date), 'coach-aino',"
            " CAST(:started AS date) + time '10:00')"
        ),
        {"id": client_id, "started": today() - timedelta(days=60)},
    )
    return str(client_id)


async def overdue_in(client: httpx.AsyncClient, issuer: TestIssuer, read: str, client_id: str) -> bool:
    headers = coach(issuer)
    if read == "schedule":
        body = (await client.get(f"/v1/clients/{client_id}/schedule", headers=headers)).json()
        return any(d["status"] == "overdue" for d in body["deadlines"])
    if read == "due-list":
        body = (await client.get("/v1/due-list", headers=headers)).json()
        return any(i["client_id"] == client_id and i["status"] == "overdue" for i in body["items"])
    if read == "caseload":
        body = (await client.get("/v1/caseload", headers=headers, params={"filter": "overdue_deadlines"})).json()
        return client_id in {item["client_id"] for item in body["items"]}
    if read == "caseloads":
        body = (await client.get("/v1/caseloads", headers=headers)).json()
        return any(row["coach_subject"] == "coach-aino" and row["overdue_deadlines"] for row in body["coaches"])
    assert read == "search"
    body = (await client.get("/v1/clients", headers=headers, params={"overdue": "true"})).json()
    return client_id in {item["id"] for item in body["items"]}


class TestOutOfDateDeadlinesAreRefreshedBeforeTheyAreRead:
    @pytest.mark.parametrize("read", ["schedule", "due-list", "caseload", "caseloads", "search"])
    async def test_a_client_never_computed(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession, read: str
    ) -> None:
        """As every client is right after the migration that added the stored deadlines."""
        client_id = await register(client, test_issuer, today() - timedelta(days=60))
        key = uuid.UUID(client_id)
        await db_session.execute(delete(ClientDeadline).where(ClientDeadline.client_id == key))
        await db_session.execute(update(Client).where(Client.id == key).values(deadlines_valid_until=None))
        assert await stored(db_session, client_id) == (set(), None)
        assert await overdue_in(client, test_issuer, read, client_id)
        assert await stored(db_session, client_id) == await recomputed(db_session, client_id)

    async def test_a_client_past_the_horizon(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        """Stored yesterday with a horizon of yesterday: today the schedule may have grown, so it is recomputed."""
        client_id = await register(client, test_issuer, today() - timedelta(days=30))
        key = uuid.UUID(client_id)
        await db_session.execute(delete(ClientDeadline).where(ClientDeadline.client_id == key))
        await db_session.execute(
            update(Client).where(Client.id == key).values(deadlines_valid_until=today() - timedelta(days=1))
        )
        assert await overdue_in(client, test_issuer, "due-list", client_id)
        assert await stored(db_session, client_id) == await recomputed(db_session, client_id)

    async def test_a_stale_clients_old_rows_give_way_to_the_refreshed_ones(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        """The due list reads the caseload's freshness and its stored deadlines in one statement (decision 0050):
        the rows it read of a client out of date are the old ones, shown neither beside the refreshed ones nor
        instead of them."""
        client_id = await register(client, test_issuer, today() - timedelta(days=60))
        key = uuid.UUID(client_id)
        # An old row that the schedule no longer has (a deadline long past, never met), and the horizon passed.
        await db_session.execute(
            update(ClientDeadline)
            .where(ClientDeadline.client_id == key, ClientDeadline.kind == "initial_interview")
            .values(due_on=today() - timedelta(days=400))
        )
        await db_session.execute(
            update(Client).where(Client.id == key).values(deadlines_valid_until=today() - timedelta(days=1))
        )
        due = (await client.get("/v1/due-list", headers=coach(test_issuer), params={"horizon_days": 31})).json()
        shown = sorted(
            (item["kind"], item["number"], item["due_on"]) for item in due["items"] if item["client_id"] == client_id
        )
        expected, _ = await recomputed(db_session, client_id)
        horizon = today() + timedelta(days=31)
        assert shown == sorted(
            (kind, number, due_on.isoformat())
            for kind, number, due_on, held_on, waived, _rule_set in expected
            if held_on is None and not waived and due_on <= horizon
        )
        assert ("initial_interview", 1, (today() - timedelta(days=400)).isoformat()) not in shown
        assert len(shown) == len(set(shown)) > 0

    async def test_a_client_still_within_the_horizon_is_not_recomputed(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        """The reads trust what is stored until its horizon (which is what makes them cheap)."""
        client_id = await register(client, test_issuer, today() - timedelta(days=30))
        await db_session.execute(delete(ClientDeadline).where(ClientDeadline.client_id == uuid.UUID(client_id)))
        assert not await overdue_in(client, test_issuer, "due-list", client_id)
        assert await stored(db_session, client_id) == (set(), (await recomputed(db_session, client_id))[1])


@pytest.fixture
def sessions(app: FastAPI, db_connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    return app.state.database.sessionmaker  # type: ignore[no-any-return]


class TestTheDailyJob:
    async def test_it_stores_the_deadlines_of_every_client_and_announces_the_job_seekers(
        self, db_session: AsyncSession, sessions: async_sessionmaker[AsyncSession]
    ) -> None:
        seeking = [await insert_out_of_date_client(db_session) for _ in range(3)]
        employed = await insert_out_of_date_client(db_session, status="employed")
        elsewhere = await insert_out_of_date_client(db_session, org=MIKKELI)
        await db_session.commit()
        assert await announce_overdue(sessions, batch=2) == 4
        for client_id in [*seeking, employed, elsewhere]:
            assert await stored(db_session, client_id) == await recomputed(db_session, client_id)
        assert await refresh_all(sessions, batch=2) == 0  # nothing left out of date

    async def test_refresh_all_catches_up_a_later_day(
        self, db_session: AsyncSession, sessions: async_sessionmaker[AsyncSession]
    ) -> None:
        client_id = await insert_out_of_date_client(db_session)
        await db_session.commit()
        assert await refresh_all(sessions) >= 1
        _, until = await stored(db_session, client_id)
        assert until is not None and until >= today()
        assert await refresh_all(sessions, on=until) == 0
        assert await refresh_all(sessions, on=until + timedelta(days=1)) >= 1
        assert (await stored(db_session, client_id))[1] > until  # type: ignore[operator]
