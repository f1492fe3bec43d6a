"""The stored deadlines on a database of their own (committed transactions, not the test's rolled-back one): the
migration that adds them leaves every existing client out of date for the reads and the job to fill, concurrent
refreshes of one client take turns, and the migration that stores the plan's up-to-date day fills it by the rule."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from clients_api import SERVICE_DIR
from clients_api.client.models import Client
from clients_api.client.service import today
from clients_api.plan.repository import plan_facts
from clients_api.plan.status import up_to_date_until
from clients_api.schedule.models import ClientDeadline
from clients_api.schedule.service import announce_overdue
from clients_api.schedule.stored import refresh_deadlines
from polku_kit.calendar import add_months
from polku_kit.migrations import upgrade
from polku_kit.testing import LAHTI, throwaway_database

INSERT_CLIENT = (
    "INSERT INTO client (id, organisation_id, identity_code_hash, identity_code_encrypted, birth_date, first_names,"
    " last_name, home_municipality, languages, job_search_started_on, status, coach_subject, version)"
    " VALUES (:id, :org, :hash, '\\x00'::bytea, DATE '1990-01-01', 'Testi', 'Asiakas', '398', ARRAY['fi'], :started,"
    " 'unemployed', 'coach-aino', 1)"
)

# A plan made on the day the job search started: its deadline is met, so the initial interview is the one overdue.
INSERT_PLAN = (
    "INSERT INTO plan_version (id, client_id, version, plan_type, goals, tasks, applications_per_period,"
    " period_months, next_review_on, created_by, created_at) VALUES (gen_random_uuid(), :id, 1, 'employment',"
    " '[\"Työ\"]'::jsonb, '[]'::jsonb, 4, 1, CAST(:started AS date), 'coach-aino',"
    " CAST(:started AS date) + time '10:00')"
)


@pytest.fixture
async def empty_database(postgres_server_url: str) -> AsyncIterator[str]:
    async with throwaway_database(postgres_server_url, "test_clients_stored") as url:
        yield url


async def insert_client(engine: AsyncEngine, days_ago: int = 30) -> uuid.UUID:
    client_id = uuid.uuid4()
    started = today() - timedelta(days=days_ago)
    async with engine.begin() as connection:
        await connection.execute(
            text(INSERT_CLIENT), {"id": client_id, "org": LAHTI, "hash": f"hash-{client_id}", "started": started}
        )
        await connection.execute(text(INSERT_PLAN), {"id": client_id, "started": started})
    return client_id


async def test_the_migration_leaves_existing_clients_out_of_date_and_the_job_fills_them(empty_database: str) -> None:
    await asyncio.to_thread(upgrade, SERVICE_DIR, empty_database, "clients_0009")
    engine = create_async_engine(empty_database)
    try:
        existing = await insert_client(engine)
        await asyncio.to_thread(upgrade, SERVICE_DIR, empty_database)
        async with engine.connect() as connection:
            assert await connection.scalar(select(Client.deadlines_valid_until).where(Client.id == existing)) is None
            assert await connection.scalar(select(func.count()).select_from(ClientDeadline)) == 0
        assert await announce_overdue(async_sessionmaker(engine, expire_on_commit=False)) == 1  # initial interview
        async with engine.connect() as connection:
            until = await connection.scalar(select(Client.deadlines_valid_until).where(Client.id == existing))
            stored = await connection.scalar(
                select(func.count()).select_from(ClientDeadline).where(ClientDeadline.client_id == existing)
            )
        assert until is not None and until >= today() and stored
    finally:
        await engine.dispose()


async def test_concurrent_refreshes_of_one_client_take_turns(empty_database: str) -> None:
    await asyncio.to_thread(upgrade, SERVICE_DIR, empty_database)
    engines = [create_async_engine(empty_database) for _ in range(4)]
    try:
        client_id = await insert_client(engines[0], days_ago=200)

        async def refresh(engine: AsyncEngine) -> None:
            async with async_sessionmaker(engine)() as session, session.begin():
                await refresh_deadlines(session, [client_id], today())

        for _ in range(3):
            await asyncio.gather(*(refresh(engine) for engine in engines))
        async with engines[0].connect() as connection:
            rows = (
                await connection.execute(
                    select(ClientDeadline.kind, ClientDeadline.number).where(ClientDeadline.client_id == client_id)
                )
            ).all()
        assert rows and len(rows) == len(set(rows))
    finally:
        for engine in engines:
            await engine.dispose()


INSERT_HELD = (
    "INSERT INTO client_deadline (client_id, kind, number, organisation_id, due_on, held_on, waived, rule_set)"
    " VALUES (:id, :kind, 1, :org, :held, :held, false, 'nordic_2025')"
)


async def test_the_plan_status_migration_fills_the_day_by_the_plan_rule(empty_database: str) -> None:
    await asyncio.to_thread(upgrade, SERVICE_DIR, empty_database, "clients_0025")
    engine = create_async_engine(empty_database)
    try:
        # The plan is made on the job search's first day: reviewed at an interview held that day (up to date for
        # three months), not at one held two days later, and with none held not up to date.
        reviewed, not_reviewed, no_interview = [await insert_client(engine, days_ago=30) for _ in range(3)]
        started = today() - timedelta(days=30)
        async with engine.begin() as connection:
            for client_id, held, kind in [
                (reviewed, started, "initial_interview"),
                (not_reviewed, started + timedelta(days=2), "initial_interview"),
                (no_interview, started, "employment_plan"),  # the plan deadline met is no interview
            ]:
                await connection.execute(text(INSERT_HELD), {"id": client_id, "kind": kind, "org": LAHTI, "held": held})
        await asyncio.to_thread(upgrade, SERVICE_DIR, empty_database)
        ids = [reviewed, not_reviewed, no_interview]
        async with async_sessionmaker(engine)() as session:
            facts = await plan_facts(session, organisation_id=LAHTI, client_ids=ids)
            stored = dict(
                (await session.execute(select(Client.id, Client.plan_up_to_date_until).where(Client.id.in_(ids)))).all()
            )
        assert stored == {client_id: up_to_date_until(facts[client_id]) for client_id in ids}
        assert stored[reviewed] == add_months(started, 3) and stored[not_reviewed] is None
    finally:
        await engine.dispose()
