"""Known answers for the corrected schedule, worked out by hand from the law in both rule sets: what the
job-search discussions count from, the intensified months of continuous unemployment, the plan deadline, the
transition of 1.1.2026 and the job-search periods (a new one with or without an initial interview, an ended one)."""

from __future__ import annotations

from datetime import date

from clients_api.continuity import StatusEntry, unemployment_spells
from clients_api.schedule.deadlines import Deadline, DeadlineKind, DeadlineStatus, schedule, schedule_with_horizon
from clients_api.schedule.rules import NORDIC_MODEL, REFORM_2026, new_initial_interview


def of(kind: DeadlineKind, deadlines: list[Deadline]) -> list[Deadline]:
    return [d for d in deadlines if d.kind is kind]


class TestJobSearchDiscussionsCountFromTheInitialInterview:
    """Työmarkkinatori, Alkuhaastattelu ja työnhakukeskustelut: a job-search discussion "aina, kun
    alkuhaastattelusta tai edellisestä työnhakukeskustelusta on kulunut kolme kuukautta"; from 2026
    "alkuhaastattelusta lukien kolmen kuukauden välein" (TyVM 9/2025). Supplementary discussions do not move it."""

    def test_nordic_model_five_supplementary_held_on_time(self) -> None:
        # Start Mon 2.9.2024, initial interview Wed 4.9.2024; supplementary due 14 days apart from it and held on
        # their days: 18.9, 2.10, 16.10, 30.10, 13.11.2024. The first job-search discussion is three months
        # from the initial interview: Wed 4.12.2024 (counting from the last supplementary, 13.2.2025, was the
        # defect).
        held = [date(2024, 9, 4), date(2024, 9, 18), date(2024, 10, 2), date(2024, 10, 16), date(2024, 10, 30)]
        held.append(date(2024, 11, 13))
        deadlines = schedule(job_search_started_on=date(2024, 9, 2), interviews_held=held, today=date(2024, 11, 14))
        supplementary = of(DeadlineKind.supplementary_interview, deadlines)
        assert [d.due_on for d in supplementary] == held[1:]
        assert all(d.status is DeadlineStatus.met for d in supplementary)
        [periodic] = of(DeadlineKind.periodic_interview, deadlines)
        assert periodic.due_on == date(2024, 12, 4) and periodic.rule_set is NORDIC_MODEL

    def test_the_next_counts_from_the_previous_job_search_discussion(self) -> None:
        # The same search, the first job-search discussion held Tue 3.12.2024: the next is due Mon 3.3.2025.
        held = [date(2024, 9, 4), date(2024, 9, 18), date(2024, 10, 2), date(2024, 10, 16), date(2024, 10, 30)]
        held += [date(2024, 11, 13), date(2024, 12, 3)]
        deadlines = schedule(job_search_started_on=date(2024, 9, 2), interviews_held=held, today=date(2024, 12, 10))
        periodic = of(DeadlineKind.periodic_interview, deadlines)
        assert [(d.due_on, d.held_on) for d in periodic] == [
            (date(2024, 12, 4), date(2024, 12, 3)),
            (date(2025, 3, 3), None),
        ]

    def test_2026_need_based_supplementary_discussions_do_not_move_it(self) -> None:
        # Start Mon 2.2.2026, initial interview Wed 4.2.2026, need for more support recorded that day: two
        # supplementary discussions due 18.2 and 4.3.2026, held on those days. The job-search discussion is
        # 4.2. + 3 months = Mon 4.5.2026, not 4.3. + 3 months.
        from clients_api.schedule.deadlines import SupplementaryNeed

        deadlines = schedule(
            job_search_started_on=date(2026, 2, 2),
            interviews_held=[date(2026, 2, 4), date(2026, 2, 18), date(2026, 3, 4)],
            today=date(2026, 3, 5),
            supplementary_need=SupplementaryNeed(date(2026, 2, 4)),
        )
        assert [d.status for d in of(DeadlineKind.supplementary_interview, deadlines)] == [DeadlineStatus.met] * 2
        [periodic] = of(DeadlineKind.periodic_interview, deadlines)
        assert periodic.due_on == date(2026, 5, 4) and periodic.rule_set is REFORM_2026


