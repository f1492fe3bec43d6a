"""Known answers of the case-work figures added from their definitions (``definitions.py``): statutory deadlines met
on time (Act 380/2023 and the Nordic labour market service model, by the rule set named on each deadline), job
offers and introductions and their outcomes, and pay-subsidy periods started by the employer's TOL 2008 main class.
Counted by hand below; who may read them (a partner no, a coach their own caseload's, another organisation none)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.indicator.definitions import Group
from polku_kit.auth import Principal
from polku_kit.testing import LAHTI, MIKKELI, WELLBEING_COUNTY, TestIssuer

from ..factories import (
    CLIENTS,
    at,
    deliver_all,
    event,
    overdue,
    placement,
    plan_created,
    registered,
    status_changed,
    subsidy,
    waived,
)
from .test_known_answers import figure
from .test_router import figures

RULES = "2022-05-02"


def met(client_id: uuid.UUID, *, kind: str, number: int, due: date, on: date) -> dict[str, Any]:
    data = {"client_id": str(client_id), "kind": kind, "number": number, "due_on": due.isoformat(), "rule_set": RULES}
    return event(CLIENTS, "fi.polku.client.deadline_met.v1", data, at(on), f"clients/{client_id}")


def dataset() -> list[dict[str, Any]]:
    """Seven job seekers in Lahti since 2 January 2025 (six of coach-a, one of coach-b), one in Mikkeli's
    organisation.

    Initial interviews due 10 February 2025: c0–c4 met on 7 February; c5 reported overdue; c6 reported overdue and
    met on 12 February (late: not on time); c6's supplementary interview due 20 February waived (left out); c0's
    interview due 3 March met (another month); the Mikkeli client's met (another organisation). Met on time in
    February: 5 of 7 = 71.4 %; coach-a's caseload: 5 of 6 = 83.3 %.

    Job offers made 3 March 2025 to c0–c5 (6): c0–c4 hired, c5 none yet; introductions made 4 March to c0–c4 (5),
    none with an outcome; one offer to the Mikkeli client. March: job_offer/hired 5, job_offer/pending 1 (withheld,
    and with it the smallest shown part), introduction/pending 5.

    Pay-subsidy periods: six starting 1 April 2025 with employers of class Q (c0–c5), five starting 15 April with
    class I (c0, c1, c2, c3, c6), one starting 1 May (another month), one for the Mikkeli client. April: Q 6, I 5,
    11 in all."""
    c = [uuid.uuid4() for _ in range(7)]
    other = uuid.uuid4()
    started = date(2025, 1, 2)
    facts = [registered(x, started=started, coach="coach-a" if i < 6 else "coach-b") for i, x in enumerate(c)]
    facts.append(registered(other, started=started, organisation=MIKKELI, municipality="491"))
    feb10 = date(2025, 2, 10)
    facts += [met(x, kind="initial_interview", number=1, due=feb10, on=date(2025, 2, 7)) for x in c[:5]]
    facts += [overdue(x, kind="initial_interview", number=1, due=feb10, rule_set=RULES) for x in c[5:]]
    facts.append(met(c[6], kind="initial_interview", number=1, due=feb10, on=date(2025, 2, 12)))
    facts.append(waived(c[6], kind="supplementary_interview", number=2, due=date(2025, 2, 20), on=date(2025, 2, 5)))
    facts.append(met(c[0], kind="supplementary_interview", number=2, due=date(2025, 3, 3), on=date(2025, 3, 3)))
    facts.append(met(other, kind="initial_interview", number=1, due=feb10, on=date(2025, 2, 7)))

    offers = [uuid.uuid4() for _ in range(6)]
    march3, march4 = date(2025, 3, 3), date(2025, 3, 4)
    facts += [
        placement("fi.polku.job_offer.sent.v1", "job_offer_id", o, x, on=march3)
        for o, x in zip(offers, c[:6], strict=True)
    ]
    facts += [
        placement("fi.polku.job_offer.outcome.v1", "job_offer_id", o, x, on=date(2025, 4, 1), outcome="hired")
        for o, x in zip(offers[:5], c[:5], strict=True)
    ]
    facts += [placement("fi.polku.introduction.made.v1", "introduction_id", uuid.uuid4(), x, on=march4) for x in c[:5]]
    facts.append(placement("fi.polku.job_offer.sent.v1", "job_offer_id", uuid.uuid4(), other, on=march3))

    def support(x: uuid.UUID, starts: date, sector: str) -> dict[str, Any]:
        found = subsidy("decided", uuid.uuid4(), x, starts=starts, ends=date(2025, 12, 31), euros="5000.00", on=starts)
        found["data"]["industry_main_class"] = sector
        return found

    facts += [support(x, date(2025, 4, 1), "Q") for x in c[:6]]
    facts += [support(x, date(2025, 4, 15), "I") for x in (c[0], c[1], c[2], c[3], c[6])]
    facts.append(support(c[4], date(2025, 5, 1), "Q"))
    facts.append(support(other, date(2025, 4, 1), "Q"))
    return facts


def plans() -> list[dict[str, Any]]:
    """Eleven job seekers registered in Lahti on 2 January 2025, c0–c5 coach-a's, c6–c10 coach-b's; the count date
    of June 2025 is Monday 30 June.

    c0–c4: a plan made 10 May with its review on 10 August (up to date on 30 June); c0's version 2 made 1 July
    with a review on 15 June does not count yet. c5: a plan made 10 January, review 10 April (passed). c6–c9: no
    plan. c10: employed from 2 June (out of the schedule), a plan whose review passed. In the schedule 10, up to date
    5: 50.0 %, plan debt 5. coach-a's caseload: 5 of 6 up to date, 83.3 %, debt 1 (withheld)."""
    c = [uuid.uuid4() for _ in range(11)]
    facts = [registered(x, started=date(2025, 1, 2), coach="coach-a" if i < 6 else "coach-b") for i, x in enumerate(c)]
    facts += [plan_created(x, on=date(2025, 5, 10), version=1, review=date(2025, 8, 10)) for x in c[:5]]
    facts.append(plan_created(c[0], on=date(2025, 7, 1), version=2, review=date(2025, 6, 15)))
    facts.append(plan_created(c[5], on=date(2025, 1, 10), version=1, review=date(2025, 4, 10)))
    facts.append(status_changed(c[10], on=date(2025, 6, 2), to="employed"))
    facts.append(plan_created(c[10], on=date(2025, 1, 10), version=1, review=date(2025, 4, 10)))
    return facts


