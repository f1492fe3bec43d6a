"""Assignment of a client to a coach and team, with history, audit and events; and the waiting-on state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import MIKKELI

from .conftest import WRONG_ROLES, Register

Headers = Callable[..., dict[str, str]]


@pytest.fixture
async def client_id(register: Register, as_: Headers) -> str:
    return await register(as_("coach-aino"), started=today() - timedelta(days=20))


@pytest.fixture
async def team_id(client: httpx.AsyncClient, as_: Headers) -> str:
    manager = as_("manager-pekka", "manager")
    team = (await client.post("/v1/teams", json={"name": "Itäinen tiimi"}, headers=manager)).json()
    await client.post(
        f"/v1/teams/{team['id']}/members",
        headers=manager,
        json={"coach_subject": "coach-bob", "display_name": "Bob Berg"},
    )
    return str(team["id"])


class TestAssignment:
    async def test_reassignment_moves_the_client_and_keeps_the_history(
        self, client: httpx.AsyncClient, as_: Headers, client_id: str, team_id: str, db_session: AsyncSession
    ) -> None:
        manager = as_("manager-pekka", "manager")
        moved = await client.post(
            f"/v1/clients/{client_id}/assignments",
            headers=manager,
            json={"coach_subject": "coach-bob", "team_id": team_id, "reason": "Aino's caseload is full"},
        )
        assert moved.status_code == 201, moved.text
        assert moved.json()["action"] == "reassigned"
        assert moved.json()["previous_coach_subject"] == "coach-aino"

        current = (await client.get(f"/v1/clients/{client_id}", headers=manager)).json()
        assert (current["coach_subject"], current["team_id"]) == ("coach-bob", team_id)

        unassigned = await client.post(
            f"/v1/clients/{client_id}/assignments",
            headers=as_("coach-bob"),
            json={"coach_subject": None, "reason": "Moved to another area"},
        )
        assert unassigned.json()["action"] == "unassigned"
        history = (await client.get(f"/v1/clients/{client_id}/assignments", headers=manager)).json()
        assert [(row["action"], row["coach_subject"], row["assigned_by"]) for row in history] == [
            ("assigned", "coach-aino", "coach-aino"),
            ("reassigned", "coach-bob", "manager-pekka"),
            ("unassigned", None, "coach-bob"),
        ]
        assert (await client.get(f"/v1/clients/{client_id}", headers=manager)).json()["coach_subject"] is None

        taken = await client.post(
            f"/v1/clients/{client_id}/assignments",
            headers=as_("coach-aino"),
            json={"coach_subject": "coach-aino", "reason": "I take the client back"},
        )
        assert taken.json()["action"] == "assigned"

        events = (
            await db_session.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.type == "fi.polku.client.assigned.v1", OutboxEvent.subject == f"clients/{client_id}")
                .order_by(OutboxEvent.sequence)
            )
        ).all()
        assert len(events) == 3
        assert events[0].data["coach_subject"] == "coach-bob" and events[0].data["team_id"] == team_id
        assert "Aino" not in str(events[0].data) and "Testi" not in str(events[0].data)
        audit = (
            await db_session.scalars(select(AuditRecord).where(AuditRecord.resource_type == "client_assignment"))
        ).all()
        assert [row.action for row in audit] == ["update", "update", "read", "update"]
        assert all(str(row.data_subject_id) == client_id for row in audit)

    async def test_conflicts_and_missing_teams(
        self, client: httpx.AsyncClient, as_: Headers, client_id: str, team_id: str
    ) -> None:
        coach = as_("coach-aino")
        same = await client.post(
            f"/v1/clients/{client_id}/assignments",
            headers=coach,
            json={"coach_subject": "coach-aino", "reason": "Again"},
        )
        assert same.status_code == 409 and same.json()["type"].endswith("assignment-unchanged")
        outsider = await client.post(
            f"/v1/clients/{client_id}/assignments",
            headers=coach,
            json={"coach_subject": "coach-aino", "team_id": team_id, "reason": "Team"},
        )
        assert outsider.status_code == 409 and outsider.json()["type"].endswith("coach-not-in-team")
        unknown = await client.post(
            f"/v1/clients/{client_id}/assignments",
            headers=coach,
            json={"coach_subject": "coach-bob", "team_id": "00000000-0000-4000-8000-000000000000", "reason": "Team"},
        )
        assert unknown.status_code == 404 and unknown.json()["type"].endswith("team-not-found")
        team_only = await client.post(
            f"/v1/clients/{client_id}/assignments",
            headers=coach,
            json={"team_id": team_id, "reason": "The team picks a coach"},
        )
        assert team_only.status_code == 201 and team_only.json()["coach_subject"] is None

    async def test_a_reason_is_required(self, client: httpx.AsyncClient, as_: Headers, client_id: str) -> None:
        response = await client.post(
            f"/v1/clients/{client_id}/assignments", headers=as_("coach-aino"), json={"coach_subject": "coach-bob"}
        )
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "body.reason"
        short = await client.post(
            f"/v1/clients/{client_id}/assignments",
            headers=as_("coach-aino"),
            json={"coach_subject": "coach-bob", "reason": "x"},
        )
        assert short.status_code == 422

    @pytest.mark.parametrize("role", WRONG_ROLES)
    async def test_other_roles_are_refused(
        self, client: httpx.AsyncClient, as_: Headers, client_id: str, role: str
    ) -> None:
        other = as_("someone", role)
        body = {"coach_subject": "coach-bob", "reason": "Balancing"}
        assert (await client.post(f"/v1/clients/{client_id}/assignments", json=body, headers=other)).status_code == 403
        assert (await client.get(f"/v1/clients/{client_id}/assignments", headers=other)).status_code == 403
        waiting = {"waiting_on": "client"}
        assert (await client.put(f"/v1/clients/{client_id}/waiting-on", json=waiting, headers=other)).status_code == 403

    async def test_another_organisation_gets_404(self, client: httpx.AsyncClient, as_: Headers, client_id: str) -> None:
        mikkeli = as_("coach-mikkeli", "coach", MIKKELI)
        body = {"coach_subject": "coach-mikkeli", "reason": "Taking over"}
        assert (
            await client.post(f"/v1/clients/{client_id}/assignments", json=body, headers=mikkeli)
        ).status_code == 404
        assert (await client.get(f"/v1/clients/{client_id}/assignments", headers=mikkeli)).status_code == 404
        assert (
            await client.put(f"/v1/clients/{client_id}/waiting-on", json={"waiting_on": "us"}, headers=mikkeli)
        ).status_code == 404

    async def test_a_team_of_another_organisation_is_not_found(
        self, client: httpx.AsyncClient, as_: Headers, client_id: str
    ) -> None:
        mikkeli_team = (
            await client.post(
                "/v1/teams", json={"name": "Mikkelin tiimi"}, headers=as_("manager-m", "manager", MIKKELI)
            )
        ).json()["id"]
        response = await client.post(
            f"/v1/clients/{client_id}/assignments",
            headers=as_("coach-aino"),
            json={"team_id": mikkeli_team, "reason": "Wrong team"},
        )
        assert response.status_code == 404


class TestWaitingOn:
    async def test_the_coach_sets_and_clears_whom_we_wait_for(
        self, client: httpx.AsyncClient, as_: Headers, client_id: str, db_session: AsyncSession
    ) -> None:
        coach = as_("coach-aino")
        since = (today() - timedelta(days=3)).isoformat()
        response = await client.put(
            f"/v1/clients/{client_id}/waiting-on", headers=coach, json={"waiting_on": "client", "since": since}
        )
        assert response.status_code == 200, response.text
        assert response.json() == {"client_id": client_id, "waiting_on": "client", "waiting_since": since}
        read = (await client.get(f"/v1/clients/{client_id}", headers=coach)).json()
        assert (read["waiting_on"], read["waiting_since"]) == ("client", since)

        ours = await client.put(f"/v1/clients/{client_id}/waiting-on", headers=coach, json={"waiting_on": "us"})
        assert ours.json()["waiting_since"] == today().isoformat()
        cleared = await client.put(f"/v1/clients/{client_id}/waiting-on", headers=coach, json={"waiting_on": None})
        assert cleared.json() == {"client_id": client_id, "waiting_on": None, "waiting_since": None}
        audit = (
            await db_session.scalars(
                select(AuditRecord).where(AuditRecord.resource_id == client_id, AuditRecord.action == "update")
            )
        ).all()
        assert len(audit) == 3

    async def test_bad_values_are_refused(self, client: httpx.AsyncClient, as_: Headers, client_id: str) -> None:
        coach = as_("coach-aino")
        future = await client.put(
            f"/v1/clients/{client_id}/waiting-on",
            headers=coach,
            json={"waiting_on": "client", "since": (today() + timedelta(days=2)).isoformat()},
        )
        assert future.status_code == 422 and future.json()["errors"][0]["field"] == "body.since"
        unknown = await client.put(f"/v1/clients/{client_id}/waiting-on", headers=coach, json={"waiting_on": "kela"})
        assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "body.waiting_on"
