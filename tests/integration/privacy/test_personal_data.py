"""The part of the GDPR access export referrals-api holds, asked by clients-api (scope
``referrals:personal-data-export``) for a data protection officer: only the referrals the officer's organisation
sent, with their transitions and documents, and the export in referrals-api's own audit trail."""

from __future__ import annotations

import base64
import uuid

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.service_client import ON_BEHALF_OF_HEADER
from polku_kit.testing import LAHTI, MIKKELI, WELLBEING_COUNTY, TestIssuer

from ..referral.test_client_data import client_id, move, partner, sent  # noqa: F401 - fixtures and helpers

SCOPE = "referrals:personal-data-export"
TEXT = b"Lausunto: tyokyky osittainen"


def export_headers(
    issuer: TestIssuer, *, person: str | None, scope: str = SCOPE, roles: tuple[str, ...] = ("service",)
) -> dict[str, str]:
    headers = issuer.headers(subject="svc-clients", roles=list(roles), org=None, client_id="svc-clients", scope=scope)
    return headers if person is None else {**headers, ON_BEHALF_OF_HEADER: person}


def officer(issuer: TestIssuer, org: uuid.UUID = LAHTI, roles: tuple[str, ...] = ("dpo",)) -> str:
    return issuer.token(subject="dpo-tiina", roles=list(roles), org=org)


@pytest.fixture
async def referral_id(client: httpx.AsyncClient, as_, client_id: str) -> str:  # type: ignore[no-untyped-def]  # noqa: F811
    """A sent referral the partner has received, with a document the partner attached."""
    referral_id = await sent(client, as_, client_id)
    await move(client, as_, referral_id, {"status": "received"})
    attached = await client.post(
        f"/v1/referrals/{referral_id}/documents",
        params={"filename": "lausunto.txt"},
        content=TEXT,
        headers={**partner(as_), "Content-Type": "text/plain"},
    )
    assert attached.status_code == 201, attached.text
    return referral_id


class TestPersonalData:
    async def test_the_officer_of_the_sender_gets_referrals_transitions_and_documents_and_it_is_audited(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        client_id: str,  # noqa: F811
        referral_id: str,
        db_session: AsyncSession,
    ) -> None:
        response = await client.get(
            f"/v1/data-subjects/{client_id}/personal-data",
            headers=export_headers(test_issuer, person=officer(test_issuer)),
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["format"] == "polku.referrals-api.personal-data/1"
        assert body["client_id"] == client_id and body["organisation_id"] == str(LAHTI)
        records = body["records"]
        [referral] = records["referral"]
        assert referral["id"] == referral_id and referral["reason"] == "Työkyvyn arviointi"
        assert referral["status"] == "received" and "feedback_score" in referral
        assert [(row["from_status"], row["to_status"]) for row in records["referral_transition"]] == [
            (None, "draft"),
            ("draft", "requested"),
            ("requested", "received"),
        ]
        [document] = records["referral_document"]
        assert document["filename"] == "lausunto.txt" and "content" not in document
        assert base64.b64decode(document["content_base64"]) == TEXT
        # referrals-api's own trail about the person: the coach's, and the partner's on the referral's document.
        trail = {(row["action"], row["resource_type"], row["actor_organisation_id"]) for row in body["audit_trail"]}
        assert ("create", "referral", str(LAHTI)) in trail
        assert ("create", "referral_document", str(WELLBEING_COUNTY)) in trail

        [exported] = (
            await db_session.scalars(
                select(AuditRecord).where(
                    AuditRecord.action == "export", AuditRecord.data_subject_id == uuid.UUID(client_id)
                )
            )
        ).all()
        assert (exported.actor_subject, exported.actor_roles, exported.actor_organisation_id) == (
            "dpo-tiina",
            ["dpo"],
            LAHTI,
        )
        assert exported.details["channel"] == "svc-clients"
        assert exported.details["counts"]["referral"] == 1

    async def test_another_organisations_officer_gets_nothing(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        client_id: str,  # noqa: F811
        referral_id: str,
    ) -> None:
        response = await client.get(
            f"/v1/data-subjects/{client_id}/personal-data",
            headers=export_headers(test_issuer, person=officer(test_issuer, org=MIKKELI)),
        )
        assert response.status_code == 200, response.text
        assert response.json()["records"] == {
            "joint_referral": [],
            "referral": [],
            "referral_transition": [],
            "referral_document": [],
        }
        assert response.json()["audit_trail"] == [] and "Työkyvyn" not in response.text

    async def test_the_partners_officer_gets_nothing_of_the_senders_referrals(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        client_id: str,  # noqa: F811
        referral_id: str,
    ) -> None:
        response = await client.get(
            f"/v1/data-subjects/{client_id}/personal-data",
            headers=export_headers(test_issuer, person=officer(test_issuer, org=WELLBEING_COUNTY)),
        )
        assert response.status_code == 200 and response.json()["records"]["referral"] == []


class TestAccess:
    @pytest.mark.parametrize("role", ["coach", "manager", "admin", "partner", "employer_services"])
    async def test_only_for_a_data_protection_officer(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        client_id: str,  # noqa: F811
        referral_id: str,
        role: str,
    ) -> None:
        response = await client.get(
            f"/v1/data-subjects/{client_id}/personal-data",
            headers=export_headers(test_issuer, person=officer(test_issuer, roles=(role,))),
        )
        assert response.status_code == 403, response.text
        assert "Työkyvyn" not in response.text

    @pytest.mark.parametrize("scope", ["", "clients:shared-data", "referrals:other"])
    async def test_only_a_service_with_the_scope(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, scope: str
    ) -> None:
        response = await client.get(
            f"/v1/data-subjects/{uuid.uuid4()}/personal-data",
            headers=export_headers(test_issuer, person=officer(test_issuer), scope=scope),
        )
        assert response.status_code == 403, response.text

    async def test_the_officer_cannot_ask_themselves(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        headers = {"Authorization": f"Bearer {officer(test_issuer)}"}
        response = await client.get(f"/v1/data-subjects/{uuid.uuid4()}/personal-data", headers=headers)
        assert response.status_code == 403, response.text

    async def test_the_person_must_be_named(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        response = await client.get(
            f"/v1/data-subjects/{uuid.uuid4()}/personal-data", headers=export_headers(test_issuer, person=None)
        )
        assert response.status_code == 403 and response.json()["type"].endswith("/on-behalf-of-required")
        assert (await db_session.scalars(select(AuditRecord).where(AuditRecord.action == "export"))).all() == []
