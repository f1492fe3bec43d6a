"""Known answers: a dataset small enough to count by hand, and every indicator's figure counted here by hand from the
definitions (TEM's employment service statistics, Työnvälitystilasto: stock figures are a cross-section on the
month's last working day; long-term unemployed: continuously unemployed for at least 12 months; activation rate:
persons in activating services ÷ (unemployed job seekers + persons in activating services) × 100), not from the
code's output.

Thirty-three job seekers of Lahti's employment authority, March 2024 to January 2026, in six cohorts that move
together, so that most cells count five or more persons (fewer are withheld, and cohort F shows it):

====== ======= ========== ============ =========== =====================================================================
cohort persons born       citizenship  coach       history
====== ======= ========== ============ =========== =====================================================================
A      6       1980-05-05 FI           coach-a,    Lahti; registered (unemployed) Mon 4 Mar 2024, unemployed throughout;
                                       coach-b     coach-b from 1 Jul 2025; job-search discussion due 15 Jan 2026 missed
                                       from 1 Jul  (rule set 2026-01-01)
B      5       2001-06-15 FI           coach-a     Lahti; registered Good Friday 29 Mar 2024; activating service from
                                                   3 Jun 2024; unemployed again 2 Dec 2024; search ended 3 Feb 2025
C      5       1996-01-10 FI           coach-b     Hollola (098); registered 2 Sep 2024; moved to Lahti 15 May 2025;
                                                   employed 1 Oct 2025; search ended 1 Dec 2025
D      5       1990-03-03 EE           coach-b     Lahti; registered 7 Jan 2025; initial interview due 14 Jan 2025
                                                   missed (rule set 2022-05-02); activating service from 1 Apr 2025
E      5       1970-08-08 FI           coach-c     Lahti; registered 2 Apr 2024; supplementary interview 5 due
                                                   14 May 2024 waived; activating service from 5 May 2025 (after 13
                                                   months' unemployment)
F      2       1985-01-01 FI           coach-c     Lahti; registered 2 Jun 2025
====== ======= ========== ============ =========== =====================================================================

Seven referrals to the wellbeing county, sent Mon 1 Sep 2025 at 9.00: five accepted on the 3rd at 9.00 (48 hours),
two rejected on the 2nd at 9.00 (24 hours). Labour force imported: Lahti 1 300, Hollola 500 (December 2024).
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.feed.service import take_in
from metrics_api.indicator import service as indicators
from metrics_api.indicator.definitions import CODES, Group, in_force
from polku_kit.auth import Principal
from polku_kit.inbox import parse
from polku_kit.testing import LAHTI, MIKKELI, WELLBEING_COUNTY, TestIssuer

from ..factories import assigned, at, deliver_all, moved, overdue, referral, registered, status_changed, waived

LAHTI_CODE, HOLLOLA = "398", "098"


def cohort(size: int) -> list[uuid.UUID]:
    return [uuid.uuid4() for _ in range(size)]


def dataset() -> list[dict[str, Any]]:
    a, b, c, d, e, f = cohort(6), cohort(5), cohort(5), cohort(5), cohort(5), cohort(2)
    events: list[dict[str, Any]] = []
    for x in a:
        events += [
            registered(x, started=date(2024, 3, 4), born=date(1980, 5, 5), coach="coach-a", citizenship="FI"),
            assigned(x, on=date(2025, 7, 1), coach="coach-b"),
            overdue(x, kind="job_search_discussion", number=3, due=date(2026, 1, 15), rule_set="2026-01-01"),
        ]
    for x in b:
        events += [
            registered(x, started=date(2024, 3, 29), born=date(2001, 6, 15), coach="coach-a", citizenship="FI"),
            status_changed(x, on=date(2024, 6, 3), to="in_activating_service"),
            status_changed(x, on=date(2024, 12, 2), to="unemployed", previous="in_activating_service"),
            status_changed(x, on=date(2025, 2, 3), to="search_ended"),
        ]
    for x in c:
        events += [
            registered(
                x,
                started=date(2024, 9, 2),
                born=date(1996, 1, 10),
                coach="coach-b",
                municipality=HOLLOLA,
                citizenship="FI",
            ),
            moved(x, on=date(2025, 5, 15), municipality=LAHTI_CODE),
            status_changed(x, on=date(2025, 10, 1), to="employed"),
            status_changed(x, on=date(2025, 12, 1), to="search_ended", previous="employed"),
        ]
    for x in d:
        events += [
            registered(x, started=date(2025, 1, 7), born=date(1990, 3, 3), coach="coach-b", citizenship="EE"),
            overdue(x, kind="initial_interview", number=1, due=date(2025, 1, 14), rule_set="2022-05-02"),
            status_changed(x, on=date(2025, 4, 1), to="in_activating_service"),
        ]
    for x in e:
        events += [
            registered(x, started=date(2024, 4, 2), born=date(1970, 8, 8), coach="coach-c", citizenship="FI"),
            waived(x, kind="supplementary_interview", number=5, due=date(2024, 5, 14), on=date(2024, 5, 6)),
            status_changed(x, on=date(2025, 5, 5), to="in_activating_service"),
        ]
    for x in f:
        events += [registered(x, started=date(2025, 6, 2), born=date(1985, 1, 1), coach="coach-c", citizenship="FI")]
    service = uuid.uuid4()
    for i, x in enumerate([*a, b[0]]):
        ref = uuid.uuid4()
        common: dict[str, Any] = {
            "referral_id": ref,
            "client_id": x,
            "partner": WELLBEING_COUNTY,
            "service_id": service,
        }
        events.append(referral("sent", moment=at(date(2025, 9, 1), 9), **common))
        if i < 5:
            events.append(referral("accepted", moment=at(date(2025, 9, 3), 9), **common))
        else:
            events.append(referral("rejected", moment=at(date(2025, 9, 2), 9), **common))
    return events


MANAGER = Principal(subject="manager-1", roles=frozenset({"manager"}), organisation_id=LAHTI)


async def figure(
    session: AsyncSession, indicator: str, month: str, group: Group = Group.all, principal: Principal = MANAGER
) -> dict[tuple[str | None, str | None], Any]:
    """The month's cells by (municipality, breakdown): their value, or 'withheld'."""
    found = await indicators.figures(
        session=session,
        principal=principal,
        indicator=indicator,
        first=month,
        last=month,
        group=group,
        municipality=None,
    )
    return {(c.municipality, c.breakdown): "withheld" if c.suppressed else c.value for c in found.cells}


