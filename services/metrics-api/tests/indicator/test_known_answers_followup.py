"""Known answers for structural unemployment, the share without post-basic education, the employment rate, the
effectiveness follow-up and figures by employment area, counted here by hand from the official definitions, not
from the code's output:

- structural unemployment (*rakennetyöttömyys*), TEM's employment service statistics (Tilastokeskus, StatFin,
  työnvälitystilasto, table 12ub; the footnotes of table 902): long-term unemployed (continuously at least 12 months)
  + comparable long-term unemployed (at least 12 months unemployed in total in the last 16 months, not the former)
  + unemployed after a service (a listed service ended in the 3 months before the count date, unemployed on it)
  + moved from service to service, on the month's last working day;
- without post-basic education: ISCED 2011 levels 0–2 (Statistics Finland's Koulutusluokitus 2016);
- employment rate (*työllisyysaste*), Statistics Finland: the employed as a share of the population of the same age;
- employment areas: Statistics Finland's sub-regional units 2025 (Lahti 071 covers Lahti and Hollola, Mikkeli 101).

Lahti's job seekers (count date Fri 31 Oct 2025; 1 Nov, All Saints' Day, is a Saturday):

====== ======= ====================================================================================================
cohort persons history
====== ======= ====================================================================================================
S1     5       Lahti; registered Mon 2 Sep 2024, unemployed throughout (14 months by the count date); basic
               education; two of them completed a referral on 15 May 2025
S2     5       Lahti; unemployed from 1 Jul 2024, employed 2 Jan 2025, unemployed again 3 Mar 2025: 185 + 243 = 428
               days unemployed in the 16 months from 1 Jul 2024; upper-secondary vocational education
S3     5       Lahti; registered 5 May 2025; in an activating service (status) 2 Jun – 31 Aug 2025, unemployed
               again 1 Sep 2025; no completed basic education
S4     5       Lahti; registered 7 Jan 2025; work trial 3 Mar – 30 Jun 2025, labour-market training 14 Jul –
               19 Dec 2025 (14 days between); bachelor's degree, reassessed on 10 Nov 2025 as basic education
T      5       Lahti; registered 7 Jan 2025; work trial 3 Mar – 30 Jun 2025; employed from 1 Aug 2025; an assessment
               that records no education
U      5       Lahti; registered 4 Nov 2024; pay subsidy (employer in TOL class Q) 2 Jan – 30 Jun 2025; employed
               from 1 Jul 2025
V      6       Lahti; registered 1 Apr 2025; coaching 2 Jun – 30 Sep 2025; five employed from 1 Oct 2025, one stays
               unemployed
S5     5       Hollola (098); registered 2 Jun 2025, unemployed
S6     5       Mikkeli (491); registered 2 Jun 2025, unemployed
====== ======= ====================================================================================================

Imported: the population aged 15–64 and 20–64 with its employed, December 2024.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.indicator import service as indicators
from polku_kit.testing import MIKKELI, WELLBEING_COUNTY, TestIssuer

from ..factories import assessed, at, deliver_all, episode, referral, registered, status_changed, subsidy
from .test_known_answers import HOLLOLA, LAHTI_CODE, MANAGER, cohort, figure

MIKKELI_CODE = "491"


def dataset() -> list[dict[str, Any]]:
    s1, s2, s3, s4, t, u, v, s5, s6 = (cohort(n) for n in (5, 5, 5, 5, 5, 5, 6, 5, 5))
    events: list[dict[str, Any]] = []
    for x in s1:
        events += [registered(x, started=date(2024, 9, 2)), assessed(x, on=date(2024, 9, 9), version=1, level="basic")]
    for x in s2:
        events += [
            registered(x, started=date(2024, 7, 1)),
            status_changed(x, on=date(2025, 1, 2), to="employed"),
            status_changed(x, on=date(2025, 3, 3), to="unemployed", previous="employed"),
            assessed(x, on=date(2024, 7, 8), version=1, level="upper_secondary_vocational"),
        ]
    for x in s3:
        events += [
            registered(x, started=date(2025, 5, 5)),
            status_changed(x, on=date(2025, 6, 2), to="in_activating_service"),
            status_changed(x, on=date(2025, 9, 1), to="unemployed", previous="in_activating_service"),
            assessed(x, on=date(2025, 5, 12), version=1, level="none"),
        ]
    for x in s4:
        trial, training = uuid.uuid4(), uuid.uuid4()
        events += [
            registered(x, started=date(2025, 1, 7)),
            episode("started", x, episode_id=trial, type="work_trial", starts=date(2025, 3, 3)),
            episode("ended", x, episode_id=trial, type="work_trial", starts=date(2025, 3, 3), ends=date(2025, 6, 30)),
            episode("started", x, episode_id=training, type="labour_market_training", starts=date(2025, 7, 14)),
            episode(
                "ended",
                x,
                episode_id=training,
                type="labour_market_training",
                starts=date(2025, 7, 14),
                ends=date(2025, 12, 19),
            ),
            assessed(x, on=date(2025, 1, 14), version=1, level="bachelor"),
            assessed(x, on=date(2025, 11, 10), version=2, level="basic"),
        ]
    for x in t:
        trial = uuid.uuid4()
        events += [
            registered(x, started=date(2025, 1, 7)),
            episode("ended", x, episode_id=trial, type="work_trial", starts=date(2025, 3, 3), ends=date(2025, 6, 30)),
            status_changed(x, on=date(2025, 8, 1), to="employed"),
            assessed(x, on=date(2025, 1, 14), version=1, level=None),
        ]
    for x in u:
        events += [
            registered(x, started=date(2024, 11, 4)),
            subsidy(
                "decided",
                uuid.uuid4(),
                x,
                starts=date(2025, 1, 2),
                ends=date(2025, 6, 30),
                euros="6000.00",
                on=date(2024, 12, 20),
            ),
            status_changed(x, on=date(2025, 7, 1), to="employed"),
        ]
    for i, x in enumerate(v):
        coaching = uuid.uuid4()
        events += [
            registered(x, started=date(2025, 4, 1)),
            episode("ended", x, episode_id=coaching, type="coaching", starts=date(2025, 6, 2), ends=date(2025, 9, 30)),
        ]
        if i < 5:
            events.append(status_changed(x, on=date(2025, 10, 1), to="employed"))
    for x in s5:
        events.append(registered(x, started=date(2025, 6, 2), municipality=HOLLOLA))
    for x in s6:
        events.append(registered(x, started=date(2025, 6, 2), municipality=MIKKELI_CODE))
    service = uuid.uuid4()
    for x in s1[:2]:
        common: dict[str, Any] = {
            "referral_id": uuid.uuid4(),
            "client_id": x,
            "partner": WELLBEING_COUNTY,
            "service_id": service,
        }
        events += [
            referral("sent", moment=at(date(2025, 4, 1), 9), **common),
            referral("accepted", moment=at(date(2025, 4, 2), 9), **common),
            referral("completed", moment=at(date(2025, 5, 15), 9), **common),
        ]
    return events


async def employment_rate_import(client: httpx.AsyncClient, issuer: TestIssuer) -> None:
    content = (
        "Alue;Kuukausi;Ryhmä;Työvoima;Väestö;Työlliset\n"
        "KU398;2024M12;15-64;60000;80000;56000\n"
        "KU098;2024M12;15-64;9500;12000;9000\n"
        "KU398;2024M12;20-64;58000;75000;55000\n"
    )
    response = await client.post(
        "/v1/imports/labour-force",
        content=content.encode(),
        params={"vintage": "test vintage"},
        headers={**issuer.headers(subject="manager-1", roles=["manager"], org=MANAGER.organisation_id)}
        | {"content-type": "text/csv"},
    )
    assert response.status_code == 201, response.text


async def by_area(session: AsyncSession, indicator: str, month: str) -> dict[tuple[str | None, str | None], Any]:
    found = await indicators.figures(
        session=session,
        principal=MANAGER,
        indicator=indicator,
        first=month,
        last=month,
        group=indicators.Group.all,
        municipality=None,
        by_area=True,
    )
    return {(c.employment_area, c.breakdown): "withheld" if c.suppressed else c.value for c in found.cells}


def cohort_of(cells: dict[tuple[str | None, str | None], Any], prefix: str) -> dict[str, Any]:
    """The organisation's cells of one cohort (``{h}m/{origin}:{key}``), by destination."""
    return {
        breakdown.removeprefix(prefix + "/"): value
        for (municipality, breakdown), value in cells.items()
        if municipality is None and breakdown is not None and breakdown.startswith(prefix + "/")
    }


