"""The statutory schedule: exact cases across holidays and the 2026 change, and properties over any dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clients_api.schedule.deadlines import DeadlineKind, DeadlineStatus, schedule
from clients_api.schedule.rules import NORDIC_MODEL, REFORM_2026, NoRuleSet, in_force
from polku_kit.calendar import add_months, add_working_days, is_working_day

starts = st.dates(min_value=date(2022, 5, 2), max_value=date(2027, 12, 31))


def initial(deadlines):  # type: ignore[no-untyped-def]
    return next(d for d in deadlines if d.kind is DeadlineKind.initial_interview)


class TestWorkingDays:
    @pytest.mark.parametrize(
        ("day", "working"),
        [
            (date(2025, 12, 24), False),
            (date(2025, 12, 26), False),
            (date(2025, 6, 20), False),
            (date(2026, 6, 19), False),
            (date(2026, 1, 6), False),
            (date(2026, 1, 7), True),
            (date(2026, 4, 3), False),
            (date(2026, 11, 28), False),
            (date(2026, 11, 27), True),
        ],
    )
    def test_holidays_eves_and_weekends(self, day: date, working: bool) -> None:
        assert is_working_day(day) is working

    def test_month_end_is_kept(self) -> None:
        assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
        assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)


class TestRuleSets:
    def test_the_set_in_force_changes_on_new_year_2026(self) -> None:
        assert in_force(date(2025, 12, 31)) is NORDIC_MODEL
        assert in_force(date(2026, 1, 1)) is REFORM_2026

    def test_before_the_nordic_model_there_is_no_schedule(self) -> None:
        with pytest.raises(NoRuleSet):
            in_force(date(2022, 5, 1))


class TestInitialInterview:
    def test_five_working_days_across_christmas_2025(self) -> None:
        # Mon 22.12.2025 start: 23rd (1), 24–26 are Christmas Eve and holidays, 29th (2), 30th (3), 31st (4),
        # 1.1. New Year's Day, 2.1.2026 (5). Judged by the Nordic model, in force when the search started.
        [first] = [
            d
            for d in schedule(job_search_started_on=date(2025, 12, 22), interviews_held=[], today=date(2025, 12, 22))
            if d.kind is DeadlineKind.initial_interview
        ]
        assert first.due_on == date(2026, 1, 2) and first.rule_set is NORDIC_MODEL

    def test_ten_working_days_across_midsummer_2026(self) -> None:
        # Mon 15.6.2026: 16, 17, 18 (3), 19th Midsummer Eve and 20th Midsummer Day off, 22–26 (8), 29, 30 (10).
        first = initial(schedule(job_search_started_on=date(2026, 6, 15), interviews_held=[], today=date(2026, 6, 15)))
        assert first.due_on == date(2026, 6, 30) and first.rule_set is REFORM_2026

    def test_met_late_and_overdue(self) -> None:
        start = date(2026, 3, 2)
        on_time = initial(schedule(job_search_started_on=start, interviews_held=[date(2026, 3, 5)], today=start))
        assert on_time.status is DeadlineStatus.met
        late = initial(
            schedule(job_search_started_on=start, interviews_held=[date(2026, 4, 1)], today=date(2026, 4, 1))
        )
        assert late.status is DeadlineStatus.met_late
        missing = initial(schedule(job_search_started_on=start, interviews_held=[], today=date(2026, 4, 1)))
        assert missing.status is DeadlineStatus.overdue


class TestLaterInterviews:
    def test_nordic_model_has_five_supplementary_discussions(self) -> None:
        deadlines = schedule(
            job_search_started_on=date(2024, 9, 2), interviews_held=[date(2024, 9, 4)], today=date(2024, 9, 4)
        )
        supplementary = [d for d in deadlines if d.kind is DeadlineKind.supplementary_interview]
        assert len(supplementary) == 5
        assert all(d.due_on <= add_months(date(2024, 9, 4), 3) for d in supplementary)

    def test_2026_has_no_fixed_supplementary_discussions(self) -> None:
        deadlines = schedule(
            job_search_started_on=date(2026, 2, 2), interviews_held=[date(2026, 2, 4)], today=date(2026, 2, 4)
        )
        assert not [d for d in deadlines if d.kind is DeadlineKind.supplementary_interview]
        periodic = [d for d in deadlines if d.kind is DeadlineKind.periodic_interview]
        assert periodic[0].due_on == date(2026, 5, 4)

    def test_supplementary_discussions_stop_at_the_2026_change(self) -> None:
        deadlines = schedule(
            job_search_started_on=date(2025, 12, 1), interviews_held=[date(2025, 12, 2)], today=date(2025, 12, 2)
        )
        supplementary = [d for d in deadlines if d.kind is DeadlineKind.supplementary_interview]
        assert [d.due_on for d in supplementary] == [date(2025, 12, 16), date(2025, 12, 30)]

    def test_intensified_month_after_six_months_only_in_the_nordic_model(self) -> None:
        nordic = schedule(job_search_started_on=date(2024, 1, 8), interviews_held=[], today=date(2024, 8, 1))
        assert len([d for d in nordic if d.kind is DeadlineKind.intensified_interview]) == 2
        reform = schedule(job_search_started_on=date(2026, 1, 8), interviews_held=[], today=date(2026, 8, 1))
        assert not [d for d in reform if d.kind is DeadlineKind.intensified_interview]


class TestProperties:
    @settings(max_examples=150, deadline=None)
    @given(
        start=starts,
        offsets=st.lists(st.integers(min_value=0, max_value=400), max_size=8),
        days_later=st.integers(min_value=0, max_value=500),
    )
    def test_no_deadline_lands_on_a_day_off(self, start: date, offsets: list[int], days_later: int) -> None:
        held = [start + timedelta(days=offset) for offset in offsets]
        for deadline in schedule(
            job_search_started_on=start, interviews_held=held, today=start + timedelta(days=days_later)
        ):
            assert is_working_day(deadline.due_on), deadline

    @settings(max_examples=150, deadline=None)
    @given(start=starts, first=st.integers(min_value=0, max_value=60), delay=st.integers(min_value=1, max_value=60))
    def test_recording_an_interview_later_never_moves_a_later_deadline_earlier(
        self, start: date, first: int, delay: int
    ) -> None:
        today = start + timedelta(days=400)
        on_time = schedule(job_search_started_on=start, interviews_held=[start + timedelta(days=first)], today=today)
        late = schedule(
            job_search_started_on=start, interviews_held=[start + timedelta(days=first + delay)], today=today
        )
        early_dues = {(d.kind, d.number): d.due_on for d in on_time if d.kind is not DeadlineKind.initial_interview}
        for deadline in late:
            key = (deadline.kind, deadline.number)
            if key in early_dues and deadline.kind is not DeadlineKind.supplementary_interview:
                assert deadline.due_on >= early_dues[key], key
        first_later = next(d for d in late if d.kind is DeadlineKind.periodic_interview)
        first_earlier = next(d for d in on_time if d.kind is DeadlineKind.periodic_interview)
        assert first_later.due_on >= first_earlier.due_on

    @settings(max_examples=100, deadline=None)
    @given(start=starts)
    def test_initial_deadline_counts_working_days_by_the_set_in_force_at_the_start(self, start: date) -> None:
        first = initial(schedule(job_search_started_on=start, interviews_held=[], today=start))
        rules = in_force(start)
        assert first.due_on == add_working_days(start, rules.initial_interview_working_days)
        between = [start + timedelta(days=n) for n in range(1, (first.due_on - start).days + 1)]
        assert sum(is_working_day(day) for day in between) == rules.initial_interview_working_days


class TestOlderJobSearches:
    def test_a_search_begun_before_the_rules_held_gets_only_the_three_month_rhythm(self) -> None:
        deadlines = schedule(
            job_search_started_on=date(2021, 3, 1), interviews_held=[date(2022, 6, 1)], today=date(2022, 8, 1)
        )
        assert {d.kind for d in deadlines} <= {DeadlineKind.periodic_interview, DeadlineKind.intensified_interview}
        periodic = [d for d in deadlines if d.kind is DeadlineKind.periodic_interview]
        assert periodic[0].due_on == date(2022, 8, 2) and periodic[0].status is DeadlineStatus.met
        assert periodic[1].due_on == date(2022, 9, 1) and periodic[1].status is DeadlineStatus.due
