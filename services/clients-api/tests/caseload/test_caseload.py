"""The morning view of a caseload, the caseload sizes, and continuity of unemployment shown on a client."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.calendar import add_months, today
from polku_kit.testing import MIKKELI

from .conftest import WRONG_ROLES, Register

Headers = Callable[..., dict[str, str]]
TODAY = today()


def years_ago(years: int) -> tuple[str, str]:
    """A birth date (ddmmyy) and century sign for someone ``years`` old, born on 1 January."""
    year = TODAY.year - years - 1
    return f"0101{year % 100:02d}", "A" if year >= 2000 else "-"


async def status(client: httpx.AsyncClient, headers: dict[str, str], client_id: str, value: str, on: date) -> None:
    response = await client.post(
        f"/v1/clients/{client_id}/status",
        headers=headers,
        json={"status": value, "changed_on": on.isoformat(), "reason": "test"},
    )
    assert response.status_code == 200, response.text


async def view(client: httpx.AsyncClient, headers: dict[str, str], *filters: str, **params: str) -> dict:  # type: ignore[type-arg]
    response = await client.get("/v1/caseload", headers=headers, params={"filter": list(filters), **params})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def ids(body: dict) -> set[str]:  # type: ignore[type-arg]
    return {item["client_id"] for item in body["items"]}


class TestMorningFilters:
    async def test_each_filter_finds_its_clients_in_my_caseload(
        self, client: httpx.AsyncClient, as_: Headers, register: Register, db_session: AsyncSession
    ) -> None:
        aino = as_("coach-aino")
        overdue = await register(aino, started=TODAY - timedelta(days=60), last_name="Myöhässä")
        met_today = await register(aino, started=TODAY - timedelta(days=3), last_name="Tänään")
        await client.post(
            f"/v1/clients/{met_today}/interviews", headers=aino, json={"held_on": TODAY.isoformat(), "channel": "phone"}
        )
        assessed = await client.put(
            f"/v1/clients/{met_today}/assessment",
            headers=aino,
            json={"assessed_on": TODAY.isoformat(), "work_ability": "full"},
        )
        assert assessed.status_code == 200, assessed.text
        waiting = await register(aino, started=TODAY - timedelta(days=3), last_name="Odottaa")
        await client.put(f"/v1/clients/{waiting}/waiting-on", headers=aino, json={"waiting_on": "client"})
        ours = await register(aino, started=TODAY - timedelta(days=3), last_name="Meidän")
        await client.put(f"/v1/clients/{ours}/waiting-on", headers=aino, json={"waiting_on": "us"})
        born, sign = years_ago(40)
        six_months_soon = add_months(TODAY + timedelta(days=5), -6)
        approaching = await register(aino, started=six_months_soon, born=born, sign=sign, last_name="Lähestyy")
        young, young_sign = years_ago(22)
        typ_young = await register(aino, started=add_months(TODAY, -7), born=young, sign=young_sign, last_name="Nuori")
        typ_older = await register(aino, started=add_months(TODAY, -7), born=born, sign=sign, last_name="Vanhempi")
        elsewhere = await register(as_("coach-bob"), started=TODAY - timedelta(days=60), last_name="Bobin")
        pool = await register(as_("manager-pekka", "manager"), started=TODAY - timedelta(days=2), last_name="Vapaa")

        everything = await view(client, aino)
        assert ids(everything) == {overdue, met_today, waiting, ours, approaching, typ_young, typ_older}
        assert everything["coach"] == "coach-aino"
        assert everything["items"][0]["overdue_deadlines"] >= 1  # overdue first

        assert overdue in ids(await view(client, aino, "overdue_deadlines"))
        assert met_today in ids(await view(client, aino, "interviews_today"))
        assert ids(await view(client, aino, "waiting_for_client")) == {waiting}
        assert ids(await view(client, aino, "waiting_for_us")) == {ours}
        needs = ids(await view(client, aino, "needs_assessment"))
        assert overdue in needs and met_today not in needs
        near = await view(client, aino, "approaching_unemployment_milestone")
        assert ids(near) == {approaching}
        assert near["items"][0]["unemployment_milestone"]["months"] == 6
        typ = await view(client, aino, "typ_assessment_due")
        assert ids(typ) == {typ_young}
        assert ids(await view(client, aino, "overdue_deadlines", "waiting_for_client")) <= {waiting}
        unassigned = await view(client, aino, "unassigned")
        assert ids(unassigned) == {pool} and elsewhere not in ids(unassigned)

        counts = everything["counts"]
        assert counts["waiting_for_client"] == 1 and counts["waiting_for_us"] == 1 and counts["unassigned"] == 1
        assert counts["typ_assessment_due"] == 1

        # The view of the unassigned, as this test's transaction recorded it (the database may hold other tests'
        # committed records too, and a table's rows come in no promised order).
        [unassigned_search] = (
            await db_session.scalars(
                select(AuditRecord).where(
                    AuditRecord.resource_type == "caseload",
                    AuditRecord.occurred_at >= func.now(),  # since this test's transaction began
                    AuditRecord.details["filters"].astext == '["unassigned"]',
                )
            )
        ).all()
        assert unassigned_search.action == "search" and unassigned_search.details["results"] == [pool]

    async def test_a_break_in_unemployment_restarts_the_months(
        self, client: httpx.AsyncClient, as_: Headers, register: Register
    ) -> None:
        aino = as_("coach-aino")
        born, sign = years_ago(40)
        client_id = await register(aino, started=TODAY - timedelta(days=500), born=born, sign=sign)
        before = (await client.get(f"/v1/clients/{client_id}", headers=aino)).json()
        assert "long_term_unemployed" in before["target_groups"]
        await status(client, aino, client_id, "employed", TODAY - timedelta(days=100))
        await status(client, aino, client_id, "unemployed", TODAY - timedelta(days=40))
        after = (await client.get(f"/v1/clients/{client_id}", headers=aino)).json()
        assert after["unemployed_since"] == (TODAY - timedelta(days=40)).isoformat()
        assert after["target_groups"] == ["newly_unemployed"]
        item = (await view(client, aino))["items"][0]
        assert item["unemployed_since"] == (TODAY - timedelta(days=40)).isoformat()
        listed = (await client.get("/v1/clients", headers=aino)).json()["items"][0]
        assert listed["target_groups"] == ["newly_unemployed"]

    async def test_a_team_view_and_a_manager_naming_a_coach(
        self, client: httpx.AsyncClient, as_: Headers, register: Register
    ) -> None:
        manager = as_("manager-pekka", "manager")
        team = (await client.post("/v1/teams", json={"name": "Tiimi"}, headers=manager)).json()["id"]
        await client.post(
            f"/v1/teams/{team}/members", headers=manager, json={"coach_subject": "coach-bob", "display_name": "Bob"}
        )
        bobs = await register(as_("coach-bob"), started=TODAY - timedelta(days=5))
        ainos = await register(as_("coach-aino"), started=TODAY - timedelta(days=5))
        outside = await client.get("/v1/caseload", headers=as_("coach-aino"), params={"team_id": team})
        assert outside.status_code == 403 and outside.json()["type"].endswith("/outside-your-team")
        assert (
            await client.get("/v1/caseload", headers=as_("coach-aino"), params={"coach": "coach-bob"})
        ).status_code == 403
        await client.post(
            f"/v1/teams/{team}/members", headers=manager, json={"coach_subject": "coach-aino", "display_name": "Aino"}
        )
        assert ids(await view(client, as_("coach-aino"), team_id=team)) == {bobs, ainos}
        assert ids(await view(client, as_("coach-aino"), coach="coach-bob")) == {bobs}
        assert ids(await view(client, manager, coach="coach-aino")) == {ainos}
        nameless = await client.get("/v1/caseload", headers=manager)
        assert nameless.status_code == 422 and nameless.json()["errors"][0]["field"] == "query.coach"
        bad = await client.get("/v1/caseload", headers=manager, params={"filter": "everything", "coach": "x"})
        assert bad.status_code == 422

    @pytest.mark.parametrize("role", WRONG_ROLES)
    async def test_other_roles_are_refused(self, client: httpx.AsyncClient, as_: Headers, role: str) -> None:
        assert (await client.get("/v1/caseload", headers=as_("x", role))).status_code == 403
        assert (await client.get("/v1/caseloads", headers=as_("x", role))).status_code == 403

    async def test_another_organisation_sees_nothing(
        self, client: httpx.AsyncClient, as_: Headers, register: Register
    ) -> None:
        manager = as_("manager-pekka", "manager")
        team = (await client.post("/v1/teams", json={"name": "Tiimi"}, headers=manager)).json()["id"]
        await register(as_("coach-aino"), started=TODAY - timedelta(days=60))
        await register(manager, started=TODAY - timedelta(days=60))
        mikkeli = as_("coach-aino", "coach", MIKKELI)  # the same subject, acting for another organisation
        body = await view(client, mikkeli, "unassigned")
        assert body["items"] == [] and body["counts"]["unassigned"] == 0
        assert (await view(client, mikkeli))["items"] == []
        assert (await client.get("/v1/caseload", headers=mikkeli, params={"team_id": team})).status_code == 404


class TestCaseloadSizes:
    async def test_per_coach_per_team_and_the_young_without_a_coach(
        self, client: httpx.AsyncClient, as_: Headers, register: Register
    ) -> None:
        manager = as_("manager-pekka", "manager")
        team = (await client.post("/v1/teams", json={"name": "Tiimi"}, headers=manager)).json()["id"]
        for subject, name in [("coach-aino", "Aino Virtanen"), ("coach-carl", "Carl Idle")]:
            await client.post(
                f"/v1/teams/{team}/members", headers=manager, json={"coach_subject": subject, "display_name": name}
            )
        await register(as_("coach-aino"), started=TODAY - timedelta(days=60))
        await register(as_("coach-aino"), started=TODAY - timedelta(days=1))
        await register(as_("coach-bob"), started=TODAY - timedelta(days=1))
        young, sign = years_ago(20)
        await register(manager, started=TODAY - timedelta(days=1), born=young, sign=sign)
        await register(manager, started=TODAY - timedelta(days=1))
        ended = await register(as_("coach-aino"), started=TODAY - timedelta(days=90))
        await status(client, as_("coach-aino"), ended, "employed", TODAY)

        response = await client.get("/v1/caseloads", headers=as_("coach-bob"))  # coaches see them too
        assert response.status_code == 200, response.text
        body = response.json()
        coaches = {row["coach_subject"]: row for row in body["coaches"]}
        assert coaches["coach-aino"]["active_clients"] == 2
        assert coaches["coach-aino"]["display_name"] == "Aino Virtanen"
        assert coaches["coach-aino"]["overdue_deadlines"] >= 1
        assert coaches["coach-aino"]["clients_with_overdue_deadlines"] == 1
        assert coaches["coach-bob"]["active_clients"] == 1 and coaches["coach-bob"]["overdue_deadlines"] == 0
        assert coaches["coach-carl"]["active_clients"] == 0
        assert body["unassigned_clients"] == 2 and body["under_25_without_named_coach"] == 1
        assert body["teams"] == [
            {
                "team_id": team,
                "name": "Tiimi",
                "members": 2,
                "active_clients": 2,
                "overdue_deadlines": coaches["coach-aino"]["overdue_deadlines"],
                "up_to_date_plans": 0,
                "plan_debt": 2,  # Aino's two clients in the job search have no plan yet
            }
        ]

        mikkeli = (await client.get("/v1/caseloads", headers=as_("manager-m", "manager", MIKKELI))).json()
        assert mikkeli["coaches"] == [] and mikkeli["teams"] == [] and mikkeli["unassigned_clients"] == 0
