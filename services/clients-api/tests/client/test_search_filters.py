"""Search by computed target groups and overdue deadlines, with a bounded scan and a cursor to go on from."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client import service
from clients_api.client.models import Client
from polku_kit.calendar import today
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

TODAY = today()
ALPHABET = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def code(years: int, individual: int) -> str:
    """A valid personal identity code of someone ``years`` old (born on 1 January)."""
    year = TODAY.year - years - 1
    birth = f"0101{year % 100:02d}"
    return f"{birth}{'A' if year >= 2000 else '-'}{individual:03d}{ALPHABET[int(f'{birth}{individual:03d}') % 31]}"


def coach(issuer: TestIssuer, org=LAHTI) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return issuer.headers(subject="coach-aino", roles=["coach"], org=org)


async def register(
    client: httpx.AsyncClient, issuer: TestIssuer, *, years: int, individual: int, started_days_ago: int
) -> str:
    response = await client.post(
        "/v1/clients",
        headers=coach(issuer),
        json={
            "personal_identity_code": code(years, individual),
            "first_names": "Testi",
            "last_name": f"Henkilö{individual}",
            "home_municipality": "398",
            "job_search_started_on": (TODAY - timedelta(days=started_days_ago)).isoformat(),
        },
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def search(client: httpx.AsyncClient, issuer: TestIssuer, **params: object) -> dict:  # type: ignore[type-arg]
    response = await client.get("/v1/clients", headers=coach(issuer), params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def ids(page: dict) -> list[str]:  # type: ignore[type-arg]
    return [item["id"] for item in page["items"]]


class TestComputedFilters:
    async def test_target_groups_all_must_hold(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        young_new = await register(client, test_issuer, years=22, individual=102, started_days_ago=10)
        young_long = await register(client, test_issuer, years=23, individual=104, started_days_ago=400)
        older_long = await register(client, test_issuer, years=45, individual=106, started_days_ago=400)
        assert set(ids(await search(client, test_issuer, target_group="under_25"))) == {young_new, young_long}
        assert set(ids(await search(client, test_issuer, target_group="long_term_unemployed"))) == {
            young_long,
            older_long,
        }
        both = await search(client, test_issuer, target_group=["under_25", "long_term_unemployed"])
        assert ids(both) == [young_long] and both["next_cursor"] is None

    async def test_overdue_deadlines(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        late = await register(client, test_issuer, years=40, individual=108, started_days_ago=60)
        fresh = await register(client, test_issuer, years=41, individual=110, started_days_ago=1)
        assert ids(await search(client, test_issuer, overdue="true")) == [late]
        assert ids(await search(client, test_issuer, overdue="false")) == [fresh]
        held = await client.post(
            f"/v1/clients/{late}/interviews",
            headers=coach(test_issuer),
            json={"held_on": TODAY.isoformat(), "channel": "phone"},
        )
        assert held.status_code == 201
        assert late not in ids(await search(client, test_issuer, overdue="true"))

    async def test_a_long_scan_stops_with_a_cursor_and_goes_on_from_it(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        monkeypatch: pytest.MonkeyPatch,
        db_session: AsyncSession,
    ) -> None:
        monkeypatch.setattr(service, "SEARCH_BATCH", 2)
        monkeypatch.setattr(service, "SEARCH_SCAN_LIMIT", 4)
        registered = [
            await register(client, test_issuer, years=50, individual=individual, started_days_ago=5)
            for individual in range(112, 122, 2)
        ]  # five newly unemployed, registered first
        long_term = await register(client, test_issuer, years=50, individual=122, started_days_ago=400)
        for minutes, client_id in enumerate([*registered, long_term]):  # one transaction: give them their order
            await db_session.execute(
                update(Client)
                .where(Client.id == uuid.UUID(client_id))
                .values(created_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes))
            )
        first = await search(client, test_issuer, target_group="long_term_unemployed", limit=10)
        assert first["items"] == [] and first["next_cursor"] is not None  # four read, none matched
        second = await search(
            client, test_issuer, target_group="long_term_unemployed", limit=10, cursor=first["next_cursor"]
        )
        assert ids(second) == [long_term] and second["next_cursor"] is None

    async def test_an_unknown_group_is_a_field_error_and_another_organisation_finds_nothing(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await register(client, test_issuer, years=22, individual=124, started_days_ago=10)
        wrong = await client.get("/v1/clients", headers=coach(test_issuer), params={"target_group": "pensioner"})
        assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"].startswith("query.target_group")
        elsewhere = await client.get(
            "/v1/clients", headers=coach(test_issuer, MIKKELI), params={"target_group": "under_25"}
        )
        assert elsewhere.json()["items"] == []


class TestByIds:
    """The names behind a list of ids (a referral board's): only the clients the caller reaches."""

    async def test_only_the_named_clients_within_reach(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        own, pool, others = [
            await register(client, test_issuer, years=40, individual=200 + n, started_days_ago=30) for n in range(3)
        ]
        await register(client, test_issuer, years=40, individual=210, started_days_ago=30)  # not asked for
        await db_session.execute(update(Client).where(Client.id == uuid.UUID(own)).values(coach_subject="coach-aino"))
        await db_session.execute(
            update(Client).where(Client.id == uuid.UUID(others)).values(coach_subject="coach-of-another-team")
        )
        elsewhere = str(uuid.uuid4())

        found = await search(client, test_issuer, id=[own, pool, others, elsewhere])
        assert sorted(ids(found)) == sorted([own, pool])
        assert {item["last_name"] for item in found["items"]} == {"Henkilö200", "Henkilö201"}
        mikkeli = await client.get("/v1/clients", params={"id": [own, pool]}, headers=coach(test_issuer, MIKKELI))
        assert mikkeli.status_code == 200 and mikkeli.json()["items"] == []

    async def test_at_most_a_hundred_and_each_an_id(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        too_many = await client.get(
            "/v1/clients", params={"id": [str(uuid.uuid4()) for _ in range(101)]}, headers=coach(test_issuer)
        )
        assert too_many.status_code == 422 and too_many.json()["errors"][0]["field"] == "query.id"
        not_an_id = await client.get("/v1/clients", params={"id": "not-a-uuid"}, headers=coach(test_issuer))
        assert not_an_id.status_code == 422 and not_an_id.json()["errors"][0]["field"].startswith("query.id")

    async def test_not_for_partners(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        partner = test_issuer.headers(subject="leena", roles=["partner"], org=LAHTI)
        assert (await client.get("/v1/clients", params={"id": str(uuid.uuid4())}, headers=partner)).status_code == 403
