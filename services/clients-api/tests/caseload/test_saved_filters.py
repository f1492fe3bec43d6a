"""Saved filters: each coach's own, invisible to everyone else."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from polku_kit.testing import MIKKELI

from .conftest import WRONG_ROLES

Headers = Callable[..., dict[str, str]]
MORNING = {"name": "Aamun tarkistus", "parameters": {"filters": ["overdue_deadlines", "waiting_for_us"]}}


class TestSavedFilters:
    async def test_create_list_replace_and_delete(self, client: httpx.AsyncClient, as_: Headers) -> None:
        aino = as_("coach-aino")
        created = await client.post("/v1/saved-filters", json=MORNING, headers=aino)
        assert created.status_code == 201, created.text
        saved = created.json()
        assert saved["parameters"] == {
            "filters": ["overdue_deadlines", "waiting_for_us"],
            "coach": None,
            "team_id": None,
        }
        assert [row["name"] for row in (await client.get("/v1/saved-filters", headers=aino)).json()] == [
            "Aamun tarkistus"
        ]

        replaced = await client.put(
            f"/v1/saved-filters/{saved['id']}",
            headers=aino,
            json={"name": "TYP-arvioinnit", "parameters": {"filters": ["typ_assessment_due"]}},
        )
        assert replaced.status_code == 200 and replaced.json()["name"] == "TYP-arvioinnit"
        read = (await client.get(f"/v1/saved-filters/{saved['id']}", headers=aino)).json()
        assert read["parameters"]["filters"] == ["typ_assessment_due"]

        assert (await client.delete(f"/v1/saved-filters/{saved['id']}", headers=aino)).status_code == 204
        assert (await client.get(f"/v1/saved-filters/{saved['id']}", headers=aino)).status_code == 404
        assert (await client.get("/v1/saved-filters", headers=aino)).json() == []

    async def test_names_are_unique_per_owner(self, client: httpx.AsyncClient, as_: Headers) -> None:
        aino = as_("coach-aino")
        first = (await client.post("/v1/saved-filters", json=MORNING, headers=aino)).json()
        assert (await client.post("/v1/saved-filters", json=MORNING, headers=aino)).status_code == 409
        other = (await client.post("/v1/saved-filters", headers=aino, json={"name": "Toinen", "parameters": {}})).json()
        clash = await client.put(f"/v1/saved-filters/{other['id']}", json=MORNING, headers=aino)
        assert clash.status_code == 409
        keep = await client.put(f"/v1/saved-filters/{first['id']}", json=MORNING, headers=aino)
        assert keep.status_code == 200
        assert (await client.post("/v1/saved-filters", json=MORNING, headers=as_("coach-bob"))).status_code == 201

    async def test_bad_input_names_the_field(self, client: httpx.AsyncClient, as_: Headers) -> None:
        unknown = await client.post(
            "/v1/saved-filters",
            headers=as_("coach-aino"),
            json={"name": "X", "parameters": {"filters": ["everything"]}},
        )
        assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"].startswith("body.parameters")
        nameless = await client.post("/v1/saved-filters", headers=as_("coach-aino"), json={"parameters": {}})
        assert nameless.status_code == 422 and nameless.json()["errors"][0]["field"] == "body.name"


class TestAccess:
    async def test_another_coach_and_another_organisation_see_nothing(
        self, client: httpx.AsyncClient, as_: Headers
    ) -> None:
        saved = (await client.post("/v1/saved-filters", json=MORNING, headers=as_("coach-aino"))).json()
        for other in (as_("coach-bob"), as_("manager-pekka", "manager"), as_("coach-aino", "coach", MIKKELI)):
            assert (await client.get("/v1/saved-filters", headers=other)).json() == []
            assert (await client.get(f"/v1/saved-filters/{saved['id']}", headers=other)).status_code == 404
            assert (
                await client.put(f"/v1/saved-filters/{saved['id']}", json=MORNING, headers=other)
            ).status_code == 404
            assert (await client.delete(f"/v1/saved-filters/{saved['id']}", headers=other)).status_code == 404
        assert (await client.get(f"/v1/saved-filters/{saved['id']}", headers=as_("coach-aino"))).status_code == 200

    @pytest.mark.parametrize("role", WRONG_ROLES)
    async def test_other_roles_are_refused(self, client: httpx.AsyncClient, as_: Headers, role: str) -> None:
        other = as_("someone", role)
        assert (await client.get("/v1/saved-filters", headers=other)).status_code == 403
        assert (await client.post("/v1/saved-filters", json=MORNING, headers=other)).status_code == 403
