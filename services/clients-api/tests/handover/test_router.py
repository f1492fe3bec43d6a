"""Initial-service teams and hand-overs through the API: routing the clients whose three months end to the
least-loaded personal coach, the task on both sides until it is done, and the assignment it makes."""

from __future__ import annotations

import itertools
import uuid
from datetime import date, timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.service import today
from clients_api.handover.service import ROUTING_ACTOR, route_all
from clients_api.seed import identity_code
from polku_kit.audit import AuditRecord
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

from .. import factories

WRONG_ROLES = ["partner", "employer_services", "service", "platform"]
INITIAL = "coach-alku"
PERSONAL_BUSY, PERSONAL_FREE = "coach-oma-a", "coach-oma-b"
_individual = itertools.count(400, 2)


def manager(issuer: TestIssuer, org: uuid.UUID = LAHTI) -> dict[str, str]:
    return issuer.headers(subject="manager-1", roles=["manager"], org=org)


async def register(client: httpx.AsyncClient, headers: dict[str, str], started: date) -> str:
    return await factories.register(
        client,
        headers,
        started=started,
        personal_identity_code=identity_code("150585", "-", next(_individual)),
        first_names="Testi",
        last_name="Asiakas",
    )


async def team(client: httpx.AsyncClient, issuer: TestIssuer, name: str, *coaches: str) -> str:
    created = await client.post("/v1/teams", json={"name": name}, headers=manager(issuer))
    assert created.status_code == 201, created.text
    for coach in coaches:
        added = await client.post(
            f"/v1/teams/{created.json()['id']}/members",
            json={"coach_subject": coach, "display_name": coach},
            headers=manager(issuer),
        )
        assert added.status_code == 201, added.text
    return str(created.json()["id"])


@pytest.fixture
async def teams(client: httpx.AsyncClient, test_issuer: TestIssuer) -> dict[str, str]:
    """Lahti's initial-service team (coach-alku) and a team of two personal coaches, one with a client."""
    initial = await team(client, test_issuer, "Alkupalvelu", INITIAL)
    personal = await team(client, test_issuer, "Omavalmennus", PERSONAL_BUSY, PERSONAL_FREE)
    marked = await client.put(
        f"/v1/teams/{initial}/initial-service", json={"initial_service": True}, headers=manager(test_issuer)
    )
    assert marked.status_code == 200 and marked.json()["marked_by"] == "manager-1"
    await register(client, factories.coach(test_issuer, PERSONAL_BUSY), today() - timedelta(days=200))
    return {"initial": initial, "personal": personal}


class TestInitialServiceTeam:
    async def test_a_manager_marks_and_unmarks(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, teams: dict[str, str]
    ) -> None:
        url = f"/v1/teams/{teams['initial']}/initial-service"
        assert (await client.get(url, headers=factories.coach(test_issuer))).json()["initial_service"] is True
        unmarked = await client.put(url, json={"initial_service": False}, headers=manager(test_issuer))
        assert unmarked.json() == {
            "team_id": teams["initial"],
            "initial_service": False,
            "marked_by": None,
            "marked_at": None,
        }

    @pytest.mark.parametrize("value", [0, 1, "true", None])
    async def test_only_a_true_or_false_marks_a_team(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, teams: dict[str, str], value: object
    ) -> None:
        url = f"/v1/teams/{teams['personal']}/initial-service"
        response = await client.put(url, json={"initial_service": value}, headers=manager(test_issuer))
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == "body.initial_service"

    async def test_a_coach_may_not_mark_and_another_organisation_finds_no_team(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, teams: dict[str, str]
    ) -> None:
        url = f"/v1/teams/{teams['personal']}/initial-service"
        body = {"initial_service": True}
        assert (await client.put(url, json=body, headers=factories.coach(test_issuer))).status_code == 403
        assert (await client.put(url, json=body, headers=manager(test_issuer, MIKKELI))).status_code == 404


