"""Messages between the coach and the partner on a referral: a short thread, attributed to the person and
organisation from their tokens, audited as a record about the client, with an unread count for each reader."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import KELA, LAHTI, MIKKELI, WELLBEING_COUNTY, TestIssuer

from .test_router import COACH, client_id, draft, sent  # noqa: F401


def aino(issuer: TestIssuer) -> dict[str, str]:
    return issuer.headers(
        subject=COACH, roles=["coach"], org=LAHTI, name="Aino Valmentaja", org_name="Lahden seudun työllisyysalue"
    )


def liisa(issuer: TestIssuer, org=WELLBEING_COUNTY) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return issuer.headers(
        subject="partner-liisa", roles=["partner"], org=org, name="Liisa Kumppani", org_name="Päijät-Hämeen hva"
    )


class TestThread:
    async def test_both_sides_write_and_read_with_names_and_unread_counts(
        self,
        client: httpx.AsyncClient,
        as_,
        test_issuer: TestIssuer,
        client_id: str,  # noqa: F811
        db_session: AsyncSession,
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        url = f"/v1/referrals/{referral_id}/messages"
        asked = await client.post(url, json={"body": "  Milloin asiakas voi aloittaa?  "}, headers=aino(test_issuer))
        assert asked.status_code == 201, asked.text
        assert (asked.json()["body"], asked.json()["author_name"], asked.json()["author_organisation_name"]) == (
            "Milloin asiakas voi aloittaa?",
            "Aino Valmentaja",
            "Lahden seudun työllisyysalue",
        )

        # The partner has one unread message, on this referral; the coach none (they wrote it).
        unread = (await client.get("/v1/referrals/unread-messages", headers=liisa(test_issuer))).json()
        assert unread == [{"referral_id": referral_id, "unread": 1}]
        assert (await client.get("/v1/referrals/unread-messages", headers=aino(test_issuer))).json() == []

        seen = (await client.get(url, headers=liisa(test_issuer))).json()
        assert seen["unread"] == 1 and [m["author_name"] for m in seen["items"]] == ["Aino Valmentaja"]
        assert (await client.get("/v1/referrals/unread-messages", headers=liisa(test_issuer))).json() == []
        assert (await client.get(url, headers=liisa(test_issuer))).json()["unread"] == 0

        answered = await client.post(url, json={"body": "Maanantaina 8.12."}, headers=liisa(test_issuer))
        assert answered.status_code == 201
        assert (await client.get("/v1/referrals/unread-messages", headers=aino(test_issuer))).json() == [
            {"referral_id": referral_id, "unread": 1}
        ]
        thread = (await client.get(url, headers=aino(test_issuer))).json()
        assert [(m["author_name"], m["body"]) for m in thread["items"]] == [
            ("Aino Valmentaja", "Milloin asiakas voi aloittaa?"),
            ("Liisa Kumppani", "Maanantaina 8.12."),
        ]

        audit = (
            await db_session.scalars(select(AuditRecord).where(AuditRecord.resource_type == "referral_message"))
        ).all()
        assert {(row.action, row.actor_subject) for row in audit} >= {
            ("create", COACH),
            ("create", "partner-liisa"),
            ("read", "partner-liisa"),
            ("read", COACH),
        }
        assert {str(row.data_subject_id) for row in audit} == {client_id}
        events = (
            await db_session.scalars(
                select(OutboxEvent).where(OutboxEvent.type == "fi.polku.referral.message_posted.v1")
            )
        ).all()
        assert len(events) == 2 and all("body" not in event.data for event in events)
        assert "Maanantaina" not in str([event.data for event in events])

    async def test_a_draft_is_the_senders_alone_and_others_see_nothing(
        self,
        client: httpx.AsyncClient,
        as_,
        test_issuer: TestIssuer,
        client_id: str,  # noqa: F811
    ) -> None:
        referral_id = await draft(client, as_, client_id)
        url = f"/v1/referrals/{referral_id}/messages"
        assert (await client.post(url, json={"body": "Muistiin"}, headers=aino(test_issuer))).status_code == 201
        assert (await client.get(url, headers=liisa(test_issuer))).status_code == 404
        assert (await client.get(url, headers=liisa(test_issuer, org=KELA))).status_code == 404
        assert (await client.get(url, headers=as_("coach", org=MIKKELI))).status_code == 404
        assert (await client.get(url, headers=as_("admin"))).status_code == 403

    @pytest.mark.parametrize("body", ["", "   ", "x" * 2001, None])
    async def test_an_empty_or_overlong_message_is_422(
        self,
        client: httpx.AsyncClient,
        as_,
        test_issuer: TestIssuer,
        client_id: str,  # noqa: F811
        body: object,
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        response = await client.post(
            f"/v1/referrals/{referral_id}/messages", json={"body": body}, headers=aino(test_issuer)
        )
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == "body.body"
