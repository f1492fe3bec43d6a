"""When the initial service hands a client over (seed 004, Mikkelin seudun kuntakokeilu: the personal coach holds
the last interview of the first three months; Laki työvoimapalveluiden järjestämisestä 380/2023, 6 luku: the
supplementary job-search discussions within three months of the initial interview)."""

from __future__ import annotations

from datetime import date, timedelta

from clients_api.handover.rules import Interview, handover_due


class TestHandoverDue:
    def test_the_last_supplementary_discussion_of_the_three_months(self) -> None:
        # Started 5.1.2026, initial interview 9.1., then supplementary discussions about every two weeks.
        initial = Interview(date(2026, 1, 9), supplementary=False)
        supplementary = [Interview(date(2026, 1, 9) + timedelta(days=14 * n), supplementary=True) for n in range(1, 6)]
        assert supplementary[-1].due_on == date(2026, 3, 20)
        assert handover_due(date(2026, 1, 5), [initial, *supplementary]) == date(2026, 3, 20)

    def test_a_discussion_after_the_three_months_is_not_the_initial_service_s(self) -> None:
        late = Interview(date(2026, 4, 7), supplementary=True)
        within = Interview(date(2026, 3, 20), supplementary=True)
        assert handover_due(date(2026, 1, 5), [within, late]) == date(2026, 3, 20)

    def test_without_supplementary_discussions_the_three_months_end(self) -> None:
        periodic = Interview(date(2026, 2, 1), supplementary=False)
        assert handover_due(date(2026, 1, 5), [periodic]) == date(2026, 4, 5)
        assert handover_due(date(2025, 11, 30), []) == date(2026, 2, 28)  # the month's last day
