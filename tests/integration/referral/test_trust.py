"""The attacks of the security issue, through referrals-api against the real clients-api: a referral never
opens a client the caller could not open in clients-api (another municipality's, one outside their caseload
and team), health and social notes and a referral's documents stay within the client's coach and team, and
clients-api's audit trail names the person who read through a referral."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.calendar import today
from polku_kit.testing import LAHTI, MIKKELI, WELLBEING_COUNTY
from referrals_api.directory.models import Service
from referrals_api.referral.models import Referral
from referrals_api.seed import SERVICES
from tests import support

from ..conftest import MIKKELI_WORKSHOP
from .test_client_data import ASSESSMENT, COACH, client_id, partner, sent  # noqa: F401

TEXT = b"Lausunto: selkavamma, tyokyky osittainen"
COLLEAGUE = "coach-other"  # a Lahti coach who shares no team with the client's coach


async def give_consent(clients_api, as_, client: str, recipient: uuid.UUID, *categories: str) -> None:  # type: ignore[no-untyped-def]
    await support.give_consent(
        clients_api.http, as_("coach", subject=COACH), client, recipient, categories, purpose="Lähete"
    )


@pytest.fixture
async def mikkeli_services(db_session: AsyncSession) -> list[uuid.UUID]:
    """Two services of Mikkeli's network (the Mikkeli coach's own)."""
    services = [
        Service(**{**values, "id": uuid.uuid4(), "organisation_id": MIKKELI_WORKSHOP, "authority_id": MIKKELI})
        for values in SERVICES[1:3]
    ]
    db_session.add_all(services)
    await db_session.flush()
    return [service.id for service in services]


class TestAnotherMunicipality:
    async def test_a_coach_of_another_municipality_cannot_refer_our_client(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
        clients_api,
        mikkeli_services: list[uuid.UUID],
    ) -> None:
        await give_consent(clients_api, as_, client_id, MIKKELI_WORKSHOP, "identity", "health_and_social")
        mikkeli = as_("coach", org=MIKKELI, subject="coach-mikko")
        body = {
            "client_id": client_id,
            "service_id": str(mikkeli_services[0]),
            "categories": ["identity", "health_and_social"],
            "reason": "Työpaja",
        }
        response = await client.post("/v1/referrals", json=body, headers=mikkeli)
        assert response.status_code == 404 and response.json()["type"].endswith("/client-not-found")
        joint = await client.post(
            "/v1/joint-referrals",
            headers=mikkeli,
            json={
                **{key: body[key] for key in ("client_id", "categories", "reason")},
                "service_ids": [str(service) for service in mikkeli_services],
                "team": {"team_name": "TYP", "decided_on": today().isoformat(), "decision": "Työpaja"},
            },
        )
        assert joint.status_code == 404
        assert (await client.get("/v1/referrals", headers=mikkeli)).json()["items"] == []

    async def test_a_referral_naming_another_organisations_client_is_neither_sent_nor_read(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
        clients_api,
        db_session: AsyncSession,
        mikkeli_services: list[uuid.UUID],
    ) -> None:
        """As one drafted before the check: sending it and reading its client data still find nothing."""
        await give_consent(clients_api, as_, client_id, MIKKELI_WORKSHOP, "identity", "health_and_social")
        referral = Referral(
            id=uuid.uuid4(),
            client_id=uuid.UUID(client_id),
            service_id=mikkeli_services[0],
            partner_organisation_id=MIKKELI_WORKSHOP,
            sender_organisation_id=MIKKELI,
            sender_subject="coach-mikko",
            status="draft",
            categories=["identity", "health_and_social"],
            reason="Työpaja",
        )
        db_session.add(referral)
        await db_session.flush()
        mikkeli = as_("coach", org=MIKKELI, subject="coach-mikko")
        sent_ = await client.post(f"/v1/referrals/{referral.id}/send", headers=mikkeli)
        assert sent_.status_code == 404, sent_.text
        await db_session.execute(update(Referral).where(Referral.id == referral.id).values(status="requested"))
        for headers in (mikkeli, as_("partner", org=MIKKELI_WORKSHOP, subject="paja")):
            response = await client.get(f"/v1/referrals/{referral.id}/client-data", headers=headers)
            assert response.status_code in (404, 409), response.text
            assert "131052-308T" not in response.text and "Selkävamma" not in response.text


class TestCaseloadReach:
    async def test_a_coach_outside_the_clients_caseload_and_team_can_neither_refer_nor_read(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
        clients_api,
    ) -> None:
        colleague = as_("coach", subject=COLLEAGUE)
        assert (await clients_api.http.get(f"/v1/clients/{client_id}", headers=colleague)).status_code == 404
        refer = await client.post(
            "/v1/referrals",
            headers=colleague,
            json={
                "client_id": client_id,
                "service_id": str(ASSESSMENT),
                "categories": ["contact_details"],
                "reason": "Työkyvyn arviointi",
            },
        )
        assert refer.status_code == 404, refer.text

        referral_id = await sent(client, as_, client_id)  # by the client's own coach
        data = await client.get(f"/v1/referrals/{referral_id}/client-data", headers=colleague)
        assert data.status_code == 404 and "matti@example.fi" not in data.text
        mine = await client.get(f"/v1/referrals/{referral_id}/client-data", headers=as_("coach", subject=COACH))
        assert mine.status_code == 200 and mine.json()["contact_details"]["email"] == "matti@example.fi"


class TestSpecialCategory:
    async def test_a_manager_gets_no_health_notes_through_a_referral(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
        clients_api,
    ) -> None:
        await give_consent(clients_api, as_, client_id, WELLBEING_COUNTY, "assessment", "health_and_social")
        created = await client.post(
            "/v1/referrals",
            headers=as_("coach", subject=COACH),
            json={
                "client_id": client_id,
                "service_id": str(ASSESSMENT),
                "categories": ["assessment", "health_and_social"],
                "reason": "Työkyvyn arviointi",
            },
        )
        assert created.status_code == 201, created.text
        referral_id = created.json()["id"]
        assert (
            await client.post(f"/v1/referrals/{referral_id}/send", headers=as_("coach", subject=COACH))
        ).status_code == 200
        url = f"/v1/referrals/{referral_id}/client-data"
        manager = await client.get(url, headers=as_("manager", subject="manager-pekka"))
        assert manager.status_code == 200, manager.text
        assert manager.json()["health_and_social"] is None
        assert manager.json()["withheld_categories"] == ["health_and_social"]
        assert "Selkävamma" not in manager.text and manager.json()["assessment"]["occupations"] == ["8332"]
        for reader in (as_("coach", subject=COACH), partner(as_)):  # the client's coach; the consented recipient
            response = await client.get(url, headers=reader)
            assert response.status_code == 200 and response.json()["health_and_social"]["health"] == "Selkävamma 2024"
            assert response.json()["withheld_categories"] == []

    async def test_a_referrals_documents_go_only_to_the_partner_and_the_clients_coach_and_team(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        attached = await client.post(
            f"/v1/referrals/{referral_id}/documents",
            params={"filename": "lausunto.txt"},
            content=TEXT,
            headers={**partner(as_), "Content-Type": "text/plain"},
        )
        assert attached.status_code == 201, attached.text
        url = f"/v1/referrals/{referral_id}/documents/{attached.json()['id']}"
        for reader in (as_("coach", subject=COACH), partner(as_)):
            response = await client.get(url, headers=reader)
            assert response.status_code == 200 and response.content == TEXT
        for outsider in (as_("admin"), as_("manager"), as_("coach", subject=COLLEAGUE)):
            response = await client.get(url, headers=outsider)
            assert response.status_code == 403, response.text
            assert TEXT not in response.content
        listed = await client.get(f"/v1/referrals/{referral_id}/documents", headers=as_("manager"))
        assert listed.status_code == 200 and len(listed.json()) == 1  # what exists stays visible, not its content


class TestAudit:
    async def test_clients_api_names_the_person_who_read_through_a_referral(
        self,
        client: httpx.AsyncClient,
        as_,
        client_id: str,  # noqa: F811
        clients_api,
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        for reader in (partner(as_), as_("manager", subject="manager-pekka")):
            assert (await client.get(f"/v1/referrals/{referral_id}/client-data", headers=reader)).status_code == 200
        trail = await clients_api.http.get(
            f"/v1/clients/{client_id}/audit-trail", headers=as_("dpo", subject="dpo-tiina"), params={"limit": 100}
        )
        assert trail.status_code == 200, trail.text
        shared = [
            (item["actor_subject"], item["actor_organisation_id"], item["details"]["channel"])
            for item in trail.json()["items"]
            if item["resource_type"] == "client_shared_data"
        ]
        assert sorted(shared) == [
            ("leena", str(WELLBEING_COUNTY), "svc-referrals"),
            ("manager-pekka", str(LAHTI), "svc-referrals"),
        ]
        checks = {
            (item["actor_subject"], item["details"]["channel"])
            for item in trail.json()["items"]
            if item["resource_type"] in ("consent_check", "client_access_check")
        }
        assert checks == {(COACH, "svc-referrals")}
        assert "svc-referrals" not in {item["actor_subject"] for item in trail.json()["items"]}
