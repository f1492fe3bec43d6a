"""The stock figures PostgreSQL aggregates (``repository.stocks``) are the figures ``compute`` gives from the same
facts (its rules are the reference: a day's last change holds, equal statuses in a row are one segment, the
municipality on the count date, episodes before statuses, long-term spells), for every group and every month of the
known-answer datasets, another organisation's events mixed in."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.indicator import compute, repository
from metrics_api.indicator import service as indicators
from metrics_api.indicator.compute import Month
from metrics_api.indicator.definitions import Group, in_force
from polku_kit.testing import LAHTI

from ..factories import deliver_all
from . import test_known_answers, test_known_answers_events, test_known_answers_followup
from .test_known_answers import MANAGER

PYTHON = {
    "job_seekers": compute.job_seekers,
    "unemployed_job_seekers": compute.unemployed,
    "long_term_unemployed": compute.long_term_unemployed,
    "activation_rate": compute.activation_rate,
}


class TestStocksInSql:
    async def test_every_stock_figure_equals_the_reference(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        await deliver_all(
            client,
            test_known_answers.dataset()
            + test_known_answers.unrelated()
            + test_known_answers_events.dataset()
            + test_known_answers_followup.dataset(),
        )
        months = Month(2024, 3).until(Month(2026, 1))
        people = await repository.people(db_session, LAHTI)
        assert set(PYTHON) == set(indicators.SQL_STOCKS)
        for code, reference in PYTHON.items():
            for group in in_force(code, months[-1].count_date).groups:
                found = await indicators.figures(
                    session=db_session,
                    principal=MANAGER,
                    indicator=code,
                    first=str(months[0]),
                    last=str(months[-1]),
                    group=group,
                    municipality=None,
                )
                expected = compute.suppress_all(reference(people.values(), months, group))
                assert [(c.month, c.municipality, c.value, c.persons, c.suppressed) for c in found.cells] == [
                    (c.month, c.municipality, c.value, c.persons, c.suppressed) for c in expected
                ], (code, group)
        assert Group.long_term_unemployed in in_force("activation_rate", months[-1].count_date).groups
