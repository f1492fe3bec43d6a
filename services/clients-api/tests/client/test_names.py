"""``GET /v1/client-names``: the names behind a list of ids in one request (a referral board's, a vacancy's
candidates), by clients-api's own rules for the caller: a coach their caseload and their team's, employer
services the organisation's job seekers; every name given is an audit record naming its person; partners and
machines never; another organisation's clients are left out as missing ones (decision 35)."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.testing import KELA, LAHTI, MIKKELI, TestIssuer

from ..factories import AINO, coach, register

LIISA = "010101-123N"
PEKKA = "010594Y0108"
ES = "employer_services"


@pytest.fixture
async def three(client: httpx.AsyncClient, test_issuer: TestIssuer) -> dict[str, str]:
    """Matti and Liisa in Aino's caseload (Liisa employed since today), Pekka in another coach's, no shared team."""
    matti = await register(client, coach(test_issuer))
    liisa = await register(
        client, coach(test_issuer), personal_identity_code=LIISA, first_names="Liisa", last_name="Laine"
    )
    pekka = await register(
        client,
        coach(test_issuer, subject="coach-other"),
        personal_identity_code=PEKKA,
        first_names="Pekka",
        last_name="Puro",
    )
    employed = await client.post(
        f"/v1/clients/{liisa}/status",
        json={"status": "employed", "changed_on": today().isoformat(), "reason": "open labour market"},
        headers=coach(test_issuer),
    )
    assert employed.status_code == 200, employed.text
    return {"matti": matti, "liisa": liisa, "pekka": pekka}


async def names(client: httpx.AsyncClient, headers: dict[str, str], ids: list[str]) -> httpx.Response:
    return await client.get("/v1/client-names", params={"id": ids}, headers=headers)


class TestClientNames:
    async def test_a_coach_gets_the_names_within_their_reach_in_the_order_asked(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, three: dict[str, str]
    ) -> None:
        asked = [three["pekka"], three["liisa"], three["matti"], str(uuid.uuid4())]
        response = await names(client, coach(test_issuer), asked)
        assert response.status_code == 200, response.text
        assert response.json() == {
            "items": [
                {"id": three["liisa"], "first_names": "Liisa", "last_name": "Laine"},
                {"id": three["matti"], "first_names": "Matti", "last_name": "Meikäläinen"},
            ]
        }

    async def test_employer_services_get_the_organisations_job_seekers_only(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, three: dict[str, str]
    ) -> None:
        headers = test_issuer.headers(subject="es-eeva", roles=[ES], org=LAHTI)
        response = await names(client, headers, [three["matti"], three["liisa"], three["pekka"]])
        assert response.status_code == 200, response.text
        # Liisa is employed: not a job seeker they broker for, whatever list her id came from.
        assert [item["id"] for item in response.json()["items"]] == [three["matti"], three["pekka"]]

    async def test_every_name_given_is_audited_naming_its_person(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, three: dict[str, str], db_session: AsyncSession
    ) -> None:
        await names(client, coach(test_issuer), [three["matti"], three["liisa"], three["pekka"]])
        records = (
            await db_session.scalars(select(AuditRecord).where(AuditRecord.resource_type == "client_name"))
        ).all()
        assert sorted(str(row.data_subject_id) for row in records) == sorted([three["matti"], three["liisa"]])
        assert {(row.actor_subject, row.action) for row in records} == {(AINO, "read")}

    @pytest.mark.parametrize("org", [MIKKELI])
    @pytest.mark.parametrize("role", ["coach", "manager", ES])
    async def test_another_organisation_gets_no_name(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, three: dict[str, str], role: str, org: uuid.UUID
    ) -> None:
        headers = test_issuer.headers(subject=f"{role}-x", roles=[role], org=org)
        response = await names(client, headers, list(three.values()))
        assert response.status_code == 200 and response.json() == {"items": []}

    @pytest.mark.parametrize("role", ["partner", "service", "platform"])
    async def test_partners_and_machines_are_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, three: dict[str, str], role: str
    ) -> None:
        headers = test_issuer.headers(roles=[role], org=KELA if role == "partner" else LAHTI)
        response = await names(client, headers, [three["matti"]])
        assert response.status_code == 403

    async def test_no_ids_or_too_many_is_a_422_naming_the_field(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        empty = await client.get("/v1/client-names", headers=coach(test_issuer))
        assert empty.status_code == 422 and empty.headers["content-type"] == "application/problem+json"
        assert any(error["field"] == "query.id" for error in empty.json()["errors"]), empty.json()
        many = await names(client, coach(test_issuer), [str(uuid.uuid4()) for _ in range(101)])
        assert many.status_code == 422
