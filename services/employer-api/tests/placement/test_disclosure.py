"""Disclosing an anonymous introduction: no name and no contact details go to the employer until the client agrees;
once the client's consent for the employer covers them (checked at clients-api), employer services make the
introduction named, audited and announced without names; only employer services, only their own authority's."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.testing import LAHTI, MIKKELI

from .test_router import ES, MATTI, events, published

SANNA = f"{ES}-{LAHTI}"


async def anonymous_introduction(client: httpx.AsyncClient, as_, clients_api) -> dict:  # type: ignore[no-untyped-def]
    clients_api.everyone = True
    vacancy = await published(client, as_)
    clients_api.consents[(str(MATTI), vacancy["employer_id"])] = {"assessment"}
    made = await client.post(
        "/v1/introductions",
        json={"vacancy_id": vacancy["id"], "client_id": str(MATTI), "anonymous": True},
        headers=as_(ES),
    )
    assert made.status_code == 201, made.text
    return dict(made.json())


def url(introduction: dict) -> str:
    return f"/v1/introductions/{introduction['id']}/disclosure"


class TestDisclosure:
    async def test_disclosed_once_the_consent_covers_the_name_and_contact_details(
        self, client: httpx.AsyncClient, as_, clients_api, db_session: AsyncSession
    ) -> None:
        introduction = await anonymous_introduction(client, as_, clients_api)
        assert (await client.post(url(introduction), headers=as_(ES))).status_code == 428

        refused = await client.post(url(introduction), headers={**as_(ES), "If-Match": '"v1"'})
        assert refused.status_code == 409, refused.text
        assert refused.json()["type"].endswith("/consent-missing")
        assert refused.json()["missing_categories"] == ["contact_details", "identity"]
        assert refused.json()["recipient_organisation_id"] == str(introduction["employer_id"])

        clients_api.consents[(str(MATTI), str(introduction["employer_id"]))] = {
            "assessment",
            "identity",
            "contact_details",
        }
        disclosed = await client.post(url(introduction), headers={**as_(ES), "If-Match": '"v1"'})
        assert disclosed.status_code == 200, disclosed.text
        body = disclosed.json()
        assert body["anonymous"] is False and body["status"] == "made" and body["version"] == 2
        assert body["disclosed_by"] == SANNA and body["disclosed_at"] is not None
        assert body["consent_id"] is not None and disclosed.headers["ETag"] == '"v2"'

        again = await client.post(url(introduction), headers={**as_(ES), "If-Match": '"v2"'})
        assert again.status_code == 409 and again.json()["type"].endswith("/introduction-already-named")

        (event,) = await events(db_session, "fi.polku.introduction.disclosed.v1")
        assert event.data["introduction_id"] == introduction["id"] and event.data["client_id"] == str(MATTI)
        assert event.data["organisation_id"] == str(LAHTI) and event.data["anonymous"] is False
        assert "Konepaja" not in str(event.data) and "Riikka" not in str(event.data)
        audit = await db_session.scalar(
            select(AuditRecord).where(
                AuditRecord.resource_type == "introduction",
                AuditRecord.action == "update",
                AuditRecord.resource_id == introduction["id"],
            )
        )
        assert audit is not None and audit.actor_subject == SANNA and str(audit.data_subject_id) == str(MATTI)
        assert audit.details["disclosed"] is True

    async def test_a_stale_version_or_a_closed_introduction_is_not_disclosed(
        self, client: httpx.AsyncClient, as_, clients_api
    ) -> None:
        introduction = await anonymous_introduction(client, as_, clients_api)
        clients_api.consents[(str(MATTI), str(introduction["employer_id"]))] = {
            "assessment",
            "identity",
            "contact_details",
        }
        outcome = await client.post(
            f"/v1/introductions/{introduction['id']}/outcome",
            json={"outcome": "not_hired"},
            headers={**as_(ES), "If-Match": '"v1"'},
        )
        assert outcome.status_code == 200, outcome.text
        stale = await client.post(url(introduction), headers={**as_(ES), "If-Match": '"v1"'})
        assert stale.status_code == 412
        closed = await client.post(url(introduction), headers={**as_(ES), "If-Match": '"v2"'})
        assert closed.status_code == 409 and closed.json()["type"].endswith("/introduction-closed")

    @pytest.mark.parametrize("role", ["coach", "manager", "admin", "partner"])
    async def test_only_employer_services_disclose(self, client: httpx.AsyncClient, as_, role: str) -> None:
        response = await client.post(
            f"/v1/introductions/{uuid.uuid4()}/disclosure", headers={**as_(role), "If-Match": '"v1"'}
        )
        assert response.status_code == 403

    async def test_another_authority_does_not_find_the_introduction(
        self, client: httpx.AsyncClient, as_, clients_api
    ) -> None:
        introduction = await anonymous_introduction(client, as_, clients_api)
        elsewhere = await client.post(url(introduction), headers={**as_(ES, org=MIKKELI), "If-Match": '"v1"'})
        assert elsewhere.status_code == 404
