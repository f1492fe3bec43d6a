"""Client data shared with a partner under the client's consent: only the consented categories, only for the
recipient the consent names, only while it is in force, only to another Polku service with the scope of the
route, asking for a person who could have asked (their own token beside the service's), every sharing audited
with that person as the actor."""

from __future__ import annotations

import itertools
import uuid
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit import calendar
from polku_kit.audit import AuditRecord
from polku_kit.service_client import ON_BEHALF_OF_HEADER
from polku_kit.testing import KELA, LAHTI, MIKKELI, WELLBEING_COUNTY, TestIssuer

from ..factories import coach, register

CATEGORIES = ("identity", "contact_details", "assessment", "plan", "job_search_history", "health_and_social")
NOTES = {"health": "Back injury 2024; physiotherapy", "social": "Debt counselling in progress"}


SCOPES = "clients:consent-checks clients:shared-data clients:client-access"


def service(issuer: TestIssuer, person: dict[str, object] | None = None, scope: str | None = SCOPES) -> dict[str, str]:
    """referrals-api's call, by default for the receiving partner's user (Leena of the wellbeing county)."""
    person = person or {"subject": "leena", "roles": ["partner"], "org": WELLBEING_COUNTY}
    return {
        **issuer.headers(subject="svc-referrals", roles=["service"], org=LAHTI, client_id="svc-referrals", scope=scope),
        ON_BEHALF_OF_HEADER: issuer.token(**person),
    }  # type: ignore[arg-type]


def staff(role: str, subject: str, org=LAHTI) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {"subject": subject, "roles": [role], "org": org}


def params(*categories: str, recipient=WELLBEING_COUNTY, organisation=LAHTI) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "organisation_id": str(organisation),
        "recipient_organisation_id": str(recipient),
        "categories": list(categories),
    }


@pytest.fixture
async def client_id(client: httpx.AsyncClient, test_issuer: TestIssuer) -> str:
    """A client with something in every category: contact details, an assessment with notes, a plan and a
    status change after registration."""
    client_id = await register(
        client, coach(test_issuer), email="matti@example.fi", phone="+358 40 123 4567", languages=["fi", "en"]
    )
    today = calendar.today().isoformat()
    saved = await client.put(
        f"/v1/clients/{client_id}/assessment",
        headers=coach(test_issuer),
        json={
            "assessed_on": today,
            "occupations": ["8332"],
            "driving_licences": ["B"],
            "service_needs": ["job_placement"],
            "work_ability": "full",
            "special_category": NOTES,
        },
    )
    assert saved.status_code == 200, saved.text
    planned = await client.put(
        f"/v1/clients/{client_id}/plan",
        headers=coach(test_issuer),
        json={
            "goals": ["Work in logistics within six months"],
            "tasks": [],
            "applications_per_period": 4,
            "period_months": 1,
            "next_review_on": (calendar.today() + timedelta(days=90)).isoformat(),
        },
    )
    assert planned.status_code == 200, planned.text
    changed = await client.post(
        f"/v1/clients/{client_id}/status",
        headers=coach(test_issuer),
        json={"status": "in_activating_service", "changed_on": today, "reason": "Työkokeilu"},
    )
    assert changed.status_code == 200, changed.text
    return client_id


async def consent(
    client: httpx.AsyncClient, issuer: TestIssuer, client_id: str, *categories: str, recipient=WELLBEING_COUNTY
) -> str:  # type: ignore[no-untyped-def]
    given = await client.post(
        f"/v1/clients/{client_id}/consents",
        headers=coach(issuer),
        json={
            "recipient_organisation_id": str(recipient),
            "categories": list(categories),
            "purpose": "Referral to a work ability assessment",
            "valid_from": calendar.today().isoformat(),
        },
    )
    assert given.status_code == 201, given.text
    return str(given.json()["id"])


