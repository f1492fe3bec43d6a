"""Working days in Finland (the deadline arithmetic both clients-api and referrals-api use)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from polku_kit.calendar import add_working_days, is_working_day, local_date


class TestWorkingDays:
    def test_midsummer_eve_and_christmas_are_days_off(self) -> None:
        assert not is_working_day(date(2026, 6, 19))  # Midsummer Eve
        assert not is_working_day(date(2026, 12, 24)) and not is_working_day(date(2026, 12, 25))
        assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)

    @given(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)), st.integers(min_value=1, max_value=30))
    def test_the_result_is_a_working_day_with_exactly_count_working_days_after_start(
        self, start: date, count: int
    ) -> None:
        end = add_working_days(start, count)
        assert is_working_day(end)
        between = [start + timedelta(days=n) for n in range(1, (end - start).days + 1)]
        assert sum(is_working_day(day) for day in between) == count

    def test_local_date_is_helsinki(self) -> None:
        assert local_date(datetime(2026, 3, 1, 22, 30, tzinfo=UTC)) == date(2026, 3, 2)
