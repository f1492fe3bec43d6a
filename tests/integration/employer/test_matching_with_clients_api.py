"""employer-api beside the real clients-api: clients-api's own events (registration, assessment) make the candidate
profiles, and the candidates for a vacancy are those clients-api says the caller reaches (a coach their caseload,
employer services the organisation's job seekers); an introduction waits for the client's consent to the employer.
"""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.candidate.service import feeds, take_in_batch
from polku_kit.calendar import today
from polku_kit.inbox import ReceivedEvent
from polku_kit.inbox_worker import StoredEvent
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI

from ..conftest import CLIENTS_SPEC

AINO, MIKKO = "coach-aino", "coach-mikko"
ES = "employer_services"


async def register_and_assess(clients_api, as_, coach: str, code: str, last_name: str) -> str:  # type: ignore[no-untyped-def]
    headers = as_("coach", subject=coach)
    registered = await clients_api.http.post(
        "/v1/clients",
        headers=headers,
        json={
            "personal_identity_code": code,
            "first_names": "Testi",
            "last_name": last_name,
            "home_municipality": "398",
            "job_search_started_on": (today() - timedelta(days=400)).isoformat(),
        },
    )
    assert registered.status_code == 201, registered.text
    client_id = str(registered.json()["id"])
    assessed = await clients_api.http.put(
        f"/v1/clients/{client_id}/assessment",
        headers=headers,
        json={
            "assessed_on": today().isoformat(),
            "occupations": ["7212"],
            "languages": [{"language": "fi", "level": "native"}],
            "driving_licences": ["B"],
            "work_ability": "full",
        },
    )
    assert assessed.status_code == 200, assessed.text
    return client_id


async def deliver_clients_events(_service_apps, db_session: AsyncSession) -> int:  # type: ignore[no-untyped-def]
    """What clients-api's dispatcher delivers to employer-api's /v1/events, kept and taken in by the batch as the
    inbox worker would."""
    sessions = _service_apps[CLIENTS_SPEC].state.database.sessionmaker
    async with sessions() as clients_session:
        rows = (await clients_session.scalars(select(OutboxEvent).order_by(OutboxEvent.time))).all()
    kept = []
    for row in rows:
        envelope = row.envelope()
        event = ReceivedEvent(
            id=envelope["id"],
            source=envelope["source"],
            type=envelope["type"],
            subject=row.subject,
            time=row.time,
            data=envelope["data"],
        )
        if feeds(event):
            kept.append(StoredEvent(event=event, organisation_id=None, attempt=1))
    await take_in_batch(db_session, kept)
    await db_session.flush()
    return len(kept)


async def published_welder(client: httpx.AsyncClient, as_) -> dict:  # type: ignore[no-untyped-def]
    employer = await client.post(
        "/v1/employers",
        json={"business_id": "1234567-1", "name": "Konepaja Oy", "industry_code": "25620", "municipalities": ["398"]},
        headers=as_(ES),
    )
    assert employer.status_code == 201, employer.text
    vacancy = await client.post(
        "/v1/vacancies",
        json={
            "employer_id": employer.json()["id"],
            "title_fi": "Hitsaaja",
            "description": "Hitsausta",
            "occupation_code": "7212",
            "municipality": "398",
            "employment_type": "permanent",
            "application_deadline": (today() + timedelta(days=14)).isoformat(),
            "languages": ["fi"],
            "supports": ["pay_subsidy"],
        },
        headers=as_(ES),
    )
    moved = await client.post(
        f"/v1/vacancies/{vacancy.json()['id']}/status",
        json={"status": "published"},
        headers={**as_(ES), "If-Match": '"v1"'},
    )
    assert moved.status_code == 200, moved.text
    return moved.json()


async def test_candidates_come_from_clients_api_s_events_within_each_person_s_reach(
    client: httpx.AsyncClient,
    clients_api,
    _service_apps,
    db_session: AsyncSession,
    as_,  # type: ignore[no-untyped-def]
) -> None:
    ainos = await register_and_assess(clients_api, as_, AINO, "131052-308T", "Aaltonen")
    mikkos = await register_and_assess(clients_api, as_, MIKKO, "010101-123N", "Bergström")
    assert await deliver_clients_events(_service_apps, db_session) == 4  # two registrations, two assessments
    vacancy = await published_welder(client, as_)

    url = f"/v1/vacancies/{vacancy['id']}/candidates"
    by_aino = await client.get(url, headers=as_("coach", subject=AINO))
    assert by_aino.status_code == 200, by_aino.text
    assert [item["client_id"] for item in by_aino.json()] == [ainos]
    parts = {part["part"]: part["reason"] for part in by_aino.json()[0]["parts"]}
    assert parts["occupation"] == "same_unit_group" and parts["support_fit"] == "long_term_unemployed_with_support"
    by_employer_services = await client.get(url, headers=as_(ES, subject="es-sanna"))
    assert sorted(item["client_id"] for item in by_employer_services.json()) == sorted([ainos, mikkos])

    # The screen asks clients-api for the candidates' names in one request, and clients-api applies its own rules:
    # employer services get the organisation's job seekers, a coach only their own (Aino does not reach Mikko's).
    ids = [item["client_id"] for item in by_employer_services.json()]
    named = await clients_api.http.get("/v1/client-names", params={"id": ids}, headers=as_(ES, subject="es-sanna"))
    assert named.status_code == 200, named.text
    assert sorted(item["last_name"] for item in named.json()["items"]) == ["Aaltonen", "Bergström"]
    by_coach = await clients_api.http.get("/v1/client-names", params={"id": ids}, headers=as_("coach", subject=AINO))
    assert [item["last_name"] for item in by_coach.json()["items"]] == ["Aaltonen"]

    # An introduction waits for the client's consent to this employer; with it, it is made.
    body = {"vacancy_id": vacancy["id"], "client_id": ainos, "anonymous": True}
    refused = await client.post("/v1/introductions", json=body, headers=as_(ES, subject="es-sanna"))
    assert refused.status_code == 409 and refused.json()["missing_categories"] == ["assessment"]
    given = await clients_api.http.post(
        f"/v1/clients/{ainos}/consents",
        headers=as_("coach", subject=AINO),
        json={
            "recipient_organisation_id": vacancy["employer_id"],
            "categories": ["assessment"],
            "purpose": "Esittely työnantajalle",
            "valid_from": today().isoformat(),
        },
    )
    assert given.status_code == 201, given.text
    made = await client.post("/v1/introductions", json=body, headers=as_(ES, subject="es-sanna"))
    assert made.status_code == 201, made.text
    assert made.json()["consent_id"] == given.json()["id"] and str(LAHTI) == vacancy["authority_id"]
