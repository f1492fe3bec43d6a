"""Search with the criteria in the body: a personal identity code never enters a URL (access logs, browser
histories), and the search keeps the reach and the audit of ``GET /v1/clients``."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import Client
from polku_kit.audit import AuditRecord
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

from .test_router import ADULT, NEW_SIGN, coach, register

SEARCH = "/v1/clients/search"


class TestSearchByBody:
    async def test_finds_by_identity_code_and_by_name(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        matti = await register(client, coach(test_issuer))
        await register(client, coach(test_issuer), personal_identity_code=NEW_SIGN, last_name="Virtanen")
        by_code = await client.post(
            SEARCH, json={"personal_identity_code": " 131052-308t "}, headers=coach(test_issuer)
        )
        assert by_code.status_code == 200, by_code.text
        assert [item["id"] for item in by_code.json()["items"]] == [matti["id"]]
        assert "personal_identity_code" not in by_code.json()["items"][0]
        by_name = (
            await client.post(SEARCH, json={"name": "meikä", "municipality": "398"}, headers=coach(test_issuer))
        ).json()
        assert [item["id"] for item in by_name["items"]] == [matti["id"]]
        not_a_code = (
            await client.post(SEARCH, json={"personal_identity_code": "131052-308U"}, headers=coach(test_issuer))
        ).json()
        assert not_a_code["items"] == []

    async def test_pages_follow_the_cursor_in_the_body(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        first = await register(client, coach(test_issuer))
        second = await register(client, coach(test_issuer), personal_identity_code=NEW_SIGN)
        page = (await client.post(SEARCH, json={"name": "Meikäläinen", "limit": 1}, headers=coach(test_issuer))).json()
        rest = (
            await client.post(
                SEARCH,
                json={"name": "Meikäläinen", "limit": 1, "cursor": page["next_cursor"]},
                headers=coach(test_issuer),
            )
        ).json()
        assert len(page["items"]) == len(rest["items"]) == 1 and rest["next_cursor"] is None
        assert sorted(item["id"] for item in page["items"] + rest["items"]) == sorted([first["id"], second["id"]])

    async def test_keeps_the_callers_reach(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        matti = await register(client, coach(test_issuer))
        await db_session.execute(
            update(Client).where(Client.id == uuid.UUID(matti["id"])).values(coach_subject="coach-of-another-team")
        )
        body = {"personal_identity_code": ADULT}
        own_team = await client.post(SEARCH, json=body, headers=coach(test_issuer, LAHTI, "coach-of-another-team"))
        assert [item["id"] for item in own_team.json()["items"]] == [matti["id"]]
        outside = await client.post(SEARCH, json=body, headers=coach(test_issuer, LAHTI, "coach-aino"))
        assert outside.status_code == 200 and outside.json()["items"] == []
        mikkeli = await client.post(SEARCH, json=body, headers=coach(test_issuer, MIKKELI, "coach-mikko"))
        assert mikkeli.status_code == 200 and mikkeli.json()["items"] == []
        partner = test_issuer.headers(subject="leena", roles=["partner"], org=LAHTI)
        assert (await client.post(SEARCH, json=body, headers=partner)).status_code == 403

    async def test_is_audited_without_the_code(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        matti = await register(client, coach(test_issuer))
        await client.post(SEARCH, json={"personal_identity_code": ADULT}, headers=coach(test_issuer))
        searches = (await db_session.scalars(select(AuditRecord).where(AuditRecord.action == "search"))).all()
        assert searches[-1].actor_subject == "coach-aino"
        assert searches[-1].details["results"] == [matti["id"]]
        assert searches[-1].details["filters"]["personal_identity_code"] is True
        assert ADULT not in str(searches[-1].details)

    async def test_unknown_criteria_and_bad_values_are_field_errors(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        response = await client.post(
            SEARCH, json={"hetu": ADULT, "municipality": "Lahti", "limit": 0, "overdue": 0}, headers=coach(test_issuer)
        )
        assert response.status_code == 422
        assert {error["field"] for error in response.json()["errors"]} == {
            "body.hetu",
            "body.municipality",
            "body.limit",
            "body.overdue",
        }
        as_text = await client.post(SEARCH, json={"limit": "5"}, headers=coach(test_issuer))
        assert as_text.status_code == 422 and as_text.json()["errors"][0]["field"] == "body.limit"

    async def test_only_post_reads_the_search(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await client.get(SEARCH, headers=coach(test_issuer))
        assert response.status_code == 405 and response.headers["allow"] == "POST"
        assert (await client.get("/v1/clients/not-an-id", headers=coach(test_issuer))).status_code == 422


class TestIdentityCodeInTheQuery:
    async def test_is_refused_with_a_pointer_to_the_body_search(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        await register(client, coach(test_issuer))
        response = await client.get("/v1/clients", params={"personal_identity_code": ADULT}, headers=coach(test_issuer))
        assert response.status_code == 422
        problem = response.json()
        assert problem["errors"] == [
            {
                "field": "query.personal_identity_code",
                "code": "use_post_search",
                "message": "send the personal identity code in the body of POST /v1/clients/search",
            }
        ]
        assert ADULT not in response.text
        searches = (await db_session.scalars(select(AuditRecord).where(AuditRecord.action == "search"))).all()
        assert searches == []


class TestEmptyCursor:
    async def test_an_empty_cursor_is_the_first_page_in_the_query_and_in_the_body(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        matti = await register(client, coach(test_issuer))
        by_query = await client.get("/v1/clients", params={"cursor": ""}, headers=coach(test_issuer))
        assert by_query.status_code == 200, by_query.text
        assert [item["id"] for item in by_query.json()["items"]] == [matti["id"]]
        by_body = await client.post(SEARCH, json={"cursor": ""}, headers=coach(test_issuer))
        assert by_body.status_code == 200, by_body.text
        assert [item["id"] for item in by_body.json()["items"]] == [matti["id"]]
