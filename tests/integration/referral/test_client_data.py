"""The client data a referral carries, read through the real clients-api: only the referral's categories, only
once sent, only while the client's consent covers them, only for the sender and the receiving partner."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.service_client import ServiceClient
from polku_kit.testing import KELA, LAHTI, MIKKELI, WELLBEING_COUNTY
from referrals_api.referral.models import Referral
from referrals_api.referral.service import expire_overdue
from referrals_api.seed import SERVICES, seed_services
from tests.support import give_consent, registration_body

ASSESSMENT = SERVICES[0]["id"]  # Päijät-Häme wellbeing services county
COACH = "coach-aino"
CATEGORIES = ("identity", "contact_details", "assessment", "plan", "job_search_history", "health_and_social")


@pytest.fixture
async def client_id(clients_api, db_session: AsyncSession, network: None, as_) -> str:  # type: ignore[no-untyped-def]
    """A Lahti client with contact details and an assessment with health notes, who consents to share contact
    details and the assessment (not the notes) with the wellbeing county."""
    await seed_services(db_session)
    coach = as_("coach", subject=COACH)
    registered = await clients_api.http.post(
        "/v1/clients",
        headers=coach,
        json=registration_body(
            "Meikäläinen",
            first_names="Matti",
            personal_identity_code="131052-308T",
            searching_days=30,
            email="matti@example.fi",
        ),
    )
    assert registered.status_code == 201, registered.text
    identifier = str(registered.json()["id"])
    assessed = await clients_api.http.put(
        f"/v1/clients/{identifier}/assessment",
        headers=coach,
        json={
            "assessed_on": today().isoformat(),
            "occupations": ["8332"],
            "work_ability": "full",
            "special_category": {"health": "Selkävamma 2024"},
        },
    )
    assert assessed.status_code == 200, assessed.text
    await give_consent(clients_api.http, coach, identifier, WELLBEING_COUNTY, ["contact_details", "assessment"])
    return identifier


async def draft(client: httpx.AsyncClient, as_, client_id: str) -> str:  # type: ignore[no-untyped-def]
    response = await client.post(
        "/v1/referrals",
        headers=as_("coach", subject=COACH),
        json={
            "client_id": client_id,
            "service_id": str(ASSESSMENT),
            "categories": ["contact_details", "assessment"],
            "reason": "Työkyvyn arviointi",
        },
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def sent(client: httpx.AsyncClient, as_, client_id: str) -> str:  # type: ignore[no-untyped-def]
    referral_id = await draft(client, as_, client_id)
    response = await client.post(f"/v1/referrals/{referral_id}/send", headers=as_("coach", subject=COACH))
    assert response.status_code == 200, response.text
    return referral_id


async def move(client: httpx.AsyncClient, as_, referral_id: str, *steps: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    for step in steps:
        by = as_("coach", subject=COACH) if step["status"] == "cancelled" else as_("partner", org=WELLBEING_COUNTY)
        response = await client.post(f"/v1/referrals/{referral_id}/transitions", json=step, headers=by)
        assert response.status_code == 200, response.text


def partner(as_):  # type: ignore[no-untyped-def]
    return as_("partner", org=WELLBEING_COUNTY, subject="leena")


class TestClientData:
    async def test_the_partner_and_the_sender_read_only_the_referrals_categories(
        self, client: httpx.AsyncClient, as_, client_id: str, db_session: AsyncSession
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        for headers in (partner(as_), as_("coach", subject=COACH), as_("manager")):
            response = await client.get(f"/v1/referrals/{referral_id}/client-data", headers=headers)
            assert response.status_code == 200, response.text
            body = response.json()
            assert body["referral_id"] == referral_id and body["client_id"] == client_id
            assert body["partner_organisation_id"] == str(WELLBEING_COUNTY) and body["consent_id"]
            assert body["categories"] == ["assessment", "contact_details"]
            assert [name for name in CATEGORIES if body[name] is not None] == ["contact_details", "assessment"]
            assert body["contact_details"]["email"] == "matti@example.fi"
            assert body["assessment"]["occupations"] == ["8332"] and body["assessment"]["special_category"] is None
            for absent in ("Meikäläinen", "131052-308T", "Selkävamma"):
                assert absent not in response.text

        audited = (
            await db_session.scalars(select(AuditRecord).where(AuditRecord.resource_type == "referral_client_data"))
        ).all()
        assert sorted(row.actor_subject for row in audited) == sorted(["leena", COACH, f"manager-{LAHTI}"])
        assert all(
            row.details["recipient"] == str(WELLBEING_COUNTY)
            and row.details["categories"] == ["assessment", "contact_details"]
            and str(row.data_subject_id) == client_id
            and "referral" in row.purpose
            for row in audited
        )

    async def test_readable_through_the_partners_work_until_completed(
        self, client: httpx.AsyncClient, as_, client_id: str
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        for step in (
            {"status": "received"},
            {"status": "accepted"},
            {"status": "in_progress"},
            {"status": "on_hold"},
            {"status": "in_progress"},
            {"status": "completed", "outcome": "started_education"},
        ):
            await move(client, as_, referral_id, step)
            response = await client.get(f"/v1/referrals/{referral_id}/client-data", headers=partner(as_))
            assert response.status_code == 200, (step, response.text)

    @pytest.mark.parametrize(
        "closing",
        [
            [],
            [{"status": "cancelled", "reason": "Asiakas muutti"}],
            [{"status": "rejected", "reason": "Ei vastaa palvelun kohderyhmää"}],
        ],
        ids=["draft", "cancelled", "rejected"],
    )
    async def test_a_referral_not_sent_or_closed_unused_carries_nothing(
        self, client: httpx.AsyncClient, as_, client_id: str, closing: list[dict[str, str]]
    ) -> None:
        if closing:
            referral_id = await sent(client, as_, client_id)
            await move(client, as_, referral_id, *closing)
        else:
            referral_id = await draft(client, as_, client_id)
        response = await client.get(f"/v1/referrals/{referral_id}/client-data", headers=as_("coach", subject=COACH))
        assert response.status_code == 409
        problem = response.json()
        assert problem["type"].endswith("/referral-not-sent") and "requested" in problem["readable_in"]
        assert "matti@example.fi" not in response.text

    async def test_a_consent_withdrawn_since_sending_stops_the_sharing(
        self, client: httpx.AsyncClient, as_, client_id: str, clients_api, db_session: AsyncSession
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        coach = as_("coach", subject=COACH)
        consents = (await clients_api.http.get(f"/v1/clients/{client_id}/consents", headers=coach)).json()
        withdrawn = await clients_api.http.post(
            f"/v1/clients/{client_id}/consents/{consents[0]['id']}/withdraw", headers=coach
        )
        assert withdrawn.status_code == 200, withdrawn.text
        response = await client.get(f"/v1/referrals/{referral_id}/client-data", headers=partner(as_))
        assert response.status_code == 409
        problem = response.json()
        assert problem["type"].endswith("/consent-no-longer-holds")
        assert problem["missing_categories"] == ["assessment", "contact_details"] and "withdrawn" in problem["detail"]
        assert "matti@example.fi" not in response.text
        audited = (
            await db_session.scalars(select(AuditRecord).where(AuditRecord.resource_type == "referral_client_data"))
        ).all()
        assert audited == []

    async def test_a_client_clients_api_no_longer_holds_is_409(
        self, client: httpx.AsyncClient, as_, client_id: str, db_session: AsyncSession
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        await db_session.execute(
            update(Referral).where(Referral.id == referral_id).values(client_id="00000000-0000-4000-8000-000000000000")
        )
        response = await client.get(f"/v1/referrals/{referral_id}/client-data", headers=partner(as_))
        assert response.status_code == 409 and response.json()["type"].endswith("/client-data-gone")

    async def test_an_expired_referral_carries_nothing(
        self, client: httpx.AsyncClient, as_, client_id: str, db_session: AsyncSession
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        assert await expire_overdue(db_session, on=today() + timedelta(days=60)) == 1
        response = await client.get(f"/v1/referrals/{referral_id}/client-data", headers=partner(as_))
        assert response.status_code == 409 and response.json()["current"] == "expired"

    async def test_clients_api_refusing_our_credentials_is_503(
        self, client: httpx.AsyncClient, app, as_, client_id: str, clients_api
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        good = app.state.clients_api
        app.state.clients_api = ServiceClient(
            base_url="http://clients.test",
            token_url="http://issuer.test/auth/token",
            client_id="svc-referrals",
            client_secret="wrong",
            name="clients-api",
            transport=clients_api.service_client._http._transport,
        )
        try:
            response = await client.get(f"/v1/referrals/{referral_id}/client-data", headers=partner(as_))
        finally:
            app.state.clients_api = good
        assert response.status_code == 503
        assert "matti@example.fi" not in response.text


class TestAccess:
    async def test_another_organisation_gets_404(self, client: httpx.AsyncClient, as_, client_id: str) -> None:
        referral_id = await sent(client, as_, client_id)
        for headers in (as_("partner", org=KELA), as_("coach", org=MIKKELI), as_("manager", org=MIKKELI)):
            response = await client.get(f"/v1/referrals/{referral_id}/client-data", headers=headers)
            assert response.status_code == 404
            assert "matti@example.fi" not in response.text

    @pytest.mark.parametrize("role", ["admin", "employer_services", "service", "platform", "dpo"])
    async def test_other_roles_are_refused(self, client: httpx.AsyncClient, as_, client_id: str, role: str) -> None:
        referral_id = await sent(client, as_, client_id)
        response = await client.get(f"/v1/referrals/{referral_id}/client-data", headers=as_(role))
        assert response.status_code == 403

    async def test_a_bad_id_is_422(self, client: httpx.AsyncClient, as_, network: None) -> None:
        response = await client.get("/v1/referrals/not-an-id/client-data", headers=as_("coach"))
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "path.referral_id"