class TestIntensifiedMonths:
    """HE 167/2021: every half year a month with two more job-search discussions, from six months of continuous
    unemployment (yhdenjaksoinen työttömyys), not from the job-search start; none after 31.12.2025."""

    def test_counted_from_continuous_unemployment_not_the_job_search_start(self) -> None:
        # Job search from Wed 10.1.2024; unemployed, then in a service 1.3.–31.5.2024, unemployed again from
        # Sat 1.6.2024. Continuous unemployment starts on 1.6.2024, so the month begins 1.12.2024 and its two
        # discussions are due a month later, 1.1.2025 (New Year's Day), moved back to Tue 31.12.2024. Counted from
        # the job-search start it would have begun on 10.7.2024.
        history = [
            StatusEntry("unemployed", date(2024, 1, 10)),
            StatusEntry("in_activating_service", date(2024, 3, 1)),
            StatusEntry("unemployed", date(2024, 6, 1)),
        ]
        spells = unemployment_spells(history, [(date(2024, 1, 10), None)])
        assert spells == [(date(2024, 1, 10), date(2024, 2, 29)), (date(2024, 6, 1), None)]
        deadlines = schedule(
            job_search_started_on=date(2024, 1, 10), interviews_held=[], today=date(2025, 1, 15), unemployment=spells
        )
        intensified = of(DeadlineKind.intensified_interview, deadlines)
        assert [(d.number, d.due_on) for d in intensified] == [(1, date(2024, 12, 31)), (2, date(2024, 12, 31))]

    def test_a_month_ending_on_new_years_eve_2025_is_the_last(self) -> None:
        # Unemployed from Sun 1.6.2025: the month begins Mon 1.12.2025 and ends 1.1.2026 (a holiday), so its
        # discussions are due Wed 31.12.2025, the last day of the Nordic model: two deadlines.
        deadlines = schedule(
            job_search_started_on=date(2025, 6, 2),
            interviews_held=[],
            today=date(2026, 3, 1),
            unemployment=[(date(2025, 6, 1), None)],
        )
        intensified = of(DeadlineKind.intensified_interview, deadlines)
        assert [d.due_on for d in intensified] == [date(2025, 12, 31)] * 2
        assert all(d.rule_set is NORDIC_MODEL for d in intensified)

    def test_a_month_that_would_end_in_2026_gives_no_deadline(self) -> None:
        # Unemployed from Sun 15.6.2025: the month would begin Mon 15.12.2025 and end Thu 15.1.2026, after the
        # Nordic model ended: no deadline; and the 2026 rules have no intensified months.
        deadlines, valid_until = schedule_with_horizon(
            job_search_started_on=date(2025, 6, 16),
            interviews_held=[],
            today=date(2025, 12, 20),
            unemployment=[(date(2025, 6, 15), None)],
        )
        assert not of(DeadlineKind.intensified_interview, deadlines)
        # Nor does the horizon wait for one: it is the next job-search discussion's due day.
        assert valid_until == of(DeadlineKind.periodic_interview, deadlines)[-1].due_on


class TestPlanDeadline:
    def test_nordic_model_two_weeks_after_the_initial_interview(self) -> None:
        # HE 167/2021: the plan in the initial interview or at the latest two weeks after it. Initial interview
        # Wed 4.9.2024 -> plan due Wed 18.9.2024.
        start, interview = date(2024, 9, 2), [date(2024, 9, 4)]
        on_time = schedule(
            job_search_started_on=start,
            interviews_held=interview,
            today=date(2024, 9, 20),
            plan_made_on=date(2024, 9, 17),
        )
        [plan] = of(DeadlineKind.employment_plan, on_time)
        assert (plan.due_on, plan.status, plan.rule_set) == (date(2024, 9, 18), DeadlineStatus.met, NORDIC_MODEL)
        late = schedule(
            job_search_started_on=start,
            interviews_held=interview,
            today=date(2024, 9, 20),
            plan_made_on=date(2024, 9, 20),
        )
        assert of(DeadlineKind.employment_plan, late)[0].status is DeadlineStatus.met_late
        missing = schedule(job_search_started_on=start, interviews_held=interview, today=date(2024, 9, 19))
        assert of(DeadlineKind.employment_plan, missing)[0].status is DeadlineStatus.overdue

    def test_2026_in_the_initial_interview(self) -> None:
        # 380/2023 4 luku as amended by HE 108/2025: the plan is made in the initial interview. Initial interview
        # Wed 4.2.2026 -> plan due that day; made the next day it is late.
        start, interview = date(2026, 2, 2), [date(2026, 2, 4)]
        same_day = schedule(
            job_search_started_on=start,
            interviews_held=interview,
            today=date(2026, 2, 4),
            plan_made_on=date(2026, 2, 4),
        )
        [plan] = of(DeadlineKind.employment_plan, same_day)
        assert (plan.due_on, plan.status, plan.rule_set) == (date(2026, 2, 4), DeadlineStatus.met, REFORM_2026)
        next_day = schedule(
            job_search_started_on=start,
            interviews_held=interview,
            today=date(2026, 2, 5),
            plan_made_on=date(2026, 2, 5),
        )
        assert of(DeadlineKind.employment_plan, next_day)[0].status is DeadlineStatus.met_late

    def test_a_waived_plan_deadline_is_neither_due_nor_overdue(self) -> None:
        deadlines = schedule(
            job_search_started_on=date(2026, 2, 2),
            interviews_held=[date(2026, 2, 4)],
            today=date(2026, 3, 1),
            waived={(DeadlineKind.employment_plan, 1)},
        )
        assert of(DeadlineKind.employment_plan, deadlines)[0].status is DeadlineStatus.waived


