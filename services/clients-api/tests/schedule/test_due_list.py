"""The coach's due list: overdue first, then this week; own caseload by default; nothing of others."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date, timedelta

import httpx

from polku_kit.calendar import today
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

CODES = ["131052-308T", "010594Y0108", "010106A024S"]


def person(issuer: TestIssuer, subject: str, role: str = "coach", org=LAHTI) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return issuer.headers(subject=subject, roles=[role], org=org)


async def register(client: httpx.AsyncClient, headers: dict[str, str], code: str, name: str, started: date) -> str:
    response = await client.post(
        "/v1/clients",
        headers=headers,
        json={
            "personal_identity_code": code,
            "first_names": "Testi",
            "last_name": name,
            "home_municipality": "398",
            "job_search_started_on": started.isoformat(),
        },
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


class TestDueList:
    async def test_overdue_first_then_due_this_week_for_my_own_clients(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        aino = person(test_issuer, "coach-aino")
        overdue = await register(client, aino, CODES[0], "Myöhässä", today() - timedelta(days=60))
        fresh = await register(client, aino, CODES[1], "Tuore", today())
        other_coach = person(test_issuer, "coach-other")
        await register(client, other_coach, CODES[2], "Toisen", today() - timedelta(days=60))

        response = await client.get("/v1/due-list", params={"horizon_days": 31}, headers=aino)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["coach"] == "coach-aino"
        assert {item["client_id"] for item in body["items"]} == {overdue, fresh}
        statuses = [item["status"] for item in body["items"]]
        assert statuses == sorted(statuses, key=lambda status: status != "overdue")
        assert body["items"][0]["client_id"] == overdue and body["items"][0]["kind"] == "initial_interview"

    async def test_a_held_interview_leaves_the_list(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        aino = person(test_issuer, "coach-aino")
        started = today() - timedelta(days=20)
        client_id = await register(client, aino, CODES[0], "Haastateltu", started)
        await client.post(
            f"/v1/clients/{client_id}/interviews",
            headers=aino,
            json={"held_on": (started + timedelta(days=2)).isoformat(), "channel": "in_person"},
        )
        items = (await client.get("/v1/due-list", headers=aino)).json()["items"]
        assert not [item for item in items if item["kind"] == "initial_interview"]

    async def test_a_manager_sees_a_named_coach_and_another_organisation_nothing(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        client_id = await register(
            client, person(test_issuer, "coach-aino"), CODES[0], "Asiakas", today() - timedelta(days=30)
        )
        manager = person(test_issuer, "manager-pekka", role="manager")
        named = (await client.get("/v1/due-list", params={"coach": "coach-aino"}, headers=manager)).json()
        assert client_id in {item["client_id"] for item in named["items"]}
        elsewhere = person(test_issuer, "manager-mikkeli", role="manager", org=MIKKELI)
        other = (await client.get("/v1/due-list", params={"coach": "coach-aino"}, headers=elsewhere)).json()
        assert other["items"] == []

    async def test_a_coach_sees_a_teammates_list_but_not_another_coachs(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, team_of: Callable[..., Awaitable[uuid.UUID]]
    ) -> None:
        await team_of("coach-aino", "coach-mari")
        client_id = await register(
            client, person(test_issuer, "coach-aino"), CODES[0], "Asiakas", today() - timedelta(days=30)
        )
        mari = await client.get(
            "/v1/due-list", params={"coach": "coach-aino"}, headers=person(test_issuer, "coach-mari")
        )
        assert client_id in {item["client_id"] for item in mari.json()["items"]}
        outsider = await client.get(
            "/v1/due-list", params={"coach": "coach-aino"}, headers=person(test_issuer, "coach-outsider")
        )
        assert outsider.status_code == 403 and outsider.json()["type"].endswith("/outside-your-team")

    async def test_partners_and_anonymous_are_refused(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        assert (await client.get("/v1/due-list")).status_code == 401
        partner = test_issuer.headers(roles=["partner"], org=MIKKELI)
        assert (await client.get("/v1/due-list", headers=partner)).status_code == 403
