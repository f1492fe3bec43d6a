"""The authorization matrix of employer-api (:class:`polku_kit.contract_tests.AuthorizationMatrix`): every route, called
by every role, from the organisation that owns the resource and from another one; another authority's employer,
contact or vacancy is never seen, nor changed. A new route joins it by itself; if it needs a request body to reach
its checks, add one to ``BODIES``."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.candidate.models import CandidateProfile
from employer_api.main import create_app
from employer_api.national.models import ReconciliationReport
from polku_kit.calendar import today
from polku_kit.contract_tests import WEBHOOK_BODIES, AuthorizationMatrix, parked_event_ids, webhook_ids
from polku_kit.testing import LAHTI, TestIssuer

from .factories import new_contact, new_employer, new_vacancy

EMPLOYER = "/v1/employers/{employer_id}"
CANDIDATE = uuid.UUID("5a1e0000-0000-4000-8000-0000000000aa")

BODIES: dict[tuple[str, str], dict[str, Any]] = {
    **WEBHOOK_BODIES,
    ("patch", EMPLOYER): {"json": {"name": "Matriisi Oy"}},
    ("post", f"{EMPLOYER}/contacts"): {"json": new_contact()},
    ("patch", f"{EMPLOYER}/contacts/{{contact_id}}"): {"json": {"outcome": "Matriisi"}},
    ("patch", "/v1/vacancies/{vacancy_id}"): {"json": {"positions": 3}},
    ("post", "/v1/vacancies/{vacancy_id}/status"): {"json": {"status": "closed"}},
    ("post", "/v1/job-offers/{job_offer_id}/outcome"): {"json": {"outcome": "applied"}},
    ("post", "/v1/introductions/{introduction_id}/outcome"): {"json": {"outcome": "hired"}},
    ("post", "/v1/supports/{support_id}/status"): {"json": {"status": "paid"}},
}


class TestAuthorizationMatrix(AuthorizationMatrix):
    app_factory = staticmethod(create_app)
    bodies = BODIES
    open_routes = AuthorizationMatrix.open_routes | {"POST /v1/events"}  # a signed webhook, no bearer token
    # clients-api's call for a data protection officer: a scope and a person asked for (tests/privacy covers them).
    left_out = frozenset({"GET /v1/data-subjects/{client_id}/personal-data"})

    @pytest.fixture
    async def matrix_ids(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer, clients_api
    ) -> dict[str, dict[str, str]]:
        # clients-api lets everyone reach the candidate: what is tested here is employer-api's own scoping.
        clients_api.everyone = True
        db_session.add(CandidateProfile(client_id=CANDIDATE, organisation_id=LAHTI, occupations=["7212"]))
        now = datetime.now(UTC)
        db_session.add(
            ReconciliationReport(
                authority_id=LAHTI, started_at=now, finished_at=now, counts={}, differences=[], repaired=[]
            )
        )
        ids = await webhook_ids(
            client, db_session, test_issuer, source="/polku/employer-api", event_type="fi.polku.employer.matrix.v1"
        )
        es = test_issuer.headers(subject=f"employer_services-{LAHTI}", roles=["employer_services"], org=LAHTI)
        employer = await client.post("/v1/employers", json=new_employer(), headers=es)
        assert employer.status_code == 201, employer.text
        employer_id = employer.json()["id"]
        contact = await client.post(f"/v1/employers/{employer_id}/contacts", json=new_contact(), headers=es)
        assert contact.status_code == 201, contact.text
        vacancy = await client.post("/v1/vacancies", json=new_vacancy(employer_id), headers=es)
        assert vacancy.status_code == 201, vacancy.text
        vacancy_id = vacancy.json()["id"]
        published = await client.post(
            f"/v1/vacancies/{vacancy_id}/status", json={"status": "published"}, headers={**es, "If-Match": '"v1"'}
        )
        assert published.status_code == 200, published.text
        coach = test_issuer.headers(subject=f"coach-{LAHTI}", roles=["coach"], org=LAHTI)
        offer = await client.post(
            "/v1/job-offers",
            json={"vacancy_id": vacancy_id, "client_id": str(CANDIDATE), "respond_by": today().isoformat()},
            headers=coach,
        )
        assert offer.status_code == 201, offer.text
        clients_api.consents[(str(CANDIDATE), employer_id)] = {"identity", "contact_details", "assessment"}
        introduction = await client.post(
            "/v1/introductions", json={"vacancy_id": vacancy_id, "client_id": str(CANDIDATE)}, headers=es
        )
        assert introduction.status_code == 201, introduction.text
        support = await client.post(
            "/v1/supports",
            json={
                "kind": "summer_job_voucher",
                "employer_id": employer_id,
                "decided_on": today().isoformat(),
                "amount": "400.00",
            },
            headers=es,
        )
        assert support.status_code == 201, support.text
        # Partners reach no route of employer-api: their side names the same records.
        lahti = {
            "employer_id": employer_id,
            "contact_id": contact.json()["id"],
            "vacancy_id": vacancy_id,
            "client_id": str(CANDIDATE),
            "job_offer_id": offer.json()["id"],
            "introduction_id": introduction.json()["id"],
            "support_id": support.json()["id"],
        }
        parked = await parked_event_ids(db_session)
        return {side: {**found, **lahti, **parked[side]} for side, found in ids.items()}
