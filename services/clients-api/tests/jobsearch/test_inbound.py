"""A job offer the client applied for counts toward the job-search obligation: employer-api's
``job_offer.outcome`` with ``counts_toward_job_search`` becomes one application in the client's open job-search
period, once per offer however many outcomes and deliveries, reported by the person who recorded the outcome; and
once only when the coach reports it by hand too (decision 58)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.service import today
from polku_classifications import isco08
from polku_kit.audit import AuditRecord
from polku_kit.testing import LAHTI, TestIssuer

from ..episodes.test_inbound import deliver
from ..factories import coach, register
from ..timeline.test_timeline import inbound_secret
from .test_router import client_id, set_obligation

__all__ = ["client_id", "inbound_secret"]

SANNA = "es-sanna"


def outcome_event(client_id: str, offer_id: str, outcome: str = "applied", **changes: object) -> dict[str, object]:
    """employer-api's outcome event as its dispatcher delivers it, the person who recorded it in the actor
    extension attributes."""
    data: dict[str, object] = {
        "job_offer_id": offer_id,
        "client_id": client_id,
        "organisation_id": str(LAHTI),
        "outcome": outcome,
        "counts_toward_job_search": outcome in {"applied", "hired", "not_hired"},
        "recorded_by": SANNA,
        "recorded_on": today().isoformat(),
        "vacancy_id": str(uuid.uuid4()),
        "employer_id": str(uuid.uuid4()),
        "employer_name": "Lahden Konepaja Oy",
        "occupation_code": "7212",
        "occupation_minor_group": "721",
        "municipality": "398",
        "industry_main_class": "C",
        "employment_type": "permanent",
    }
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": "/polku/employer-api",
        "type": "fi.polku.job_offer.outcome.v1",
        "subject": f"job-offers/{offer_id}",
        "time": datetime.now(UTC).isoformat(),
        "datacontenttype": "application/json",
        "polkuactor": SANNA,
        "polkuactorname": "Sanna Heikkinen",
        "polkuactororgname": "Lahden kaupunki",
        "data": {**data, **changes},
    }


async def applications(client: httpx.AsyncClient, issuer: TestIssuer, client_id: str) -> list[dict[str, object]]:
    response = await client.get(f"/v1/clients/{client_id}/job-search/applications", headers=coach(issuer))
    assert response.status_code == 200, response.text
    return list(response.json())


async def current_period(client: httpx.AsyncClient, issuer: TestIssuer, client_id: str) -> dict[str, object]:
    response = await client.get(f"/v1/clients/{client_id}/job-search", headers=coach(issuer))
    assert response.status_code == 200, response.text
    periods = response.json()["periods"]
    return dict(next(period for period in periods if not period["closed"]))


class TestFromAJobOffer:
    async def test_an_offer_applied_for_counts_in_the_review_period_once(
        self,
        client: httpx.AsyncClient,
        inbound_secret: str,
        test_issuer: TestIssuer,
        client_id: str,
        db_session: AsyncSession,
    ) -> None:
        await set_obligation(client, test_issuer, db_session, client_id, since=today() - timedelta(days=10))
        before = await current_period(client, test_issuer, client_id)
        assert (before["required"], before["reported"], before["shortfall"]) == (4, 0, 4)

        offer_id = str(uuid.uuid4())
        applied = outcome_event(client_id, offer_id)
        await deliver(client, applied)
        assert (await deliver(client, applied)).json()["handled"] is False  # the same delivery again
        await deliver(client, outcome_event(client_id, offer_id, "hired"))  # a later outcome of the same offer

        after = await current_period(client, test_issuer, client_id)
        assert (after["required"], after["reported"], after["shortfall"]) == (4, 1, 3)
        [application] = await applications(client, test_issuer, client_id)
        assert application["kind"] == "assigned_vacancy" and application["job_offer_id"] == offer_id
        assert application["applied_on"] == today().isoformat()
        assert (application["employer"], application["occupation"]) == ("Lahden Konepaja Oy", "7212")
        occupation = isco08.get("7212")
        assert occupation is not None and application["position"] == occupation.fi == "Hitsaajat ja kaasuleikkaajat"
        assert application["reported_by"] == SANNA

        [audit] = (
            await db_session.scalars(
                select(AuditRecord).where(
                    AuditRecord.resource_type == "job_application", AuditRecord.action == "create"
                )
            )
        ).all()
        assert (audit.actor_subject, str(audit.data_subject_id)) == (SANNA, client_id)
        assert audit.details["channel"] == "/polku/employer-api" and audit.details["job_offer_id"] == offer_id

    async def test_not_applying_an_outcome_before_the_search_and_an_incomplete_event_count_nothing(
        self, client: httpx.AsyncClient, inbound_secret: str, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await deliver(client, outcome_event(client_id, str(uuid.uuid4()), "did_not_apply", reason="Vuorotyö"))
        long_ago = (today() - timedelta(days=400)).isoformat()  # before this job search began (120 days ago)
        await deliver(client, outcome_event(client_id, str(uuid.uuid4()), recorded_on=long_ago))
        incomplete = outcome_event(client_id, str(uuid.uuid4()), employer_name=None)
        assert (await deliver(client, incomplete)).json()["handled"] is True  # on the timeline all the same
        assert await applications(client, test_issuer, client_id) == []

    async def test_after_the_job_search_ended_an_outcome_counts_nothing(
        self, client: httpx.AsyncClient, inbound_secret: str, test_issuer: TestIssuer, client_id: str
    ) -> None:
        url = f"/v1/clients/{client_id}/job-search-periods"
        [period] = (await client.get(url, headers=coach(test_issuer))).json()
        ended = await client.post(
            f"{url}/{period['id']}/end",
            json={"ended_on": (today() - timedelta(days=1)).isoformat(), "reason": "employed"},
            headers={**coach(test_issuer), "If-Match": f'"period-v{period["version"]}"'},
        )
        assert ended.status_code == 200, ended.text
        await deliver(client, outcome_event(client_id, str(uuid.uuid4())))
        assert await applications(client, test_issuer, client_id) == []


def sent_event(client_id: str, offer_id: str) -> dict[str, object]:
    """employer-api's ``job_offer.sent``: the offer is on the client's timeline."""
    event = outcome_event(client_id, offer_id)
    data = {key: value for key, value in dict(event["data"]).items() if key not in ("outcome", "recorded_by")}  # type: ignore[call-overload]
    return {**event, "id": str(uuid.uuid4()), "type": "fi.polku.job_offer.sent.v1", "data": data}


async def report(client: httpx.AsyncClient, issuer: TestIssuer, client_id: str, **changes: object) -> httpx.Response:
    body = {
        "applied_on": today().isoformat(),
        "kind": "assigned_vacancy",
        "employer": "Lahden Konepaja Oy",
        "position": "Hitsaaja",
        **changes,
    }
    return await client.post(f"/v1/clients/{client_id}/job-search/applications", json=body, headers=coach(issuer))


class TestOneCountPerApplication:
    """Decision 58: a coach who also reports an offered vacancy by hand does not make it count twice, whichever
    comes first; the refusal names the application that counts."""

    async def test_a_hand_report_of_an_offer_already_counted_is_refused_naming_it(
        self,
        client: httpx.AsyncClient,
        inbound_secret: str,
        test_issuer: TestIssuer,
        client_id: str,
        db_session: AsyncSession,
    ) -> None:
        await set_obligation(client, test_issuer, db_session, client_id, since=today() - timedelta(days=10))
        offer_id = str(uuid.uuid4())
        await deliver(client, sent_event(client_id, offer_id))
        await deliver(client, outcome_event(client_id, offer_id))
        [counted] = await applications(client, test_issuer, client_id)

        named = await report(client, test_issuer, client_id, job_offer_id=offer_id)
        assert named.status_code == 409, named.text
        problem = named.json()
        assert problem["type"].endswith("/application-already-counted")
        assert problem["existing_application_id"] == counted["id"] and problem["existing_job_offer_id"] == offer_id
        assert problem["existing_reported_by"] == SANNA and "Lahden Konepaja Oy" in problem["detail"]
        # Not naming the offer, the employer written differently: the same application all the same.
        unnamed = await report(client, test_issuer, client_id, employer="  lahden   KONEPAJA oy ")
        assert unnamed.status_code == 409 and unnamed.json()["existing_application_id"] == counted["id"]

        after = await current_period(client, test_issuer, client_id)
        assert (after["required"], after["reported"], after["shortfall"]) == (4, 1, 3)
        # An advertised vacancy of the same employer is another application, and counts.
        other = await report(client, test_issuer, client_id, kind="advertised_vacancy", position="Koneistaja")
        assert other.status_code == 201, other.text
        assert (await current_period(client, test_issuer, client_id))["reported"] == 2

    async def test_a_hand_report_naming_the_offer_first_is_the_one_that_counts(
        self,
        client: httpx.AsyncClient,
        inbound_secret: str,
        test_issuer: TestIssuer,
        client_id: str,
        db_session: AsyncSession,
    ) -> None:
        await set_obligation(client, test_issuer, db_session, client_id, since=today() - timedelta(days=10))
        offer_id = str(uuid.uuid4())
        await deliver(client, sent_event(client_id, offer_id))
        reported = await report(client, test_issuer, client_id, kind="advertised_vacancy", job_offer_id=offer_id)
        assert reported.status_code == 201, reported.text
        assert reported.json()["kind"] == "assigned_vacancy" and reported.json()["job_offer_id"] == offer_id
        await deliver(client, outcome_event(client_id, offer_id))
        [application] = await applications(client, test_issuer, client_id)
        assert application["reported_by"] == "coach-aino" and application["job_offer_id"] == offer_id
        assert (await current_period(client, test_issuer, client_id))["reported"] == 1

    async def test_a_hand_report_without_the_offer_becomes_the_offer_s_application_when_the_outcome_comes(
        self,
        client: httpx.AsyncClient,
        inbound_secret: str,
        test_issuer: TestIssuer,
        client_id: str,
        db_session: AsyncSession,
    ) -> None:
        await set_obligation(client, test_issuer, db_session, client_id, since=today() - timedelta(days=10))
        offer_id = str(uuid.uuid4())
        reported = await report(client, test_issuer, client_id, applied_on=(today() - timedelta(days=2)).isoformat())
        assert reported.status_code == 201, reported.text
        await deliver(client, outcome_event(client_id, offer_id))
        [application] = await applications(client, test_issuer, client_id)
        assert application["id"] == reported.json()["id"] and application["job_offer_id"] == offer_id
        assert application["reported_by"] == "coach-aino"
        assert (await current_period(client, test_issuer, client_id))["reported"] == 1
        merged = await db_session.scalar(
            select(AuditRecord).where(AuditRecord.resource_type == "job_application", AuditRecord.action == "update")
        )
        assert merged is not None and (merged.actor_subject, str(merged.data_subject_id)) == (SANNA, client_id)
        assert merged.details["job_offer_id"] == offer_id and merged.details["merged"] is True

    async def test_an_offer_not_made_to_the_client_cannot_be_named(
        self, client: httpx.AsyncClient, inbound_secret: str, test_issuer: TestIssuer, client_id: str
    ) -> None:
        other = await register(
            client, coach(test_issuer), started=today() - timedelta(days=30), personal_identity_code="010594Y0108"
        )
        offer_id = str(uuid.uuid4())
        await deliver(client, sent_event(other, offer_id))
        response = await report(client, test_issuer, client_id, job_offer_id=offer_id)
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0] == {
            "field": "body.job_offer_id",
            "message": "not a job offer made to this client",
            "code": "unknown_job_offer",
        }