class TestSharing:
    @pytest.mark.parametrize("category", CATEGORIES)
    async def test_each_category_alone_returns_only_its_data(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, category: str
    ) -> None:
        consent_id = await consent(client, test_issuer, client_id, *CATEGORIES)
        response = await client.get(
            f"/v1/clients/{client_id}/shared-data", params=params(category), headers=service(test_issuer)
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["categories"] == [category] and body["consent_id"] == consent_id
        assert body["recipient_organisation_id"] == str(WELLBEING_COUNTY)
        assert [name for name in CATEGORIES if body[name] is not None] == [category]
        text = response.text
        assert ("131052-308T" in text) == (category == "identity")
        assert ("Meikäläinen" in text) == (category == "identity")
        assert ("matti@example.fi" in text) == (category == "contact_details")
        assert (NOTES["health"] in text) == (category == "health_and_social")
        shared = body[category]
        if category == "identity":
            assert shared == {
                "first_names": "Matti",
                "last_name": "Meikäläinen",
                "personal_identity_code": "131052-308T",
                "birth_date": "1952-10-13",
            }
        elif category == "contact_details":
            assert shared["email"] == "matti@example.fi" and shared["home_municipality"] == "398"
            assert shared["languages"] == ["fi", "en"] and shared["home_municipality_name"]["fi"] == "Lahti"
        elif category == "assessment":
            assert shared["occupations"] == ["8332"] and shared["special_category"] is None
            assert shared["special_category_hidden"] is False  # not even a hint that notes exist
        elif category == "plan":
            assert shared["goals"] == ["Work in logistics within six months"] and shared["version"] == 1
        elif category == "job_search_history":
            assert [row["status"] for row in shared] == ["unemployed", "in_activating_service"]
        else:
            assert shared["health"] == NOTES["health"] and shared["social"] == NOTES["social"]

    async def test_several_categories_together(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await consent(client, test_issuer, client_id, "identity", "assessment", "plan")
        response = await client.get(
            f"/v1/clients/{client_id}/shared-data",
            params=params("plan", "identity", "identity"),
            headers=service(test_issuer),
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["categories"] == ["identity", "plan"]
        assert [name for name in CATEGORIES if body[name] is not None] == ["identity", "plan"]

    async def test_a_category_with_nothing_recorded_is_null(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        created = await client.post(
            "/v1/clients",
            headers=coach(test_issuer),
            json={
                "personal_identity_code": "010190-123M",
                "first_names": "Liisa",
                "last_name": "Virtanen",
                "home_municipality": "398",
                "job_search_started_on": calendar.today().isoformat(),
            },
        )
        assert created.status_code == 201, created.text
        client_id = created.json()["id"]
        await consent(client, test_issuer, client_id, "plan", "assessment", "health_and_social")
        response = await client.get(
            f"/v1/clients/{client_id}/shared-data",
            params=params("plan", "assessment", "health_and_social"),
            headers=service(test_issuer),
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["plan"] is None and body["assessment"] is None and body["health_and_social"] is None

    async def test_every_request_against_one_consent(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        """All 63 non-empty requests against a consent to three categories: shared exactly when the request
        lies within the consent, and then exactly the requested categories carry data; otherwise a 409
        naming just the requested categories the consent leaves out."""
        consented = {"identity", "plan", "health_and_social"}
        await consent(client, test_issuer, client_id, *sorted(consented))
        for size in range(1, len(CATEGORIES) + 1):
            for requested in itertools.combinations(CATEGORIES, size):
                response = await client.get(
                    f"/v1/clients/{client_id}/shared-data", params=params(*requested), headers=service(test_issuer)
                )
                if set(requested) <= consented:
                    assert response.status_code == 200, (requested, response.text)
                    body = response.json()
                    assert {name for name in CATEGORIES if body[name] is not None} == set(requested)
                else:
                    assert response.status_code == 409, (requested, response.text)
                    assert response.json()["missing_categories"] == sorted(set(requested) - consented)


class TestConsentRequired:
    async def test_no_consent_is_409_naming_the_missing_categories(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        response = await client.get(
            f"/v1/clients/{client_id}/shared-data", params=params("identity", "plan"), headers=service(test_issuer)
        )
        assert response.status_code == 409
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["missing_categories"] == ["identity", "plan"]
        assert "Matti" not in response.text

    async def test_a_consent_short_of_one_category_is_409_naming_it(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await consent(client, test_issuer, client_id, "identity", "assessment")
        response = await client.get(
            f"/v1/clients/{client_id}/shared-data",
            params=params("identity", "assessment", "health_and_social"),
            headers=service(test_issuer),
        )
        assert response.status_code == 409 and response.json()["missing_categories"] == ["health_and_social"]
        assert NOTES["health"] not in response.text

    async def test_a_consent_to_another_recipient_does_not_count(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await consent(client, test_issuer, client_id, "identity", recipient=KELA)
        response = await client.get(
            f"/v1/clients/{client_id}/shared-data", params=params("identity"), headers=service(test_issuer)
        )
        assert response.status_code == 409

    async def test_a_withdrawn_consent_is_409(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        consent_id = await consent(client, test_issuer, client_id, "identity")
        url = f"/v1/clients/{client_id}/shared-data"
        assert (await client.get(url, params=params("identity"), headers=service(test_issuer))).status_code == 200
        withdrawn = await client.post(
            f"/v1/clients/{client_id}/consents/{consent_id}/withdraw", headers=coach(test_issuer)
        )
        assert withdrawn.status_code == 200
        after = await client.get(url, params=params("identity"), headers=service(test_issuer))
        assert after.status_code == 409 and after.json()["missing_categories"] == ["identity"]

    async def test_a_consent_not_yet_begun_is_409(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        given = await client.post(
            f"/v1/clients/{client_id}/consents",
            headers=coach(test_issuer),
            json={
                "recipient_organisation_id": str(WELLBEING_COUNTY),
                "categories": ["identity"],
                "purpose": "Referral",
                "valid_from": (calendar.today() + timedelta(days=1)).isoformat(),
            },
        )
        assert given.status_code == 201
        response = await client.get(
            f"/v1/clients/{client_id}/shared-data", params=params("identity"), headers=service(test_issuer)
        )
        assert response.status_code == 409


class TestAccessAndInput:
    @pytest.mark.parametrize("role", ["coach", "manager", "admin", "partner", "employer_services", "platform", "dpo"])
    async def test_other_roles_are_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, role: str
    ) -> None:
        await consent(client, test_issuer, client_id, "identity")
        org = WELLBEING_COUNTY if role == "partner" else LAHTI
        headers = test_issuer.headers(subject=f"{role}-1", roles=[role], org=org)
        response = await client.get(f"/v1/clients/{client_id}/shared-data", params=params("identity"), headers=headers)
        assert response.status_code == 403
        assert "Matti" not in response.text
        # Even with a person named beside: only a service's token opens these routes.
        named = {**headers, ON_BEHALF_OF_HEADER: test_issuer.token(subject="coach-aino", roles=["coach"], org=LAHTI)}
        for path in (f"/v1/clients/{client_id}/shared-data", f"/v1/clients/{client_id}/access"):
            assert (await client.get(path, params=params("identity"), headers=named)).status_code == 403

    async def test_an_unknown_client_is_404(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await client.get(
            "/v1/clients/00000000-0000-4000-8000-000000000000/shared-data",
            params=params("identity"),
            headers=service(test_issuer),
        )
        assert response.status_code == 404

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ({"recipient_organisation_id": str(WELLBEING_COUNTY), "organisation_id": str(LAHTI)}, "query.categories"),
            (
                {
                    "recipient_organisation_id": str(WELLBEING_COUNTY),
                    "organisation_id": str(LAHTI),
                    "categories": ["medical_records"],
                },
                "query.categories",
            ),
            ({"categories": ["identity"], "organisation_id": str(LAHTI)}, "query.recipient_organisation_id"),
            (
                {"recipient_organisation_id": "not-a-uuid", "organisation_id": str(LAHTI), "categories": ["identity"]},
                "query.recipient_organisation_id",
            ),
            ({"recipient_organisation_id": str(WELLBEING_COUNTY), "categories": ["identity"]}, "query.organisation_id"),
        ],
    )
    async def test_bad_input_is_422_with_field_errors(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        client_id: str,
        query: dict[str, object],
        field: str,
    ) -> None:
        response = await client.get(f"/v1/clients/{client_id}/shared-data", params=query, headers=service(test_issuer))
        assert response.status_code == 422
        assert any(error["field"].startswith(field) for error in response.json()["errors"]), response.text


class TestAudit:
    async def test_every_sharing_is_audited_with_recipient_and_categories(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        consent_id = await consent(client, test_issuer, client_id, "identity", "health_and_social")
        response = await client.get(
            f"/v1/clients/{client_id}/shared-data",
            params=params("identity", "health_and_social"),
            headers=service(test_issuer),
        )
        assert response.status_code == 200, response.text
        shared = (
            await db_session.scalars(select(AuditRecord).where(AuditRecord.resource_type == "client_shared_data"))
        ).all()
        assert len(shared) == 1
        row = shared[0]
        # The person the service asked for is the actor; the service is the channel (the trail the DPO reads).
        assert (row.actor_subject, row.action, str(row.data_subject_id)) == ("leena", "export", client_id)
        assert (row.actor_roles, row.actor_organisation_id) == (["partner"], WELLBEING_COUNTY)
        assert "referral" in row.purpose
        assert row.details == {
            "recipient": str(WELLBEING_COUNTY),
            "categories": ["health_and_social", "identity"],
            "withheld": [],
            "consent_id": consent_id,
            "channel": "svc-referrals",
        }
        notes = (
            await db_session.scalars(
                select(AuditRecord).where(
                    AuditRecord.resource_type == "assessment_special_category",
                    AuditRecord.action == "read",
                    AuditRecord.actor_subject == "leena",
                )
            )
        ).all()
        assert [(row.purpose, row.details) for row in notes] == [
            (row.purpose, {"special_category": True, "recipient": str(WELLBEING_COUNTY), "channel": "svc-referrals"})
        ]
        trail = await client.get(
            f"/v1/clients/{client_id}/audit-trail",
            headers=test_issuer.headers(subject="dpo-tiina", roles=["dpo"], org=LAHTI),
        )
        assert trail.status_code == 200, trail.text
        assert {
            (item["actor_subject"], item["details"].get("channel"))
            for item in trail.json()["items"]
            if item["resource_type"] == "client_shared_data"
        } == {("leena", "svc-referrals")}

    async def test_a_refused_sharing_is_not_audited_as_shared(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        response = await client.get(
            f"/v1/clients/{client_id}/shared-data", params=params("identity"), headers=service(test_issuer)
        )
        assert response.status_code == 409
        shared = (
            await db_session.scalars(select(AuditRecord).where(AuditRecord.resource_type == "client_shared_data"))
        ).all()
        assert shared == []


class TestAskedForAPerson:
    """clients-api answers another service as it would answer the person the service asks for."""

    async def test_a_coach_of_another_municipality_gets_404(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await consent(client, test_issuer, client_id, *CATEGORIES)
        for path in (f"/v1/clients/{client_id}/shared-data", f"/v1/clients/{client_id}/access"):
            response = await client.get(
                path,
                params=params("identity", "health_and_social"),
                headers=service(test_issuer, staff("coach", "coach-mikko", MIKKELI)),
            )
            assert response.status_code == 404, (path, response.text)
            assert "Matti" not in response.text

    async def test_a_coach_outside_the_clients_caseload_and_team_gets_404(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await consent(client, test_issuer, client_id, "identity")
        assert (
            await client.get(
                f"/v1/clients/{client_id}",
                headers=test_issuer.headers(subject="coach-other", roles=["coach"], org=LAHTI),
            )
        ).status_code == 404  # as the client read
        for path in (f"/v1/clients/{client_id}/shared-data", f"/v1/clients/{client_id}/access"):
            response = await client.get(
                path, params=params("identity"), headers=service(test_issuer, staff("coach", "coach-other"))
            )
            assert response.status_code == 404, (path, response.text)

    async def test_health_and_social_notes_only_to_the_clients_coach_and_team(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        await consent(client, test_issuer, client_id, "identity", "health_and_social")
        url = f"/v1/clients/{client_id}/shared-data"
        for role, subject in (("manager", "manager-pekka"), ("admin", "admin-ilona")):
            response = await client.get(
                url, params=params("identity", "health_and_social"), headers=service(test_issuer, staff(role, subject))
            )
            assert response.status_code == 200, response.text
            body = response.json()
            assert body["health_and_social"] is None and body["withheld_categories"] == ["health_and_social"]
            assert body["identity"]["last_name"] == "Meikäläinen" and NOTES["health"] not in response.text
        own = await client.get(
            url,
            params=params("identity", "health_and_social"),
            headers=service(test_issuer, staff("coach", "coach-aino")),
        )
        assert own.status_code == 200 and own.json()["health_and_social"]["health"] == NOTES["health"]
        assert own.json()["withheld_categories"] == []
        readers = await db_session.scalars(
            select(AuditRecord.actor_subject).where(
                AuditRecord.resource_type == "assessment_special_category",
                AuditRecord.action == "read",
                AuditRecord.data_subject_id == uuid.UUID(client_id),
            )
        )
        assert set(readers) == {"coach-aino"}

    async def test_the_access_check_says_who_reads_special_category_data(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        for role, subject, special in (
            ("coach", "coach-aino", True),
            ("manager", "manager-pekka", False),
            ("admin", "admin-ilona", False),
        ):
            response = await client.get(
                f"/v1/clients/{client_id}/access", headers=service(test_issuer, staff(role, subject))
            )
            assert response.status_code == 200, response.text
            assert response.json() == {
                "client_id": client_id,
                "organisation_id": str(LAHTI),
                "special_category": special,
            }
        partner = await client.get(f"/v1/clients/{client_id}/access", headers=service(test_issuer))
        assert partner.status_code == 404

    async def test_a_partner_reads_only_as_the_recipient_it_is(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await consent(client, test_issuer, client_id, "identity", recipient=WELLBEING_COUNTY)
        kela = {"subject": "kari", "roles": ["partner"], "org": KELA}
        response = await client.get(
            f"/v1/clients/{client_id}/shared-data", params=params("identity"), headers=service(test_issuer, kela)
        )
        assert response.status_code == 404 and "Matti" not in response.text
        # A referral of another municipality naming our client: the consent's recipient still gets nothing.
        mikkelis = await client.get(
            f"/v1/clients/{client_id}/shared-data",
            params=params("identity", organisation=MIKKELI),
            headers=service(test_issuer),
        )
        assert mikkelis.status_code == 404 and "Matti" not in mikkelis.text
        manager = await client.get(
            f"/v1/clients/{client_id}/shared-data",
            params=params("identity", organisation=MIKKELI),
            headers=service(test_issuer, staff("manager", "manager-pekka")),
        )
        assert manager.status_code == 404

    async def test_the_person_must_be_named_and_verified(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await consent(client, test_issuer, client_id, "identity")
        url = f"/v1/clients/{client_id}/shared-data"
        bare = {key: value for key, value in service(test_issuer).items() if key != ON_BEHALF_OF_HEADER}
        missing = await client.get(url, params=params("identity"), headers=bare)
        assert missing.status_code == 403 and missing.json()["type"].endswith("/on-behalf-of-required")
        machine = await client.get(
            url,
            params=params("identity"),
            headers=service(test_issuer, {"subject": "svc-metrics", "roles": ["service"], "org": LAHTI}),
        )
        assert machine.status_code == 403
        forged = TestIssuer()  # a key clients-api does not trust
        claims = test_issuer.claims(subject="leena", roles=["partner"], org=WELLBEING_COUNTY)
        expired = test_issuer.claims(subject="leena", roles=["partner"], org=WELLBEING_COUNTY, lifetime=-60)
        for token in (forged.sign(claims), test_issuer.sign(expired), "not-a-token"):
            response = await client.get(url, params=params("identity"), headers={**bare, ON_BEHALF_OF_HEADER: token})
            assert response.status_code == 401, response.text
            assert "Matti" not in response.text

    @pytest.mark.parametrize("scope", [None, "clients:consent-checks", "clients:client-access"])
    async def test_a_service_without_the_routes_scope_is_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, scope: str | None
    ) -> None:
        """svc-metrics and svc-employer have no scope here; referrals-api has each route's own."""
        await consent(client, test_issuer, client_id, "identity")
        response = await client.get(
            f"/v1/clients/{client_id}/shared-data", params=params("identity"), headers=service(test_issuer, scope=scope)
        )
        assert response.status_code == 403 and "Matti" not in response.text
        access = await client.get(
            f"/v1/clients/{client_id}/access",
            headers=service(
                test_issuer, staff("coach", "coach-aino"), scope=scope if scope != "clients:client-access" else None
            ),
        )
        assert access.status_code == 403
