"""Job-search reports through the API: periods from the plan's obligation, the shortfall the coach sees, and
neglects with the consequence of the rule set in force."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.service import today
from clients_api.jobsearch.rules import sanctions_in_force
from clients_api.plan.models import PlanVersion
from polku_kit.audit import AuditRecord
from polku_kit.calendar import add_months
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import KELA, LAHTI, MIKKELI, TestIssuer

from ..factories import coach, register


def application(applied_on: date, **changes: object) -> dict[str, object]:
    return {"applied_on": applied_on.isoformat(), "employer": "Kuljetus Oy", "position": "Kuljettaja", **changes}


@pytest.fixture
async def client_id(client: httpx.AsyncClient, test_issuer: TestIssuer) -> str:
    """Matti, 120 days into his job search."""
    return await register(client, coach(test_issuer), started=today() - timedelta(days=120))


async def set_obligation(
    client: httpx.AsyncClient,
    issuer: TestIssuer,
    db_session: AsyncSession,
    client_id: str,
    *,
    since: date,
    applications: int = 4,
    months: int = 1,
) -> None:
    """A plan with the obligation, dated as if saved on ``since``."""
    plan = {
        "goals": ["Work as a driver"],
        "applications_per_period": applications,
        "period_months": months,
        "next_review_on": (today() + timedelta(days=60)).isoformat(),
    }
    if applications < 4 * months:
        plan["obligation_reduction_reason"] = "Part-time work"
    saved = await client.put(f"/v1/clients/{client_id}/plan", json=plan, headers=coach(issuer))
    assert saved.status_code == 200, saved.text
    noon = datetime.combine(since, time(10, 0), tzinfo=UTC)
    await db_session.execute(update(PlanVersion).values(created_at=noon))


class TestPeriods:
    async def test_without_a_plan_there_is_no_obligation(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        body = (await client.get(f"/v1/clients/{client_id}/job-search", headers=coach(test_issuer))).json()
        assert body["obligation"] is None and body["periods"] == [] and body["total_shortfall"] == 0

    async def test_the_coach_sees_required_reported_and_shortfall_per_period(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        since = today() - timedelta(days=75)
        await set_obligation(client, test_issuer, db_session, client_id, since=since)
        url = f"/v1/clients/{client_id}/job-search"
        for offset in (1, 2, 3, 5):  # four in the first month
            assert (
                await client.post(
                    f"{url}/applications", json=application(since + timedelta(days=offset)), headers=coach(test_issuer)
                )
            ).status_code == 201
        second = add_months(since, 1)
        await client.post(
            f"{url}/applications", json=application(second, kind="open_application"), headers=coach(test_issuer)
        )
        body = (await client.get(url, headers=coach(test_issuer))).json()
        assert body["obligation"] == {
            "applications_per_period": 4,
            "period_months": 1,
            "reduction_reason": None,
            "plan_version": 1,
        }
        first, middle = body["periods"][0], body["periods"][1]
        assert (first["starts_on"], first["reported"], first["shortfall"], first["closed"]) == (
            since.isoformat(),
            4,
            0,
            True,
        )
        assert (middle["starts_on"], middle["reported"], middle["shortfall"]) == (second.isoformat(), 1, 3)
        assert body["periods"][-1]["closed"] is False
        assert body["total_shortfall"] == sum(p["shortfall"] for p in body["periods"] if p["closed"])
        listed = (await client.get(f"{url}/applications", headers=coach(test_issuer))).json()
        assert len(listed) == 5 and listed[-1]["kind"] == "open_application"

    async def test_a_three_month_period_takes_the_plans_length(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        since = today() - timedelta(days=20)
        await set_obligation(client, test_issuer, db_session, client_id, since=since, applications=1, months=3)
        body = (await client.get(f"/v1/clients/{client_id}/job-search", headers=coach(test_issuer))).json()
        [period] = body["periods"]
        assert period["ends_on"] == (add_months(since, 3) - timedelta(days=1)).isoformat()
        assert period["required"] == 1 and body["obligation"]["reduction_reason"] == "Part-time work"


class TestApplications:
    async def test_reporting_is_audited_and_emits_an_event_without_names(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        response = await client.post(
            f"/v1/clients/{client_id}/job-search/applications",
            json=application(today(), occupation="8332"),
            headers=coach(test_issuer),
        )
        assert response.status_code == 201, response.text
        assert response.json()["occupation"] == "8332" and response.json()["reported_by"] == "coach-aino"
        event = await db_session.scalar(
            select(OutboxEvent).where(OutboxEvent.type == "fi.polku.client.job_application_reported.v1")
        )
        assert event is not None and event.data == {
            "client_id": client_id,
            "applied_on": today().isoformat(),
            "kind": "advertised_vacancy",
        }
        audit = await db_session.scalar(select(AuditRecord).where(AuditRecord.resource_type == "job_application"))
        assert audit is not None and audit.action == "create"

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"applied_on": (today() + timedelta(days=2)).isoformat()}, "body.applied_on"),
            ({"applied_on": "2020-01-01"}, "body.applied_on"),
            ({"employer": ""}, "body.employer"),
            ({"kind": "rumour"}, "body.kind"),
            ({"occupation": "9999"}, "body.occupation"),
        ],
    )
    async def test_field_errors(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        client_id: str,
        changes: dict[str, object],
        field: str,
    ) -> None:
        response = await client.post(
            f"/v1/clients/{client_id}/job-search/applications",
            json={**application(today()), **changes},
            headers=coach(test_issuer),
        )
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == field


class TestNeglects:
    async def test_neglects_escalate_by_the_rule_set_in_force(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        since = today() - timedelta(days=100)
        await set_obligation(client, test_issuer, db_session, client_id, since=since)
        url = f"/v1/clients/{client_id}/job-search"
        periods = [p for p in (await client.get(url, headers=coach(test_issuer))).json()["periods"] if p["closed"]]
        assert len(periods) >= 2 and all(p["shortfall"] == 4 for p in periods)
        rules = sanctions_in_force(date.fromisoformat(periods[0]["ends_on"]))
        recorded = []
        for period in periods[:2]:
            response = await client.post(
                f"{url}/neglects", json={"period_starts_on": period["starts_on"]}, headers=coach(test_issuer)
            )
            assert response.status_code == 201, response.text
            recorded.append(response.json())
        assert [n["ordinal"] for n in recorded] == [1, 2]
        assert [n["consequence"] for n in recorded] == [
            rules.consequence(1).consequence,
            rules.consequence(2).consequence,
        ]
        assert recorded[1]["consequence"] == "non_compensable_period" and recorded[0]["rule_set"] == rules.key
        assert recorded[0]["legal_sources"] == list(rules.sources) and "1290/2002" in recorded[0]["legal_sources"][0]
        again = await client.post(
            f"{url}/neglects", json={"period_starts_on": periods[0]["starts_on"]}, headers=coach(test_issuer)
        )
        assert again.status_code == 409
        shown = (await client.get(url, headers=coach(test_issuer))).json()["periods"][0]
        assert shown["neglect"]["ordinal"] == 1
        events = (
            await db_session.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.type == "fi.polku.client.job_search_neglect_recorded.v1")
                .order_by(OutboxEvent.sequence)
            )
        ).all()
        assert [e.data["ordinal"] for e in events] == [1, 2]

    async def test_each_neglect_is_judged_by_its_own_rule_set_and_a_12_month_look_back(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        response = await client.post(
            "/v1/clients",
            headers=coach(test_issuer),
            json={
                "personal_identity_code": "010594Y0108",
                "first_names": "Liisa",
                "last_name": "Pitkä",
                "home_municipality": "398",
                "job_search_started_on": (today() - timedelta(days=500)).isoformat(),
            },
        )
        client_id = response.json()["id"]
        await set_obligation(client, test_issuer, db_session, client_id, since=today() - timedelta(days=480))
        url = f"/v1/clients/{client_id}/job-search"
        closed = [p for p in (await client.get(url, headers=coach(test_issuer))).json()["periods"] if p["closed"]]
        old, recent = closed[0], closed[-1]
        recorded = {}
        for period in (old, recent):
            answer = await client.post(
                f"{url}/neglects", json={"period_starts_on": period["starts_on"]}, headers=coach(test_issuer)
            )
            assert answer.status_code == 201, answer.text
            recorded[period["starts_on"]] = answer.json()
        first, latest = recorded[old["starts_on"]], recorded[recent["starts_on"]]
        old_rules = sanctions_in_force(date.fromisoformat(old["ends_on"]))
        assert (first["ordinal"], first["rule_set"]) == (1, old_rules.key)
        assert first["consequence"] == old_rules.consequence(1).consequence
        # More than 12 months later the count starts again: a first neglect under the rules then in force.
        assert (latest["ordinal"], latest["rule_set"]) == (1, "reform-2026")
        assert (latest["consequence"], latest["non_compensable_days"]) == ("non_compensable_period", 7)

    async def test_only_a_closed_period_with_a_shortfall(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        since = today() - timedelta(days=40)
        await set_obligation(client, test_issuer, db_session, client_id, since=since, applications=1, months=1)
        url = f"/v1/clients/{client_id}/job-search"
        await client.post(f"{url}/applications", json=application(since), headers=coach(test_issuer))
        met = await client.post(
            f"{url}/neglects", json={"period_starts_on": since.isoformat()}, headers=coach(test_issuer)
        )
        assert met.status_code == 422 and met.json()["errors"][0]["code"] == "obligation_met"
        current = (await client.get(url, headers=coach(test_issuer))).json()["periods"][-1]
        still_open = await client.post(
            f"{url}/neglects", json={"period_starts_on": current["starts_on"]}, headers=coach(test_issuer)
        )
        assert still_open.status_code == 422
        assert still_open.json()["errors"][0]["field"] == "body.period_starts_on"
        not_a_start = await client.post(
            f"{url}/neglects", json={"period_starts_on": "2026-01-02"}, headers=coach(test_issuer)
        )
        assert not_a_start.status_code == 422


class TestAccess:
    @pytest.mark.parametrize("role", ["partner", "employer_services", "service", "platform"])
    async def test_wrong_roles_are_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, role: str
    ) -> None:
        headers = test_issuer.headers(roles=[role], org=KELA if role == "partner" else LAHTI)
        url = f"/v1/clients/{client_id}/job-search"
        assert (await client.get(url, headers=headers)).status_code == 403
        assert (await client.get(f"{url}/applications", headers=headers)).status_code == 403
        assert (await client.post(f"{url}/applications", json=application(today()), headers=headers)).status_code == 403
        assert (
            await client.post(f"{url}/neglects", json={"period_starts_on": today().isoformat()}, headers=headers)
        ).status_code == 403

    async def test_another_organisation_gets_404(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        mikkeli = coach(test_issuer, org=MIKKELI)
        url = f"/v1/clients/{client_id}/job-search"
        assert (await client.get(url, headers=mikkeli)).status_code == 404
        assert (await client.get(f"{url}/applications", headers=mikkeli)).status_code == 404
        assert (await client.post(f"{url}/applications", json=application(today()), headers=mikkeli)).status_code == 404
        assert (
            await client.post(f"{url}/neglects", json={"period_starts_on": today().isoformat()}, headers=mikkeli)
        ).status_code == 404
