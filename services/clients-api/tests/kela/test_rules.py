"""TYP's 300-day trigger as pure rules: Laki työllistymistä edistävästä monialaisesta yhteispalvelusta 1369/2014,
2 § 2 mom. (as amended by 935/2022): the need for the joint service is assessed when an unemployed person has
received labour-market subsidy on the ground of unemployment for at least 300 days. The subsidy is paid for five
days a calendar week, Monday to Friday (työttömyysturvalaki 1290/2002), so a count grows by five a week."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from clients_api.caseload.filters import (
    APPROACHING_DAYS,
    INTEGRATION_ENDING_DAYS,
    ClientFacts,
    MorningFilter,
    TypTrigger,
    evaluate,
)
from clients_api.kela.rules import THRESHOLD_DAYS, threshold_reached_on

MONDAY = date(2026, 11, 30)


def facts(**changes: object) -> ClientFacts:
    values: dict[str, object] = {
        "birth_date": date(1980, 3, 3),  # 46: the months' threshold is 12 months
        "job_search_started_on": date(2026, 6, 1),
        "coach_subject": "coach-aino",
        "waiting_on": None,
        "unemployed_since": date(2026, 6, 1),  # 12 months reached on 2027-06-01
        "interviews_held": [],
        "deadlines": [],
    }
    values.update(changes)
    return ClientFacts(**values)  # type: ignore[arg-type]


class TestThresholdReachedOn:
    def test_the_law_says_300_days(self) -> None:
        assert THRESHOLD_DAYS == 300

    def test_known_answers(self) -> None:
        # 290 counted on Monday 30.11.2026: ten paid days, Tue–Fri and Mon–Fri of the next week and Monday 14.12.
        assert threshold_reached_on(290, MONDAY) == date(2026, 12, 14)
        # 299 on Friday 4.12.2026: the next paid day is Monday 7.12.
        assert threshold_reached_on(299, date(2026, 12, 4)) == date(2026, 12, 7)
        # 298 counted on Saturday 5.12.2026: nothing is paid for the weekend; Monday and Tuesday.
        assert threshold_reached_on(298, date(2026, 12, 5)) == date(2026, 12, 8)
        # Reached already: the day it was counted.
        assert threshold_reached_on(300, MONDAY) == MONDAY
        assert threshold_reached_on(412, MONDAY) == MONDAY

    @given(st.integers(min_value=0, max_value=299), st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)))
    def test_the_projection_counts_exactly_the_weekdays(self, days: int, counted_on: date) -> None:
        reached = threshold_reached_on(days, counted_on)
        paid = sum(
            1
            for offset in range(1, (reached - counted_on).days + 1)
            if (counted_on + timedelta(days=offset)).weekday() < 5
        )
        assert paid == THRESHOLD_DAYS - days and reached.weekday() < 5


class TestTheTrigger:
    def test_a_warning_two_weeks_before_the_count_reaches_300(self) -> None:
        # 290 on Monday 30.11.: 300 on 14.12., the warning window's last day seen from 30.11.
        result = evaluate(facts(subsidy_days=(290, MONDAY)), MONDAY)
        assert MorningFilter.typ_assessment_due in result.filters
        assert result.typ_assessment_due_on == date(2026, 12, 14) and result.typ_trigger == TypTrigger.subsidy_days
        # 289: 300 on 15.12., one day beyond the window.
        assert MorningFilter.typ_assessment_due not in evaluate(facts(subsidy_days=(289, MONDAY)), MONDAY).filters

    def test_the_earlier_threshold_counts(self) -> None:
        # Twelve months of unemployment reached before the 300 days: the months are the trigger.
        long = facts(unemployed_since=date(2025, 12, 10), subsidy_days=(250, MONDAY))
        result = evaluate(long, MONDAY)
        assert result.typ_assessment_due_on == date(2026, 12, 10)
        assert result.typ_trigger == TypTrigger.unemployment_months

    def test_not_unemployed_is_never_due_whatever_the_count(self) -> None:
        result = evaluate(facts(unemployed_since=None, subsidy_days=(350, MONDAY)), MONDAY)
        assert MorningFilter.typ_assessment_due not in result.filters and result.typ_trigger is None

    def test_without_a_count_only_the_months_count(self) -> None:
        assert MorningFilter.typ_assessment_due not in evaluate(facts(), MONDAY).filters


class TestIntegrationPeriodEnding:
    def test_a_warning_from_thirty_days_before_the_last_day(self) -> None:
        last = MONDAY + timedelta(days=INTEGRATION_ENDING_DAYS)
        ending = evaluate(facts(integration_ends_on=last), MONDAY)
        assert MorningFilter.integration_period_ending in ending.filters and ending.integration_ends_on == last
        later = evaluate(facts(integration_ends_on=last + timedelta(days=1)), MONDAY)
        assert MorningFilter.integration_period_ending not in later.filters and later.integration_ends_on is None

    def test_the_last_day_itself_warns_and_a_past_period_does_not(self) -> None:
        assert MorningFilter.integration_period_ending in evaluate(facts(integration_ends_on=MONDAY), MONDAY).filters
        past = evaluate(facts(integration_ends_on=MONDAY - timedelta(days=1)), MONDAY)
        assert MorningFilter.integration_period_ending not in past.filters
        assert APPROACHING_DAYS < INTEGRATION_ENDING_DAYS
