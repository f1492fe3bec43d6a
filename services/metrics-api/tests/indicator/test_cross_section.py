"""The stored monthly cross-section (built by the rebuild, kept by the feed) gives the stock figures ``compute``
gives from the same facts, read from a few tally rows; a late event for a past month changes that month's figure."""

from __future__ import annotations

import uuid
from datetime import date

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.feed.service import rebuild
from metrics_api.indicator import compute, cross_section, repository
from metrics_api.indicator import service as indicators
from metrics_api.indicator.compute import Month
from metrics_api.indicator.definitions import in_force
from polku_kit.calendar import today
from polku_kit.testing import LAHTI, sql_statements

from ..factories import deliver_all, moved, registered, status_changed
from . import test_known_answers, test_known_answers_events, test_known_answers_followup
from .test_known_answers import MANAGER
from .test_stocks_in_sql import PYTHON

MONTHS = Month(2024, 3).until(Month(2026, 1))


async def same_as_reference(app: FastAPI, session: AsyncSession) -> None:
    """Every stock figure equals the reference, read from the stored tallies (the live aggregation not asked)."""
    people = await repository.people(session, LAHTI)
    for code, reference in PYTHON.items():
        for group in in_force(code, MONTHS[-1].count_date).groups:
            with sql_statements(app) as statements:
                found = await indicators.figures(
                    session=session,
                    principal=MANAGER,
                    indicator=code,
                    first=str(MONTHS[0]),
                    last=str(MONTHS[-1]),
                    group=group,
                    municipality=None,
                )
            assert any("FROM stock_tally" in s for s in statements)
            assert not any("client_status" in s for s in statements)
            expected = compute.suppress_all(reference(people.values(), MONTHS, group))
            assert [(c.month, c.municipality, c.value, c.persons, c.suppressed) for c in found.cells] == [
                (c.month, c.municipality, c.value, c.persons, c.suppressed) for c in expected
            ], (code, group)


class TestCrossSection:
    async def test_the_stored_cross_section_gives_the_live_figures_and_takes_in_late_events(
        self, app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        await deliver_all(
            client,
            test_known_answers.dataset()
            + test_known_answers.unrelated()
            + test_known_answers_events.dataset()
            + test_known_answers_followup.dataset(),
        )
        await cross_section.build(db_session, today=today())
        await same_as_reference(app, db_session)

        # Five people registered in Lahti in 2024 (known late), one of them moves and one takes up a service.
        late = [uuid.uuid4() for _ in range(5)]
        june = Month(2024, 6)
        before = await indicators.figures(
            session=db_session,
            principal=MANAGER,
            indicator="unemployed_job_seekers",
            first=str(june),
            last=str(june),
            group=in_force("unemployed_job_seekers", june.count_date).groups[0],
            municipality="398",
        )
        await deliver_all(
            client,
            [registered(person, started=date(2024, 5, 6), municipality="398") for person in late]
            + [moved(late[0], on=date(2024, 9, 2), municipality="091")]
            + [status_changed(late[1], on=date(2024, 10, 1), to="in_activating_service")],
        )
        after = await indicators.figures(
            session=db_session,
            principal=MANAGER,
            indicator="unemployed_job_seekers",
            first=str(june),
            last=str(june),
            group=before.cells[0].group,
            municipality="398",
        )
        assert (after.cells[0].persons or 0) == (before.cells[0].persons or 0) + 5
        await same_as_reference(app, db_session)

    async def test_a_rebuild_gives_the_live_feed_s_figures_from_the_cross_section(
        self, app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        await deliver_all(client, test_known_answers.dataset() + test_known_answers_events.dataset())

        async def every_stock() -> list[tuple[object, ...]]:
            found = []
            for code in (*PYTHON, "unemployed_share_of_labour_force"):
                for group in in_force(code, MONTHS[-1].count_date).groups:
                    figures = await indicators.figures(
                        session=db_session,
                        principal=MANAGER,
                        indicator=code,
                        first=str(MONTHS[0]),
                        last=str(MONTHS[-1]),
                        group=group,
                        municipality=None,
                    )
                    found += [(code, c.month, c.municipality, c.group, c.value, c.suppressed) for c in figures.cells]
            return found

        live = await every_stock()
        assert await repository.cross_section_days(db_session) is None  # computed live before the rebuild
        await rebuild(db_session)
        with sql_statements(app) as statements:
            assert await every_stock() == live
        assert any("FROM stock_tally" in s for s in statements)
