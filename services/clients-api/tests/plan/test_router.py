"""Versioned plans with ETag / If-Match: two coaches editing at once get a 412, not a lost update."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.testing import KELA, LAHTI, MIKKELI, TestIssuer

from ..factories import coach

TeamOf = Callable[..., Awaitable[uuid.UUID]]  # the conftest fixture `team_of`


def plan(**changes: object) -> dict[str, object]:
    return {
        "goals": ["Work in logistics within six months"],
        "tasks": [{"description": "Forklift card", "due_on": (today() + timedelta(days=30)).isoformat()}],
        "applications_per_period": 4,
        "period_months": 1,
        "next_review_on": (today() + timedelta(days=90)).isoformat(),
        **changes,
    }


class TestSavePlan:
    async def test_first_save_creates_version_one_with_an_etag(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        assert (await client.get(f"/v1/clients/{client_id}/plan", headers=coach(test_issuer))).status_code == 404
        saved = await client.put(f"/v1/clients/{client_id}/plan", json=plan(), headers=coach(test_issuer))
        assert saved.status_code == 200, saved.text
        assert saved.json()["version"] == 1 and saved.headers["etag"] == '"plan-v1"'
        read = await client.get(f"/v1/clients/{client_id}/plan", headers=coach(test_issuer))
        assert read.headers["etag"] == '"plan-v1"' and read.json()["goals"] == plan()["goals"]

    async def test_two_coaches_editing_at_once_the_second_gets_412(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, team_of: TeamOf
    ) -> None:
        await team_of("coach-aino", "coach-mikko")
        url = f"/v1/clients/{client_id}/plan"
        await client.put(url, json=plan(), headers=coach(test_issuer))
        etag = (await client.get(url, headers=coach(test_issuer))).headers["etag"]
        first = await client.put(
            url, json=plan(goals=["Aino's change"]), headers={**coach(test_issuer), "If-Match": etag}
        )
        assert first.status_code == 200 and first.json()["version"] == 2
        second = await client.put(
            url, json=plan(goals=["Mikko's change"]), headers={**coach(test_issuer, "coach-mikko"), "If-Match": etag}
        )
        assert second.status_code == 412
        assert second.json()["type"].endswith("/plan-changed") and second.json()["current_version"] == 2
        current = (await client.get(url, headers=coach(test_issuer))).json()
        assert current["goals"] == ["Aino's change"]

    async def test_editing_an_existing_plan_needs_if_match(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        url = f"/v1/clients/{client_id}/plan"
        await client.put(url, json=plan(), headers=coach(test_issuer))
        response = await client.put(url, json=plan(), headers=coach(test_issuer))
        assert response.status_code == 428

    async def test_every_version_is_kept_with_who_saved_it(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        client_id: str,
        db_session: AsyncSession,
        team_of: TeamOf,
    ) -> None:
        await team_of("coach-aino", "coach-2")
        url = f"/v1/clients/{client_id}/plan"
        await client.put(url, json=plan(), headers=coach(test_issuer))
        other = test_issuer.headers(subject="coach-2", roles=["coach"], org=LAHTI, name="Ville Valmentaja")
        await client.put(url, json=plan(goals=["New goal"]), headers={**other, "If-Match": '"plan-v1"'})
        versions = (await client.get(f"{url}/versions", headers=coach(test_issuer))).json()
        assert [(v["version"], v["created_by"]) for v in versions] == [(1, "coach-aino"), (2, "coach-2")]
        # By name, from the token at the time: a reader sees who, not "another coach".
        assert [v["created_by_name"] for v in versions] == ["Test Person", "Ville Valmentaja"]
        audit = (await db_session.scalars(select(AuditRecord).where(AuditRecord.resource_type == "plan"))).all()
        assert {row.action for row in audit} == {"create", "update"}

    async def test_a_reduced_obligation_needs_a_reason(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        url = f"/v1/clients/{client_id}/plan"
        refused = await client.put(url, json=plan(applications_per_period=2), headers=coach(test_issuer))
        assert refused.status_code == 422
        accepted = await client.put(
            url,
            json=plan(applications_per_period=1, period_months=3, obligation_reduction_reason="Part-time work"),
            headers=coach(test_issuer),
        )
        assert accepted.status_code == 200

    @pytest.mark.parametrize("months", [0, 4])
    async def test_period_is_one_to_three_months(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, months: int
    ) -> None:
        response = await client.put(
            f"/v1/clients/{client_id}/plan", json=plan(period_months=months), headers=coach(test_issuer)
        )
        assert response.status_code == 422


class TestAccess:
    async def test_wrong_role_and_other_organisation(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        url = f"/v1/clients/{client_id}/plan"
        await client.put(url, json=plan(), headers=coach(test_issuer))
        partner = test_issuer.headers(roles=["partner"], org=KELA)
        assert (await client.get(url, headers=partner)).status_code == 403
        assert (await client.put(url, json=plan(), headers=partner)).status_code == 403
        other = coach(test_issuer, "coach-mikko", MIKKELI)
        assert (await client.get(url, headers=other)).status_code == 404
        assert (await client.get(f"{url}/versions", headers=other)).status_code == 404
        assert (await client.put(url, json=plan(), headers={**other, "If-Match": '"plan-v1"'})).status_code == 404


class TestTaskValidation:
    async def test_done_must_be_a_json_boolean(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        response = await client.put(
            f"/v1/clients/{client_id}/plan",
            headers=coach(test_issuer),
            json=plan(tasks=[{"description": "Forklift card", "done": "yes"}]),
        )
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "body.tasks.0.done"
