"""Continuity of unemployment from the status history, and the target groups judged from it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from clients_api.client.models import ClientStatus
from clients_api.client.target_groups import TargetGroup, months_between, target_groups
from clients_api.client.unemployment import StatusEntry, unemployed_since

TODAY = date(2026, 11, 25)
BASE = datetime(2020, 1, 1, tzinfo=UTC)


def entry(status: ClientStatus, day: date, order: int = 0) -> StatusEntry:
    return StatusEntry(status=status.value, changed_on=day, recorded_at=BASE + timedelta(seconds=order))


def reference(history: list[StatusEntry], today: date) -> date | None:
    """Day by day: the status at the end of each day, then back from today while unemployed."""
    effective = [e for e in history if e.changed_on <= today]
    if not effective:
        return None

    def status_on(day: date) -> str | None:
        todays = [e for e in effective if e.changed_on <= day]
        if not todays:
            return None
        return max(todays, key=lambda e: (e.changed_on, e.recorded_at)).status

    if status_on(today) != ClientStatus.unemployed:
        return None
    day = today
    first = min(e.changed_on for e in effective)
    while day > first and status_on(day - timedelta(days=1)) == ClientStatus.unemployed:
        day -= timedelta(days=1)
    return day


histories = st.lists(
    st.tuples(st.sampled_from(list(ClientStatus)), st.integers(min_value=0, max_value=120)),
    min_size=0,
    max_size=8,
).map(
    lambda rows: [entry(status, TODAY - timedelta(days=offset), order) for order, (status, offset) in enumerate(rows)]
)


class TestExamples:
    def test_unbroken_unemployment_counts_from_registration(self) -> None:
        history = [entry(ClientStatus.unemployed, date(2025, 6, 2))]
        assert unemployed_since(history, TODAY) == date(2025, 6, 2)

    def test_employment_breaks_continuity(self) -> None:
        history = [
            entry(ClientStatus.unemployed, date(2025, 1, 2), 0),
            entry(ClientStatus.employed, date(2025, 9, 1), 1),
            entry(ClientStatus.unemployed, date(2025, 10, 1), 2),
        ]
        assert unemployed_since(history, TODAY) == date(2025, 10, 1)

    def test_a_one_day_activating_service_breaks_continuity(self) -> None:
        history = [
            entry(ClientStatus.unemployed, date(2025, 1, 2), 0),
            entry(ClientStatus.in_activating_service, date(2026, 3, 2), 1),
            entry(ClientStatus.unemployed, date(2026, 3, 3), 2),
        ]
        assert unemployed_since(history, TODAY) == date(2026, 3, 3)

    def test_a_status_corrected_the_same_day_is_no_break(self) -> None:
        history = [
            entry(ClientStatus.unemployed, date(2025, 1, 2), 0),
            entry(ClientStatus.employed, date(2026, 3, 2), 1),
            entry(ClientStatus.unemployed, date(2026, 3, 2), 2),
        ]
        assert unemployed_since(history, TODAY) == date(2025, 1, 2)

    def test_a_change_without_a_recording_time_counts_as_the_first_that_day(self) -> None:
        history = [
            entry(ClientStatus.unemployed, date(2025, 1, 2), 0),
            StatusEntry(status=ClientStatus.employed.value, changed_on=date(2026, 3, 2)),
            entry(ClientStatus.unemployed, date(2026, 3, 2), 2),
        ]
        assert unemployed_since(history, TODAY) == date(2025, 1, 2)

    def test_repeated_unemployed_entries_do_not_restart_the_count(self) -> None:
        history = [
            entry(ClientStatus.unemployed, date(2025, 1, 2), 0),
            entry(ClientStatus.unemployed, date(2025, 5, 2), 1),
        ]
        assert unemployed_since(history, TODAY) == date(2025, 1, 2)

    def test_not_unemployed_today_gives_none_and_future_changes_wait(self) -> None:
        employed = [entry(ClientStatus.unemployed, date(2025, 1, 2), 0), entry(ClientStatus.employed, TODAY, 1)]
        assert unemployed_since(employed, TODAY) is None
        starts_later = [
            entry(ClientStatus.employed, TODAY + timedelta(days=3), 1),
            entry(ClientStatus.unemployed, date(2025, 1, 2), 0),
        ]
        assert unemployed_since(starts_later, TODAY) == date(2025, 1, 2)
        assert unemployed_since([], TODAY) is None


class TestProperties:
    @given(histories)
    @settings(max_examples=300, deadline=None)
    def test_agrees_with_the_day_by_day_reading(self, history: list[StatusEntry]) -> None:
        assert unemployed_since(history, TODAY) == reference(history, TODAY)

    @given(histories, st.randoms(use_true_random=False))
    @settings(max_examples=200, deadline=None)
    def test_the_order_rows_arrive_in_does_not_matter(self, history: list[StatusEntry], rnd) -> None:  # type: ignore[no-untyped-def]
        shuffled = list(history)
        rnd.shuffle(shuffled)
        assert unemployed_since(shuffled, TODAY) == unemployed_since(history, TODAY)

    @given(histories)
    @settings(max_examples=200, deadline=None)
    def test_the_start_is_a_day_of_unemployment_never_after_today(self, history: list[StatusEntry]) -> None:
        start = unemployed_since(history, TODAY)
        if start is not None:
            assert start <= TODAY
            assert any(e.changed_on == start and e.status == ClientStatus.unemployed for e in history)

    @given(histories, st.integers(min_value=1, max_value=60), st.integers(min_value=1, max_value=60))
    @settings(max_examples=200, deadline=None)
    def test_any_break_restarts_the_count_on_return(self, history: list[StatusEntry], gap: int, back: int) -> None:
        left = TODAY + timedelta(days=1)
        returned = left + timedelta(days=gap)
        later = returned + timedelta(days=back)
        extended = [
            *history,
            entry(ClientStatus.unemployed, TODAY - timedelta(days=200), -1),
            entry(ClientStatus.employed, left, 100),
            entry(ClientStatus.unemployed, returned, 101),
        ]
        assert unemployed_since(extended, later) == returned


class TestTargetGroups:
    def test_newly_and_long_term_follow_the_continuous_period(self) -> None:
        birth = date(1980, 1, 1)
        assert TargetGroup.newly_unemployed in target_groups(
            birth=birth, unemployed_since=date(2026, 10, 1), today=TODAY
        )
        assert target_groups(birth=birth, unemployed_since=date(2025, 11, 25), today=TODAY) == [
            TargetGroup.long_term_unemployed
        ]
        assert target_groups(birth=birth, unemployed_since=date(2025, 11, 26), today=TODAY) == []
        assert target_groups(birth=birth, unemployed_since=None, today=TODAY) == []

    @given(st.dates(min_value=date(2015, 1, 1), max_value=TODAY))
    def test_newly_and_long_term_exclude_each_other(self, since: date) -> None:
        groups = target_groups(birth=date(1970, 5, 5), unemployed_since=since, today=TODAY)
        months = months_between(since, TODAY)
        assert (TargetGroup.newly_unemployed in groups) == (months < 6)
        assert (TargetGroup.long_term_unemployed in groups) == (months >= 12)
        assert not {TargetGroup.newly_unemployed, TargetGroup.long_term_unemployed} <= set(groups)
