"""A job offer the client applied for counts toward the job-search obligation: employer-api's
``job_offer.outcome`` with ``counts_toward_job_search`` becomes one application in the client's open job-search
period, once per offer however many outcomes and deliveries, reported by the person who recorded the outcome."""

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
from ..factories import coach
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
