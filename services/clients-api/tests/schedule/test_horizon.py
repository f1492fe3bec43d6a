"""Stored deadlines stay right until their horizon: ``schedule_with_horizon`` names the last day for which the
deadlines computed today are the deadlines of every later day, with only the statuses moving as the stored-row
rule says (:func:`status_on`). The property is what lets clients-api store the schedule instead of computing it
on every read."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from clients_api.schedule.deadlines import (
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    SupplementaryNeed,
    schedule,
    schedule_with_horizon,
    status_on,
)

KEYS = [(kind, number) for kind in DeadlineKind for number in range(1, 7)]


def stored(deadlines: list[Deadline]) -> set[tuple[object, ...]]:
    return {(d.kind, d.number, d.due_on, d.held_on, d.rule_set.key) for d in deadlines}


@st.composite
def job_searches(draw: st.DrawFn) -> dict[str, object]:
    start = draw(st.dates(min_value=date(2021, 6, 1), max_value=date(2027, 6, 30)))
    offsets = draw(st.lists(st.integers(min_value=0, max_value=1200), max_size=10))
    waived = draw(st.sets(st.sampled_from(KEYS), max_size=4))
    need = draw(
        st.none()
        | st.builds(
            lambda offset, count: SupplementaryNeed(start + timedelta(days=offset), count),
            st.integers(min_value=0, max_value=400),
            st.none() | st.integers(min_value=0, max_value=4),
        )
    )
    return {
        "job_search_started_on": start,
        "interviews_held": [start + timedelta(days=o) for o in offsets],
        "waived": waived,
        "supplementary_need": need,
    }


@settings(max_examples=400, deadline=None)
@given(
    search=job_searches(),
    computed_after=st.integers(min_value=0, max_value=1500),
    later=st.lists(st.integers(min_value=0, max_value=2500), min_size=1, max_size=6),
)
def test_the_stored_deadlines_are_the_schedule_of_every_day_until_the_horizon(
    search: dict[str, object], computed_after: int, later: list[int]
) -> None:
    computed_on = search["job_search_started_on"] + timedelta(days=computed_after)  # type: ignore[operator]
    deadlines, valid_until = schedule_with_horizon(today=computed_on, **search)  # type: ignore[arg-type]
    assert deadlines == schedule(today=computed_on, **search)  # type: ignore[arg-type]
    assert valid_until >= computed_on
    waived = search["waived"]
    span = (valid_until - computed_on).days
    for offset in {0, span if valid_until != date.max else 5000, *(o for o in later if o <= span)}:
        day = computed_on + timedelta(days=offset)
        on_day = schedule(today=day, **search)  # type: ignore[arg-type]
        assert stored(on_day) == stored(deadlines), day
        statuses = {(d.kind, d.number): d.status for d in on_day}
        for d in deadlines:
            assert statuses[(d.kind, d.number)] is status_on(d.due_on, d.held_on, (d.kind, d.number) in waived, day), (
                d,
                day,
            )  # type: ignore[operator]


@settings(max_examples=300, deadline=None)
@given(search=job_searches(), computed_after=st.integers(min_value=0, max_value=1500))
def test_the_horizon_is_the_last_such_day(search: dict[str, object], computed_after: int) -> None:
    """The day after the horizon the schedule has changed: no stored set is refreshed for nothing."""
    computed_on = search["job_search_started_on"] + timedelta(days=computed_after)  # type: ignore[operator]
    deadlines, valid_until = schedule_with_horizon(today=computed_on, **search)  # type: ignore[arg-type]
    if valid_until != date.max:
        assert stored(schedule(today=valid_until + timedelta(days=1), **search)) != stored(deadlines)  # type: ignore[arg-type]


def test_the_horizon_of_a_2026_job_search_is_its_next_job_search_discussion() -> None:
    deadlines, valid_until = schedule_with_horizon(
        job_search_started_on=date(2026, 1, 8), interviews_held=[date(2026, 1, 12)], today=date(2026, 2, 1)
    )
    periodic = [d for d in deadlines if d.kind is DeadlineKind.periodic_interview]
    assert [d.status for d in periodic] == [DeadlineStatus.due] and valid_until == periodic[0].due_on


def test_the_horizon_of_a_nordic_job_search_stops_before_its_next_intensified_month() -> None:
    _, valid_until = schedule_with_horizon(
        job_search_started_on=date(2023, 1, 10), interviews_held=[], today=date(2023, 5, 1)
    )
    assert valid_until <= date(2023, 7, 9)
