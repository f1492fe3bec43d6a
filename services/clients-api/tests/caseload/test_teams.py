"""Teams of coaches: managers and admins manage them, coaches read them, another organisation sees nothing."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.caseload.service import shares_team
from polku_kit.audit import AuditRecord
from polku_kit.testing import LAHTI, MIKKELI

from .conftest import WRONG_ROLES

Headers = Callable[..., dict[str, str]]


async def new_team(client: httpx.AsyncClient, headers: dict[str, str], name: str = "Nuorten tiimi") -> str:
    response = await client.post("/v1/teams", json={"name": name}, headers=headers)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


class TestTeams:
    async def test_a_manager_builds_a_team_that_coaches_can_read(
        self, client: httpx.AsyncClient, as_: Headers, db_session: AsyncSession
    ) -> None:
        manager = as_("manager-pekka", "manager")
        team_id = await new_team(client, manager)
        for subject, name in [("coach-aino", "Aino Virtanen"), ("coach-bob", "Bob Berg")]:
            added = await client.post(
                f"/v1/teams/{team_id}/members", headers=manager, json={"coach_subject": subject, "display_name": name}
            )
            assert added.status_code == 201, added.text
        assert [m["display_name"] for m in added.json()["members"]] == ["Aino Virtanen", "Bob Berg"]

        listed = await client.get("/v1/teams", headers=as_("coach-aino"))
        assert listed.status_code == 200
        assert [(t["name"], len(t["members"])) for t in listed.json()] == [("Nuorten tiimi", 2)]
        one = await client.get(f"/v1/teams/{team_id}", headers=as_("coach-aino"))
        assert one.json()["created_by"] == "manager-pekka"

        assert await shares_team(db_session, LAHTI, "coach-aino", "coach-bob")
        assert not await shares_team(db_session, LAHTI, "coach-aino", "coach-carl")
        assert not await shares_team(db_session, MIKKELI, "coach-aino", "coach-bob")

        removed = await client.delete(f"/v1/teams/{team_id}/members/coach-bob", headers=manager)
        assert removed.status_code == 204
        assert not await shares_team(db_session, LAHTI, "coach-aino", "coach-bob")
        again = await client.delete(f"/v1/teams/{team_id}/members/coach-bob", headers=manager)
        assert again.status_code == 404 and again.json()["type"].endswith("team-member-not-found")

        audit = (await db_session.scalars(select(AuditRecord).where(AuditRecord.resource_type == "team"))).all()
        assert [row.action for row in audit] == ["create", "update", "update", "update"]

    async def test_an_admin_may_manage_teams_too(self, client: httpx.AsyncClient, as_: Headers) -> None:
        await new_team(client, as_("admin-ilona", "admin"))

    async def test_duplicates_are_conflicts(self, client: httpx.AsyncClient, as_: Headers) -> None:
        manager = as_("manager-pekka", "manager")
        team_id = await new_team(client, manager)
        same = await client.post("/v1/teams", json={"name": "Nuorten tiimi"}, headers=manager)
        assert same.status_code == 409
        member = {"coach_subject": "coach-aino", "display_name": "Aino"}
        assert (await client.post(f"/v1/teams/{team_id}/members", json=member, headers=manager)).status_code == 201
        assert (await client.post(f"/v1/teams/{team_id}/members", json=member, headers=manager)).status_code == 409
        # The same name is free in another organisation.
        await new_team(client, as_("manager-mikkeli", "manager", MIKKELI))

    async def test_bad_input_names_the_field(self, client: httpx.AsyncClient, as_: Headers) -> None:
        manager = as_("manager-pekka", "manager")
        empty = await client.post("/v1/teams", json={"name": "  "}, headers=manager)
        assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "body.name"
        nul = await client.post("/v1/teams", json={"name": "Tiimi\u0000"}, headers=manager)
        assert nul.status_code == 422 and nul.json()["errors"][0]["field"] == "body.name"
        team_id = await new_team(client, manager)
        nameless = await client.post(f"/v1/teams/{team_id}/members", json={"coach_subject": "x"}, headers=manager)
        assert nameless.status_code == 422 and nameless.json()["errors"][0]["field"] == "body.display_name"


class TestAccess:
    async def test_a_coach_may_not_manage_teams(self, client: httpx.AsyncClient, as_: Headers) -> None:
        team_id = await new_team(client, as_("manager-pekka", "manager"))
        coach = as_("coach-aino")
        assert (await client.post("/v1/teams", json={"name": "Oma"}, headers=coach)).status_code == 403
        member = {"coach_subject": "coach-aino", "display_name": "Aino"}
        assert (await client.post(f"/v1/teams/{team_id}/members", json=member, headers=coach)).status_code == 403
        assert (await client.delete(f"/v1/teams/{team_id}/members/coach-aino", headers=coach)).status_code == 403

    @pytest.mark.parametrize("role", WRONG_ROLES)
    async def test_other_roles_are_refused(self, client: httpx.AsyncClient, as_: Headers, role: str) -> None:
        team_id = await new_team(client, as_("manager-pekka", "manager"))
        other = as_("someone", role)
        assert (await client.get("/v1/teams", headers=other)).status_code == 403
        assert (await client.get(f"/v1/teams/{team_id}", headers=other)).status_code == 403
        assert (await client.post("/v1/teams", json={"name": "X"}, headers=other)).status_code == 403
        member = {"coach_subject": "coach-aino", "display_name": "Aino"}
        assert (await client.post(f"/v1/teams/{team_id}/members", json=member, headers=other)).status_code == 403

    async def test_another_organisation_gets_404_and_an_empty_list(
        self, client: httpx.AsyncClient, as_: Headers
    ) -> None:
        team_id = await new_team(client, as_("manager-pekka", "manager"))
        mikkeli = as_("manager-mikkeli", "manager", MIKKELI)
        assert (await client.get(f"/v1/teams/{team_id}", headers=mikkeli)).status_code == 404
        assert (await client.get("/v1/teams", headers=mikkeli)).json() == []
        member = {"coach_subject": "coach-x", "display_name": "X"}
        assert (await client.post(f"/v1/teams/{team_id}/members", json=member, headers=mikkeli)).status_code == 404
        assert (await client.delete(f"/v1/teams/{team_id}/members/coach-x", headers=mikkeli)).status_code == 404
