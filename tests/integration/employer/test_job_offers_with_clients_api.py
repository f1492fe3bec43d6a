"""Across employer-api and clients-api: a job offer the client applied for counts toward the client's job-search
obligation. employer-api announces the outcome (``job_offer.outcome`` with ``counts_toward_job_search``);
clients-api, taking the event in, records the application in the client's review period, once per offer, and once
only when the coach reports the offered vacancy by hand too (decision 58)."""

from __future__ import annotations

from datetime import timedelta

import httpx
from pydantic_core import to_json
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.timeline.service import take_in
from polku_kit.calendar import today
from polku_kit.inbox import parse
from polku_kit.outbox import OutboxEvent

from ..conftest import CLIENTS_SPEC
from .test_matching_with_clients_api import AINO, published_welder, register_and_assess

OUTCOME = "fi.polku.job_offer.outcome.v1"


async def hand_over_outcomes(_service_apps, db_session: AsyncSession, kind: str = OUTCOME) -> int:  # type: ignore[no-untyped-def]
    """employer-api's outcome events (or those of ``kind``) as its dispatcher delivers them to clients-api's
    /v1/events (the body's CloudEvent, with who acted in its extension attributes); how many clients-api took in."""
    rows = (
        await db_session.scalars(select(OutboxEvent).where(OutboxEvent.type == kind).order_by(OutboxEvent.sequence))
    ).all()
    sessions = _service_apps[CLIENTS_SPEC].state.database.sessionmaker
    taken = 0
    async with sessions() as clients_session:
        for row in rows:
            taken += await take_in(clients_session, parse(to_json(row.envelope()), None))
        await clients_session.commit()
    return taken


async def reported_now(clients_api, as_, client_id: str) -> int:  # type: ignore[no-untyped-def]
    response = await clients_api.http.get(f"/v1/clients/{client_id}/job-search", headers=as_("coach", subject=AINO))
    assert response.status_code == 200, response.text
    return int(next(period for period in response.json()["periods"] if not period["closed"])["reported"])


async def test_an_offer_the_client_applied_for_counts_in_the_review_period(
    client: httpx.AsyncClient,
    clients_api,
    _service_apps,
    db_session: AsyncSession,
    as_,  # type: ignore[no-untyped-def]
) -> None:
    client_id = await register_and_assess(clients_api, as_, AINO, "131052-308T", "Aaltonen")
    plan = await clients_api.http.put(
        f"/v1/clients/{client_id}/plan",
        headers=as_("coach", subject=AINO),
        json={
            "goals": ["Hitsaajaksi"],
            "applications_per_period": 4,
            "period_months": 1,
            "next_review_on": (today() + timedelta(days=60)).isoformat(),
        },
    )
    assert plan.status_code == 200, plan.text
    assert await reported_now(clients_api, as_, client_id) == 0

    vacancy = await published_welder(client, as_)
    coach = as_("coach", subject=AINO)
    offered = await client.post(
        "/v1/job-offers",
        json={
            "vacancy_id": vacancy["id"],
            "client_id": client_id,
            "respond_by": (today() + timedelta(days=7)).isoformat(),
        },
        headers=coach,
    )
    assert offered.status_code == 201, offered.text
    url = f"/v1/job-offers/{offered.json()['id']}/outcome"
    applied = await client.post(url, json={"outcome": "applied"}, headers={**coach, "If-Match": '"v1"'})
    assert applied.status_code == 200, applied.text
    hired = await client.post(url, json={"outcome": "hired"}, headers={**coach, "If-Match": '"v2"'})
    assert hired.status_code == 200, hired.text

    assert await hand_over_outcomes(_service_apps, db_session) == 2  # both on the client's timeline
    assert await reported_now(clients_api, as_, client_id) == 1  # one application, however many outcomes
    listed = await clients_api.http.get(
        f"/v1/clients/{client_id}/job-search/applications", headers=as_("coach", subject=AINO)
    )
    [application] = listed.json()
    assert (application["job_offer_id"], application["kind"]) == (offered.json()["id"], "assigned_vacancy")
    assert (application["employer"], application["reported_by"]) == ("Konepaja Oy", AINO)