async def labour_force(client: httpx.AsyncClient, issuer: TestIssuer) -> None:
    content = "Alue;Kuukausi;Työvoima;Väestö\nKU398;2024M12;1300;2500\nKU098;2024M12;500;900\n"
    response = await client.post(
        "/v1/imports/labour-force",
        content=content.encode(),
        params={"vintage": "test vintage"},
        headers={**issuer.headers(subject="manager-1", roles=["manager"], org=LAHTI), "content-type": "text/csv"},
    )
    assert response.status_code == 201, response.text


class TestKnownAnswers:
    async def test_every_indicator_counted_by_hand(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        await deliver_all(client, dataset())
        await labour_force(client, test_issuer)
        s = db_session

        # Job seekers. March 2024: the 31st is Easter Sunday and the 29th Good Friday, so the count date is Thursday
        # the 28th: A (6) counts; B, registered on Good Friday, does not yet.
        assert await figure(s, "job_seekers", "2024-03") == {(LAHTI_CODE, None): 6, (None, None): 6}
        # June 2025 (Mon 30th): A 6, C 5 (moved to Lahti in May), D 5 and E 5 (in services), F 2; B's search ended.
        assert await figure(s, "job_seekers", "2025-06") == {(LAHTI_CODE, None): 23, (None, None): 23}
        # Under 30 on 30 Jun 2025: C only (born 10 Jan 1996, 29); under 25: nobody (B's search has ended).
        assert await figure(s, "job_seekers", "2025-06", Group.under_30) == {(LAHTI_CODE, None): 5, (None, None): 5}
        assert await figure(s, "job_seekers", "2025-06", Group.under_25) == {(None, None): 0}
        # Under 25 on Tue 31 Dec 2024: B (23), unemployed again.
        assert await figure(s, "job_seekers", "2024-12", Group.under_25) == {(LAHTI_CODE, None): 5, (None, None): 5}
        # Foreign citizens: D (Estonian).
        assert await figure(s, "job_seekers", "2025-06", Group.foreign_citizens) == {
            (LAHTI_CODE, None): 5,
            (None, None): 5,
        }
        # Long-term unemployed group on 30 Jun 2025: A (unemployed since 4 Mar 2024) and E (in a service entered
        # straight from 13 months' unemployment); C's spell is ten months old.
        assert await figure(s, "job_seekers", "2025-06", Group.long_term_unemployed) == {
            (LAHTI_CODE, None): 11,
            (None, None): 11,
        }

        # Unemployed job seekers. Tue 31 Dec 2024: A 6, B 5, E 5 in Lahti; C 5 in Hollola.
        assert await figure(s, "unemployed_job_seekers", "2024-12") == {
            (HOLLOLA, None): 5,
            (LAHTI_CODE, None): 16,
            (None, None): 21,
        }
        # Tue 30 Sep 2025: A 6, C 5 (now Lahti, employed only from 1 Oct), F 2.
        assert await figure(s, "unemployed_job_seekers", "2025-09") == {(LAHTI_CODE, None): 13, (None, None): 13}

        # Long-term unemployed (12 months continuously). Fri 29 Aug 2025: A; C reaches 12 months on 2 Sep.
        assert await figure(s, "long_term_unemployed", "2025-08") == {(LAHTI_CODE, None): 6, (None, None): 6}
        assert await figure(s, "long_term_unemployed", "2025-09") == {(LAHTI_CODE, None): 11, (None, None): 11}

        # Flows: a spell passes N months on the day after the same day N months from its start.
        # Over 3 months: A on 5 Jun 2024 (B's spell from 29 Mar ended 3 Jun, before 30 Jun); E on 3 Jul 2024;
        # C on 3 Dec 2024 in Hollola; F (2) on 3 Sep 2025: withheld.
        assert await figure(s, "flow_over_3_months", "2024-06") == {(LAHTI_CODE, None): 6, (None, None): 6}
        assert await figure(s, "flow_over_3_months", "2024-07") == {(LAHTI_CODE, None): 5, (None, None): 5}
        assert await figure(s, "flow_over_3_months", "2024-12") == {(HOLLOLA, None): 5, (None, None): 5}
        assert await figure(s, "flow_over_3_months", "2025-09") == {
            (LAHTI_CODE, None): "withheld",
            (None, None): "withheld",
        }
        # Over 6 months: A 5 Sep 2024, E 3 Oct 2024, C 3 Mar 2025 (Hollola). D's spell (7 Jan – 1 Apr 2025) never does.
        assert await figure(s, "flow_over_6_months", "2024-09") == {(LAHTI_CODE, None): 6, (None, None): 6}
        assert await figure(s, "flow_over_6_months", "2024-10") == {(LAHTI_CODE, None): 5, (None, None): 5}
        assert await figure(s, "flow_over_6_months", "2025-03") == {(HOLLOLA, None): 5, (None, None): 5}
        # Over 12 months: A 5 Mar 2025, E 3 Apr 2025, C 3 Sep 2025, counted in Lahti, where C lived by then.
        assert await figure(s, "flow_over_12_months", "2025-03") == {(LAHTI_CODE, None): 6, (None, None): 6}
        assert await figure(s, "flow_over_12_months", "2025-04") == {(LAHTI_CODE, None): 5, (None, None): 5}
        assert await figure(s, "flow_over_12_months", "2025-09") == {(LAHTI_CODE, None): 5, (None, None): 5}

        # Ended job searches and their mean length. B: 29 Mar 2024 – 3 Feb 2025 = 365 − 54 = 311 days.
        # C: 2 Sep 2024 – 1 Dec 2025 = 365 + 30 + 31 + 29 = 455 days (the months employed are part of the search).
        assert await figure(s, "ended_job_searches", "2025-02") == {(LAHTI_CODE, None): 5, (None, None): 5}
        assert await figure(s, "average_job_search_duration", "2025-02") == {(LAHTI_CODE, None): 311, (None, None): 311}
        assert await figure(s, "average_job_search_duration", "2025-12") == {(LAHTI_CODE, None): 455, (None, None): 455}

        # Activation rate. 30 Jun 2025: in services D 5 + E 5 = 10; unemployed A 6 + C 5 + F 2 = 13: 10/23 = 43.5 %.
        assert await figure(s, "activation_rate", "2025-06") == {(LAHTI_CODE, None): 43.5, (None, None): 43.5}
        # Foreign citizens: D 5 of 5; long-term unemployed: E 5 of (E 5 + A 6) = 45.5 %.
        assert await figure(s, "activation_rate", "2025-06", Group.foreign_citizens) == {
            (LAHTI_CODE, None): 100.0,
            (None, None): 100.0,
        }
        assert await figure(s, "activation_rate", "2025-06", Group.long_term_unemployed) == {
            (LAHTI_CODE, None): 45.5,
            (None, None): 45.5,
        }
        # Mon 30 Sep 2024: B 5 in a service; Lahti's unemployed A 6 + E 5: 5/16 = 31.25, published 31.3 (half up);
        # Hollola C 0/5; all 5/21 = 23.8.
        assert await figure(s, "activation_rate", "2024-09") == {
            (HOLLOLA, None): 0.0,
            (LAHTI_CODE, None): 31.3,
            (None, None): 23.8,
        }

        # Deadlines missed, by kind and rule set: D's initial interviews in January 2025 under the Nordic model's
        # rules, A's job-search discussions in January 2026 under the 2026 rules. Waived: E's in May 2024 (the waiver
        # event names no rule set).
        assert await figure(s, "deadlines_missed", "2025-01") == {
            (LAHTI_CODE, "initial_interview/2022-05-02"): 5,
            (None, "initial_interview/2022-05-02"): 5,
            (None, None): 5,
        }
        assert await figure(s, "deadlines_missed", "2026-01") == {
            (LAHTI_CODE, "job_search_discussion/2026-01-01"): 6,
            (None, "job_search_discussion/2026-01-01"): 6,
            (None, None): 6,
        }
        assert (await figure(s, "deadlines_waived", "2024-05"))[(None, "supplementary_interview/unknown")] == 5

        # Caseload on 30 Jun 2025: coach-a A 6; coach-b C 5 + D 5; coach-c E 5 + F 2; mean 23 / 3 = 7.7.
        assert await figure(s, "caseload_per_coach", "2025-06") == {
            (None, "coach-a"): 6,
            (None, "coach-b"): 10,
            (None, "coach-c"): 7,
            (None, None): 7.7,
        }
        # Thu 31 Jul 2025: A has moved to coach-b: 16 and 7, mean 11.5.
        assert await figure(s, "caseload_per_coach", "2025-07") == {
            (None, "coach-b"): 16,
            (None, "coach-c"): 7,
            (None, None): 11.5,
        }

        # Referrals sent in September 2025: 5 of 7 accepted, 71.4 %; first answers (5 × 48 + 2 × 24) / 7 = 41.1 h.
        partner = str(WELLBEING_COUNTY)
        assert await figure(s, "referral_fill_rate", "2025-09") == {(None, partner): 71.4, (None, None): 71.4}
        assert await figure(s, "referral_first_response_time", "2025-09") == {(None, partner): 41.1, (None, None): 41.1}

        # Share of the labour force, 30 Jun 2025: Lahti 13 / 1 300 = 1.0 %; Hollola 0 / 500; all 13 / 1 800 = 0.7 %.
        assert await figure(s, "unemployed_share_of_labour_force", "2025-06") == {
            (HOLLOLA, None): 0.0,
            (LAHTI_CODE, None): 1.0,
            (None, None): 0.7,
        }

    def test_the_dataset_spans_both_rule_sets_and_every_person_indicator_is_checked(self) -> None:
        checked = set(CODES) - {"kela_benefits", "labour_market_subsidy_per_resident", "budget"}  # tests/statistics
        assert {in_force(code, date(2025, 6, 30)).code for code in checked} == checked
        rule_sets = {e["data"].get("rule_set") for e in dataset() if e["type"].endswith("deadline_overdue.v1")}
        assert rule_sets == {"2022-05-02", "2026-01-01"}


def unrelated() -> list[dict[str, Any]]:
    """Another organisation's job seekers in the same municipalities, and their referrals: nothing of Lahti's."""
    events: list[dict[str, Any]] = []
    for x in cohort(6):
        events += [
            registered(x, started=date(2024, 5, 6), organisation=MIKKELI, coach="coach-a"),
            status_changed(x, on=date(2025, 2, 3), to="in_activating_service"),
            overdue(x, kind="initial_interview", number=1, due=date(2024, 5, 13), rule_set="2022-05-02"),
        ]
    return events


SAMPLE = [
    ("job_seekers", "2024-03", Group.all),
    ("job_seekers", "2025-06", Group.long_term_unemployed),
    ("unemployed_job_seekers", "2024-12", Group.all),
    ("flow_over_3_months", "2024-12", Group.all),
    ("ended_job_searches", "2025-12", Group.all),
    ("activation_rate", "2025-06", Group.all),
    ("deadlines_missed", "2025-01", Group.all),
    ("caseload_per_coach", "2025-07", Group.all),
]


class TestOrderOfArrival:
    """A figure never changes when the events, Lahti's and another organisation's, arrive in another order."""

    @settings(
        max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
    )
    @given(order=st.randoms(use_true_random=False))
    async def test_any_order_gives_the_same_figures(self, db_session: AsyncSession, order: Any) -> None:
        ours = dataset()
        async with db_session.begin_nested() as nested:
            for envelope in ours:
                await take_in(db_session, parse(_json(envelope)))
            expected = [await figure(db_session, *sample) for sample in SAMPLE]
            await nested.rollback()
        mixed = ours + unrelated()
        order.shuffle(mixed)
        async with db_session.begin_nested() as nested:
            for envelope in mixed:
                await take_in(db_session, parse(_json(envelope)))
            assert [await figure(db_session, *sample) for sample in SAMPLE] == expected
            await nested.rollback()


def _json(envelope: dict[str, Any]) -> bytes:
    return json.dumps(envelope).encode()
