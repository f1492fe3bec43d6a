"""Job offers and introductions: a coach offers a published vacancy to a client within reach and the outcome is
recorded (an offer counts toward the job-search obligation when the client applies); employer services introduce
a candidate only under the client's consent for that employer (409 naming what is missing), anonymously if
chosen; every step goes to the client's timeline without names; partners never; other authorities not found."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.calendar import today
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, MIKKELI

from ..factories import new_employer, new_vacancy

ES = "employer_services"
MATTI = uuid.UUID("5a1e0000-0000-4000-8000-000000000001")
COACH = f"coach-{LAHTI}"


async def published(client: httpx.AsyncClient, as_) -> dict:
    employer = await client.post("/v1/employers", json=new_employer(), headers=as_(ES))
    assert employer.status_code == 201, employer.text
    vacancy = await client.post("/v1/vacancies", json=new_vacancy(employer.json()["id"]), headers=as_(ES))
    moved = await client.post(
        f"/v1/vacancies/{vacancy.json()['id']}/status",
        json={"status": "published"},
        headers={**as_(ES), "If-Match": '"v1"'},
    )
    assert moved.status_code == 200, moved.text
    return moved.json()


def offer_body(vacancy: dict, **changes: object) -> dict[str, object]:
    return {
        "vacancy_id": vacancy["id"],
        "client_id": str(MATTI),
        "respond_by": (today() + timedelta(days=7)).isoformat(),
        **changes,
    }


async def events(session: AsyncSession, event_type: str) -> list[OutboxEvent]:
    return list((await session.scalars(select(OutboxEvent).where(OutboxEvent.type == event_type))).all())


class TestJobOffers:
    async def test_a_coach_offers_and_the_client_applies_which_counts_toward_the_obligation(
        self, client: httpx.AsyncClient, as_, clients_api, db_session: AsyncSession
    ) -> None:
        clients_api.reach[COACH] = {str(MATTI)}
        vacancy = await published(client, as_)
        sent = await client.post("/v1/job-offers", json=offer_body(vacancy), headers=as_("coach"))
        assert sent.status_code == 201, sent.text
        assert sent.json()["status"] == "sent" and sent.json()["offered_by"] == COACH
        url = f"/v1/job-offers/{sent.json()['id']}/outcome"
        applied = await client.post(url, json={"outcome": "applied"}, headers={**as_("coach"), "If-Match": '"v1"'})
        assert applied.status_code == 200 and applied.json()["counts_toward_job_search"] is True
        hired = await client.post(url, json={"outcome": "hired"}, headers={**as_(ES), "If-Match": '"v2"'})
        assert hired.status_code == 200 and hired.json()["outcome_by"] == f"{ES}-{LAHTI}"

        (made,) = await events(db_session, "fi.polku.job_offer.sent.v1")
        assert made.data["client_id"] == str(MATTI) and made.data["organisation_id"] == str(LAHTI)
        assert made.data["occupation_minor_group"] == "721" and made.data["industry_main_class"] == "C"
        outcomes = await events(db_session, "fi.polku.job_offer.outcome.v1")
        assert [event.data["outcome"] for event in outcomes] == ["applied", "hired"]
        assert [event.data["counts_toward_job_search"] for event in outcomes] == [True, True]
        # What clients-api records the application with: the employer's name, never the client's.
        assert {event.data["employer_name"] for event in outcomes} == {"Lahden Konepaja Oy"}
        assert outcomes[0].data["recorded_by"] == COACH and "Riikka" not in str(outcomes[0].data)
        assert "Hitsaaja" not in str(made.data) and "Riikka" not in str(made.data)

    async def test_not_applying_needs_the_reason_and_does_not_count(
        self, client: httpx.AsyncClient, as_, clients_api
    ) -> None:
        clients_api.reach[COACH] = {str(MATTI)}
        sent = await client.post("/v1/job-offers", json=offer_body(await published(client, as_)), headers=as_("coach"))
        url = f"/v1/job-offers/{sent.json()['id']}/outcome"
        headers = {**as_("coach"), "If-Match": '"v1"'}
        assert (await client.post(url, json={"outcome": "did_not_apply"}, headers=headers)).status_code == 422
        declined = await client.post(url, json={"outcome": "did_not_apply", "reason": "Vuorotyö"}, headers=headers)
        assert declined.json()["counts_toward_job_search"] is False and declined.json()["reason"] == "Vuorotyö"
        again = await client.post(url, json={"outcome": "hired"}, headers={**as_("coach"), "If-Match": '"v2"'})
        assert again.status_code == 409 and again.json()["allowed"] == []

    async def test_a_client_beyond_the_coach_s_reach_is_not_found_and_a_second_open_offer_is_a_409(
        self, client: httpx.AsyncClient, as_, clients_api
    ) -> None:
        vacancy = await published(client, as_)
        assert (await client.post("/v1/job-offers", json=offer_body(vacancy), headers=as_("coach"))).status_code == 404
        clients_api.reach[COACH] = {str(MATTI)}
        first = await client.post("/v1/job-offers", json=offer_body(vacancy), headers=as_("coach"))
        second = await client.post("/v1/job-offers", json=offer_body(vacancy), headers=as_("coach"))
        assert second.status_code == 409 and second.json()["existing"] == f"/v1/job-offers/{first.json()['id']}"

    @pytest.mark.parametrize("role", ["employer_services", "manager", "admin", "partner"])
    async def test_only_coaches_offer(self, client: httpx.AsyncClient, as_, role: str) -> None:
        body = {"vacancy_id": str(uuid.uuid4()), "client_id": str(MATTI), "respond_by": today().isoformat()}
        assert (await client.post("/v1/job-offers", json=body, headers=as_(role))).status_code == 403

    async def test_another_authority_does_not_find_the_vacancy_or_the_offer(
        self, client: httpx.AsyncClient, as_, clients_api
    ) -> None:
        clients_api.everyone = True
        vacancy = await published(client, as_)
        other = await client.post("/v1/job-offers", json=offer_body(vacancy), headers=as_("coach", org=MIKKELI))
        assert other.status_code == 404
        sent = await client.post("/v1/job-offers", json=offer_body(vacancy), headers=as_("coach"))
        outcome = await client.post(
            f"/v1/job-offers/{sent.json()['id']}/outcome",
            json={"outcome": "applied"},
            headers={**as_("coach", org=MIKKELI), "If-Match": '"v1"'},
        )
        assert outcome.status_code == 404
        assert (await client.get("/v1/job-offers", headers=as_("manager", org=MIKKELI))).json() == []


class TestIntroductions:
    async def test_no_consent_no_introduction_and_the_409_names_what_is_missing(
        self, client: httpx.AsyncClient, as_, clients_api
    ) -> None:
        clients_api.everyone = True
        vacancy = await published(client, as_)
        body = {"vacancy_id": vacancy["id"], "client_id": str(MATTI)}
        refused = await client.post("/v1/introductions", json=body, headers=as_(ES))
        assert refused.status_code == 409
        assert refused.json()["missing_categories"] == ["assessment", "contact_details", "identity"]
        assert refused.json()["recipient_organisation_id"] == vacancy["employer_id"]

    async def test_an_anonymous_introduction_needs_the_profile_only(
        self, client: httpx.AsyncClient, as_, clients_api, db_session: AsyncSession
    ) -> None:
        clients_api.everyone = True
        vacancy = await published(client, as_)
        clients_api.consents[(str(MATTI), vacancy["employer_id"])] = {"assessment"}
        named = await client.post(
            "/v1/introductions", json={"vacancy_id": vacancy["id"], "client_id": str(MATTI)}, headers=as_(ES)
        )
        assert named.status_code == 409 and named.json()["missing_categories"] == ["contact_details", "identity"]
        anonymous = await client.post(
            "/v1/introductions",
            json={"vacancy_id": vacancy["id"], "client_id": str(MATTI), "anonymous": True},
            headers=as_(ES),
        )
        assert anonymous.status_code == 201, anonymous.text
        assert anonymous.json()["anonymous"] is True and anonymous.json()["consent_id"] is not None
        url = f"/v1/introductions/{anonymous.json()['id']}/outcome"
        invited = await client.post(
            url, json={"outcome": "invited_to_interview"}, headers={**as_(ES), "If-Match": '"v1"'}
        )
        assert invited.status_code == 200
        stale = await client.post(url, json={"outcome": "hired"}, headers={**as_(ES), "If-Match": '"v1"'})
        assert stale.status_code == 412
        hired = await client.post(url, json={"outcome": "hired"}, headers={**as_(ES), "If-Match": '"v2"'})
        assert hired.status_code == 200 and hired.json()["status"] == "hired"
        (made,) = await events(db_session, "fi.polku.introduction.made.v1")
        assert made.data["anonymous"] is True and made.data["client_id"] == str(MATTI)
        outcomes = await events(db_session, "fi.polku.introduction.outcome.v1")
        assert [event.data["outcome"] for event in outcomes] == ["invited_to_interview", "hired"]
        again = await client.post(
            "/v1/introductions",
            json={"vacancy_id": vacancy["id"], "client_id": str(MATTI), "anonymous": True},
            headers=as_(ES),
        )
        assert again.status_code == 409 and again.json()["existing"] == f"/v1/introductions/{anonymous.json()['id']}"

    @pytest.mark.parametrize("role", ["coach", "manager", "admin", "partner"])
    async def test_only_employer_services_introduce(self, client: httpx.AsyncClient, as_, role: str) -> None:
        body = {"vacancy_id": str(uuid.uuid4()), "client_id": str(MATTI)}
        assert (await client.post("/v1/introductions", json=body, headers=as_(role))).status_code == 403
