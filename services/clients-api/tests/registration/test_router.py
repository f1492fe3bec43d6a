"""Citizenship and mother tongue: optional, checked against ISO 3166-1 alpha-2 and ISO 639-1, changed with the
client's version in If-Match, audited, and announced with what metrics needs (no name, no identity code)."""

from __future__ import annotations

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.service import today
from polku_kit.audit import AuditRecord
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

from .. import factories
from ..factories import coach


async def change(
    client: httpx.AsyncClient, issuer: TestIssuer, client_id: str, version: int, **body: object
) -> httpx.Response:
    return await client.patch(
        f"/v1/clients/{client_id}/registration-data",
        headers={**coach(issuer), "If-Match": f'"v{version}"'},
        json=body,
    )


class TestAtRegistration:
    async def test_codes_are_taken_in_any_case_and_kept_canonical(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        registered = await client.post(
            "/v1/clients", headers=coach(test_issuer), json=factories.registration(citizenship="ua", mother_tongue="UK")
        )
        assert registered.status_code == 201, registered.text
        assert (registered.json()["citizenship"], registered.json()["mother_tongue"]) == ("UA", "uk")

    async def test_neither_is_required(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        read = await client.get(f"/v1/clients/{client_id}", headers=coach(test_issuer))
        assert (read.json()["citizenship"], read.json()["mother_tongue"]) == (None, None)

    async def test_codes_not_in_the_iso_lists_are_a_422_naming_the_field(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        for field, value in (
            ("citizenship", "XX"),  # two letters, no country
            ("citizenship", "FIN"),  # alpha-3, not alpha-2
            ("mother_tongue", "qq"),
            ("mother_tongue", "fin"),  # ISO 639-2/3, not 639-1
        ):
            refused = await client.post(
                "/v1/clients", headers=coach(test_issuer), json=factories.registration(**{field: value})
            )
            assert refused.status_code == 422, (field, value)
            assert refused.json()["errors"][0]["field"] == f"body.{field}"


class TestChanging:
    async def test_a_change_is_versioned_audited_and_announced(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        changed = await change(client, test_issuer, client_id, 1, citizenship="SE", mother_tongue="sv")
        assert changed.status_code == 200, changed.text
        assert changed.json()["citizenship"] == "SE" and changed.headers["etag"] == '"v2"'
        stale = await change(client, test_issuer, client_id, 1, citizenship="FI")
        assert stale.status_code == 412 and stale.json()["type"].endswith("/client-changed")
        missing = await client.patch(
            f"/v1/clients/{client_id}/registration-data", headers=coach(test_issuer), json={"citizenship": "FI"}
        )
        assert missing.status_code == 428
        cleared = await change(client, test_issuer, client_id, 2, citizenship=None)
        assert cleared.json()["citizenship"] is None and cleared.json()["mother_tongue"] == "sv"

        audits = (
            await db_session.scalars(
                select(AuditRecord).where(AuditRecord.resource_type == "client", AuditRecord.action == "update")
            )
        ).all()
        # Both records carry the transaction's now(): compared without an order.
        details = [audit.details for audit in audits]
        assert len(details) == 2
        assert {"citizenship": {"from": None, "to": "SE"}, "mother_tongue": {"from": None, "to": "sv"}} in details
        assert {"citizenship": {"from": "SE", "to": None}} in details
        assert {str(audit.data_subject_id) for audit in audits} == {client_id}
        events = (
            await db_session.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.type == "fi.polku.client.citizenship_changed.v1")
                .order_by(OutboxEvent.time)
            )
        ).all()
        assert [(event.data["from"], event.data["to"]) for event in events] == [(None, "SE"), ("SE", None)]
        assert events[0].data["home_municipality"] == "398" and events[0].data["age_band"] == "65-"
        assert events[0].audience == [LAHTI] and "Matti" not in str(events[0].data)
        tongue = await db_session.scalars(
            select(OutboxEvent).where(OutboxEvent.type == "fi.polku.client.mother_tongue_changed.v1")
        )
        assert len(tongue.all()) == 1

    async def test_sending_what_is_recorded_changes_nothing(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await change(client, test_issuer, client_id, 1, citizenship="FI")
        same = await change(client, test_issuer, client_id, 2, citizenship="fi")
        assert same.status_code == 200 and same.json()["version"] == 2

    async def test_a_bad_code_is_a_422(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        refused = await change(client, test_issuer, client_id, 1, mother_tongue="klingon")
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.mother_tongue"


class TestMoving:
    async def test_a_move_is_versioned_audited_and_announced_for_metrics(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        moved = await change(client, test_issuer, client_id, 1, home_municipality="098")
        assert moved.status_code == 200, moved.text
        assert moved.json()["home_municipality"] == "098" and moved.headers["etag"] == '"v2"'
        [event] = (
            await db_session.scalars(
                select(OutboxEvent).where(OutboxEvent.type == "fi.polku.client.home_municipality_changed.v1")
            )
        ).all()
        # What metrics-api reads (client_id, home_municipality, changed_on), and no name.
        assert event.data["client_id"] == client_id and event.data["home_municipality"] == "098"
        assert (event.data["from"], event.data["to"]) == ("398", "098")
        assert event.data["changed_on"] == today().isoformat()
        assert event.audience == [LAHTI] and "Matti" not in str(event.data)
        audit = await db_session.scalar(
            select(AuditRecord).where(AuditRecord.resource_type == "client", AuditRecord.action == "update")
        )
        assert audit is not None and audit.details == {"home_municipality": {"from": "398", "to": "098"}}

    async def test_an_unknown_or_missing_municipality_is_a_422(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        for value in ("999", "39", None):  # no such municipality; not three digits; a home cannot be cleared
            refused = await change(client, test_issuer, client_id, 1, home_municipality=value)
            assert refused.status_code == 422, value
            assert refused.json()["errors"][0]["field"] == "body.home_municipality"


class TestAccess:
    async def test_other_roles_and_organisations_are_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        url = f"/v1/clients/{client_id}/registration-data"
        partner = test_issuer.headers(subject="partner-1", roles=["partner"], org=LAHTI)
        assert (await client.patch(url, headers={**partner, "If-Match": '"v1"'}, json={})).status_code == 403
        for headers in (coach(test_issuer, org=MIKKELI), coach(test_issuer, subject="coach-eino")):
            other = await client.patch(url, headers={**headers, "If-Match": '"v1"'}, json={"citizenship": "FI"})
            assert other.status_code == 404
