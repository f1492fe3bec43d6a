"""The data protection officer's audit trail of one client and the GDPR access export."""

from __future__ import annotations

import uuid

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.models import Base
from clients_api.privacy.service import client_tables
from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.service_client import ServiceClient
from polku_kit.testing import LAHTI, MIKKELI, WELLBEING_COUNTY, TestIssuer, free_port

from ..factories import coach
from .conftest import MACHINE_TOKEN, FakeReferralsApi

# Tables of clients-api that hold nothing about a particular client. A new table must be added either here
# or get a client_id column (and so appear in the export): the test below makes that a conscious choice.
# kela_import: one file's counts and error report (rows and columns, no identity codes); its rows about a client
# (kela_import_row) and the counts (kela_subsidy_day_count) are exported with the client.
# An organisation's reconciliation report is a run's counts and differences by client id (no name, no identity
# code): about the run, not one client. known_coach: the organisation's coaches (staff) by name, for a manager's
# picker.
NOT_ABOUT_ONE_CLIENT = frozenset(
    {
        "team",
        "team_member",
        "saved_filter",
        "kela_import",
        "initial_service_team",
        "reconciliation_report",
        "known_coach",
    }
)


def officer(issuer: TestIssuer, org=LAHTI) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return issuer.headers(subject="dpo-tiina", roles=["dpo"], org=org)


