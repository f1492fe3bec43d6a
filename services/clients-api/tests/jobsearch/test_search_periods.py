"""Job-search periods through the API: registration opens one, ending it needs a reason (the missed-interview
reason only from 1.3.2026), a new one brings an initial interview only six months after the previous ended, and
both are announced with what metrics counts by and nothing that names the person."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.service import today
from polku_kit.audit import AuditRecord
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import KELA, LAHTI, MIKKELI, TestIssuer

from ..factories import AINO, coach, register


def url(client_id: str) -> str:
    return f"/v1/clients/{client_id}/job-search-periods"


async def periods(client: httpx.AsyncClient, issuer: TestIssuer, client_id: str) -> list[dict[str, object]]:
    response = await client.get(url(client_id), headers=coach(issuer))
    assert response.status_code == 200, response.text
    return list(response.json())


async def end(
    client: httpx.AsyncClient, issuer: TestIssuer, client_id: str, ended_on: date, reason: str = "employed"
) -> httpx.Response:
    [*_, latest] = await periods(client, issuer, client_id)
    return await client.post(
        f"{url(client_id)}/{latest['id']}/end",
        json={"ended_on": ended_on.isoformat(), "reason": reason},
        headers={**coach(issuer), "If-Match": f'"period-v{latest["version"]}"'},
    )


async def deadlines(client: httpx.AsyncClient, issuer: TestIssuer, client_id: str) -> list[dict[str, object]]:
    response = await client.get(f"/v1/clients/{client_id}/schedule", headers=coach(issuer))
    assert response.status_code == 200, response.text
    return list(response.json()["deadlines"])


class TestEnding:
    async def test_registration_opens_a_period_and_ending_it_is_announced_without_names(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        started = today() - timedelta(days=40)
        client_id = await register(client, coach(test_issuer), started=started)
        [opened] = await periods(client, test_issuer, client_id)
        assert (opened["started_on"], opened["ended_on"], opened["initial_interview"]) == (
            started.isoformat(),
            None,
            True,
        )
        ended = await end(client, test_issuer, client_id, today() - timedelta(days=1))
        assert ended.status_code == 200, ended.text
        assert ended.json()["end_reason"] == "employed" and ended.json()["ended_by"] == AINO
        assert ended.headers["etag"] == '"period-v2"'
        shown = (await client.get(f"/v1/clients/{client_id}", headers=coach(test_issuer))).json()
        assert shown["status"] == "employed"

        event = await db_session.scalar(
            select(OutboxEvent).where(OutboxEvent.type == "fi.polku.client.job_search_period.ended.v1")
        )
        assert event is not None
        # Matti (born 13.10.1952 by the factory's identity code) is in the 55-and-over band; Lahti is 398.
        assert event.data == {
            "client_id": client_id,
            "period_id": opened["id"],
            "municipality": "398",
            "age_band": "55_plus",
            "started_on": started.isoformat(),
            "ended_on": (today() - timedelta(days=1)).isoformat(),
            "reason": "employed",
            "initial_interview": True,
        }
        assert "Matti" not in str(event.data) and "Meikäläinen" not in str(event.data)
        audit = await db_session.scalar(
            select(AuditRecord).where(AuditRecord.resource_type == "job_search_period", AuditRecord.action == "update")
        )
        assert audit is not None and audit.actor_subject == AINO

    async def test_nothing_falls_due_after_the_period_ended(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        # Registered 200 days ago, no interview: the initial interview and the plan are overdue, and so is the
        # first job-search discussion. Ended 150 days ago: only what fell due by then remains.
        started = today() - timedelta(days=200)
        client_id = await register(client, coach(test_issuer), started=started)
        before = await deadlines(client, test_issuer, client_id)
        assert any(d["kind"] == "periodic_interview" for d in before)
        ended_on = today() - timedelta(days=150)
        assert (await end(client, test_issuer, client_id, ended_on, "moved")).status_code == 200
        after = await deadlines(client, test_issuer, client_id)
        assert after and all(date.fromisoformat(str(d["due_on"])) <= ended_on for d in after)

    async def test_if_match_is_required_and_must_be_current(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        client_id = await register(client, coach(test_issuer))
        [opened] = await periods(client, test_issuer, client_id)
        body = {"ended_on": today().isoformat(), "reason": "employed"}
        target = f"{url(client_id)}/{opened['id']}/end"
        assert (await client.post(target, json=body, headers=coach(test_issuer))).status_code == 428
        stale = await client.post(target, json=body, headers={**coach(test_issuer), "If-Match": '"period-v9"'})
        assert stale.status_code == 412
        assert (await end(client, test_issuer, client_id, today())).status_code == 200
        again = await client.post(target, json=body, headers={**coach(test_issuer), "If-Match": '"period-v2"'})
        assert again.status_code == 409 and again.json()["type"].endswith("job-search-period-ended")

    async def test_a_missed_interview_ends_a_job_search_only_from_1_march_2026(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        # 380/2023 28 § as amended by HE 108/2025, in force 1.3.2026.
        client_id = await register(client, coach(test_issuer), started=date(2026, 1, 5))
        refused = await end(client, test_issuer, client_id, date(2026, 2, 27), "missed_interview")
        assert refused.status_code == 422
        assert [e["field"] for e in refused.json()["errors"]] == ["body.reason"]
        assert (await end(client, test_issuer, client_id, date(2026, 3, 2), "missed_interview")).status_code == 200

    @pytest.mark.parametrize(
        ("ended_on", "field"),
        [(today() + timedelta(days=1), "body.ended_on"), (today() - timedelta(days=30), "body.ended_on")],
    )
    async def test_invalid_end_days(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, ended_on: date, field: str
    ) -> None:
        client_id = await register(client, coach(test_issuer), started=today() - timedelta(days=10))
        response = await end(client, test_issuer, client_id, ended_on)
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == field


class TestStarting:
    async def test_within_six_months_no_new_initial_interview(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        client_id = await register(client, coach(test_issuer), started=today() - timedelta(days=200))
        assert (await end(client, test_issuer, client_id, today() - timedelta(days=100))).status_code == 200
        started = await client.post(
            url(client_id), json={"started_on": (today() - timedelta(days=10)).isoformat()}, headers=coach(test_issuer)
        )
        assert started.status_code == 201, started.text
        assert started.json()["initial_interview"] is False
        kinds = {d["kind"] for d in await deadlines(client, test_issuer, client_id)}
        assert "initial_interview" not in kinds and "periodic_interview" in kinds
        shown = (await client.get(f"/v1/clients/{client_id}", headers=coach(test_issuer))).json()
        assert shown["status"] == "unemployed"
        assert shown["job_search_started_on"] == (today() - timedelta(days=10)).isoformat()
        event = await db_session.scalar(
            select(OutboxEvent).where(OutboxEvent.type == "fi.polku.client.job_search_period.started.v1")
        )
        assert event is not None and event.data["initial_interview"] is False and event.data["reason"] is None

    async def test_six_months_after_the_previous_ended_a_new_initial_interview(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        client_id = await register(client, coach(test_issuer), started=today() - timedelta(days=400))
        assert (await end(client, test_issuer, client_id, today() - timedelta(days=300))).status_code == 200
        started = await client.post(
            url(client_id), json={"started_on": (today() - timedelta(days=2)).isoformat()}, headers=coach(test_issuer)
        )
        assert started.status_code == 201 and started.json()["initial_interview"] is True
        initial = [d for d in await deadlines(client, test_issuer, client_id) if d["kind"] == "initial_interview"]
        assert [d["status"] for d in initial] == ["due"]

    async def test_an_open_period_is_a_conflict_and_an_overlap_is_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        client_id = await register(client, coach(test_issuer), started=today() - timedelta(days=100))
        body = {"started_on": today().isoformat()}
        open_one = await client.post(url(client_id), json=body, headers=coach(test_issuer))
        assert open_one.status_code == 409 and open_one.json()["type"].endswith("job-search-period-open")
        assert (await end(client, test_issuer, client_id, today() - timedelta(days=20))).status_code == 200
        overlap = await client.post(
            url(client_id), json={"started_on": (today() - timedelta(days=20)).isoformat()}, headers=coach(test_issuer)
        )
        assert overlap.status_code == 422 and overlap.json()["errors"][0]["field"] == "body.started_on"


class TestAccess:
    @pytest.mark.parametrize("role", ["partner", "employer_services", "service", "platform"])
    async def test_wrong_roles_are_refused(self, client: httpx.AsyncClient, test_issuer: TestIssuer, role: str) -> None:
        client_id = await register(client, coach(test_issuer))
        [opened] = await periods(client, test_issuer, client_id)
        headers = test_issuer.headers(roles=[role], org=KELA if role == "partner" else LAHTI)
        assert (await client.get(url(client_id), headers=headers)).status_code == 403
        body = {"started_on": today().isoformat()}
        assert (await client.post(url(client_id), json=body, headers=headers)).status_code == 403
        ending = {"ended_on": today().isoformat(), "reason": "employed"}
        target = f"{url(client_id)}/{opened['id']}/end"
        assert (await client.post(target, json=ending, headers={**headers, "If-Match": "*"})).status_code == 403

    async def test_another_organisation_gets_404(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        client_id = await register(client, coach(test_issuer))
        [opened] = await periods(client, test_issuer, client_id)
        mikkeli = coach(test_issuer, org=MIKKELI)
        assert (await client.get(url(client_id), headers=mikkeli)).status_code == 404
        ending = {"ended_on": today().isoformat(), "reason": "employed"}
        target = f"{url(client_id)}/{opened['id']}/end"
        assert (await client.post(target, json=ending, headers={**mikkeli, "If-Match": "*"})).status_code == 404
        [still] = await periods(client, test_issuer, client_id)
        assert still["ended_on"] is None
