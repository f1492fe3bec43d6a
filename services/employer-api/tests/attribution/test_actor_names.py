"""Every act on employers, contacts, vacancies, job offers, introductions and supports names the person who did
it and the organisation they acted for, from their token at the time, so that the screens name who acted: a
person by name, a machine client by its id, the expiry job as the job (never a person's act as "system"). The
events carry the same actor."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.vacancy.models import Vacancy
from employer_api.vacancy.service import EXPIRY_ACTOR, expire_overdue
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, TestIssuer

from ..factories import new_contact, new_employer, new_vacancy
from ..placement.test_router import MATTI, offer_body
from ..support.test_router import pay_subsidy

ES = "employer_services"
CITY = "Lahden kaupunki"


def person(issuer: TestIssuer, role: str, name: str) -> dict[str, str]:
    return issuer.headers(subject=f"{role}-{name}", roles=[role], org=LAHTI, name=name, org_name=CITY)


def names(body: dict, prefix: str) -> tuple[str | None, str | None, str | None]:
    subject = body.get(prefix, body.get(f"{prefix}_subject"))
    return subject, body[f"{prefix}_name"], body[f"{prefix}_organisation_name"]


class TestPeopleAreNamed:
    async def test_the_employer_its_contacts_and_their_next_steps(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        eila = person(test_issuer, ES, "Eila Esimerkki")
        ville = person(test_issuer, ES, "Ville Virtanen")
        created = await client.post(
            "/v1/employers", json=new_employer(account_manager_subject=f"{ES}-Eila Esimerkki"), headers=eila
        )
        assert created.status_code == 201, created.text
        employer = created.json()
        assert names(employer, "created_by") == (f"{ES}-Eila Esimerkki", "Eila Esimerkki", CITY)
        assert names(employer, "changed_by") == (None, None, None)

        url = f"/v1/employers/{employer['id']}"
        changed = await client.patch(url, json={"name": "Konepaja Oy"}, headers={**ville, "If-Match": '"v1"'})
        assert changed.status_code == 200, changed.text
        assert names(changed.json(), "changed_by") == (f"{ES}-Ville Virtanen", "Ville Virtanen", CITY)
        assert changed.json()["created_by_name"] == "Eila Esimerkki"
        assert (await client.get(url, headers=eila)).json()["changed_by_name"] == "Ville Virtanen"

        contact = (await client.post(f"{url}/contacts", json=new_contact(), headers=eila)).json()
        assert names(contact, "staff") == (f"{ES}-Eila Esimerkki", "Eila Esimerkki", CITY)
        done = await client.patch(
            f"{url}/contacts/{contact['id']}", json={"next_step_done": True}, headers={**ville, "If-Match": '"v1"'}
        )
        assert done.status_code == 200, done.text
        assert names(done.json(), "next_step_done_by") == (f"{ES}-Ville Virtanen", "Ville Virtanen", CITY)
        assert names(done.json(), "changed_by") == (f"{ES}-Ville Virtanen", "Ville Virtanen", CITY)
        undone = await client.patch(
            f"{url}/contacts/{contact['id']}", json={"next_step_done": False}, headers={**eila, "If-Match": '"v2"'}
        )
        assert names(undone.json(), "next_step_done_by") == (None, None, None)
        assert undone.json()["changed_by_name"] == "Eila Esimerkki"
        log = (await client.get(f"{url}/contacts", headers=ville)).json()["items"]
        assert [item["staff_name"] for item in log] == ["Eila Esimerkki"]

        due = await client.post(f"{url}/contacts", json=new_contact(topic="Toinen"), headers=eila)
        assert due.status_code == 201
        listed = (
            await client.get("/v1/next-steps-due", params={"account_manager": f"{ES}-Eila Esimerkki"}, headers=eila)
        ).json()
        assert [item["staff_name"] for item in listed] == ["Eila Esimerkki", "Eila Esimerkki"]

        event = await db_session.scalar(
            select(OutboxEvent).where(OutboxEvent.type == "fi.polku.employer_contact.recorded.v1").limit(1)
        )
        assert event is not None and event.actor is not None
        assert event.actor["name"] == "Eila Esimerkki" and event.actor["organisation_name"] == CITY

    async def test_the_vacancy_and_its_lifecycle(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        eila = person(test_issuer, ES, "Eila Esimerkki")
        ville = person(test_issuer, ES, "Ville Virtanen")
        employer = (
            await client.post("/v1/employers", json=new_employer(account_manager_subject=None), headers=eila)
        ).json()
        vacancy = (await client.post("/v1/vacancies", json=new_vacancy(employer["id"]), headers=eila)).json()
        assert names(vacancy, "created_by") == (f"{ES}-Eila Esimerkki", "Eila Esimerkki", CITY)
        url = f"/v1/vacancies/{vacancy['id']}"
        edited = await client.patch(url, json={"positions": 2}, headers={**ville, "If-Match": '"v1"'})
        assert names(edited.json(), "changed_by") == (f"{ES}-Ville Virtanen", "Ville Virtanen", CITY)
        published = await client.post(
            f"{url}/status", json={"status": "published"}, headers={**eila, "If-Match": '"v2"'}
        )
        assert published.status_code == 200, published.text
        assert names(published.json(), "changed_by") == (f"{ES}-Eila Esimerkki", "Eila Esimerkki", CITY)
        assert (await client.get(url, headers=ville)).json()["changed_by_name"] == "Eila Esimerkki"
        event = await db_session.scalar(select(OutboxEvent).where(OutboxEvent.type == "fi.polku.vacancy.published.v1"))
        assert event is not None and event.actor is not None and event.actor["name"] == "Eila Esimerkki"

    async def test_the_expiry_job_is_named_as_the_job_not_as_a_person(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        eila = person(test_issuer, ES, "Eila Esimerkki")
        employer = (
            await client.post("/v1/employers", json=new_employer(account_manager_subject=None), headers=eila)
        ).json()
        vacancy = (await client.post("/v1/vacancies", json=new_vacancy(employer["id"]), headers=eila)).json()
        await client.post(
            f"/v1/vacancies/{vacancy['id']}/status", json={"status": "published"}, headers={**eila, "If-Match": '"v1"'}
        )
        deadline = datetime.fromisoformat(vacancy["application_deadline"]).date()
        assert await expire_overdue(db_session, day=deadline + timedelta(days=1)) == 1
        row = await db_session.get(Vacancy, uuid.UUID(vacancy["id"]))
        assert row is not None and (row.changed_by, row.changed_by_name) == (EXPIRY_ACTOR, None)
        assert row.created_by_name == "Eila Esimerkki"
        closed = await db_session.scalar(select(OutboxEvent).where(OutboxEvent.type == "fi.polku.vacancy.closed.v1"))
        assert closed is not None and closed.actor == {"subject": EXPIRY_ACTOR}

    async def test_offers_introductions_and_their_outcomes(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, clients_api
    ) -> None:
        clients_api.everyone = True
        eila = person(test_issuer, ES, "Eila Esimerkki")
        kaisa = person(test_issuer, "coach", "Kaisa Valmentaja")
        employer = (
            await client.post("/v1/employers", json=new_employer(account_manager_subject=None), headers=eila)
        ).json()
        vacancy = (await client.post("/v1/vacancies", json=new_vacancy(employer["id"]), headers=eila)).json()
        await client.post(
            f"/v1/vacancies/{vacancy['id']}/status", json={"status": "published"}, headers={**eila, "If-Match": '"v1"'}
        )
        sent = await client.post("/v1/job-offers", json=offer_body(vacancy), headers=kaisa)
        assert sent.status_code == 201, sent.text
        assert names(sent.json(), "offered_by") == ("coach-Kaisa Valmentaja", "Kaisa Valmentaja", CITY)
        assert names(sent.json(), "outcome_by") == (None, None, None)
        applied = await client.post(
            f"/v1/job-offers/{sent.json()['id']}/outcome",
            json={"outcome": "applied"},
            headers={**eila, "If-Match": '"v1"'},
        )
        assert names(applied.json(), "outcome_by") == (f"{ES}-Eila Esimerkki", "Eila Esimerkki", CITY)
        listed = (await client.get("/v1/job-offers", params={"client_id": str(MATTI)}, headers=kaisa)).json()
        assert [(item["offered_by_name"], item["outcome_by_name"]) for item in listed] == [
            ("Kaisa Valmentaja", "Eila Esimerkki")
        ]

        clients_api.consents[(str(MATTI), vacancy["employer_id"])] = {"assessment", "contact_details", "identity"}
        made = await client.post(
            "/v1/introductions", json={"vacancy_id": vacancy["id"], "client_id": str(MATTI)}, headers=eila
        )
        assert made.status_code == 201, made.text
        assert names(made.json(), "introduced_by") == (f"{ES}-Eila Esimerkki", "Eila Esimerkki", CITY)
        ville = person(test_issuer, ES, "Ville Virtanen")
        hired = await client.post(
            f"/v1/introductions/{made.json()['id']}/outcome",
            json={"outcome": "hired"},
            headers={**ville, "If-Match": '"v1"'},
        )
        assert names(hired.json(), "outcome_by") == (f"{ES}-Ville Virtanen", "Ville Virtanen", CITY)

    async def test_the_support_decision_and_its_status(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, clients_api
    ) -> None:
        clients_api.everyone = True
        eila = person(test_issuer, ES, "Eila Esimerkki")
        ville = person(test_issuer, ES, "Ville Virtanen")
        employer = (
            await client.post("/v1/employers", json=new_employer(account_manager_subject=None), headers=eila)
        ).json()
        decided = await client.post("/v1/supports", json=pay_subsidy(employer["id"]), headers=eila)
        assert decided.status_code == 201, decided.text
        assert names(decided.json(), "decided_by") == (f"{ES}-Eila Esimerkki", "Eila Esimerkki", CITY)
        cancelled = await client.post(
            f"/v1/supports/{decided.json()['id']}/status",
            json={"status": "cancelled", "reason": "Työsuhde päättyi"},
            headers={**ville, "If-Match": '"v1"'},
        )
        assert cancelled.status_code == 200, cancelled.text
        assert names(cancelled.json(), "changed_by") == (f"{ES}-Ville Virtanen", "Ville Virtanen", CITY)
        assert cancelled.json()["decided_by_name"] == "Eila Esimerkki"


class TestMachineClients:
    async def test_a_machine_client_is_named_by_its_client_id_and_its_organisation(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        """A machine client's token names no person (claim ``name``): the records name the client itself."""
        crm = test_issuer.headers(
            subject="lahti-crm", roles=[ES], org=LAHTI, name=None, client_id="lahti-crm", org_name=CITY
        )
        created = await client.post("/v1/employers", json=new_employer(account_manager_subject=None), headers=crm)
        assert created.status_code == 201, created.text
        assert names(created.json(), "created_by") == ("lahti-crm", "lahti-crm", CITY)
        vacancy = await client.post("/v1/vacancies", json=new_vacancy(created.json()["id"]), headers=crm)
        assert names(vacancy.json(), "created_by") == ("lahti-crm", "lahti-crm", CITY)