class TestAuditTrail:
    async def test_the_officer_sees_who_did_what_newest_first_and_their_own_look_is_recorded(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await client.get(f"/v1/clients/{client_id}", headers=coach(test_issuer))
        trail = await client.get(f"/v1/clients/{client_id}/audit-trail", headers=officer(test_issuer))
        assert trail.status_code == 200, trail.text
        assert [(r["action"], r["resource_type"], r["actor_subject"]) for r in trail.json()["items"]] == [
            ("read", "client", "coach-aino"),
            ("create", "client", "coach-aino"),
        ]

        again = await client.get(
            f"/v1/clients/{client_id}/audit-trail", headers=officer(test_issuer), params={"actor": "dpo-tiina"}
        )
        assert [(r["action"], r["resource_type"]) for r in again.json()["items"]] == [("read", "audit_trail")]

    async def test_pages_and_time_window(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        for _ in range(3):
            await client.get(f"/v1/clients/{client_id}", headers=coach(test_issuer))
        first = (
            await client.get(
                f"/v1/clients/{client_id}/audit-trail",
                headers=officer(test_issuer),
                params={"limit": 2, "actor": "coach-aino"},
            )
        ).json()
        second = (
            await client.get(
                f"/v1/clients/{client_id}/audit-trail",
                headers=officer(test_issuer),
                params={"limit": 2, "actor": "coach-aino", "cursor": first["next_cursor"]},
            )
        ).json()
        assert len(first["items"]) == 2 and len(second["items"]) == 2 and second["next_cursor"] is None
        assert {r["id"] for r in first["items"]}.isdisjoint(r["id"] for r in second["items"])
        future = await client.get(
            f"/v1/clients/{client_id}/audit-trail",
            headers=officer(test_issuer),
            params={"since": "2999-01-01T00:00:00Z"},
        )
        assert future.json()["items"] == []


class TestExport:
    async def test_everything_held_on_the_client_is_in_it_and_the_export_is_audited(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        client_id: str,
        db_session: AsyncSession,
        referrals_api: FakeReferralsApi,
    ) -> None:
        await client.post(
            f"/v1/clients/{client_id}/consents",
            headers=coach(test_issuer),
            json={
                "recipient_organisation_id": str(WELLBEING_COUNTY),
                "categories": ["contact_details"],
                "purpose": "Referral",
                "valid_from": today().isoformat(),
            },
        )
        await client.get(f"/v1/clients/{client_id}", headers=coach(test_issuer))
        response = await client.get(f"/v1/clients/{client_id}/personal-data-export", headers=officer(test_issuer))
        assert response.status_code == 200, response.text
        export = response.json()
        assert export["client"]["personal_identity_code"] == "131052-308T"
        assert export["client"]["last_name"] == "Meikäläinen"
        assert "identity_code_hash" not in export["client"] and "identity_code_encrypted" not in export["client"]
        assert set(export["records"]) == {table.name for table in client_tables()}
        assert [row["purpose"] for row in export["records"]["consent"]] == ["Referral"]
        assert [row["status"] for row in export["records"]["client_status_change"]] == ["unemployed"]
        assert "fi.polku.client.consent_given.v1" in {row["type"] for row in export["records"]["timeline_entry"]}
        assert [(row["action"], row["resource_type"]) for row in export["audit_trail"]] == [
            ("create", "client"),
            ("create", "consent"),
            ("read", "client"),
        ]

        exported = (
            await db_session.scalars(
                select(AuditRecord).where(
                    AuditRecord.action == "export", AuditRecord.data_subject_id == uuid.UUID(client_id)
                )
            )
        ).all()
        assert [row.actor_subject for row in exported] == ["dpo-tiina"]
        assert exported[0].details["sources"] == ["referrals-api"]

    async def test_referrals_api_is_asked_for_the_officer_and_its_part_is_in_the_one_export(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, referrals_api: FakeReferralsApi
    ) -> None:
        headers = officer(test_issuer)
        response = await client.get(f"/v1/clients/{client_id}/personal-data-export", headers=headers)
        assert response.status_code == 200, response.text
        export = response.json()
        assert export["format"] == "polku.clients-api.personal-data/2"
        part = export["sources"]["referrals-api"]
        assert part["client_id"] == client_id and part["records"]["referral"][0]["reason"] == "Työkyvyn arviointi"
        assert part["records"]["referral_document"][0]["filename"] == "lausunto.txt"
        # With clients-api's own machine token, and the officer's own token as the person asked for.
        assert referrals_api.asked == [
            {
                "client_id": client_id,
                "authorization": f"Bearer {MACHINE_TOKEN}",
                "on_behalf_of": headers["Authorization"].removeprefix("Bearer "),
            }
        ]

    @pytest.mark.parametrize("status", [500, 404, 403])
    async def test_no_partial_export_when_referrals_api_fails(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        client_id: str,
        referrals_api: FakeReferralsApi,
        db_session: AsyncSession,
        status: int,
    ) -> None:
        referrals_api.status = status
        response = await client.get(f"/v1/clients/{client_id}/personal-data-export", headers=officer(test_issuer))
        assert response.status_code == 503, response.text
        assert response.json()["type"].endswith("/upstream-unavailable") and "Meikäläinen" not in response.text
        assert (await db_session.scalars(select(AuditRecord).where(AuditRecord.action == "export"))).all() == []

    async def test_no_export_when_referrals_api_is_unreachable(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, app: FastAPI
    ) -> None:
        nowhere = f"http://127.0.0.1:{free_port()}"
        unreachable = ServiceClient(
            base_url=nowhere,
            token_url=f"{nowhere}/auth/token",
            client_id="svc-clients",
            client_secret="svc-clients-secret",
            name="referrals-api",
        )
        original, app.state.personal_data_sources = app.state.personal_data_sources, [unreachable]
        try:
            response = await client.get(f"/v1/clients/{client_id}/personal-data-export", headers=officer(test_issuer))
        finally:
            app.state.personal_data_sources = original
            await unreachable.aclose()
        assert response.status_code == 503 and "131052-308T" not in response.text

    async def test_another_organisations_client_is_not_asked_about(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, referrals_api: FakeReferralsApi
    ) -> None:
        response = await client.get(
            f"/v1/clients/{client_id}/personal-data-export", headers=officer(test_issuer, org=MIKKELI)
        )
        assert response.status_code == 404 and referrals_api.asked == []

    async def test_health_and_social_notes_are_exported_in_clear_to_the_officer(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, referrals_api: FakeReferralsApi
    ) -> None:
        notes = {"health": "Selkävamma 2024", "social": "Velkaneuvonta"}
        saved = await client.put(
            f"/v1/clients/{client_id}/assessment",
            headers=coach(test_issuer),
            json={"assessed_on": today().isoformat(), "work_ability": "full", "special_category": notes},
        )
        assert saved.status_code == 200, saved.text
        url = f"/v1/clients/{client_id}/personal-data-export"
        export = (await client.get(url, headers=officer(test_issuer))).json()
        [note] = export["records"]["assessment_special_note"]
        assert note["notes"] == notes and "notes_encrypted" not in note
        assert [row["version"] for row in export["records"]["assessment_version"]] == [1]

    def test_every_table_is_either_exported_or_declared_not_about_one_client(self) -> None:
        exported = {table.name for table in client_tables()} | {"client"}
        assert set(Base.metadata.tables) - exported == NOT_ABOUT_ONE_CLIENT


class TestAccess:
    @pytest.mark.parametrize("path", ["audit-trail", "personal-data-export"])
    @pytest.mark.parametrize(
        "role", ["coach", "manager", "admin", "partner", "employer_services", "service", "platform"]
    )
    async def test_only_the_data_protection_officer(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, role: str, path: str
    ) -> None:
        headers = test_issuer.headers(subject="someone", roles=[role], org=LAHTI)
        assert (await client.get(f"/v1/clients/{client_id}/{path}", headers=headers)).status_code == 403

    @pytest.mark.parametrize("path", ["audit-trail", "personal-data-export"])
    async def test_another_organisations_officer_gets_not_found(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, path: str
    ) -> None:
        response = await client.get(f"/v1/clients/{client_id}/{path}", headers=officer(test_issuer, org=MIKKELI))
        assert response.status_code == 404