ZEROS = dict.fromkeys(
    (
        "open_labour_market",
        "subsidised_work",
        "education",
        "unemployed",
        "in_other_service",
        "outside_labour_force",
        "not_known",
    ),
    0.0,
)


class TestKnownAnswersFollowUp:
    async def test_structural_education_employment_rate_follow_up_and_areas(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        await deliver_all(client, dataset())
        await employment_rate_import(client, test_issuer)
        s = db_session

        # Structural unemployment, Fri 31 Oct 2025, by component: S1 long-term; S2 comparable (428 ≥ 365 days of
        # the last 16 months); S3 and V's one unemployed after a service that ended on 31 Aug and 30 Sep (within the
        # 3 months from 31 Jul): 6; S4 moved from the work trial to the training 14 days later. T, U and V's other
        # five are employed; S5 and S6 have been unemployed for five months only.
        assert await figure(s, "structurally_unemployed", "2025-10") == {
            (LAHTI_CODE, "comparable_long_term_unemployed"): 5,
            (LAHTI_CODE, "long_term_unemployed"): 5,
            (LAHTI_CODE, "service_to_service"): 5,
            (LAHTI_CODE, "unemployed_after_service"): 6,
            (None, "comparable_long_term_unemployed"): 5,
            (None, "long_term_unemployed"): 5,
            (None, "service_to_service"): 5,
            (None, "unemployed_after_service"): 6,
            (None, None): 21,
        }

        # Without post-basic education, 31 Oct 2025: of the 20 job seekers whose education is recorded (T's
        # assessment records none; U, V, S5, S6 have none), S1 (basic) and S3 (none): 10 / 20 = 50 %. Fri 28 Nov
        # 2025: S4's reassessment of 10 Nov says basic: 15 / 20 = 75 %.
        assert await figure(s, "without_post_basic_education", "2025-10") == {
            (LAHTI_CODE, None): 50.0,
            (None, None): 50.0,
        }
        assert await figure(s, "without_post_basic_education", "2025-11") == {
            (LAHTI_CODE, None): 75.0,
            (None, None): 75.0,
        }

        # Employment rate (December 2024 rows, the latest at or before June 2025): Lahti 15–64 56 000 / 80 000 =
        # 70.0 %, Hollola 9 000 / 12 000 = 75.0 %, both 65 000 / 92 000 = 70.65 → 70.7 %; Lahti 20–64
        # 55 000 / 75 000 = 73.3 %.
        assert await figure(s, "employment_rate", "2025-06") == {
            (HOLLOLA, "15-64"): 75.0,
            (LAHTI_CODE, "15-64"): 70.0,
            (None, "15-64"): 70.7,
            (LAHTI_CODE, "20-64"): 73.3,
            (None, "20-64"): 73.3,
        }
        # By employment area: Lahti and Hollola are both in the Lahti sub-region (071).
        assert await by_area(s, "employment_rate", "2025-06") == {
            ("071", "15-64"): 70.7,
            (None, "15-64"): 70.7,
            ("071", "20-64"): 73.3,
            (None, "20-64"): 73.3,
        }
        # Job seekers on 31 Oct 2025: Lahti 5 × 6 + 6 = 36 and Hollola 5 in area 071; Mikkeli 5 in area 101.
        assert await figure(s, "job_seekers", "2025-10") == {
            (HOLLOLA, None): 5,
            (LAHTI_CODE, None): 36,
            (MIKKELI_CODE, None): 5,
            (None, None): 46,
        }
        assert await by_area(s, "job_seekers", "2025-10") == {("071", None): 41, ("101", None): 5, (None, None): 46}

        # Effectiveness follow-up, June 2025 cohort: ten work trials ended on 30 Jun (S4, T). 30 Sep 2025: T employed
        # (open labour market) 5, S4 in labour-market training (education) 5. 30 Dec 2025 and 30 Jun 2026: T 5 in the
        # open labour market; S4's training ended on 19 Dec and they are unemployed: 5.
        cells = await figure(s, "effectiveness_follow_up", "2025-06")
        assert cohort_of(cells, "3m/service:work_trial") == ZEROS | {"open_labour_market": 50.0, "education": 50.0}
        assert cohort_of(cells, "6m/service:work_trial") == ZEROS | {"open_labour_market": 50.0, "unemployed": 50.0}
        assert cohort_of(cells, "12m/service:work_trial") == ZEROS | {"open_labour_market": 50.0, "unemployed": 50.0}
        # U's pay subsidies ended on 30 Jun 2025 and they are employed from 1 Jul: 100 % open labour market.
        assert cohort_of(cells, "3m/support:pay_subsidy") == ZEROS | {"open_labour_market": 100.0}
        # September 2025: V's six coachings; 30 Dec 2025: five employed, one unemployed. The one is withheld (1 to 4
        # persons), and so are the five (the cohort's size, six, would give the one away); the zeros are shown.
        september = await figure(s, "effectiveness_follow_up", "2025-09")
        assert cohort_of(september, "3m/service:coaching") == ZEROS | {
            "open_labour_market": "withheld",
            "unemployed": "withheld",
        }
        # May 2025: two referrals completed, a cohort of two: every cell withheld.
        may = await figure(s, "effectiveness_follow_up", "2025-05")
        assert may and set(may.values()) == {"withheld"}

    async def test_the_follow_up_endpoint_by_employer_sector_and_horizon(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await deliver_all(client, dataset())
        headers = test_issuer.headers(subject="manager-1", roles=["manager"], org=MANAGER.organisation_id)
        response = await client.get(
            "/v1/effectiveness",
            params={"from": "2025-06", "to": "2025-06", "by": "employer_sector", "horizon": 12},
            headers=headers,
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["definitions"][0]["code"] == "effectiveness_follow_up"
        totals = {c["breakdown"]: c["value"] for c in body["cells"] if c["municipality"] is None}
        # U's subsidies: the employer's TOL 2008 main class Q; the work trials name no employer.
        assert totals["12m/support:Q/open_labour_market"] == 100.0
        assert totals["12m/service:unknown/unemployed"] == 50.0
        assert not any(b.startswith(("3m/", "6m/")) for b in totals)

    async def test_wrong_role_and_other_organisation(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        await deliver_all(client, dataset())
        params = {"from": "2025-06", "to": "2025-06"}
        coach = test_issuer.headers(subject="coach-1", roles=["coach"], org=MANAGER.organisation_id)
        refused = await client.get("/v1/effectiveness", params=params, headers=coach)
        assert refused.status_code == 403
        assert refused.headers["content-type"].startswith("application/problem+json")
        other = test_issuer.headers(subject="manager-2", roles=["manager"], org=MIKKELI)
        theirs = await client.get("/v1/effectiveness", params=params, headers=other)
        assert theirs.status_code == 200 and theirs.json()["cells"] == []
        bad = await client.get("/v1/effectiveness", params={**params, "horizon": 5}, headers=other)
        assert bad.status_code == 422
