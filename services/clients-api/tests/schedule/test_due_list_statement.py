"""The due list in one statement (decision 0067): the reach of a coach who names another, the caseload's freshness,
the stored deadlines, the open statement requests and the audit record, sent without BEGIN and COMMIT; a caseload
with a client out of date answered in the request's transaction after the refresh, recorded once either way."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import Client
from clients_api.schedule.deadlines import DeadlineKind
from clients_api.schedule.models import ClientDeadline
from clients_api.schedule.schemas import DueList
from clients_api.seed import identity_code
from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer, sql_statements

from .. import factories
from ..conftest import TeamOf

AINO = factories.AINO


def staff(issuer: TestIssuer, subject: str, role: str = "coach", org: uuid.UUID = LAHTI) -> dict[str, str]:
    return issuer.headers(subject=subject, roles=[role], org=org)


async def register(client: httpx.AsyncClient, issuer: TestIssuer, last_name: str, days: int, individual: int) -> str:
    """A client of Aino's whose job search began ``days`` ago."""
    return await factories.register(
        client,
        factories.coach(issuer),
        started=today() - timedelta(days=days),
        personal_identity_code=identity_code("150590", "-", individual),
        last_name=last_name,
    )


async def never_computed(session: AsyncSession, client_id: str) -> None:
    """As a client loaded in bulk, or every client right after the migration that added the stored deadlines."""
    key = uuid.UUID(client_id)
    await session.execute(delete(ClientDeadline).where(ClientDeadline.client_id == key))
    await session.execute(update(Client).where(Client.id == key).values(deadlines_valid_until=None))


async def due_list_records(session: AsyncSession) -> list[AuditRecord]:
    query = select(AuditRecord).where(AuditRecord.resource_type == "due_list").order_by(AuditRecord.occurred_at)
    return list((await session.scalars(query.execution_options(populate_existing=True))).all())


def process_order(item: dict[str, Any]) -> tuple[object, ...]:
    """The order the list promises: overdue first, then by due day, client name (as Python compares strings), the
    order of the process and number."""
    kinds = list(DeadlineKind)
    return (item["status"] != "overdue", item["due_on"], item["client_name"], kinds.index(item["kind"]), item["number"])


