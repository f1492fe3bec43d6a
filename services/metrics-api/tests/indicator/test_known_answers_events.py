"""Known answers for the indicators fed by job-search periods, activating-service episodes, citizenship changes and
labour-policy statements, counted here by hand from the definitions (TEM's employment service statistics: the
activation rate is persons in activating services ÷ (unemployed job seekers + persons in activating services) × 100
on the month's last working day; an ended job search is counted in the month it ended, its length from its first day
to the day it ended), not from the code's output.

Fifteen job seekers of Lahti's employment authority, all in Lahti, in three cohorts of five:

====== =========== ====================================================================================================
cohort citizenship history
====== =========== ====================================================================================================
P      FI          registered Tue 7 Jan 2025; its job-search period ends Mon 7 Apr 2025 (employed)
Q      none, then  registered Mon 3 Feb 2025 without citizenship; Swedish (SE) from 3 Mar 2025; a work trial from
       SE          Mon 5 May 2025 whose end, first recorded as 31 Jul, is corrected to 30 Sep 2025; status stays
                   unemployed throughout (the episode alone makes the client active)
R      FI          registered Tue 7 Jan 2025, unemployed throughout
====== =========== ====================================================================================================

Five labour-policy statements of Lahti issued on Mon 13 Oct 2025, 10, 12, 14, 20 and 30 days after the neglect, and
one of Mikkeli's the same day (not Lahti's figure).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.indicator.definitions import Group
from polku_kit.testing import MIKKELI

from ..factories import citizenship_changed, deliver_all, episode, period, registered, statement_issued, status_changed
from .test_known_answers import LAHTI_CODE, cohort, figure


def dataset() -> list[dict[str, Any]]:
    p, q, r = cohort(5), cohort(5), cohort(5)
    events: list[dict[str, Any]] = []
    for x in p:
        period_id = uuid.uuid4()
        events += [
            registered(x, started=date(2025, 1, 7), citizenship="FI"),
            period(x, period_id=period_id, started=date(2025, 1, 7)),
            period(x, period_id=period_id, started=date(2025, 1, 7), ended=date(2025, 4, 7), reason="employed"),
            status_changed(x, on=date(2025, 4, 7), to="employed"),
        ]
    for x in q:
        trial = uuid.uuid4()
        common: dict[str, Any] = {"episode_id": trial, "type": "work_trial", "starts": date(2025, 5, 5)}
        events += [
            registered(x, started=date(2025, 2, 3)),
            citizenship_changed(x, on=date(2025, 3, 3), to="SE"),
            episode("started", x, **common),
            episode("ended", x, **common, ends=date(2025, 7, 31), on=date(2025, 7, 31)),
            episode("corrected", x, **common, ends=date(2025, 9, 30), on=date(2025, 8, 4)),
        ]
    for x in r:
        events.append(registered(x, started=date(2025, 1, 7), citizenship="FI"))
    for days in (10, 12, 14, 20, 30):
        issued = date(2025, 10, 13)
        events.append(statement_issued(neglected=date.fromordinal(issued.toordinal() - days), issued=issued))
    events.append(statement_issued(neglected=date(2025, 10, 10), issued=date(2025, 10, 13), organisation=MIKKELI))
    return events


class TestKnownAnswersFromEvents:
    async def test_periods_episodes_citizenship_and_statements(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        await deliver_all(client, dataset())
        s = db_session

        # Ended job searches: P's five periods end on 7 Apr 2025; none in March. Length: 7 Jan – 7 Apr 2025 =
        # 24 (rest of January) + 28 + 31 + 7 = 90 days.
        assert await figure(s, "ended_job_searches", "2025-04") == {(LAHTI_CODE, None): 5, (None, None): 5}
        assert await figure(s, "ended_job_searches", "2025-03") == {(None, None): 0}
        assert await figure(s, "average_job_search_duration", "2025-04") == {(LAHTI_CODE, None): 90, (None, None): 90}

        # Activation rate, Mon 30 Jun 2025: Q 5 in a work trial (an episode, status unemployed) ÷ (Q 5 + R 5) = 50 %.
        assert await figure(s, "activation_rate", "2025-06") == {(LAHTI_CODE, None): 50.0, (None, None): 50.0}
        # Fri 29 Aug 2025: the trial's end was corrected from 31 Jul to 30 Sep, so Q is still in it: 50 %.
        assert await figure(s, "activation_rate", "2025-08") == {(LAHTI_CODE, None): 50.0, (None, None): 50.0}
        # Fri 31 Oct 2025: the trial has ended: 0 of 10.
        assert await figure(s, "activation_rate", "2025-10") == {(LAHTI_CODE, None): 0.0, (None, None): 0.0}
        # Foreign citizens (Q, Swedish from 3 Mar 2025): 5 of 5 in a service on 30 Jun 2025; 5 job seekers.
        assert await figure(s, "activation_rate", "2025-06", Group.foreign_citizens) == {
            (LAHTI_CODE, None): 100.0,
            (None, None): 100.0,
        }
        assert await figure(s, "job_seekers", "2025-06", Group.foreign_citizens) == {
            (LAHTI_CODE, None): 5,
            (None, None): 5,
        }

        # Statements issued in October 2025: (10 + 12 + 14 + 20 + 30) / 5 = 17.2 days; Mikkeli's is not Lahti's.
        assert await figure(s, "statement_processing_time", "2025-10") == {
            (LAHTI_CODE, None): 17.2,
            (None, None): 17.2,
        }
        assert await figure(s, "statement_processing_time", "2025-09") == {(None, None): None}
