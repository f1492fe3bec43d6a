"""The up-to-date plan (ajantasainen suunnitelma) and the plan debt: Polku's definition (DOMAIN: a plan exists, it
was reviewed at the latest mandatory interview, that interview is at most three months old, and the job-search
obligation is set or its reduction recorded), as known answers and through the API, per client and in the
caseload balance per coach and team."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.plan.status import DEFINITION, NotUpToDate, PlanFacts, not_up_to_date, up_to_date_until
from clients_api.seed import identity_code
from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.testing import KELA, LAHTI, MIKKELI, TestIssuer

from ..factories import coach, register
from .test_router import plan


def facts(**changes: object) -> PlanFacts:
    base: dict[str, object] = {
        "plan_reviewed_on": date(2026, 5, 4),
        "applications_per_period": 4,
        "period_months": 1,
        "obligation_reduction_reason": None,
        "latest_mandatory_interview_on": date(2026, 5, 4),
    }
    return PlanFacts(**{**base, **changes})  # type: ignore[arg-type]


class TestDefinition:
    def test_reviewed_at_the_latest_interview_within_three_months(self) -> None:
        # Job-search discussion Mon 4.5.2026, plan version saved that day: up to date through 4.8.2026 (three
        # months), not on 5.8.2026.
        assert not_up_to_date(facts(), date(2026, 8, 4)) == []
        assert not_up_to_date(facts(), date(2026, 8, 5)) == [NotUpToDate.interview_too_old]

    def test_a_plan_older_than_the_latest_interview_was_not_reviewed_in_it(self) -> None:
        stale = facts(plan_reviewed_on=date(2026, 2, 4))
        assert not_up_to_date(stale, date(2026, 5, 10)) == [NotUpToDate.not_reviewed_at_latest_interview]

    def test_no_plan_and_no_interview(self) -> None:
        assert not_up_to_date(facts(plan_reviewed_on=None), date(2026, 5, 10)) == [NotUpToDate.no_plan]
        none_held = facts(latest_mandatory_interview_on=None)
        assert not_up_to_date(none_held, date(2026, 5, 10)) == [NotUpToDate.no_mandatory_interview]

    def test_a_reduced_obligation_needs_its_reason(self) -> None:
        # Four applications a month is the default (Työttömyysturvalaki 2 a luku, HE 167/2021); one per three
        # months is a reduction, up to date only with its reason recorded.
        reduced = facts(applications_per_period=1, period_months=3)
        assert not_up_to_date(reduced, date(2026, 5, 10)) == [NotUpToDate.obligation_not_recorded]
        reasoned = facts(applications_per_period=1, period_months=3, obligation_reduction_reason="Osa-aikatyö")
        assert not_up_to_date(reasoned, date(2026, 5, 10)) == []


async def interview(client: httpx.AsyncClient, issuer: TestIssuer, client_id: str, held_on: date) -> None:
    response = await client.post(
        f"/v1/clients/{client_id}/interviews",
        headers=coach(issuer),
        json={"held_on": held_on.isoformat(), "channel": "in_person"},
    )
    assert response.status_code == 201, response.text


async def save_plan(client: httpx.AsyncClient, issuer: TestIssuer, client_id: str) -> None:
    current = await client.get(f"/v1/clients/{client_id}/plan", headers=coach(issuer))
    headers = coach(issuer) if current.status_code == 404 else {**coach(issuer), "If-Match": current.headers["etag"]}
    response = await client.put(f"/v1/clients/{client_id}/plan", json=plan(), headers=headers)
    assert response.status_code == 200, response.text


async def plan_status(client: httpx.AsyncClient, issuer: TestIssuer, client_id: str) -> dict[str, object]:
    response = await client.get(f"/v1/clients/{client_id}/plan/status", headers=coach(issuer))
    assert response.status_code == 200, response.text
    return dict(response.json())


class TestPlanStatus:
    async def test_up_to_date_after_the_interview_and_not_before(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        client_id = await register(client, coach(test_issuer), started=today() - timedelta(days=5))
        first = await plan_status(client, test_issuer, client_id)
        assert first["up_to_date"] is False and first["reasons"] == ["no_plan"]
        assert first["definition"] == DEFINITION
        await save_plan(client, test_issuer, client_id)
        assert (await plan_status(client, test_issuer, client_id))["reasons"] == ["no_mandatory_interview"]
        await interview(client, test_issuer, client_id, today())
        # The plan saved on the day of the interview counts as reviewed in it.
        body = await plan_status(client, test_issuer, client_id)
        assert body["up_to_date"] is True and body["latest_mandatory_interview_on"] == today().isoformat()
        audit = await db_session.scalar(select(AuditRecord).where(AuditRecord.resource_type == "plan_status"))
        assert audit is not None and audit.actor_subject == "coach-aino"

    async def test_an_interview_over_three_months_ago_makes_it_stale(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        started = today() - timedelta(days=130)
        client_id = await register(client, coach(test_issuer), started=started)
        await interview(client, test_issuer, client_id, started + timedelta(days=2))
        await save_plan(client, test_issuer, client_id)
        assert (await plan_status(client, test_issuer, client_id))["reasons"] == ["interview_too_old"]

    @pytest.mark.parametrize("role", ["partner", "employer_services", "service", "platform"])
    async def test_wrong_roles_are_refused(self, client: httpx.AsyncClient, test_issuer: TestIssuer, role: str) -> None:
        client_id = await register(client, coach(test_issuer))
        headers = test_issuer.headers(roles=[role], org=KELA if role == "partner" else LAHTI)
        assert (await client.get(f"/v1/clients/{client_id}/plan/status", headers=headers)).status_code == 403

    async def test_another_organisation_gets_404(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        client_id = await register(client, coach(test_issuer))
        mikkeli = coach(test_issuer, org=MIKKELI)
        assert (await client.get(f"/v1/clients/{client_id}/plan/status", headers=mikkeli)).status_code == 404


class TestPlanDebtInTheCaseloadBalance:
    async def test_per_coach_per_team_and_in_total(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        manager = test_issuer.headers(subject="manager-pekka", roles=["manager"], org=LAHTI)
        team = (await client.post("/v1/teams", json={"name": "Suunnitelmat"}, headers=manager)).json()["id"]
        added = await client.post(
            f"/v1/teams/{team}/members", headers=manager, json={"coach_subject": "coach-aino", "display_name": "Aino"}
        )
        assert added.status_code == 201, added.text
        current = await register(client, coach(test_issuer), started=today() - timedelta(days=5))
        await interview(client, test_issuer, current, today())
        await save_plan(client, test_issuer, current)
        await register(
            client,
            coach(test_issuer),
            started=today() - timedelta(days=5),
            personal_identity_code=identity_code("150590", "-", 202),
        )
        response = await client.get("/v1/caseloads", headers=manager)
        assert response.status_code == 200, response.text
        body = response.json()
        aino = next(row for row in body["coaches"] if row["coach_subject"] == "coach-aino")
        assert (aino["active_clients"], aino["up_to_date_plans"], aino["plan_debt"]) == (2, 1, 1)
        [row] = body["teams"]
        assert (row["active_clients"], row["up_to_date_plans"], row["plan_debt"]) == (2, 1, 1)
        assert (body["up_to_date_plans"], body["plan_debt"]) == (1, 1)
        assert body["plan_definition"] == DEFINITION


class TestUpToDateUntil:
    """The status stored as a day (:func:`up_to_date_until`) answers as :func:`not_up_to_date` on every day."""

    @pytest.mark.parametrize(
        "changes",
        [
            {},
            {"latest_mandatory_interview_on": date(2026, 1, 31)},  # three months on: the last day of April
            {"plan_reviewed_on": None},
            {"latest_mandatory_interview_on": None},
            {"plan_reviewed_on": date(2026, 1, 1)},  # before the interview
            {"applications_per_period": 1, "period_months": 3},
            {"applications_per_period": 1, "period_months": 3, "obligation_reduction_reason": "Osa-aikatyö"},
        ],
    )
    def test_the_stored_day_agrees_with_the_reasons(self, changes: dict[str, object]) -> None:
        plan_facts = facts(**changes)
        until = up_to_date_until(plan_facts)
        for day in (date(2026, 1, 1) + timedelta(days=n) for n in range(200)):
            assert (until is not None and day <= until) == (not_up_to_date(plan_facts, day) == []), (day, until)

    def test_three_months_from_the_last_day_of_january_end_on_the_last_day_of_april(self) -> None:
        assert up_to_date_until(facts(latest_mandatory_interview_on=date(2026, 1, 31))) == date(2026, 4, 30)
