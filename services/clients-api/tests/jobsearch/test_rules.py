"""Periods and consequences: exact cases at the rule changes, and properties over any dates."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clients_api.jobsearch.periods import Obligation, periods
from clients_api.jobsearch.rules import (
    NORDIC_SANCTIONS,
    REFORM_2026_SANCTIONS,
    Consequence,
    NoSanctionRuleSet,
    sanctions_in_force,
)

days = st.dates(min_value=date(2022, 5, 2), max_value=date(2027, 12, 31))


class TestConsequences:
    def test_the_set_in_force_changes_on_1_march_2026(self) -> None:
        assert sanctions_in_force(date(2026, 2, 28)) is NORDIC_SANCTIONS
        assert sanctions_in_force(date(2026, 3, 1)) is REFORM_2026_SANCTIONS
        with pytest.raises(NoSanctionRuleSet):
            sanctions_in_force(date(2022, 5, 1))

    def test_nordic_model_reminds_first_then_7_and_14_days_then_until_further_notice(self) -> None:
        steps = [NORDIC_SANCTIONS.consequence(n) for n in range(1, 6)]
        assert [(s.consequence, s.non_compensable_days) for s in steps] == [
            (Consequence.reminder, None),
            (Consequence.non_compensable_period, 7),
            (Consequence.non_compensable_period, 14),
            (Consequence.until_further_notice, None),
            (Consequence.until_further_notice, None),
        ]

    def test_from_march_2026_the_first_neglect_already_costs_seven_days(self) -> None:
        first = REFORM_2026_SANCTIONS.consequence(1)
        assert (first.consequence, first.non_compensable_days) == (Consequence.non_compensable_period, 7)
        assert REFORM_2026_SANCTIONS.consequence(9).consequence is Consequence.until_further_notice

    @given(ordinal=st.integers(min_value=1, max_value=50), day=days)
    def test_consequences_never_soften_as_neglects_repeat(self, ordinal: int, day: date) -> None:
        rules = sanctions_in_force(day)
        order = list(Consequence)
        this, following = rules.consequence(ordinal), rules.consequence(ordinal + 1)
        assert order.index(following.consequence) >= order.index(this.consequence)
        assert (following.non_compensable_days or 0) >= (this.non_compensable_days or 0) or (
            following.consequence is Consequence.until_further_notice
        )


class TestPeriods:
    def test_periods_follow_the_plan_version_in_force_at_their_start(self) -> None:
        found = periods(
            obligations=[Obligation(date(2026, 1, 15), 4, 1), Obligation(date(2026, 2, 20), 1, 3)],
            applied_on=[date(2026, 1, 20), date(2026, 3, 1)],
            today=date(2026, 6, 1),
        )
        assert [(p.starts_on, p.ends_on, p.required, p.reported) for p in found] == [
            (date(2026, 1, 15), date(2026, 2, 14), 4, 1),
            (date(2026, 2, 15), date(2026, 3, 14), 4, 1),  # the reduction applies from the next period
            (date(2026, 3, 15), date(2026, 6, 14), 1, 0),
        ]
        assert [p.shortfall for p in found] == [3, 3, 1] and [p.closed for p in found] == [True, True, False]

    @settings(max_examples=150, deadline=None)
    @given(
        start=days,
        months=st.integers(min_value=1, max_value=3),
        required=st.integers(min_value=0, max_value=8),
        offsets=st.lists(st.integers(min_value=-30, max_value=500), max_size=30),
        elapsed=st.integers(min_value=0, max_value=500),
    )
    def test_periods_are_back_to_back_and_count_every_application_once(
        self, start: date, months: int, required: int, offsets: list[int], elapsed: int
    ) -> None:
        today = start + timedelta(days=elapsed)
        applied = [start + timedelta(days=offset) for offset in offsets]
        found = periods(obligations=[Obligation(start, required, months)], applied_on=applied, today=today)
        assert found[0].starts_on == start and found[-1].starts_on <= today <= found[-1].ends_on
        for earlier, later in pairwise(found):
            assert later.starts_on == earlier.ends_on + timedelta(days=1)
            assert earlier.closed
        assert not found[-1].closed
        inside = [day for day in applied if start <= day <= found[-1].ends_on]
        assert sum(p.reported for p in found) == len(inside)
        assert all(p.shortfall == max(0, required - p.reported) for p in found)
        assert all(27 * months <= (p.ends_on - p.starts_on).days + 1 <= 31 * months + 1 for p in found)