class TestOneStatement:
    async def test_a_client_never_computed_is_refreshed_shown_and_recorded_once(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        computed = await register(client, test_issuer, "Laskettu", 20, 202)
        loaded = await register(client, test_issuer, "Ladattu", 60, 204)
        await never_computed(db_session, loaded)
        aino = factories.coach(test_issuer)

        with sql_statements(app, transactions=True) as statements:
            first = await client.get("/v1/due-list", params={"horizon_days": 31}, headers=aino)
        assert first.status_code == 200, first.text
        # The one statement found a client out of date and wrote nothing; the transaction refreshed it, read the list
        # again and recorded it.
        assert statements[0].startswith("WITH") and "BEGIN" in statements[1:], "\n---\n".join(statements)
        shown = {(item["client_id"], item["kind"], item["status"]) for item in first.json()["items"]}
        assert (loaded, "initial_interview", "overdue") in shown
        assert computed in {client_id for client_id, _, _ in shown}
        [record] = await due_list_records(db_session)
        assert record.actor_subject == AINO and record.action == "read"
        assert record.details == {"coach": AINO, "clients": 2, "statement_requests": []}

        # Now up to date: one statement, the same answer, one more record.
        with sql_statements(app, transactions=True) as statements:
            second = await client.get("/v1/due-list", params={"horizon_days": 31}, headers=aino)
        assert len(statements) == 1, "\n---\n".join(statements)
        # The statement's JSON is sent as it is: the same list, field for field, as the model the transaction built.
        assert second.headers["content-type"] == "application/json"
        assert second.json() == first.json() == DueList.model_validate(second.json()).model_dump(mode="json")
        records = await due_list_records(db_session)
        assert len(records) == 2 and records[1].details == records[0].details

    async def test_the_order_is_the_lists_whichever_way_it_was_read(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        """Names that a collation would order otherwise than Python does (case, Ä and Ö after Z), with the same
        job-search start, so that the name decides between their deadlines."""
        ids = [
            await register(client, test_issuer, name, days, 210 + 2 * number)
            for number, (name, days) in enumerate(
                [("Öhman", 40), ("aalto", 40), ("Aalto", 40), ("Zetterberg", 40), ("Äijälä", 3), ("Mäki", 100)]
            )
        ]
        aino = factories.coach(test_issuer)
        fast = (await client.get("/v1/due-list", params={"horizon_days": 31}, headers=aino)).json()["items"]
        assert len({item["client_id"] for item in fast}) == len(ids)
        assert fast == sorted(fast, key=process_order)
        [day] = {item["due_on"] for item in fast if item["client_id"] == ids[0] and item["kind"] == "initial_interview"}
        same_day = [
            item["client_name"] for item in fast if item["kind"] == "initial_interview" and item["due_on"] == day
        ]
        assert same_day == ["Aalto, Matti", "Zetterberg, Matti", "aalto, Matti", "Öhman, Matti"]

        await never_computed(db_session, ids[0])
        transaction = (await client.get("/v1/due-list", params={"horizon_days": 31}, headers=aino)).json()["items"]
        assert transaction == fast

    async def test_a_coach_naming_a_coach_outside_their_teams_is_refused_and_nothing_is_written(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession, team_of: TeamOf
    ) -> None:
        loaded = await register(client, test_issuer, "Ladattu", 60, 202)
        await never_computed(db_session, loaded)
        await team_of("coach-outsider", "coach-somebody")
        await team_of(AINO, "coach-mari", organisation_id=MIKKELI)
        for caller in (
            staff(test_issuer, "coach-outsider"),
            # A colleague in another organisation's team is no colleague here.
            staff(test_issuer, "coach-mari"),
        ):
            response = await client.get("/v1/due-list", params={"coach": AINO}, headers=caller)
            assert response.status_code == 403, response.text
            assert response.json()["type"].endswith("/outside-your-team")
        assert await due_list_records(db_session) == []
        # In that organisation they are colleagues (and Aino has no clients there).
        there = await client.get(
            "/v1/due-list", params={"coach": AINO}, headers=staff(test_issuer, "coach-mari", org=MIKKELI)
        )
        assert there.status_code == 200 and there.json()["items"] == [], there.text
        # Refused before anything was refreshed (the list in Mikkeli covers no client of Lahti).
        key = uuid.UUID(loaded)
        assert await db_session.scalar(select(Client.deadlines_valid_until).where(Client.id == key)) is None

    async def test_a_teammate_sees_the_list_in_one_statement(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        db_session: AsyncSession,
        team_of: TeamOf,
    ) -> None:
        client_id = await register(client, test_issuer, "Asiakas", 30, 202)
        await team_of(AINO, "coach-mari")
        with sql_statements(app) as statements:
            response = await client.get(
                "/v1/due-list", params={"coach": AINO}, headers=staff(test_issuer, "coach-mari")
            )
        assert response.status_code == 200 and len(statements) == 1, response.text
        assert client_id in {item["client_id"] for item in response.json()["items"]}
        [record] = await due_list_records(db_session)
        assert record.actor_subject == "coach-mari" and record.details["coach"] == AINO

    async def test_a_manager_names_any_coach_of_their_organisation(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        client_id = await register(client, test_issuer, "Asiakas", 30, 202)
        other = await factories.register(
            client,
            staff(test_issuer, "coach-other"),
            started=today() - timedelta(days=30),
            personal_identity_code=identity_code("150590", "-", 204),
        )
        manager = staff(test_issuer, "manager-pekka", role="manager")
        with sql_statements(app) as statements:
            named = await client.get("/v1/due-list", params={"coach": AINO}, headers=manager)
        assert named.status_code == 200 and len(statements) == 1, named.text
        assert {item["client_id"] for item in named.json()["items"]} == {client_id}
        whole = (await client.get("/v1/due-list", headers=manager)).json()
        assert whole["coach"] is None and {item["client_id"] for item in whole["items"]} == {client_id, other}
        elsewhere = staff(test_issuer, "manager-mikkeli", role="manager", org=MIKKELI)
        assert (await client.get("/v1/due-list", params={"coach": AINO}, headers=elsewhere)).json()["items"] == []
        records = await due_list_records(db_session)
        assert [(record.actor_subject, record.details["coach"], record.details["clients"]) for record in records] == [
            ("manager-pekka", AINO, 1),
            ("manager-pekka", None, 2),
            ("manager-mikkeli", AINO, 0),
        ]
