"""The figures of the job seekers' history that PostgreSQL aggregates besides the stocks (flows, ended searches and
their duration, structural unemployment, the share without post-basic education, deadlines, caseloads) are the
figures ``compute``, ``followup`` and ``casework`` give from the same facts, for every group and every month of the
known-answer datasets, another organisation's events mixed in, by municipality and by employment area."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.indicator import casework, compute, followup, repository
from metrics_api.indicator import service as indicators
from metrics_api.indicator.compute import Cell, Month, Person
from metrics_api.indicator.definitions import Group, in_force
from polku_kit.auth import Principal
from polku_kit.calendar import today
from polku_kit.testing import LAHTI

from ..factories import deliver_all
from . import test_known_answers, test_known_answers_events, test_known_answers_followup
from .test_known_answers import MANAGER

PYTHON: dict[str, Callable[[Iterable[Person], list[Month], Group], list[Cell]]] = {
    "flow_over_3_months": compute.flow_over(3),
    "flow_over_6_months": compute.flow_over(6),
    "flow_over_12_months": compute.flow_over(12),
    "ended_job_searches": compute.ended_job_searches,
    "average_job_search_duration": compute.average_job_search_duration,
    "structurally_unemployed": followup.structurally_unemployed,
    "without_post_basic_education": followup.without_post_basic_education,
}


def shown(cells: Iterable[object]) -> list[tuple[object, ...]]:
    return [
        (c.month, c.municipality, c.breakdown, c.value, c.persons, c.denominator, c.suppressed)  # type: ignore[attr-defined]
        for c in cells
    ]


async def everything(client: httpx.AsyncClient) -> None:
    await deliver_all(
        client,
        test_known_answers.dataset()
        + test_known_answers.unrelated()
        + test_known_answers_events.dataset()
        + test_known_answers_followup.dataset(),
    )


MONTHS = Month(2024, 3).until(Month(2026, 1))


class TestHistoryInSql:
    async def test_every_history_figure_equals_the_reference(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        await everything(client)
        for by_area in (False, True):
            people = await repository.people(db_session, LAHTI)
            if by_area:
                indicators._people_by_area(people)
            for code, reference in PYTHON.items():
                for group in in_force(code, MONTHS[-1].count_date).groups:
                    found = await indicators.figures(
                        session=db_session,
                        principal=MANAGER,
                        indicator=code,
                        first=str(MONTHS[0]),
                        last=str(MONTHS[-1]),
                        group=group,
                        municipality=None,
                        by_area=by_area,
                    )
                    expected = compute.suppress_all(reference(people.values(), MONTHS, group))
                    assert [
                        (c.month, c.employment_area if by_area else c.municipality, *row[2:])
                        for c, row in zip(found.cells, shown(found.cells), strict=True)
                    ] == shown(expected), (code, group, by_area)
                    if group is Group.all:  # the datasets count something
                        assert any(c.persons or c.suppressed for c in expected if c.municipality), code

    async def test_deadlines_and_caseloads_equal_the_reference(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        await everything(client)
        people = await repository.people(db_session, LAHTI)
        rows = await repository.deadlines(db_session, LAHTI)
        for outcome in ("missed", "waived"):
            found = await indicators.figures(
                session=db_session,
                principal=MANAGER,
                indicator=f"deadlines_{outcome}",
                first=str(MONTHS[0]),
                last=str(MONTHS[-1]),
                group=Group.all,
                municipality=None,
            )
            expected = compute.suppress_all(casework.deadlines(outcome, people, rows, MONTHS))
            assert shown(found.cells) == shown(expected), outcome
            assert any(c.persons for c in expected), outcome
        found = await indicators.figures(
            session=db_session,
            principal=MANAGER,
            indicator="caseload_per_coach",
            first=str(MONTHS[0]),
            last=str(MONTHS[-1]),
            group=Group.all,
            municipality=None,
        )
        expected = compute.suppress_all(casework.caseload_per_coach(people.values(), MONTHS))
        assert shown(found.cells) == shown(expected)
        assert [c.amounts for c in found.cells] == [c.amounts for c in expected]
        coaches = {c.breakdown for c in expected if c.breakdown is not None}
        assert coaches
        for coach in sorted(coaches):  # a coach: the deadlines of their own caseload on the due day
            principal = Principal(subject=coach, roles=frozenset({"coach"}), organisation_id=LAHTI)
            mine = [r for r in rows if r.client_id in people and people[r.client_id].coach_on(r.due_on) == coach]
            found = await indicators.figures(
                session=db_session,
                principal=principal,
                indicator="deadlines_missed",
                first=str(MONTHS[0]),
                last=str(MONTHS[-1]),
                group=Group.all,
                municipality=None,
            )
            assert shown(found.cells) == shown(compute.suppress_all(casework.deadlines("missed", people, mine, MONTHS)))

    async def test_the_effectiveness_follow_up_equals_the_reference(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        await everything(client)
        for by_area in (False, True):
            people = await repository.people(db_session, LAHTI)
            if by_area:
                indicators._people_by_area(people)
            await repository.follow_ups(db_session, LAHTI, people)
            for by in followup.BY:
                found = await indicators.figures(
                    session=db_session,
                    principal=MANAGER,
                    indicator="effectiveness_follow_up",
                    first=str(MONTHS[0]),
                    last=str(MONTHS[-1]),
                    group=Group.all,
                    municipality=None,
                    by_area=by_area,
                    by=by,
                )
                expected = followup.protect_cohorts(
                    followup.effectiveness(people.values(), MONTHS, horizons=followup.HORIZONS, by=by, as_of=today())
                )
                assert [
                    (c.month, c.employment_area if by_area else c.municipality, *row[2:])
                    for c, row in zip(found.cells, shown(found.cells), strict=True)
                ] == shown(expected), (by, by_area)
                assert any(c.persons for c in expected), by
                raw = await indicators._follow_up_cells(
                    db_session, LAHTI, MONTHS, horizons=followup.HORIZONS, by=by, by_area=by_area
                )
                reference = followup.effectiveness(
                    people.values(), MONTHS, horizons=followup.HORIZONS, by=by, as_of=today()
                )
                assert shown(raw) == shown(reference), (by, by_area)  # before any cell is withheld
                destinations = {(c.breakdown or "").rsplit("/", 1)[1] for c in reference if c.persons}
                assert len(destinations) >= 3, destinations
