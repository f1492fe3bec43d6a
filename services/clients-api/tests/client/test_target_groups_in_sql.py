"""The search judges the target groups in SQL (``repository.search_statement``): the same answers as the rules in
Python (``client.target_groups``, ``clients_api.continuity``) that compute the groups a client shows."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

import httpx
import pytest
from sqlalchemy import Table, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client import repository, service
from clients_api.client.models import Client, ClientStatusChange
from clients_api.client.target_groups import TargetGroup
from polku_kit.calendar import add_months, today
from polku_kit.testing import TestIssuer

from .test_search_filters import coach, register

TODAY = today()
CLIENT = cast(Table, Client.__table__)
MOMENT = datetime(2025, 1, 1, tzinfo=UTC)


async def _history(db_session: AsyncSession, client_id: str, *changes: tuple[str, date, int]) -> None:
    """Add status changes (status, day, the order they were recorded in: minutes after a fixed moment)."""
    for status, day, minute in changes:
        db_session.add(
            ClientStatusChange(
                client_id=uuid.UUID(client_id),
                status=status,
                changed_on=day,
                reason="test",
                changed_by="coach-aino",
                recorded_at=MOMENT + timedelta(minutes=minute),
            )
        )
    await db_session.flush()


@pytest.fixture
async def histories(client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession) -> list[str]:
    """Clients whose histories the rules tell apart: a break and a return, a break corrected within the day, a break
    recorded last within the day, a change dated in the future, no history at all, and starts at the edges of six and
    twelve whole months (a month's last days among them)."""
    start = TODAY - timedelta(days=700)

    async def new(individual: int, started: date) -> str:
        return await register(
            client, test_issuer, years=40, individual=individual, started_days_ago=(TODAY - started).days
        )

    plain = await new(300, start)
    returned = await new(302, start)
    await _history(
        db_session,
        returned,
        ("employed", start + timedelta(days=100), 1),
        ("unemployed", start + timedelta(days=300), 2),
    )
    corrected = await new(304, start)
    await _history(
        db_session,
        corrected,
        ("employed", start + timedelta(days=200), 1),
        ("unemployed", start + timedelta(days=200), 2),
    )
    broken = await new(306, start)
    await _history(
        db_session,
        broken,
        ("unemployed", start + timedelta(days=200), 1),
        ("employed", start + timedelta(days=200), 2),
    )
    future = await new(308, start)
    await _history(db_session, future, ("employed", TODAY + timedelta(days=3), 1))
    bare = await new(310, start)
    await db_session.execute(delete(ClientStatusChange).where(ClientStatusChange.client_id == uuid.UUID(bare)))
    edges = [
        await new(312 + 2 * number, started)
        for number, started in enumerate(
            [
                add_months(TODAY, -6),
                add_months(TODAY, -6) + timedelta(days=1),
                add_months(TODAY, -12),
                add_months(TODAY, -12) + timedelta(days=1),
                date(TODAY.year - 1, 8, 31),
                date(TODAY.year - 1, 1, 31),
            ]
        )
    ]
    return [plain, returned, corrected, broken, future, bare, *edges]


async def test_the_start_of_unemployment_in_sql_is_the_rules_on_every_day(
    db_session: AsyncSession, histories: list[str]
) -> None:
    ids = [uuid.UUID(client_id) for client_id in histories]
    query = select(CLIENT.c.id, repository.unemployed_since_column(CLIENT).label("since")).where(CLIENT.c.id.in_(ids))
    clients = {row.id: row for row in (await db_session.execute(select(Client).where(Client.id.in_(ids)))).scalars()}
    entries = await repository.status_entries(db_session, ids)
    first = min(client.job_search_started_on for client in clients.values())
    checked = 0
    for day in [first + timedelta(days=offset) for offset in range(0, (TODAY - first).days + 10, 7)] + [TODAY]:
        found = {row.id: row.since for row in await db_session.execute(query, {"day": day})}
        for client_id, client in clients.items():
            expected = service.current_unemployment_start(client, entries[client_id], day)
            assert found[client_id] == expected, (client_id, day)
            checked += expected is not None
    assert checked  # the rules found unemployment on some of those days: the comparison was not of NULLs alone


@pytest.mark.parametrize("group", list(TargetGroup))
async def test_a_search_by_one_group_finds_exactly_the_clients_shown_in_it(
    client: httpx.AsyncClient, test_issuer: TestIssuer, histories: list[str], group: TargetGroup
) -> None:
    young = await register(client, test_issuer, years=24, individual=330, started_days_ago=20)
    every: dict[str, Any] = {}
    for client_id in [*histories, young]:
        read = await client.get(f"/v1/clients/{client_id}", headers=coach(test_issuer))
        assert read.status_code == 200, read.text
        every[client_id] = read.json()["target_groups"]
    response = await client.get("/v1/clients", headers=coach(test_issuer), params={"target_group": group.value})
    assert response.status_code == 200, response.text
    found = {item["id"] for item in response.json()["items"]}
    assert found == {client_id for client_id, groups in every.items() if group.value in groups}
    for item in response.json()["items"]:
        assert group.value in item["target_groups"]


async def test_the_ages_are_judged_by_the_birth_date(client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
    # ``code(years, …)`` is of someone born on 1 January ``years + 1`` years before this year: 24, 25, 29 and 30 today.
    for years, individual in ((23, 340), (24, 342), (28, 344), (29, 346)):
        await register(client, test_issuer, years=years, individual=individual, started_days_ago=5)
    under_25 = await client.get("/v1/clients", headers=coach(test_issuer), params={"target_group": "under_25"})
    under_30 = await client.get("/v1/clients", headers=coach(test_issuer), params={"target_group": "under_30"})
    assert [item["last_name"] for item in under_25.json()["items"]] == ["Henkilö340"]
    # Registered in one transaction (the test's): one moment of registration, so in the order of their ids.
    assert sorted(item["last_name"] for item in under_30.json()["items"]) == ["Henkilö340", "Henkilö342", "Henkilö344"]