async def test_a_coach_reporting_the_offered_vacancy_by_hand_too_counts_it_once(
    client: httpx.AsyncClient,
    clients_api,
    _service_apps,
    db_session: AsyncSession,
    as_,  # type: ignore[no-untyped-def]
) -> None:
    client_id = await register_and_assess(clients_api, as_, AINO, "131052-308T", "Aaltonen")
    coach = as_("coach", subject=AINO)
    plan = await clients_api.http.put(
        f"/v1/clients/{client_id}/plan",
        headers=coach,
        json={
            "goals": ["Hitsaajaksi"],
            "applications_per_period": 4,
            "period_months": 1,
            "next_review_on": (today() + timedelta(days=60)).isoformat(),
        },
    )
    assert plan.status_code == 200, plan.text
    vacancy = await published_welder(client, as_)
    offered = await client.post(
        "/v1/job-offers",
        json={
            "vacancy_id": vacancy["id"],
            "client_id": client_id,
            "respond_by": (today() + timedelta(days=7)).isoformat(),
        },
        headers=coach,
    )
    assert offered.status_code == 201, offered.text
    offer_id = offered.json()["id"]
    assert await hand_over_outcomes(_service_apps, db_session, "fi.polku.job_offer.sent.v1") == 1
    # The client tells the coach first; the coach reports the offered vacancy, naming the offer on the timeline.
    reports = f"/v1/clients/{client_id}/job-search/applications"
    hand = {"applied_on": today().isoformat(), "employer": "Konepaja Oy", "position": "Hitsaaja"}
    reported = await clients_api.http.post(reports, json={**hand, "job_offer_id": offer_id}, headers=coach)
    assert reported.status_code == 201, reported.text
    applied = await client.post(
        f"/v1/job-offers/{offer_id}/outcome", json={"outcome": "applied"}, headers={**coach, "If-Match": '"v1"'}
    )
    assert applied.status_code == 200, applied.text
    assert await hand_over_outcomes(_service_apps, db_session) == 1
    assert await reported_now(clients_api, as_, client_id) == 1
    # Reported again, without the offer: refused, naming the application that counts.
    again = await clients_api.http.post(reports, json={**hand, "kind": "assigned_vacancy"}, headers=coach)
    assert again.status_code == 409, again.text
    assert again.json()["existing_application_id"] == reported.json()["id"]
    assert await reported_now(clients_api, as_, client_id) == 1


async def test_an_anonymous_introduction_is_disclosed_once_the_consent_given_at_clients_api_covers_the_name(
    client: httpx.AsyncClient,
    clients_api,
    as_,  # type: ignore[no-untyped-def]
) -> None:
    client_id = await register_and_assess(clients_api, as_, AINO, "131052-308T", "Aaltonen")
    vacancy = await published_welder(client, as_)
    sanna = as_("employer_services", subject="es-sanna")

    async def consent_to(categories: list[str]) -> str:
        given = await clients_api.http.post(
            f"/v1/clients/{client_id}/consents",
            headers=as_("coach", subject=AINO),
            json={
                "recipient_organisation_id": vacancy["employer_id"],
                "categories": categories,
                "purpose": "Esittely työnantajalle",
                "valid_from": today().isoformat(),
            },
        )
        assert given.status_code == 201, given.text
        return str(given.json()["id"])

    await consent_to(["assessment"])
    made = await client.post(
        "/v1/introductions",
        json={"vacancy_id": vacancy["id"], "client_id": client_id, "anonymous": True},
        headers=sanna,
    )
    assert made.status_code == 201, made.text
    url = f"/v1/introductions/{made.json()['id']}/disclosure"
    refused = await client.post(url, headers={**sanna, "If-Match": '"v1"'})
    assert refused.status_code == 409 and refused.json()["missing_categories"] == ["contact_details", "identity"]

    named = await consent_to(["assessment", "identity", "contact_details"])
    disclosed = await client.post(url, headers={**sanna, "If-Match": '"v1"'})
    assert disclosed.status_code == 200, disclosed.text
    assert disclosed.json()["anonymous"] is False and disclosed.json()["consent_id"] == named
