"""Supports with the money committed: the pay subsidy's percentage comes from the law's ground and the euros fall
on the months of the period by the days covered; other supports commit their amount; `subsidy.decided` announces
the client's activating-service episode; cancelling is `subsidy.ended`; partners never; other authorities not
found."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.support.rules import committed_by_month, ended_on, latest_end
from polku_kit.calendar import today
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, MIKKELI

from ..factories import new_employer

ES = "employer_services"
MATTI = uuid.UUID("5a1e0000-0000-4000-8000-000000000001")


def pay_subsidy(employer_id: str, **changes: object) -> dict[str, object]:
    return {
        "kind": "pay_subsidy",
        "employer_id": employer_id,
        "client_id": str(MATTI),
        "decided_on": "2026-12-01",
        "ground": "unemployed",
        "starts_on": "2026-12-15",
        "ends_on": "2027-03-14",
        "monthly_wage_cost": "3100.00",
        **changes,
    }


class TestRules:
    def test_the_euros_fall_on_the_months_by_the_days_covered(self) -> None:
        # 50 % of 3,100 € is 1,550 € a month. 15–31 December is 17 of 31 days: 1,550 × 17 / 31 = 850.00 €;
        # January and February whole; 1–14 March is 14 of 31 days: 1,550 × 14 / 31 = 700.00 €.
        months = committed_by_month(date(2026, 12, 15), date(2027, 3, 14), Decimal("3100.00"), 50)
        assert months == [
            ("2026-12", Decimal("850.00")),
            ("2027-01", Decimal("1550.00")),
            ("2027-02", Decimal("1550.00")),
            ("2027-03", Decimal("700.00")),
        ]

    @pytest.mark.parametrize(
        ("starts_on", "months", "last"),
        [
            (date(2026, 3, 1), 12, date(2027, 2, 28)),
            (date(2026, 1, 31), 1, date(2026, 2, 28)),  # February has no 31st: the period runs to its end
            (date(2027, 12, 15), 24, date(2029, 12, 14)),
            (date(2027, 3, 31), 11, date(2028, 2, 29)),  # a leap year's February
        ],
    )
    def test_the_longest_period_ends_the_day_before_the_same_day_months_later_or_at_the_months_end(
        self, starts_on: date, months: int, last: date
    ) -> None:
        assert latest_end(starts_on, months) == last


class TestEndedOn:
    @pytest.mark.parametrize(
        ("cancelled_at", "day"),
        [
            # Winter (EET, UTC+2): 00:30 on 5.12.2026 in Helsinki is 22:30 on 4.12. in UTC.
            (datetime(2026, 12, 4, 22, 30, tzinfo=UTC), date(2026, 12, 5)),
            (datetime(2026, 12, 4, 21, 59, tzinfo=UTC), date(2026, 12, 4)),
            # Summer (EEST, UTC+3): 00:15 on 1.7.2026 in Helsinki is 21:15 on 30.6. in UTC.
            (datetime(2026, 6, 30, 21, 15, tzinfo=UTC), date(2026, 7, 1)),
            (datetime(2026, 6, 30, 20, 59, tzinfo=UTC), date(2026, 6, 30)),
        ],
    )
    def test_a_cancellation_ends_the_support_on_the_day_in_finland(self, cancelled_at: datetime, day: date) -> None:
        assert ended_on(cancelled_at) == day


class TestSupports:
    async def test_a_pay_subsidy_commits_by_month_and_announces_the_episode(
        self, client: httpx.AsyncClient, as_, clients_api, db_session: AsyncSession
    ) -> None:
        clients_api.everyone = True
        employer = (await client.post("/v1/employers", json=new_employer(), headers=as_(ES))).json()
        decided = await client.post("/v1/supports", json=pay_subsidy(employer["id"]), headers=as_(ES))
        assert decided.status_code == 201, decided.text
        body = decided.json()
        assert body["percent"] == 50 and Decimal(body["total_committed"]) == Decimal("4650.00")
        assert [item["month"] for item in body["committed_by_month"]] == ["2026-12", "2027-01", "2027-02", "2027-03"]
        event = await db_session.scalar(select(OutboxEvent).where(OutboxEvent.type == "fi.polku.subsidy.decided.v1"))
        assert event is not None and event.data["client_id"] == str(MATTI)
        assert event.data["organisation_id"] == str(LAHTI) and event.data["industry_main_class"] == "C"
        assert event.data["activating_service_episode"] == {
            "service": "pay_subsidised_work",
            "starts_on": "2026-12-15",
            "ends_on": "2027-03-14",
        }
        assert "Riikka" not in str(event.data)
        year = await client.get("/v1/supports/committed", params={"year": 2027}, headers=as_("manager"))
        assert Decimal(year.json()["total"]) == Decimal("3800.00")

        cancelled = await client.post(
            f"/v1/supports/{body['id']}/status",
            json={"status": "cancelled", "reason": "Työsuhde päättyi koeajalla"},
            headers={**as_(ES), "If-Match": '"v1"'},
        )
        assert cancelled.status_code == 200
        ended = await db_session.scalar(select(OutboxEvent).where(OutboxEvent.type == "fi.polku.subsidy.ended.v1"))
        assert ended is not None and ended.data["reason"] == "cancelled"
        assert ended.data["ended_on"] == today().isoformat()  # the day in Finland, not in UTC
        year = await client.get("/v1/supports/committed", params={"year": 2027}, headers=as_("manager"))
        assert Decimal(year.json()["total"]) == Decimal("0.00")

    @pytest.mark.parametrize(
        ("ground", "percent", "longest_end"),
        [
            ("unemployed", 50, "2027-12-14"),
            ("reduced_productivity", 70, "2028-12-14"),
            ("association_long_term_unemployed", 100, "2027-12-14"),
        ],
    )
    async def test_the_ground_sets_the_percentage_and_the_longest_period(
        self, client: httpx.AsyncClient, as_, clients_api, ground: str, percent: int, longest_end: str
    ) -> None:
        clients_api.everyone = True
        employer = (await client.post("/v1/employers", json=new_employer(), headers=as_(ES))).json()
        longest = await client.post(
            "/v1/supports", json=pay_subsidy(employer["id"], ground=ground, ends_on=longest_end), headers=as_(ES)
        )
        assert longest.status_code == 201 and longest.json()["percent"] == percent
        day_more = date.fromisoformat(longest_end).replace(day=15).isoformat()
        too_long = await client.post(
            "/v1/supports", json=pay_subsidy(employer["id"], ground=ground, ends_on=day_more), headers=as_(ES)
        )
        assert too_long.status_code == 422 and too_long.json()["errors"][0]["field"] == "body.ends_on"

    async def test_other_supports_commit_their_amount(self, client: httpx.AsyncClient, as_, clients_api) -> None:
        employer = (await client.post("/v1/employers", json=new_employer(), headers=as_(ES))).json()
        bonus = await client.post(
            "/v1/supports",
            json={
                "kind": "recruitment_bonus",
                "employer_id": employer["id"],
                "decided_on": "2026-12-01",
                "amount": "2000.00",
            },
            headers=as_(ES),
        )
        assert bonus.status_code == 201 and bonus.json()["committed_by_month"] == [
            {"month": "2026-12", "euros": "2000.00"}
        ]
        missing = await client.post(
            "/v1/supports",
            json={"kind": "pay_subsidy", "employer_id": employer["id"], "decided_on": "2026-12-01"},
            headers=as_(ES),
        )
        assert missing.status_code == 422

    async def test_partners_never_and_other_authorities_do_not_find_it(
        self, client: httpx.AsyncClient, as_, clients_api
    ) -> None:
        clients_api.everyone = True
        employer = (await client.post("/v1/employers", json=new_employer(), headers=as_(ES))).json()
        decided = (await client.post("/v1/supports", json=pay_subsidy(employer["id"]), headers=as_(ES))).json()
        assert (await client.get(f"/v1/supports/{decided['id']}", headers=as_(ES, org=MIKKELI))).status_code == 404
        assert (await client.get("/v1/supports", headers=as_("partner"))).status_code == 403
        assert (
            await client.post("/v1/supports", json=pay_subsidy(employer["id"]), headers=as_("coach"))
        ).status_code == 403
        other = await client.post("/v1/supports", json=pay_subsidy(employer["id"]), headers=as_(ES, org=MIKKELI))
        assert other.status_code == 404