class TestKnownAnswers:
    async def test_up_to_date_plans_and_the_plan_debt(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        await deliver_all(client, plans())
        assert await figure(db_session, "plans_up_to_date", "2025-06") == {("398", None): 50.0, (None, None): 50.0}
        assert await figure(db_session, "plan_debt", "2025-06") == {("398", None): 5.0, (None, None): 5.0}
        coach = Principal(subject="coach-a", roles=frozenset({"coach"}), organisation_id=LAHTI)
        assert await figure(db_session, "plans_up_to_date", "2025-06", principal=coach) == {
            ("398", None): 83.3,
            (None, None): 83.3,
        }
        assert await figure(db_session, "plan_debt", "2025-06", principal=coach) == {
            ("398", None): "withheld",
            (None, None): "withheld",
        }

    async def test_deadlines_met_on_time(self, client: httpx.AsyncClient, db_session: AsyncSession) -> None:
        await deliver_all(client, dataset())
        key = f"initial_interview/{RULES}"
        assert await figure(db_session, "deadlines_met_on_time", "2025-02") == {
            ("398", key): 71.4,
            (None, key): 71.4,
            (None, None): 71.4,
        }

    async def test_offers_and_introductions_and_their_outcomes(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        await deliver_all(client, dataset())
        assert await figure(db_session, "offers_and_introductions", "2025-03") == {
            ("398", "introduction/pending"): "withheld",
            ("398", "job_offer/hired"): 5.0,
            ("398", "job_offer/pending"): "withheld",
            (None, "introduction/pending"): "withheld",
            (None, "job_offer/hired"): 5.0,
            (None, "job_offer/pending"): "withheld",
            (None, None): 11.0,
        }

    async def test_pay_subsidy_periods_started_by_industry(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        await deliver_all(client, dataset())
        assert await figure(db_session, "pay_subsidy_periods_started", "2025-04") == {
            ("398", "I"): 5.0,
            ("398", "Q"): 6.0,
            (None, "I"): 5.0,
            (None, "Q"): 6.0,
            (None, None): 11.0,
        }
        assert (await figure(db_session, "pay_subsidy_periods_started", "2025-05"))[(None, None)] == "withheld"


class TestAccess:
    async def test_a_partner_reads_none_of_them(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        for code in (
            "deadlines_met_on_time",
            "offers_and_introductions",
            "pay_subsidy_periods_started",
            "plans_up_to_date",
            "plan_debt",
        ):
            response = await figures(client, test_issuer, code, role="partner", org=WELLBEING_COUNTY)
            assert response.status_code == 403, code
            assert response.json()["type"].endswith("indicator-not-for-this-role")

    async def test_a_coach_reads_their_own_caseload_s_and_not_the_area_s(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await deliver_all(client, dataset())
        mine = await figures(
            client,
            test_issuer,
            "deadlines_met_on_time",
            role="coach",
            subject="coach-a",
            **{"from": "2025-02", "to": "2025-02"},
        )
        assert mine.status_code == 200
        whole = next(c for c in mine.json()["cells"] if c["municipality"] is None and c["breakdown"] is None)
        assert (whole["value"], whole["persons"], whole["denominator"]) == (83.3, 5, 6)
        theirs = await figures(
            client,
            test_issuer,
            "offers_and_introductions",
            role="coach",
            subject="coach-b",
            **{"from": "2025-03", "to": "2025-03"},
        )
        assert [c["persons"] for c in theirs.json()["cells"] if c["breakdown"] is None] == [0]
        area = await figures(client, test_issuer, "pay_subsidy_periods_started", role="coach", subject="coach-a")
        assert area.status_code == 403

    async def test_another_organisation_s_manager_sees_none_of_these(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await deliver_all(client, dataset())
        for code, month in (
            ("deadlines_met_on_time", "2025-02"),
            ("offers_and_introductions", "2025-03"),
            ("pay_subsidy_periods_started", "2025-04"),
        ):
            response = await figures(client, test_issuer, code, org=MIKKELI, **{"from": month, "to": month})
            assert response.status_code == 200
            assert all(c["municipality"] in (None, "491") for c in response.json()["cells"]), code
            whole = next(c for c in response.json()["cells"] if c["municipality"] is None and c["breakdown"] is None)
            assert whole["suppressed"] or whole["persons"] == 0, code
            assert Group.all.value == whole["group"]
