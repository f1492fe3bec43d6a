"""The part of the GDPR access export employer-api holds, asked by clients-api (scope
``employer:personal-data-export``) for a data protection officer: the candidate profile, the job offers,
introductions and supports naming the person, of the officer's authority only, and the export in employer-api's
own audit trail; only an officer's request opens it, only with the scope (decision 18, decision 35)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.candidate.models import CandidateEpisode, CandidateProfile
from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.service_client import ON_BEHALF_OF_HEADER
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

from ..placement.test_router import COACH, ES, MATTI, offer_body, published

SCOPE = "employer:personal-data-export"
OTHER = uuid.UUID("5a1e0000-0000-4000-8000-000000000002")
EPISODE = uuid.UUID("e0000000-0000-4000-8000-000000000001")


def export_headers(
    issuer: TestIssuer, *, person: str | None, scope: str = SCOPE, roles: tuple[str, ...] = ("service",)
) -> dict[str, str]:
    headers = issuer.headers(subject="svc-clients", roles=list(roles), org=None, client_id="svc-clients", scope=scope)
    return headers if person is None else {**headers, ON_BEHALF_OF_HEADER: person}


def officer(issuer: TestIssuer, org: uuid.UUID = LAHTI, roles: tuple[str, ...] = ("dpo",)) -> str:
    return issuer.token(subject="dpo-tiina", roles=list(roles), org=org)


@pytest.fixture
async def matti_everywhere(client: httpx.AsyncClient, as_, clients_api, db_session: AsyncSession) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Matti's candidate profile, an offer to him, an anonymous introduction of him and a pay subsidy naming him;
    another client's offer beside them."""
    clients_api.everyone = True
    db_session.add(CandidateProfile(client_id=MATTI, organisation_id=LAHTI, occupations=["7212"], municipality="398"))
    db_session.add(
        CandidateEpisode(
            episode_id=EPISODE,
            client_id=MATTI,
            organisation_id=LAHTI,
            starts_on=today() - timedelta(days=20),
            ends_on=today() + timedelta(days=10),
            event_at=datetime.now(UTC),
        )
    )
    await db_session.flush()
    vacancy = await published(client, as_)
    offer = await client.post("/v1/job-offers", json=offer_body(vacancy), headers=as_("coach"))
    assert offer.status_code == 201, offer.text
    other = await client.post("/v1/job-offers", json=offer_body(vacancy, client_id=str(OTHER)), headers=as_("coach"))
    assert other.status_code == 201, other.text
    clients_api.consents[(str(MATTI), vacancy["employer_id"])] = {"assessment"}
    introduction = await client.post(
        "/v1/introductions",
        json={"vacancy_id": vacancy["id"], "client_id": str(MATTI), "anonymous": True},
        headers=as_(ES),
    )
    assert introduction.status_code == 201, introduction.text
    support = await client.post(
        "/v1/supports",
        json={
            "kind": "pay_subsidy",
            "employer_id": vacancy["employer_id"],
            "client_id": str(MATTI),
            "decided_on": today().isoformat(),
            "ground": "unemployed",
            "starts_on": (today() + timedelta(days=14)).isoformat(),
            "ends_on": (today() + timedelta(days=100)).isoformat(),
            "monthly_wage_cost": "3100.00",
        },
        headers=as_(ES),
    )
    assert support.status_code == 201, support.text
    return {"offer": offer.json()["id"], "introduction": introduction.json()["id"], "support": support.json()["id"]}


class TestPersonalData:
    async def test_the_officer_gets_the_profile_offers_introductions_and_supports_naming_the_person(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, matti_everywhere: dict[str, str], db_session
    ) -> None:
        response = await client.get(
            f"/v1/data-subjects/{MATTI}/personal-data", headers=export_headers(test_issuer, person=officer(test_issuer))
        )
        assert response.status_code == 200, response.text
        export = response.json()
        assert export["format"] == "polku.employer-api.personal-data/1" and export["client_id"] == str(MATTI)
        records = export["records"]
        assert [row["client_id"] for row in records["candidate_profile"]] == [str(MATTI)]
        assert [row["episode_id"] for row in records["candidate_episode"]] == [str(EPISODE)]
        assert [row["id"] for row in records["job_offer"]] == [matti_everywhere["offer"]]  # not the other client's
        assert records["job_offer"][0]["offered_by"] == COACH
        assert [row["id"] for row in records["introduction"]] == [matti_everywhere["introduction"]]
        assert [row["id"] for row in records["support"]] == [matti_everywhere["support"]]
        assert records["support"][0]["percent"] == 50
        # employer-api's own audit records about Matti (the offer's reach, the supports) come with them.
        assert any(row["resource_id"] == matti_everywhere["support"] for row in export["audit_trail"])
        exported = await db_session.scalar(
            select(AuditRecord).where(AuditRecord.action == "export", AuditRecord.data_subject_id == MATTI)
        )
        assert exported is not None and exported.actor_subject == "dpo-tiina"
        assert exported.details["channel"] == "svc-clients"

    async def test_another_authoritys_officer_gets_nothing(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, matti_everywhere: dict[str, str]
    ) -> None:
        response = await client.get(
            f"/v1/data-subjects/{MATTI}/personal-data",
            headers=export_headers(test_issuer, person=officer(test_issuer, org=MIKKELI)),
        )
        assert response.status_code == 200
        assert all(rows == [] for rows in response.json()["records"].values())

    @pytest.mark.parametrize("role", ["coach", "employer_services", "manager", "admin"])
    async def test_only_an_officers_request_opens_it(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, matti_everywhere: dict[str, str], role: str
    ) -> None:
        person = officer(test_issuer, roles=(role,))
        response = await client.get(
            f"/v1/data-subjects/{MATTI}/personal-data", headers=export_headers(test_issuer, person=person)
        )
        assert response.status_code == 403
        assert response.json()["type"].endswith("/not-a-data-protection-officer")

    async def test_without_the_scope_or_a_person_it_is_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, as_
    ) -> None:
        url = f"/v1/data-subjects/{MATTI}/personal-data"
        no_scope = export_headers(test_issuer, person=officer(test_issuer), scope="clients:client-access")
        assert (await client.get(url, headers=no_scope)).status_code == 403
        assert (await client.get(url, headers=export_headers(test_issuer, person=None))).status_code == 403
        assert (await client.get(url, headers=as_("employer_services"))).status_code == 403
