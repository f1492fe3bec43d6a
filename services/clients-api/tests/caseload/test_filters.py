"""The morning filters as pure rules: TYP assessment thresholds by age, the 3/6/12-month warnings, and the rest."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from clients_api.caseload.filters import (
    APPROACHING_DAYS,
    ClientFacts,
    MorningFilter,
    approaching_milestone,
    evaluate,
    needs_assessment,
    typ_assessment_due_on,
)
from clients_api.client.target_groups import age_on
from clients_api.schedule.deadlines import schedule
from polku_kit.calendar import add_months

TODAY = date(2026, 11, 25)
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
births = st.dates(min_value=date(1960, 1, 1), max_value=date(2010, 12, 31))


def facts(**changes: object) -> ClientFacts:
    values: dict[str, object] = {
        "birth_date": date(1990, 3, 3),
        "job_search_started_on": date(2026, 10, 1),
        "coach_subject": "coach-aino",
        "waiting_on": None,
        "unemployed_since": date(2026, 10, 1),
        "interviews_held": [],
        "deadlines": [],
    }
    values.update(changes)
    return ClientFacts(**values)  # type: ignore[arg-type]


class TestTypAssessment:
    def test_under_25_after_six_months_and_25_or_over_after_twelve(self) -> None:
        since = date(2026, 1, 15)
        assert typ_assessment_due_on(date(2004, 1, 1), since) == date(2026, 7, 15)
        assert typ_assessment_due_on(date(1990, 1, 1), since) == date(2027, 1, 15)

    def test_turning_25_before_six_months_moves_it_to_twelve(self) -> None:
        since = date(2026, 1, 15)
        assert typ_assessment_due_on(date(2001, 7, 15), since) == date(2027, 1, 15)  # 25 on the six-month day
        assert typ_assessment_due_on(date(2001, 7, 16), since) == date(2026, 7, 15)  # still 24 that day

    @given(births, days)
    def test_the_threshold_follows_the_age_on_the_six_month_day(self, birth: date, since: date) -> None:
        due = typ_assessment_due_on(birth, since)
        six, twelve = add_months(since, 6), add_months(since, 12)
        assert due == (six if age_on(birth, six) < 25 else twelve)
        if age_on(birth, since) >= 25:
            assert due == twelve

    @given(births, days, st.integers(min_value=0, max_value=800))
    def test_the_filter_shows_it_from_two_weeks_before(self, birth: date, since: date, elapsed: int) -> None:
        today = since + timedelta(days=elapsed)
        result = evaluate(facts(birth_date=birth, unemployed_since=since, job_search_started_on=since), today)
        due = typ_assessment_due_on(birth, since)
        assert (MorningFilter.typ_assessment_due in result.filters) == (due <= today + timedelta(days=APPROACHING_DAYS))

    def test_not_unemployed_is_never_due(self) -> None:
        assert MorningFilter.typ_assessment_due not in evaluate(facts(unemployed_since=None), TODAY).filters


class TestMilestones:
    def test_three_months_two_weeks_ahead(self) -> None:
        since = date(2026, 8, 30)
        assert approaching_milestone(since, TODAY) is not None
        milestone = approaching_milestone(since, TODAY)
        assert milestone is not None and (milestone.months, milestone.reached_on) == (3, date(2026, 11, 30))
        assert approaching_milestone(date(2026, 9, 30), TODAY) is None  # two months in

    @given(days, st.integers(min_value=0, max_value=500))
    def test_a_warning_exactly_when_a_milestone_is_within_the_window(self, since: date, elapsed: int) -> None:
        today = since + timedelta(days=elapsed)
        window = [m for m in (3, 6, 12) if today <= add_months(since, m) <= today + timedelta(days=APPROACHING_DAYS)]
        milestone = approaching_milestone(since, today)
        assert (milestone is not None) == bool(window)
        if milestone is not None:
            assert milestone.months == window[0] and milestone.reached_on == add_months(since, window[0])


class TestOtherFilters:
    def test_needs_assessment_until_one_is_recorded(self) -> None:
        assert needs_assessment(facts())
        assert needs_assessment(facts(interviews_held=[date(2026, 10, 3)]))  # an interview is not an assessment
        assert not needs_assessment(facts(assessed=True))

    def test_waiting_unassigned_overdue_and_today(self) -> None:
        start = date(2026, 9, 1)
        deadlines = schedule(job_search_started_on=start, interviews_held=[], today=TODAY)
        result = evaluate(
            facts(coach_subject=None, waiting_on="client", job_search_started_on=start, deadlines=deadlines), TODAY
        )
        assert {
            MorningFilter.unassigned,
            MorningFilter.waiting_for_client,
            MorningFilter.overdue_deadlines,
            MorningFilter.needs_assessment,
        } <= result.filters
        assert MorningFilter.waiting_for_us not in result.filters
        assert result.overdue_deadlines >= 1
        held_today = evaluate(facts(waiting_on="us", interviews_held=[TODAY], assessed=True), TODAY)
        assert {MorningFilter.interviews_today, MorningFilter.waiting_for_us} <= held_today.filters
        assert MorningFilter.needs_assessment not in held_today.filters

    def test_a_deadline_falling_due_today_is_an_interview_today(self) -> None:
        start = next(
            TODAY - timedelta(days=back)
            for back in range(40)
            if any(
                d.due_on == TODAY
                for d in schedule(job_search_started_on=TODAY - timedelta(days=back), interviews_held=[], today=TODAY)
            )
        )
        deadlines = schedule(job_search_started_on=start, interviews_held=[], today=TODAY)
        assert MorningFilter.interviews_today in evaluate(facts(deadlines=deadlines), TODAY).filters