class TestTransition:
    def test_a_job_search_started_on_30_december_2025_keeps_the_nordic_initial_interview_and_plan(self) -> None:
        # Decision 26: the start day decides. Tue 30.12.2025: 31.12 (1), 1.1. holiday, Fri 2.1. (2), Mon 5.1. (3),
        # 6.1. Epiphany, Wed 7.1. (4), Thu 8.1.2026 (5). The plan two weeks after the deadline: Thu 22.1.2026.
        # No fixed supplementary discussions: the 2026 rules are in force when they would fall due.
        deadlines = schedule(job_search_started_on=date(2025, 12, 30), interviews_held=[], today=date(2025, 12, 30))
        [initial] = of(DeadlineKind.initial_interview, deadlines)
        [plan] = of(DeadlineKind.employment_plan, deadlines)
        assert (initial.due_on, initial.rule_set) == (date(2026, 1, 8), NORDIC_MODEL)
        assert (plan.due_on, plan.rule_set) == (date(2026, 1, 22), NORDIC_MODEL)
        assert not of(DeadlineKind.supplementary_interview, deadlines)


class TestJobSearchPeriods:
    def test_six_months_since_the_previous_period_ended(self) -> None:
        # Ended Tue 31.3.2026: six months later is Wed 30.9.2026 (add_months keeps the month end).
        assert new_initial_interview(date(2026, 3, 31), date(2026, 9, 30)) is True
        assert new_initial_interview(date(2026, 3, 31), date(2026, 9, 29)) is False
        assert new_initial_interview(None, date(2026, 9, 29)) is True

    def test_a_period_without_an_initial_interview_counts_three_months_from_its_start(self) -> None:
        # A new period from Mon 2.3.2026 within six months of the previous: no initial interview, no plan
        # deadline; the job-search discussion three months from the start, Tue 2.6.2026.
        deadlines = schedule(
            job_search_started_on=date(2026, 3, 2), interviews_held=[], today=date(2026, 3, 2), initial_interview=False
        )
        assert [(d.kind, d.due_on) for d in deadlines] == [(DeadlineKind.periodic_interview, date(2026, 6, 2))]

    def test_an_ended_period_has_nothing_due_after_its_end(self) -> None:
        # Start Mon 2.2.2026, initial interview Wed 4.2., plan made that day, ended Fri 20.3.2026 (employed). The
        # job-search discussion of 4.5.2026 is never due; the schedule no longer changes.
        deadlines, valid_until = schedule_with_horizon(
            job_search_started_on=date(2026, 2, 2),
            interviews_held=[date(2026, 2, 4)],
            today=date(2026, 7, 1),
            ended_on=date(2026, 3, 20),
            plan_made_on=date(2026, 2, 4),
        )
        assert {d.kind for d in deadlines} == {DeadlineKind.initial_interview, DeadlineKind.employment_plan}
        assert all(d.status is DeadlineStatus.met for d in deadlines) and valid_until == date.max

    def test_continuity_breaks_between_periods(self) -> None:
        # Unemployed throughout, but the job search ended 31.3.2026 and began again 15.4.2026: two spells.
        history = [StatusEntry("unemployed", date(2026, 1, 5))]
        periods = [(date(2026, 1, 5), date(2026, 3, 31)), (date(2026, 4, 15), None)]
        assert unemployment_spells(history, periods) == [
            (date(2026, 1, 5), date(2026, 3, 31)),
            (date(2026, 4, 15), None),
        ]
