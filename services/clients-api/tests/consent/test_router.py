"""Consents: given, listed, withdrawn, and checked by another service before it shares anything."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
import pytest

from polku_kit.calendar import today
from polku_kit.service_client import ON_BEHALF_OF_HEADER
from polku_kit.testing import KELA, LAHTI, MIKKELI, WELLBEING_COUNTY, TestIssuer


def coach(issuer: TestIssuer, org=LAHTI) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return issuer.headers(subject="coach-aino", roles=["coach"], org=org)


def service(
    issuer: TestIssuer,
    subject: str = "coach-aino",
    role: str = "coach",
    org=LAHTI,  # type: ignore[no-untyped-def]
    scope: str | None = "clients:consent-checks",
) -> dict[str, str]:
    """referrals-api asking for a person (by default the client's coach), with its own token and scope."""
    return {
        **issuer.headers(subject="svc-referrals", roles=["service"], org=LAHTI, client_id="svc-referrals", scope=scope),
        ON_BEHALF_OF_HEADER: issuer.token(subject=subject, roles=[role], org=org),
    }


def consent(**changes: object) -> dict[str, object]:
    return {
        "recipient_organisation_id": str(WELLBEING_COUNTY),
        "categories": ["contact_details", "assessment"],
        "purpose": "Referral to a work ability assessment",
        "valid_from": today().isoformat(),
        "valid_until": (today() + timedelta(days=180)).isoformat(),
        **changes,
    }


def check_params(client_id: str, *categories: str, recipient=WELLBEING_COUNTY) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {"client_id": client_id, "recipient_organisation_id": str(recipient), "categories": list(categories)}


class TestConsents:
    async def test_employer_services_ask_through_employer_api_about_an_employer(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        # An introduction to an employer: the consent names the employer (employer-api's id) as the recipient.
        employer = uuid.uuid4()
        given = await client.post(
            f"/v1/clients/{client_id}/consents",
            json=consent(recipient_organisation_id=str(employer), categories=["assessment"]),
            headers=coach(test_issuer),
        )
        assert given.status_code == 201, given.text
        asked = service(test_issuer, subject="es-liisa", role="employer_services")
        profile = await client.get(
            "/v1/consent-checks", params=check_params(client_id, "assessment", recipient=employer), headers=asked
        )
        assert profile.json()["holds"] is True
        named = await client.get(
            "/v1/consent-checks",
            params=check_params(client_id, "identity", "assessment", recipient=employer),
            headers=asked,
        )
        assert named.json()["missing_categories"] == ["identity"]
        mikkeli = service(test_issuer, subject="es-m", role="employer_services", org=MIKKELI)
        other = await client.get(
            "/v1/consent-checks", params=check_params(client_id, "assessment", recipient=employer), headers=mikkeli
        )
        assert other.status_code == 404

    async def test_a_service_checks_before_sharing_and_withdrawal_ends_it(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        asked = service(test_issuer)
        nothing = await client.get("/v1/consent-checks", params=check_params(client_id, "assessment"), headers=asked)
        assert nothing.json() == {"holds": False, "consent_id": None, "missing_categories": ["assessment"]}

        given = await client.post(f"/v1/clients/{client_id}/consents", json=consent(), headers=coach(test_issuer))
        assert given.status_code == 201 and given.json()["in_force"] is True
        holds = await client.get(
            "/v1/consent-checks", params=check_params(client_id, "assessment", "contact_details"), headers=asked
        )
        assert holds.json()["holds"] is True and holds.json()["consent_id"] == given.json()["id"]
        health = await client.get(
            "/v1/consent-checks", params=check_params(client_id, "health_and_social"), headers=asked
        )
        assert health.json()["holds"] is False and health.json()["missing_categories"] == ["health_and_social"]
        elsewhere = await client.get(
            "/v1/consent-checks", params=check_params(client_id, "assessment", recipient=KELA), headers=asked
        )
        assert elsewhere.json()["holds"] is False

        withdrawn = await client.post(
            f"/v1/clients/{client_id}/consents/{given.json()['id']}/withdraw", headers=coach(test_issuer)
        )
        assert withdrawn.status_code == 200 and withdrawn.json()["in_force"] is False
        after = await client.get("/v1/consent-checks", params=check_params(client_id, "assessment"), headers=asked)
        assert after.json()["holds"] is False
        again = await client.post(
            f"/v1/clients/{client_id}/consents/{given.json()['id']}/withdraw", headers=coach(test_issuer)
        )
        assert again.status_code == 409

    async def test_a_consent_not_yet_begun_or_expired_does_not_hold(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        future = consent(valid_from=(today() + timedelta(days=5)).isoformat(), valid_until=None)
        await client.post(f"/v1/clients/{client_id}/consents", json=future, headers=coach(test_issuer))
        expired = consent(
            valid_from=(today() - timedelta(days=50)).isoformat(),
            valid_until=(today() - timedelta(days=1)).isoformat(),
        )
        await client.post(f"/v1/clients/{client_id}/consents", json=expired, headers=coach(test_issuer))
        result = await client.get(
            "/v1/consent-checks", params=check_params(client_id, "assessment"), headers=coach(test_issuer)
        )
        assert result.json()["holds"] is False
        listed = (await client.get(f"/v1/clients/{client_id}/consents", headers=coach(test_issuer))).json()
        assert [row["in_force"] for row in listed] == [False, False]

    async def test_an_end_before_the_start_is_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        bad = consent(valid_until=(today() - timedelta(days=1)).isoformat())
        response = await client.post(f"/v1/clients/{client_id}/consents", json=bad, headers=coach(test_issuer))
        assert response.status_code == 422


class TestAccess:
    async def test_partners_cannot_read_or_check_consents(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        partner = test_issuer.headers(roles=["partner"], org=WELLBEING_COUNTY)
        assert (await client.get(f"/v1/clients/{client_id}/consents", headers=partner)).status_code == 403
        assert (
            await client.post(f"/v1/clients/{client_id}/consents", json=consent(), headers=partner)
        ).status_code == 403
        check = await client.get("/v1/consent-checks", params=check_params(client_id, "assessment"), headers=partner)
        assert check.status_code == 403

    async def test_another_organisation_gets_404(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        other = coach(test_issuer, MIKKELI)
        assert (await client.get(f"/v1/clients/{client_id}/consents", headers=other)).status_code == 404
        assert (
            await client.post(f"/v1/clients/{client_id}/consents", json=consent(), headers=other)
        ).status_code == 404
        check = await client.get("/v1/consent-checks", params=check_params(client_id, "assessment"), headers=other)
        assert check.status_code == 404


class TestServiceChecks:
    """A service checks for a person, and clients-api answers as it would answer that person."""

    @pytest.mark.parametrize(
        ("subject", "role", "org"),
        [
            ("coach-mikko", "coach", MIKKELI),  # another municipality's coach with our client's id
            ("manager-mikkeli", "manager", MIKKELI),
            ("coach-other", "coach", LAHTI),  # a colleague outside the client's caseload and team
            ("leena", "partner", WELLBEING_COUNTY),  # partners do not send referrals
        ],
    )
    async def test_a_client_outside_the_persons_reach_is_404(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, subject: str, role: str, org
    ) -> None:
        await client.post(f"/v1/clients/{client_id}/consents", json=consent(), headers=coach(test_issuer))
        response = await client.get(
            "/v1/consent-checks",
            params=check_params(client_id, "assessment"),
            headers=service(test_issuer, subject, role, org),
        )
        assert response.status_code == 404 and "consent_id" not in response.text

    async def test_without_a_person_or_the_scope_a_service_is_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        bare = test_issuer.headers(
            subject="svc-referrals", roles=["service"], org=LAHTI, scope="clients:consent-checks"
        )
        for headers in (bare, service(test_issuer, scope=None), service(test_issuer, scope="clients:shared-data")):
            response = await client.get(
                "/v1/consent-checks", params=check_params(client_id, "assessment"), headers=headers
            )
            assert response.status_code == 403, response.text

    async def test_the_person_is_the_actor_of_the_audit_record(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session
    ) -> None:
        from sqlalchemy import select

        from polku_kit.audit import AuditRecord

        await client.get(
            "/v1/consent-checks", params=check_params(client_id, "assessment"), headers=service(test_issuer)
        )
        rows = (await db_session.scalars(select(AuditRecord).where(AuditRecord.resource_type == "consent_check"))).all()
        assert [(row.actor_subject, row.details["channel"]) for row in rows] == [("coach-aino", "svc-referrals")]
