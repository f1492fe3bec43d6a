"""A missing employment plan is a deadline like the others, through the API: on the coach's due list when overdue,
and waivable with a reason, after which it leaves the list and the schedule shows the reason.

Known answer (Laki työvoimapalvelujen järjestämisestä 380/2023, 4 luku, as amended by HE 108/2025, in force
1.1.2026: the plan is made in the initial interview): a job search from Mon 2.11.2026 with the initial interview
held on Wed 4.11.2026 and no plan made has its plan due on Wed 4.11.2026, overdue from the next day."""

from __future__ import annotations

from datetime import date

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.schedule.rules import REFORM_2026
from polku_kit.audit import AuditRecord
from polku_kit.testing import TestIssuer

from ..factories import coach, register

STARTED, INTERVIEW = date(2026, 11, 2), date(2026, 11, 4)


def plan_items(due_list: dict[str, object], client_id: str) -> list[dict[str, object]]:
    items = due_list["items"]
    assert isinstance(items, list)
    return [item for item in items if item["client_id"] == client_id and item["kind"] == "employment_plan"]


class TestPlanDeadlineOnTheDueList:
    async def test_a_missing_plan_is_overdue_on_the_due_list_and_waived_with_a_reason(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        client_id = await register(client, coach(test_issuer), started=STARTED)
        held = await client.post(
            f"/v1/clients/{client_id}/interviews",
            headers=coach(test_issuer),
            json={"held_on": INTERVIEW.isoformat(), "channel": "in_person"},
        )
        assert held.status_code == 201, held.text

        due = await client.get("/v1/due-list", headers=coach(test_issuer))
        assert due.status_code == 200, due.text
        [plan] = plan_items(due.json(), client_id)
        assert (plan["number"], plan["due_on"], plan["status"]) == (1, "2026-11-04", "overdue")
        assert plan["rule_set"] == REFORM_2026.key
        statuses = [item["status"] for item in due.json()["items"]]
        assert statuses == sorted(statuses, key=lambda status: status != "overdue")  # overdue first

        waiver = {"kind": "employment_plan", "number": 1, "reason": "Suunnitelma tehdään kuntoutuksen jälkeen"}
        waived = await client.post(f"/v1/clients/{client_id}/schedule/waivers", json=waiver, headers=coach(test_issuer))
        assert waived.status_code == 201, waived.text
        after = await client.get("/v1/due-list", headers=coach(test_issuer))
        assert plan_items(after.json(), client_id) == []

        schedule = await client.get(f"/v1/clients/{client_id}/schedule", headers=coach(test_issuer))
        [stored] = [d for d in schedule.json()["deadlines"] if d["kind"] == "employment_plan"]
        assert (stored["status"], stored["waiver_reason"]) == ("waived", waiver["reason"])
        audit = await db_session.scalar(select(AuditRecord).where(AuditRecord.resource_type == "deadline_waiver"))
        assert audit is not None and audit.details == {"kind": "employment_plan", "number": 1}

        again = await client.post(f"/v1/clients/{client_id}/schedule/waivers", json=waiver, headers=coach(test_issuer))
        assert again.status_code == 409
