"""Known answers of the budget's commitments from employer-api's support decisions (``indicator/commitments.py``),
beside the imported budget lines' commitments, and the year-end forecast that uses them. Counted by hand below.

The pay subsidy (*palkkatuki*, Laki julkisesta työvoima- ja yrityspalvelusta 916/2012, chapter 7, as worded by
371/2023): 50 % of the pay costs for an unemployed disadvantaged worker, at most 12 months at a time; 70 % when an
injury or illness reduces the person's performance, at most 24 months. A month the period covers in part commits
the share of its days covered (employer-api's decision records it so). The budget classes are the municipality's
(Lahti's service plan 2025, *Työllistämisen edistäminen osana kunnan lakisääteisiä tehtäviä*): pay subsidy
*määrärahasidonnainen* (appropriation-bound); Lahti-lisä, recruitment bonus and summer-job vouchers *vapaaehtoinen*
(voluntary).

Lahti's decisions:

- S1: pay subsidy 50 % of pay costs 3 000.00 € a month = 1 500.00 € a month, 16 January 2025 – 15 January 2026
  (12 months from mid-month). January 2025: days 16–31, 16/31 × 1 500 = 774.19; February – December 2025
  1 500.00 each; January 2026: days 1–15, 15/31 × 1 500 = 725.81. In all 774.19 + 11 × 1 500 + 725.81 =
  18 000.00 = 12 × 1 500.
- S2: pay subsidy 70 % of 2 000.00 € = 1 400.00 € a month, 1 March 2025 – 28 February 2027, cancelled on 15 July
  2025 (the cancellation arrives before the decision): March – June 1 400.00 each; July days 1–15, 15/31 × 1 400 =
  677.42; nothing after.
- S3: summer-job voucher 400.00 € in June 2025, no client named.
- S4: recruitment bonus 1 500.00 € in May 2025, cancelled (never paid): released whole.

Mikkeli's pay subsidy of 1 000.00 € in February and March 2025 is not Lahti's.

Appropriation-bound commitments from decisions, 2025: January 774.19; February 1 500.00; March – June
1 500 + 1 400 = 2 900.00; July 1 500 + 677.42 = 2 177.42; August – December 1 500.00. Voluntary: June 400.00.

Lahti's imported budget line "Palkkatuki" (category supports, appropriation-bound): 2 500 € budgeted a month,
actuals January 700 and February 1 400, committed (imported) 2 000 in August.

Forecast as of February, supports/appropriation-bound: actuals so far 2 100, their monthly mean 1 050; for March –
December the larger of 1 050 and the month's known commitment (the larger of the two sources): 2 900 × 4 + 2 177.42
+ max(2 000, 1 500) + 1 500 × 4 = 21 777.42; 2 100 + 21 777.42 = 23 877.42. Supports/voluntary: no actuals, the
June voucher: 400.00.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.feed.service import rebuild
from polku_kit.testing import MIKKELI, TestIssuer

from ..factories import deliver_all, support_decision
from ..statistics.test_imports import upload
from .test_router import figures

BOUND, VOLUNTARY = "supports/appropriation_bound", "supports/voluntary"


def decisions() -> list[dict[str, Any]]:
    s1, s2, s3, s4, other = (uuid.uuid4() for _ in range(5))
    pay = {"kind": "pay_subsidy", "client_id": uuid.uuid4()}
    s1_months = [("2025-01", "774.19"), *((f"2025-{m:02d}", "1500.00") for m in range(2, 13)), ("2026-01", "725.81")]
    s2_months = [
        *((f"2025-{m:02d}", "1400.00") for m in range(3, 13)),
        *((f"2026-{m:02d}", "1400.00") for m in range(1, 13)),
        *((f"2027-{m:02d}", "1400.00") for m in range(1, 3)),
    ]
    s2_period = {"starts": date(2025, 3, 1), "ends": date(2027, 2, 28), "percent": 70, "monthly_wage_cost": "2000.00"}
    return [
        support_decision(
            "decided",
            s1,
            **pay,
            starts=date(2025, 1, 16),
            ends=date(2026, 1, 15),
            percent=50,
            monthly_wage_cost="3000.00",
            months=s1_months,
            on=date(2025, 1, 10),
        ),
        support_decision("ended", s2, **pay, **s2_period, months=s2_months, on=date(2025, 7, 15)),
        support_decision("decided", s2, **pay, **s2_period, months=s2_months, on=date(2025, 2, 20)),
        support_decision("decided", s3, kind="summer_job_voucher", months=[("2025-06", "400.00")], on=date(2025, 5, 2)),
        support_decision(
            "decided", s4, kind="recruitment_bonus", months=[("2025-05", "1500.00")], on=date(2025, 4, 28)
        ),
        support_decision("ended", s4, kind="recruitment_bonus", months=[("2025-05", "1500.00")], on=date(2025, 5, 10)),
        support_decision(
            "decided",
            other,
            **pay,
            starts=date(2025, 2, 1),
            ends=date(2025, 3, 31),
            percent=50,
            monthly_wage_cost="2000.00",
            months=[("2025-02", "1000.00"), ("2025-03", "1000.00")],
            on=date(2025, 1, 20),
            organisation=MIKKELI,
        ),
    ]


BUDGET_LINES = "Kuukausi;Rivi;Laji;Luokka;Budjetti;Toteuma;Sidottu\n" + "".join(
    f"2025-{m:02d};Palkkatuki;Tuet;Määrärahasidonnainen;2500;"
    f"{ {1: '700', 2: '1400'}.get(m, '') };{'2000' if m == 8 else ''}\n"
    for m in range(1, 13)
)


async def cells(client: httpx.AsyncClient, issuer: TestIssuer, first: str, last: str, **params: Any) -> list[Any]:
    response = await figures(client, issuer, "budget", **{"from": first, "to": last, **params})
    assert response.status_code == 200, response.text
    return list(response.json()["cells"])


def of(found: list[Any], breakdown: str) -> list[Any]:
    return [c for c in found if c["breakdown"] == breakdown]


class TestCommitmentsFromDecisions:
    async def test_by_month_and_class_beside_the_imported_ones(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        await deliver_all(client, decisions())
        assert (await upload(client, test_issuer, "budget-lines", BUDGET_LINES, vintage=None)).status_code == 201
        year = await cells(client, test_issuer, "2025-01", "2025-12")
        assert [c["amounts"]["committed_from_decisions"] for c in of(year, BOUND)] == [
            774.19,
            1500.0,
            2900.0,
            2900.0,
            2900.0,
            2900.0,
            2177.42,
            1500.0,
            1500.0,
            1500.0,
            1500.0,
            1500.0,
        ]
        assert [c["amounts"]["committed"] for c in of(year, BOUND)] == [0.0] * 7 + [2000.0] + [0.0] * 4
        assert [c["amounts"]["committed_from_decisions"] for c in of(year, VOLUNTARY)] == [0.0] * 5 + [400.0] + [
            0.0
        ] * 6
        january = await cells(client, test_issuer, "2026-01", "2026-01")
        assert [(c["breakdown"], c["amounts"]["committed_from_decisions"]) for c in january] == [(BOUND, 725.81)]

    async def test_the_forecast_counts_the_commitments_left(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        await deliver_all(client, decisions())
        assert (await upload(client, test_issuer, "budget-lines", BUDGET_LINES, vintage=None)).status_code == 201
        february = await cells(client, test_issuer, "2025-02", "2025-02")
        assert of(february, BOUND)[0]["value"] == 1400.0
        assert of(february, BOUND)[0]["amounts"] == {
            "budgeted": 2500.0,
            "actual": 1400.0,
            "committed": 0.0,
            "committed_from_decisions": 1500.0,
            "year_budget": 30000.0,
            "year_actual_to_date": 2100.0,
            "year_end_forecast": 23877.42,
        }
        assert of(february, VOLUNTARY)[0]["value"] is None
        assert of(february, VOLUNTARY)[0]["amounts"]["year_end_forecast"] == 400.0

    async def test_another_organisation_sees_only_its_own(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        await deliver_all(client, decisions())
        march = await cells(client, test_issuer, "2025-03", "2025-03", org=MIKKELI)
        assert [(c["breakdown"], c["amounts"]["committed_from_decisions"]) for c in march] == [(BOUND, 1000.0)]

    async def test_a_rebuild_gives_the_same_figures(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        await deliver_all(client, decisions())
        live = await cells(client, test_issuer, "2025-01", "2026-01")
        assert any(c["amounts"]["committed_from_decisions"] for c in live)
        await rebuild(db_session)
        assert await cells(client, test_issuer, "2025-01", "2026-01") == live
