"""A statement request from the national system through its lifecycle: a task on the coach's list and on the
client's page; answered by the statement drafted for it (linked, still on the list with the link); closed when
that statement is issued (its national id in the statement.issued event); or declined by the coach with a reason
(If-Match, audited, announced to the platform). Another coach, another organisation or another role reaches none
of it."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.platform.events import STATEMENT_REQUESTED
from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import MIKKELI, TestIssuer

from .. import factories
from ..statement.test_router import draft, heard_and_issued
from .test_events import STARTED, event, handle

NEGLECTED_ON = STARTED + timedelta(days=10)


@pytest.fixture
async def request_of_matti(
    app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
) -> tuple[str, dict[str, object]]:
    """Matti, Aino's client, and Kela's request for a statement about him, received from the platform."""
    client_id = await factories.register(client, factories.coach(test_issuer), started=STARTED)
    await handle(app, db_session, event(STATEMENT_REQUESTED))
    listed = await client.get(f"/v1/clients/{client_id}/statement-requests", headers=factories.coach(test_issuer))
    assert listed.status_code == 200, listed.text
    [request] = listed.json()
    return client_id, request


async def open_requests(client: httpx.AsyncClient, headers: dict[str, str]) -> list[dict[str, object]]:
    response = await client.get("/v1/platform/statement-requests", headers=headers)
    assert response.status_code == 200, response.text
    return list(response.json())


class TestAnsweredByAStatement:
    async def test_drafted_for_the_request_it_links_the_statement_and_stays_open_until_issued(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        db_session: AsyncSession,
        request_of_matti: tuple[str, dict[str, object]],
    ) -> None:
        client_id, request = request_of_matti
        aino = factories.coach(test_issuer)
        assert (request["status"], request["statement_id"], request["requester"]) == ("pending", None, "Kela")
        drafted = await client.post(
            f"/v1/clients/{client_id}/statements",
            json={**draft(NEGLECTED_ON), "platform_request_id": request["id"]},
            headers=aino,
        )
        assert drafted.status_code == 201, drafted.text
        statement = drafted.json()
        [on_list] = await open_requests(client, aino)
        assert (on_list["status"], on_list["statement_id"]) == ("drafted", statement["id"])

        await heard_and_issued(client, aino, client_id, statement, NEGLECTED_ON + timedelta(days=1), today())
        assert await open_requests(client, aino) == []
        [closed] = (await client.get(f"/v1/clients/{client_id}/statement-requests", headers=aino)).json()
        assert (closed["status"], closed["closed_by"], closed["closed_by_name"]) == (
            "issued",
            factories.AINO,
            "Test Person",
        )
        issued = await db_session.scalar(select(OutboxEvent).where(OutboxEvent.type == "fi.polku.statement.issued.v1"))
        assert issued is not None and issued.data["platform_request_ids"] == ["LAUSUNTO-1"]

    async def test_a_request_is_answered_by_one_statement_and_only_the_clients_own(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        request_of_matti: tuple[str, dict[str, object]],
    ) -> None:
        client_id, request = request_of_matti
        aino = factories.coach(test_issuer)
        first = await client.post(
            f"/v1/clients/{client_id}/statements",
            json={**draft(NEGLECTED_ON), "platform_request_id": request["id"]},
            headers=aino,
        )
        assert first.status_code == 201, first.text
        second = await client.post(
            f"/v1/clients/{client_id}/statements",
            json={**draft(NEGLECTED_ON + timedelta(days=1)), "platform_request_id": request["id"]},
            headers=aino,
        )
        assert second.status_code == 409 and second.json()["type"].endswith("/statement-request-answered")
        unknown = await client.post(
            f"/v1/clients/{client_id}/statements",
            json={**draft(NEGLECTED_ON + timedelta(days=2)), "platform_request_id": str(uuid.uuid4())},
            headers=aino,
        )
        assert unknown.status_code == 422
        assert unknown.json()["errors"][0]["field"] == "body.platform_request_id"
        # The refused drafts left nothing behind: one statement.
        statements = await client.get(f"/v1/clients/{client_id}/statements", headers=aino)
        assert [s["id"] for s in statements.json()] == [first.json()["id"]]


class TestDeclined:
    async def test_the_coach_declines_with_a_reason_and_the_platform_is_told(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        db_session: AsyncSession,
        request_of_matti: tuple[str, dict[str, object]],
    ) -> None:
        client_id, request = request_of_matti
        aino = factories.coach(test_issuer)
        url = f"/v1/platform/statement-requests/{request['id']}/decline"
        reason = {"reason": "Työnhaku oli päättynyt ennen laiminlyöntiä"}
        stale = await client.post(url, json=reason, headers={**aino, "If-Match": '"v0"'})
        assert stale.status_code == 412
        missing = await client.post(url, json=reason, headers=aino)
        assert missing.status_code == 428
        short = await client.post(url, json={"reason": "x"}, headers={**aino, "If-Match": '"v1"'})
        assert short.status_code == 422 and short.json()["errors"][0]["field"] == "body.reason"
        declined = await client.post(url, json=reason, headers={**aino, "If-Match": '"v1"'})
        assert declined.status_code == 200, declined.text
        assert declined.headers["ETag"] == '"v2"'
        body = declined.json()
        assert (body["status"], body["decline_reason"], body["closed_by_name"]) == (
            "declined",
            reason["reason"],
            "Test Person",
        )
        assert await open_requests(client, aino) == []
        again = await client.post(url, json=reason, headers={**aino, "If-Match": '"v2"'})
        assert again.status_code == 409 and again.json()["type"].endswith("/statement-request-closed")
        announced = await db_session.scalar(
            select(OutboxEvent).where(OutboxEvent.type == "fi.polku.statement_request.declined.v1")
        )
        assert announced is not None
        assert announced.data["request_id"] == "LAUSUNTO-1" and announced.data["reason"] == reason["reason"]
        assert "personal_identity_code" not in announced.data
        audit = await db_session.scalar(
            select(AuditRecord).where(
                AuditRecord.resource_type == "platform_statement_request",
                AuditRecord.resource_id == str(request["id"]),
                AuditRecord.action == "update",
            )
        )
        assert audit is not None and audit.actor_subject == factories.AINO
        assert str(audit.data_subject_id) == client_id

    async def test_a_declined_request_takes_no_statement(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        request_of_matti: tuple[str, dict[str, object]],
    ) -> None:
        client_id, request = request_of_matti
        aino = factories.coach(test_issuer)
        declined = await client.post(
            f"/v1/platform/statement-requests/{request['id']}/decline",
            json={"reason": "Ei lausuntoa"},
            headers={**aino, "If-Match": "*"},
        )
        assert declined.status_code == 200, declined.text
        drafted = await client.post(
            f"/v1/clients/{client_id}/statements",
            json={**draft(NEGLECTED_ON), "platform_request_id": request["id"]},
            headers=aino,
        )
        assert drafted.status_code == 409 and drafted.json()["type"].endswith("/statement-request-closed")


class TestAccess:
    async def test_another_coach_organisation_or_role_reaches_nothing(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        db_session: AsyncSession,
        request_of_matti: tuple[str, dict[str, object]],
    ) -> None:
        client_id, request = request_of_matti
        url = f"/v1/platform/statement-requests/{request['id']}/decline"
        body = {"reason": "Ei kuulu minulle"}
        elsewhere = factories.coach(test_issuer, org=MIKKELI)
        assert (await client.post(url, json=body, headers={**elsewhere, "If-Match": "*"})).status_code == 404
        assert (await client.get(f"/v1/clients/{client_id}/statement-requests", headers=elsewhere)).status_code == 404
        outsider = factories.coach(test_issuer, subject="coach-outsider")
        assert (await client.post(url, json=body, headers={**outsider, "If-Match": "*"})).status_code == 404
        for role in ("partner", "platform", "service"):
            headers = {**test_issuer.headers(roles=[role]), "If-Match": "*"}
            assert (await client.post(url, json=body, headers=headers)).status_code == 403, role
        listed = await client.get(f"/v1/clients/{client_id}/statement-requests", headers=factories.coach(test_issuer))
        assert listed.json()[0]["status"] == "pending"


class TestOnTheDueList:
    """Hallintolaki 434/2003, 23 § 1 mom.: a matter is handled without undue delay; työttömyysturvalaki 1290/2002,
    11 luku 4 § sets no number of days for the statement. So a request is due from the day it was made."""

    async def test_an_open_request_is_on_its_coachs_due_list_from_the_day_it_was_made_until_answered(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        db_session: AsyncSession,
        request_of_matti: tuple[str, dict[str, object]],
    ) -> None:
        client_id, request = request_of_matti
        aino = factories.coach(test_issuer)
        listed = await client.get("/v1/due-list", params={"horizon_days": 0}, headers=aino)
        assert listed.status_code == 200, listed.text
        [due] = listed.json()["statement_requests"]
        assert (due["id"], due["client_id"], due["client_name"], due["requester"]) == (
            request["id"],
            client_id,
            "Meikäläinen, Matti",
            "Kela",
        )
        assert (due["requested_on"], due["due_on"], due["days_waiting"], due["status"]) == (
            today().isoformat(),
            today().isoformat(),
            0,
            "pending",
        )
        assert "23 §" in due["due_rule"]
        audit = await db_session.scalar(
            select(AuditRecord)
            .where(AuditRecord.resource_type == "due_list", AuditRecord.actor_subject == factories.AINO)
            .order_by(AuditRecord.occurred_at.desc())
            .limit(1)
        )
        assert audit is not None and audit.details["statement_requests"] == [request["id"]]

        declined = await client.post(
            f"/v1/platform/statement-requests/{request['id']}/decline",
            json={"reason": "The job search had ended before the period asked about."},
            headers={**aino, "If-Match": '"v1"'},
        )
        assert declined.status_code == 200, declined.text
        after = (await client.get("/v1/due-list", headers=aino)).json()
        assert after["statement_requests"] == []

    async def test_another_coach_or_organisation_does_not_see_it(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, request_of_matti: tuple[str, dict[str, object]]
    ) -> None:
        other = (await client.get("/v1/due-list", headers=factories.coach(test_issuer, subject="coach-other"))).json()
        assert other["statement_requests"] == []
        elsewhere = test_issuer.headers(subject="manager-mikkeli", roles=["manager"], org=MIKKELI)
        assert (await client.get("/v1/due-list", headers=elsewhere)).json()["statement_requests"] == []
        manager = test_issuer.headers(subject="manager-pekka", roles=["manager"], org=factories.LAHTI)
        named = (await client.get("/v1/due-list", params={"coach": factories.AINO}, headers=manager)).json()
        assert [due["client_id"] for due in named["statement_requests"]] == [request_of_matti[0]]
