"""The window a meeting must fall in to serve a deadline, from the statutory schedule.

Known answers from the law: Act 380/2023 as amended by HE 108/2025 (in force 1.1.2026): the initial interview at
the latest within 10 working days of the start of the job search; a job-search discussion whenever three months
have passed since the initial interview or the previous one (TyVM 9/2025: "alkuhaastattelusta lukien kolmen
kuukauden välein"). Working days in Finland exclude weekends and public holidays (Epiphany, 6 January)."""

from __future__ import annotations

from datetime import date

from clients_api.meeting.window import CATCH_UP_DAYS, window
from clients_api.schedule.deadlines import DeadlineKind, schedule


class TestWindow:
    def test_the_initial_interview_from_the_start_to_the_tenth_working_day(self) -> None:
        # Started on Monday 2 March 2026: ten working days are 3–6, 9–13 and 16 March.
        started = date(2026, 3, 2)
        deadlines = schedule(job_search_started_on=started, interviews_held=[], today=started)
        initial = next(d for d in deadlines if d.kind is DeadlineKind.initial_interview)
        found = window(deadlines, initial, started_on=started, today=started)
        assert (found.opens_on, found.closes_on, found.late) == (date(2026, 3, 2), date(2026, 3, 16), False)

    def test_a_holiday_moves_the_end_of_the_window(self) -> None:
        # Started on Friday 1 January 2027 (New Year's Day): 4, 5, 7, 8, 11–15 and 18 January (6 January is
        # Epiphany).
        started = date(2027, 1, 1)
        deadlines = schedule(job_search_started_on=started, interviews_held=[], today=started)
        initial = next(d for d in deadlines if d.kind is DeadlineKind.initial_interview)
        assert window(deadlines, initial, started_on=started, today=started).closes_on == date(2027, 1, 18)

    def test_a_job_search_discussion_opens_after_the_initial_interview_held(self) -> None:
        # Initial interview held on 10 March 2026: the next discussion within three months, by 10 June 2026.
        started, held = date(2026, 3, 2), date(2026, 3, 10)
        deadlines = schedule(job_search_started_on=started, interviews_held=[held], today=date(2026, 3, 11))
        periodic = next(d for d in deadlines if d.kind is DeadlineKind.periodic_interview)
        found = window(deadlines, periodic, started_on=started, today=date(2026, 3, 11))
        assert (found.opens_on, found.closes_on) == (date(2026, 3, 11), date(2026, 6, 10))

    def test_the_window_never_opens_before_today(self) -> None:
        started = date(2026, 3, 2)
        deadlines = schedule(job_search_started_on=started, interviews_held=[], today=date(2026, 3, 9))
        initial = next(d for d in deadlines if d.kind is DeadlineKind.initial_interview)
        assert window(deadlines, initial, started_on=started, today=date(2026, 3, 9)).opens_on == date(2026, 3, 9)

    def test_an_overdue_deadline_is_met_late_within_the_catch_up_period(self) -> None:
        started, day = date(2026, 3, 2), date(2026, 3, 20)
        deadlines = schedule(job_search_started_on=started, interviews_held=[], today=day)
        initial = next(d for d in deadlines if d.kind is DeadlineKind.initial_interview)
        found = window(deadlines, initial, started_on=started, today=day)
        assert (found.opens_on, found.closes_on, found.late) == (day, date(2026, 4, 3), True)
        assert CATCH_UP_DAYS == 14
