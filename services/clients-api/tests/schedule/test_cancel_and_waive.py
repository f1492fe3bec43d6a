"""Cancelling interviews and waiving deadlines with reasons, and the need-based discussions an assessment adds."""

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


def coach(issuer: TestIssuer, org=LAHTI) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return issuer.headers(subject="coach-aino", roles=["coach"], org=org)


async def new_client(client: httpx.AsyncClient, issuer: TestIssuer, started: date) -> str:
    response = await client.post(
        "/v1/clients",
        headers=coach(issuer),
        json={
            "personal_identity_code": "131052-308T",
            "first_names": "Matti",
            "last_name": "Meikäläinen",
            "home_municipality": "398",
            "job_search_started_on": started.isoformat(),
        },
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def schedule(client: httpx.AsyncClient, issuer: TestIssuer, client_id: str) -> list[dict[str, object]]:
    response = await client.get(f"/v1/clients/{client_id}/schedule", headers=coach(issuer))
    assert response.status_code == 200, response.text
    return list(response.json()["deadlines"])


def initial_of(deadlines: list[dict[str, object]]) -> dict[str, object]:
    # The plan deadline made in the initial interview can fall due first: pick the interview by its kind.
    return next(d for d in deadlines if d["kind"] == "initial_interview")


class TestCancel:
    async def test_a_cancelled_interview_no_longer_meets_the_deadline(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        started = today() - timedelta(days=40)
        client_id = await new_client(client, test_issuer, started)
        held = await client.post(
            f"/v1/clients/{client_id}/interviews",
            headers=coach(test_issuer),
            json={"held_on": (started + timedelta(days=2)).isoformat(), "channel": "phone"},
        )
        interview_id = held.json()["id"]
        assert initial_of(await schedule(client, test_issuer, client_id))["status"] == "met"

        url = f"/v1/clients/{client_id}/interviews/{interview_id}/cancel"
        cancelled = await client.post(
            url, headers=coach(test_issuer), json={"party": "client", "reason": "The client did not come"}
        )
        assert cancelled.status_code == 200, cancelled.text
        body = cancelled.json()
        assert body["cancelled_by_party"] == "client" and body["cancellation_reason"] == "The client did not come"
        assert initial_of(await schedule(client, test_issuer, client_id))["status"] == "overdue"
        listed = (await client.get(f"/v1/clients/{client_id}/interviews", headers=coach(test_issuer))).json()
        assert listed[0]["cancelled_at"] is not None

        again = await client.post(url, headers=coach(test_issuer), json={"party": "client", "reason": "again"})
        assert again.status_code == 409
        event = await db_session.scalar(
            select(OutboxEvent).where(OutboxEvent.type == "fi.polku.client.interview_cancelled.v1")
        )
        assert event is not None and event.data["party"] == "client" and "reason" not in event.data

    async def test_field_errors_and_unknown_interview(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        client_id = await new_client(client, test_issuer, today() - timedelta(days=5))
        unknown = f"/v1/clients/{client_id}/interviews/00000000-0000-0000-0000-000000000000/cancel"
        assert (
            await client.post(unknown, headers=coach(test_issuer), json={"party": "client", "reason": "ill"})
        ).status_code == 404
        bad = await client.post(unknown, headers=coach(test_issuer), json={"party": "nobody", "reason": ""})
        assert bad.status_code == 422
        assert {e["field"] for e in bad.json()["errors"]} == {"body.party", "body.reason"}


class TestWaive:
    async def test_a_waived_deadline_leaves_the_due_list_and_shows_its_reason(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        client_id = await new_client(client, test_issuer, today() - timedelta(days=40))
        due = (await client.get("/v1/due-list", headers=coach(test_issuer))).json()["items"]
        assert any(item["client_id"] == client_id and item["kind"] == "initial_interview" for item in due)

        url = f"/v1/clients/{client_id}/schedule/waivers"
        waiver = {"kind": "initial_interview", "number": 1, "reason": "Started full-time work"}
        created = await client.post(url, json=waiver, headers=coach(test_issuer))
        assert created.status_code == 201, created.text
        initial = (await schedule(client, test_issuer, client_id))[0]
        assert initial["status"] == "waived" and initial["waiver_reason"] == "Started full-time work"
        due = (await client.get("/v1/due-list", headers=coach(test_issuer))).json()["items"]
        assert not any(item["client_id"] == client_id and item["kind"] == "initial_interview" for item in due)

        assert (await client.post(url, json=waiver, headers=coach(test_issuer))).status_code == 409
        audit = await db_session.scalar(select(AuditRecord).where(AuditRecord.resource_type == "deadline_waiver"))
        assert audit is not None and audit.details == {"kind": "initial_interview", "number": 1}

    @pytest.mark.parametrize(
        ("waiver", "field"),
        [
            ({"kind": "initial_interview", "number": 7, "reason": "no such"}, "body.number"),
            ({"kind": "coffee", "number": 1, "reason": "x" * 5}, "body.kind"),
            ({"kind": "initial_interview", "number": 1, "reason": ""}, "body.reason"),
            ({"kind": "initial_interview", "number": 0, "reason": "zero"}, "body.number"),
        ],
    )
    async def test_field_errors(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, waiver: dict[str, object], field: str
    ) -> None:
        client_id = await new_client(client, test_issuer, today() - timedelta(days=40))
        response = await client.post(
            f"/v1/clients/{client_id}/schedule/waivers", json=waiver, headers=coach(test_issuer)
        )
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == field

    async def test_a_met_deadline_cannot_be_waived(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        started = today() - timedelta(days=40)
        client_id = await new_client(client, test_issuer, started)
        await client.post(
            f"/v1/clients/{client_id}/interviews",
            headers=coach(test_issuer),
            json={"held_on": (started + timedelta(days=1)).isoformat(), "channel": "video"},
        )
        response = await client.post(
            f"/v1/clients/{client_id}/schedule/waivers",
            headers=coach(test_issuer),
            json={"kind": "initial_interview", "number": 1, "reason": "already held"},
        )
        assert response.status_code == 422


class TestNeedBasedFromTheAssessment:
    async def test_recording_a_need_for_more_support_adds_supplementary_deadlines(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        started = today() - timedelta(days=10)
        client_id = await new_client(client, test_issuer, started)
        assert not [d for d in await schedule(client, test_issuer, client_id) if d["kind"] == "supplementary_interview"]
        saved = await client.put(
            f"/v1/clients/{client_id}/assessment",
            headers=coach(test_issuer),
            json={
                "assessed_on": today().isoformat(),
                "service_needs": ["rehabilitation"],
            },
        )
        assert saved.status_code == 200, saved.text
        supplementary = [
            d for d in await schedule(client, test_issuer, client_id) if d["kind"] == "supplementary_interview"
        ]
        assert len(supplementary) == 2 and supplementary[0]["rule_set"]["key"] == "reform-2026"
        assert all(date.fromisoformat(str(d["due_on"])) > today() for d in supplementary)


class TestAccess:
    @pytest.mark.parametrize("role", ["partner", "employer_services", "service", "platform"])
    async def test_wrong_roles(self, client: httpx.AsyncClient, test_issuer: TestIssuer, role: str) -> None:
        client_id = await new_client(client, test_issuer, today() - timedelta(days=40))
        headers = test_issuer.headers(roles=[role], org=KELA if role == "partner" else LAHTI)
        waiver = {"kind": "initial_interview", "number": 1, "reason": "Started work"}
        assert (
            await client.post(f"/v1/clients/{client_id}/schedule/waivers", json=waiver, headers=headers)
        ).status_code == 403
        cancel = f"/v1/clients/{client_id}/interviews/00000000-0000-0000-0000-000000000000/cancel"
        assert (
            await client.post(cancel, json={"party": "client", "reason": "ill"}, headers=headers)
        ).status_code == 403

    async def test_another_organisation(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        started = today() - timedelta(days=40)
        client_id = await new_client(client, test_issuer, started)
        held = await client.post(
            f"/v1/clients/{client_id}/interviews",
            headers=coach(test_issuer),
            json={"held_on": (started + timedelta(days=1)).isoformat(), "channel": "video"},
        )
        mikkeli = coach(test_issuer, MIKKELI)
        cancel = f"/v1/clients/{client_id}/interviews/{held.json()['id']}/cancel"
        assert (
            await client.post(cancel, json={"party": "client", "reason": "ill"}, headers=mikkeli)
        ).status_code == 404
        waiver = {"kind": "periodic_interview", "number": 1, "reason": "Started work"}
        assert (
            await client.post(f"/v1/clients/{client_id}/schedule/waivers", json=waiver, headers=mikkeli)
        ).status_code == 404