class TestRouting:
    async def test_the_lead_is_a_whole_number_of_days(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        refused = await client.post("/v1/handovers/routing", json={"lead_days": False}, headers=manager(test_issuer))
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["field"] == "body.lead_days"

    async def test_a_client_whose_three_months_end_goes_to_the_least_loaded_personal_coach(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, teams: dict[str, str], db_session: AsyncSession
    ) -> None:
        alku = factories.coach(test_issuer, INITIAL)
        ending = await register(client, alku, today() - timedelta(days=85))
        await register(client, alku, today() - timedelta(days=10))  # two and a half months to go
        routed = await client.post("/v1/handovers/routing", json={}, headers=manager(test_issuer))
        assert routed.status_code == 200, routed.text
        assert [(h["client_id"], h["to_coach_subject"], h["to_team_id"]) for h in routed.json()] == [
            (ending, PERSONAL_FREE, teams["personal"])
        ]
        handover = routed.json()[0]
        assert (handover["from_coach_subject"], handover["from_team_id"], handover["state"]) == (
            INITIAL,
            teams["initial"],
            "open",
        )
        assert today() - timedelta(days=85) < date.fromisoformat(handover["due_on"]) <= today() + timedelta(days=14)
        # Routing again opens nothing new: the client has an open hand-over.
        assert (await client.post("/v1/handovers/routing", json={}, headers=manager(test_issuer))).json() == []
        event = await db_session.scalar(
            select(OutboxEvent).where(OutboxEvent.type == "fi.polku.client.handover_opened.v1")
        )
        assert event is not None and event.data["to_coach_subject"] == PERSONAL_FREE

    async def test_the_task_is_on_both_sides_until_done(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, teams: dict[str, str], db_session: AsyncSession
    ) -> None:
        alku, oma = factories.coach(test_issuer, INITIAL), factories.coach(test_issuer, PERSONAL_FREE)
        client_id = await register(client, alku, today() - timedelta(days=85))
        handover = (await client.post("/v1/handovers/routing", json={}, headers=manager(test_issuer))).json()[0]

        incoming = (await client.get("/v1/handovers?side=incoming", headers=oma)).json()
        outgoing = (await client.get("/v1/handovers?side=outgoing", headers=alku)).json()
        assert [(t["id"], t["client_last_name"]) for t in incoming] == [(handover["id"], "Asiakas")]
        assert [t["id"] for t in outgoing] == [handover["id"]]
        assert (await client.get("/v1/handovers?side=incoming", headers=alku)).json() == []

        done = await client.post(f"/v1/handovers/{handover['id']}/complete", headers=oma)
        assert done.status_code == 200 and (done.json()["state"], done.json()["completed_by"]) == (
            "done",
            PERSONAL_FREE,
        )
        assert (await client.get("/v1/handovers?side=incoming", headers=oma)).json() == []
        assert (await client.get("/v1/handovers?side=outgoing", headers=alku)).json() == []
        history = (await client.get(f"/v1/clients/{client_id}/assignments", headers=oma)).json()
        assert (history[-1]["coach_subject"], history[-1]["previous_coach_subject"], history[-1]["assigned_by"]) == (
            PERSONAL_FREE,
            INITIAL,
            PERSONAL_FREE,
        )
        again = await client.post(f"/v1/handovers/{handover['id']}/complete", headers=oma)
        assert again.status_code == 409 and again.json()["type"].endswith("/handover-done")
        audit = await db_session.scalar(
            select(AuditRecord).where(AuditRecord.resource_type == "client_handover", AuditRecord.action == "update")
        )
        assert audit is not None and audit.actor_subject == PERSONAL_FREE and str(audit.data_subject_id) == client_id

    async def test_a_coach_of_neither_side_may_not_complete(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, teams: dict[str, str]
    ) -> None:
        await register(client, factories.coach(test_issuer, INITIAL), today() - timedelta(days=85))
        handover = (await client.post("/v1/handovers/routing", json={}, headers=manager(test_issuer))).json()[0]
        outsider = factories.coach(test_issuer, "coach-muu")
        refused = await client.post(f"/v1/handovers/{handover['id']}/complete", headers=outsider)
        assert refused.status_code == 403 and refused.json()["type"].endswith("/not-your-handover")
        stranger = factories.coach(test_issuer, INITIAL, org=MIKKELI)
        assert (await client.post(f"/v1/handovers/{handover['id']}/complete", headers=stranger)).status_code == 404


class TestEarlyHandover:
    async def test_the_initial_service_hands_over_early_once(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, teams: dict[str, str]
    ) -> None:
        alku = factories.coach(test_issuer, INITIAL)
        client_id = await register(client, alku, today() - timedelta(days=20))
        body = {"to_coach_subject": PERSONAL_BUSY, "to_team_id": teams["personal"], "reason": "Tarvitsee tukea"}
        created = await client.post(f"/v1/clients/{client_id}/handovers", json=body, headers=alku)
        assert created.status_code == 201, created.text
        assert (created.json()["to_coach_subject"], created.json()["due_on"]) == (PERSONAL_BUSY, today().isoformat())
        again = await client.post(f"/v1/clients/{client_id}/handovers", json=body, headers=alku)
        assert again.status_code == 409 and again.json()["type"].endswith("/handover-open")

    async def test_a_client_outside_the_initial_service_is_not_handed_over(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, teams: dict[str, str]
    ) -> None:
        oma = factories.coach(test_issuer, PERSONAL_BUSY)
        client_id = await register(client, oma, today() - timedelta(days=20))
        body = {"to_coach_subject": PERSONAL_FREE, "reason": "Tasaus"}
        response = await client.post(f"/v1/clients/{client_id}/handovers", json=body, headers=oma)
        assert response.status_code == 409 and response.json()["type"].endswith("/not-in-initial-service")

    async def test_the_personal_coach_must_be_in_the_named_team(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, teams: dict[str, str]
    ) -> None:
        alku = factories.coach(test_issuer, INITIAL)
        client_id = await register(client, alku, today() - timedelta(days=20))
        body = {"to_coach_subject": "coach-muu", "to_team_id": teams["personal"], "reason": "Tasaus"}
        response = await client.post(f"/v1/clients/{client_id}/handovers", json=body, headers=alku)
        assert response.status_code == 409 and response.json()["type"].endswith("/coach-not-in-team")


class TestAccess:
    @pytest.mark.parametrize("role", WRONG_ROLES)
    async def test_other_roles_are_refused(self, client: httpx.AsyncClient, test_issuer: TestIssuer, role: str) -> None:
        headers = test_issuer.headers(subject="someone", roles=[role], org=LAHTI)
        assert (await client.get("/v1/handovers", headers=headers)).status_code == 403
        assert (await client.post("/v1/handovers/routing", json={}, headers=headers)).status_code == 403

    async def test_a_coach_may_not_route_and_sees_only_their_team_s_tasks(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, teams: dict[str, str]
    ) -> None:
        alku = factories.coach(test_issuer, INITIAL)
        assert (await client.post("/v1/handovers/routing", json={}, headers=alku)).status_code == 403
        other = await client.get(f"/v1/handovers?coach={PERSONAL_FREE}", headers=alku)
        assert other.status_code == 403

    async def test_another_organisation_cannot_hand_over_a_client(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, teams: dict[str, str]
    ) -> None:
        client_id = await register(client, factories.coach(test_issuer, INITIAL), today() - timedelta(days=20))
        stranger = factories.coach(test_issuer, "coach-mikkeli", org=MIKKELI)
        body = {"to_coach_subject": PERSONAL_FREE, "reason": "Tasaus"}
        assert (await client.post(f"/v1/clients/{client_id}/handovers", json=body, headers=stranger)).status_code == 404


class TestRoutingJob:
    """``clients-api route-handovers``: the same routing for every organisation with an initial-service team, as
    the job, so that no client's three months end unnoticed when no manager calls the routing."""

    async def test_the_job_routes_each_organisation_once_and_says_a_job_did_it(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        teams: dict[str, str],
        db_session: AsyncSession,
    ) -> None:
        sessions = app.state.database.sessionmaker
        ending = await register(client, factories.coach(test_issuer, INITIAL), today() - timedelta(days=85))
        # Mikkeli has no initial-service team: its clients are not the job's.
        await register(client, factories.coach(test_issuer, "coach-mikkeli", MIKKELI), today() - timedelta(days=85))

        assert await route_all(sessions) == 1
        assert await route_all(sessions) == 0
        incoming = await client.get("/v1/handovers?side=incoming", headers=factories.coach(test_issuer, PERSONAL_FREE))
        assert incoming.status_code == 200, incoming.text
        assert [(t["client_id"], t["created_by"]) for t in incoming.json()] == [(ending, ROUTING_ACTOR)]
        audit = await db_session.scalar(
            select(AuditRecord).where(AuditRecord.resource_type == "client_handover", AuditRecord.action == "create")
        )
        assert audit is not None and audit.actor_subject == ROUTING_ACTOR
        assert str(audit.data_subject_id) == ending
