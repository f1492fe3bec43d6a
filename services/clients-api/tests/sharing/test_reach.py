"""``GET /v1/client-reach``: employer-api asks which candidates the staff member reaches, for that person (their
own token beside the service's) and with the scope of the route; clients-api answers by its own rules (decision
29): a coach their caseload and their team's, managers and employer services their organisation's clients,
another organisation's clients never. One audit record per question names the person."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.service_client import ON_BEHALF_OF_HEADER
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

from ..factories import coach, register

SCOPE = "clients:client-access"


def employer_api(issuer: TestIssuer, person: dict[str, object], scope: str | None = SCOPE) -> dict[str, str]:
    return {
        **issuer.headers(subject="svc-employer", roles=["service"], org=LAHTI, client_id="svc-employer", scope=scope),
        ON_BEHALF_OF_HEADER: issuer.token(**person),
    }  # type: ignore[arg-type]


def person(role: str, subject: str, org: uuid.UUID = LAHTI) -> dict[str, object]:
    return {"subject": subject, "roles": [role], "org": org}


@pytest.fixture
async def two_clients(client: httpx.AsyncClient, test_issuer: TestIssuer) -> tuple[str, str]:
    """Aino's client and Mikko's (they share no team)."""
    ainos = await register(client, coach(test_issuer))
    mikkos = await register(client, coach(test_issuer, "coach-mikko"), personal_identity_code="010101-123N")
    return ainos, mikkos


class TestClientReach:
    async def test_a_coach_reaches_their_own_caseload_only(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, two_clients: tuple[str, str]
    ) -> None:
        ainos, mikkos = two_clients
        stranger = str(uuid.uuid4())
        response = await client.get(
            "/v1/client-reach",
            params={"id": [mikkos, ainos, stranger]},
            headers=employer_api(test_issuer, person("coach", "coach-aino")),
        )
        assert response.status_code == 200, response.text
        assert response.json() == {"client_ids": [ainos]}

    @pytest.mark.parametrize("role", ["employer_services", "manager"])
    async def test_employer_services_and_managers_reach_the_organisation_s_clients(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, two_clients: tuple[str, str], role: str
    ) -> None:
        response = await client.get(
            "/v1/client-reach", params={"id": list(two_clients)}, headers=employer_api(test_issuer, person(role, "x"))
        )
        assert response.json() == {"client_ids": list(two_clients)}

    async def test_another_organisation_and_a_partner_reach_none(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, two_clients: tuple[str, str]
    ) -> None:
        for asker in (person("employer_services", "es-mikkeli", MIKKELI), person("partner", "leena")):
            response = await client.get(
                "/v1/client-reach", params={"id": list(two_clients)}, headers=employer_api(test_issuer, asker)
            )
            assert response.json() == {"client_ids": []}

    async def test_without_the_scope_or_a_person_it_is_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, two_clients: tuple[str, str]
    ) -> None:
        no_scope = employer_api(test_issuer, person("manager", "m"), scope=None)
        assert (
            await client.get("/v1/client-reach", params={"id": two_clients[0]}, headers=no_scope)
        ).status_code == 403
        nobody = {
            k: v for k, v in employer_api(test_issuer, person("manager", "m")).items() if k != ON_BEHALF_OF_HEADER
        }
        assert (await client.get("/v1/client-reach", params={"id": two_clients[0]}, headers=nobody)).status_code == 403
        as_person = test_issuer.headers(subject="m", roles=["manager"], org=LAHTI)
        assert (
            await client.get("/v1/client-reach", params={"id": two_clients[0]}, headers=as_person)
        ).status_code == 403

    async def test_the_question_is_audited_naming_the_person_and_the_channel(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, two_clients: tuple[str, str], db_session: AsyncSession
    ) -> None:
        await client.get(
            "/v1/client-reach",
            params={"id": list(two_clients)},
            headers=employer_api(test_issuer, person("employer_services", "es-liisa")),
        )
        audit = await db_session.scalar(select(AuditRecord).where(AuditRecord.resource_type == "client_reach_check"))
        assert audit is not None and audit.actor_subject == "es-liisa"
        assert audit.details["channel"] == "svc-employer" and audit.details["reached"] == list(two_clients)
