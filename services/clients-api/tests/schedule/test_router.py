"""Recording interviews and reading the schedule through the API."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest

from polku_kit.calendar import today
from polku_kit.testing import KELA, LAHTI, MIKKELI, TestIssuer

CODE = "131052-308T"


def coach(issuer: TestIssuer, org=LAHTI) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return issuer.headers(subject="coach-aino", roles=["coach"], org=org)


async def new_client(client: httpx.AsyncClient, issuer: TestIssuer, started: date) -> str:
    response = await client.post(
        "/v1/clients",
        headers=coach(issuer),
        json={
            "personal_identity_code": CODE,
            "first_names": "Matti",
            "last_name": "Meikäläinen",
            "home_municipality": "398",
            "job_search_started_on": started.isoformat(),
        },
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


class TestSchedule:
    async def test_an_interview_held_meets_the_initial_deadline(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        started = today() - timedelta(days=40)
        client_id = await new_client(client, test_issuer, started)
        before = (await client.get(f"/v1/clients/{client_id}/schedule", headers=coach(test_issuer))).json()
        first = before["deadlines"][0]
        assert first["kind"] == "initial_interview" and first["status"] == "overdue"
        assert first["rule_set"]["key"] == "reform-2026" and first["rule_set"]["sources"]

        held = started + timedelta(days=3)
        recorded = await client.post(
            f"/v1/clients/{client_id}/interviews",
            json={"held_on": held.isoformat(), "channel": "in_person", "notes": "Initial interview"},
            headers=coach(test_issuer),
        )
        assert recorded.status_code == 201, recorded.text
        after = (await client.get(f"/v1/clients/{client_id}/schedule", headers=coach(test_issuer))).json()
        initial = next(d for d in after["deadlines"] if d["kind"] == "initial_interview")
        assert initial["status"] == "met" and initial["held_on"] == held.isoformat()
        periodic = next(d for d in after["deadlines"] if d["kind"] == "periodic_interview")
        assert periodic["status"] == "due"

    async def test_an_interview_cannot_be_in_the_future(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        client_id = await new_client(client, test_issuer, today() - timedelta(days=5))
        response = await client.post(
            f"/v1/clients/{client_id}/interviews",
            json={"held_on": (today() + timedelta(days=3)).isoformat(), "channel": "phone"},
            headers=coach(test_issuer),
        )
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "body.held_on"


class TestAccess:
    @pytest.mark.parametrize("path", ["schedule", "interviews"])
    async def test_other_organisation_and_roles(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, path: str
    ) -> None:
        client_id = await new_client(client, test_issuer, today() - timedelta(days=5))
        url = f"/v1/clients/{client_id}/{path}"
        assert (await client.get(url, headers=coach(test_issuer, MIKKELI))).status_code == 404
        partner = test_issuer.headers(roles=["partner"], org=KELA)
        assert (await client.get(url, headers=partner)).status_code == 403
        assert (await client.get(url)).status_code == 401
        interview = {"held_on": today().isoformat(), "channel": "video"}
        other = coach(test_issuer, MIKKELI)
        recorded = await client.post(f"/v1/clients/{client_id}/interviews", json=interview, headers=other)
        assert recorded.status_code == 404
