"""Waived deadlines and the 2026 supplementary discussions driven by the recorded service need."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from clients_api.schedule.deadlines import DeadlineKind, DeadlineStatus, SupplementaryNeed, schedule
from clients_api.schedule.rules import NORDIC_MODEL, REFORM_2026, in_force
from polku_kit.calendar import is_working_day

reform_starts = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31))
any_starts = st.dates(min_value=date(2022, 5, 2), max_value=date(2027, 12, 31))


def supplementary(deadlines):  # type: ignore[no-untyped-def]
    return [d for d in deadlines if d.kind is DeadlineKind.supplementary_interview]


class TestNeedBasedSupplementary:
    def test_a_need_for_more_support_adds_two_discussions_two_weeks_apart(self) -> None:
        # Initial interview held Wed 4.2.2026, need recorded that day: 18.2. and 4.3.2026.
        deadlines = schedule(
            job_search_started_on=date(2026, 2, 2),
            interviews_held=[date(2026, 2, 4)],
            today=date(2026, 2, 4),
            supplementary_need=SupplementaryNeed(date(2026, 2, 4)),
        )
        found = supplementary(deadlines)
        assert [(d.number, d.due_on) for d in found] == [(1, date(2026, 2, 18)), (2, date(2026, 3, 4))]
        assert all(d.rule_set is REFORM_2026 for d in found)

    def test_the_assessment_may_name_the_number(self) -> None:
        deadlines = schedule(
            job_search_started_on=date(2026, 2, 2),
            interviews_held=[date(2026, 2, 4)],
            today=date(2026, 2, 4),
            supplementary_need=SupplementaryNeed(date(2026, 2, 10), count=4),
        )
        found = supplementary(deadlines)
        assert len(found) == 4 and found[0].due_on == date(2026, 2, 24)

    def test_no_need_no_discussions_and_the_nordic_model_keeps_its_fixed_five(self) -> None:
        assert not supplementary(
            schedule(job_search_started_on=date(2026, 2, 2), interviews_held=[], today=date(2026, 2, 2))
        )
        nordic = schedule(
            job_search_started_on=date(2024, 9, 2),
            interviews_held=[date(2024, 9, 4)],
            today=date(2024, 9, 4),
            supplementary_need=SupplementaryNeed(date(2024, 9, 4)),
        )
        assert len(supplementary(nordic)) == 5 and all(d.rule_set is NORDIC_MODEL for d in supplementary(nordic))

    def test_held_discussions_meet_them_and_the_periodic_one_counts_from_the_initial_interview(self) -> None:
        held = [date(2026, 2, 4), date(2026, 2, 17), date(2026, 3, 2)]
        deadlines = schedule(
            job_search_started_on=date(2026, 2, 2),
            interviews_held=held,
            today=date(2026, 3, 2),
            supplementary_need=SupplementaryNeed(date(2026, 2, 4)),
        )
        assert [d.status for d in supplementary(deadlines)] == [DeadlineStatus.met, DeadlineStatus.met]
        # The job-search discussion counts from the initial interview (4.2.2026), not from the last supplementary
        # discussion: three months later is Mon 4.5.2026 (TyVM 9/2025: "alkuhaastattelusta lukien kolmen
        # kuukauden välein"; tyomarkkinatori.fi: "aina, kun alkuhaastattelusta tai edellisestä
        # työnhakukeskustelusta on kulunut kolme kuukautta").
        periodic = next(d for d in deadlines if d.kind is DeadlineKind.periodic_interview)
        assert periodic.due_on == date(2026, 5, 4)

    @settings(max_examples=150, deadline=None)
    @given(
        start=any_starts,
        recorded_after=st.integers(min_value=0, max_value=200),
        count=st.none() | st.integers(min_value=0, max_value=12),
        offsets=st.lists(st.integers(min_value=0, max_value=300), max_size=6),
    )
    def test_need_based_deadlines_fall_on_working_days_after_the_need_and_only_under_2026_rules(
        self, start: date, recorded_after: int, count: int | None, offsets: list[int]
    ) -> None:
        recorded = start + timedelta(days=recorded_after)
        held = [start + timedelta(days=offset) for offset in offsets]
        plain = schedule(job_search_started_on=start, interviews_held=held, today=start + timedelta(days=400))
        needed = schedule(
            job_search_started_on=start,
            interviews_held=held,
            today=start + timedelta(days=400),
            supplementary_need=SupplementaryNeed(recorded, count),
        )
        extra = supplementary(needed)[len(supplementary(plain)) :]
        for deadline in needed:
            assert is_working_day(deadline.due_on), deadline
        for deadline in extra:
            assert deadline.rule_set.need_based_supplementary
            assert deadline.due_on > recorded - timedelta(days=4)  # never before the need (less a holiday roll-back)
        expected = REFORM_2026.need_based_supplementary_count if count is None else count
        assert len(extra) in (0, expected)
        if in_force(recorded) is REFORM_2026 and expected > 0:
            assert len(extra) == expected  # a need recorded under the 2026 rules always gets its discussions
        assert [d.number for d in supplementary(needed)] == list(range(1, len(supplementary(needed)) + 1))

    @settings(max_examples=100, deadline=None)
    @given(
        start=reform_starts, first=st.integers(min_value=0, max_value=30), delay=st.integers(min_value=1, max_value=60)
    )
    def test_holding_the_initial_interview_later_never_moves_need_based_deadlines_earlier(
        self, start: date, first: int, delay: int
    ) -> None:
        need = SupplementaryNeed(start)
        today = start + timedelta(days=300)
        on_time = schedule(
            job_search_started_on=start,
            interviews_held=[start + timedelta(days=first)],
            today=today,
            supplementary_need=need,
        )
        late = schedule(
            job_search_started_on=start,
            interviews_held=[start + timedelta(days=first + delay)],
            today=today,
            supplementary_need=need,
        )
        for early, later in zip(supplementary(on_time), supplementary(late), strict=True):
            assert later.due_on >= early.due_on


class TestWaivers:
    def test_a_waived_deadline_is_neither_due_nor_overdue(self) -> None:
        start = date(2026, 3, 2)
        deadlines = schedule(
            job_search_started_on=start,
            interviews_held=[],
            today=date(2026, 5, 1),
            waived={(DeadlineKind.initial_interview, 1)},
        )
        initial = next(d for d in deadlines if d.kind is DeadlineKind.initial_interview)
        assert initial.status is DeadlineStatus.waived

    def test_a_held_interview_still_meets_a_waived_deadline(self) -> None:
        start = date(2026, 3, 2)
        deadlines = schedule(
            job_search_started_on=start,
            interviews_held=[date(2026, 3, 4)],
            today=start,
            waived={(DeadlineKind.initial_interview, 1)},
        )
        initial = next(d for d in deadlines if d.kind is DeadlineKind.initial_interview)
        assert initial.status is DeadlineStatus.met

    @settings(max_examples=150, deadline=None)
    @given(
        start=any_starts,
        offsets=st.lists(st.integers(min_value=0, max_value=400), max_size=6),
        elapsed=st.integers(min_value=0, max_value=600),
        pick=st.integers(min_value=0, max_value=50),
    )
    def test_waiving_changes_only_the_status_of_the_waived_deadline(
        self, start: date, offsets: list[int], elapsed: int, pick: int
    ) -> None:
        held = [start + timedelta(days=offset) for offset in offsets]
        today = start + timedelta(days=elapsed)
        plain = schedule(job_search_started_on=start, interviews_held=held, today=today)
        target = plain[pick % len(plain)]
        waived = schedule(
            job_search_started_on=start, interviews_held=held, today=today, waived={(target.kind, target.number)}
        )
        assert [(d.kind, d.number, d.due_on, d.held_on) for d in waived] == [
            (d.kind, d.number, d.due_on, d.held_on) for d in plain
        ]
        for before, after in zip(plain, waived, strict=True):
            if (before.kind, before.number) == (target.kind, target.number) and before.held_on is None:
                assert after.status is DeadlineStatus.waived
            else:
                assert after.status is before.status


class TestNeedRecordedLate:
    def test_a_missed_periodic_discussion_before_the_need_stays_overdue(self) -> None:
        # Initial interview 4.2.2026; periodic due 4.5.2026 missed; need recorded 1.7.2026, supplementary
        # discussion held 10.7.2026: the May deadline is still overdue, and the next job-search discussion counts
        # from the missed one's due day, 4.5. + 3 months = Tue 4.8.2026; a supplementary discussion never moves
        # it (TyVM 9/2025, "alkuhaastattelusta lukien kolmen kuukauden välein").
        deadlines = schedule(
            job_search_started_on=date(2026, 2, 2),
            interviews_held=[date(2026, 2, 4), date(2026, 7, 10)],
            today=date(2026, 7, 20),
            supplementary_need=SupplementaryNeed(date(2026, 7, 1)),
        )
        periodic = [d for d in deadlines if d.kind is DeadlineKind.periodic_interview]
        assert (periodic[0].due_on, periodic[0].status) == (date(2026, 5, 4), DeadlineStatus.overdue)
        assert periodic[1].due_on == date(2026, 8, 4)
        [first, second] = supplementary(deadlines)
        assert first.held_on == date(2026, 7, 10) and first.status is DeadlineStatus.met
        assert second.due_on == date(2026, 7, 24)

    @settings(max_examples=150, deadline=None)
    @given(
        start=reform_starts,
        recorded_after=st.integers(min_value=0, max_value=400),
        offsets=st.lists(st.integers(min_value=0, max_value=400), max_size=6),
    )
    def test_a_need_never_hides_an_overdue_periodic_deadline(
        self, start: date, recorded_after: int, offsets: list[int]
    ) -> None:
        held = [start + timedelta(days=offset) for offset in offsets]
        today = start + timedelta(days=450)
        recorded = start + timedelta(days=recorded_after)
        plain = schedule(job_search_started_on=start, interviews_held=held, today=today)
        needed = schedule(
            job_search_started_on=start,
            interviews_held=held,
            today=today,
            supplementary_need=SupplementaryNeed(recorded),
        )
        overdue_before = {
            d.due_on
            for d in plain
            if d.kind is DeadlineKind.periodic_interview and d.status is DeadlineStatus.overdue and d.due_on < recorded
        }
        overdue_after = {
            d.due_on for d in needed if d.kind is DeadlineKind.periodic_interview and d.status is DeadlineStatus.overdue
        }
        assert overdue_before <= overdue_after
