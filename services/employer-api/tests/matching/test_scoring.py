"""The score's parts, each checked by hand against the rules in employer_api.matching.scoring: the ISCO-08
hierarchy (unit group 4 digits, minor group its first 3: ILO, ISCO-08 Structure, 2012), the sub-regional units of
Statistics Finland's classification 2025 (Lahti and Hollola in Lahden seutukunta 071, Heinola too; Mikkeli in
Mikkelin seutukunta 101), Statistics Finland's definition of the long-term unemployed (*pitkäaikaistyötön*:
unemployed for at least a year), and the disadvantaged workers pay subsidy is for (916/2012, 7 luku, as worded by
371/2023: among them the young aged 15–24 and immigrants)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from employer_api.matching.scoring import Candidate, Part, VacancyTerms, score, total

TODAY = date(2026, 12, 3)
WELDER = VacancyTerms(
    occupation="7212",
    competences=("7233",),
    driving_licences=("B",),
    languages=("fi",),
    municipality="398",
    remote=False,
    supports=("pay_subsidy",),
)


def matti(**changes: object) -> Candidate:
    values: dict[str, object] = {
        "occupations": ("7212",),
        "competences": ("7233",),
        "driving_licences": ("B", "CE"),
        "languages": ("fi",),
        "municipality": "398",
        "status": "unemployed",
        "unemployed_since": TODAY - timedelta(days=400),
    }
    values.update(changes)
    return Candidate(**values)  # type: ignore[arg-type]


def parts(candidate: Candidate, vacancy: VacancyTerms = WELDER) -> dict[str, tuple[int, str]]:
    return {part.part: (part.points, part.reason) for part in score(vacancy, candidate, today=TODAY)}


class TestScore:
    def test_a_perfect_match_scores_100(self) -> None:
        assert total(score(WELDER, matti(), today=TODAY)) == 100

    def test_the_same_minor_group_scores_less_than_the_same_unit_group(self) -> None:
        # 7214 (structural-metal preparers) shares minor group 721 with welders (7212).
        assert parts(matti(occupations=("7214",)))["occupation"] == (25, "same_minor_group")
        assert parts(matti(occupations=("8332",)))["occupation"] == (0, "other_occupation")

    def test_a_missing_licence_is_named(self) -> None:
        assert parts(matti(driving_licences=()))["competences_and_licences"] == (10, "licence_missing")

    @pytest.mark.parametrize(
        ("home", "points", "reason"),
        [
            ("398", 15, "same_municipality"),
            ("098", 10, "same_commuting_area"),  # Hollola: Lahden seutukunta
            ("111", 10, "same_commuting_area"),  # Heinola: Lahden seutukunta since the sub-regions were merged
            ("491", 0, "elsewhere"),  # Mikkeli: Mikkelin seutukunta
        ],
    )
    def test_location(self, home: str, points: int, reason: str) -> None:
        assert parts(matti(municipality=home))["location"] == (points, reason)

    def test_remote_work_is_anywhere_and_ranks_below_the_commuting_area(self) -> None:
        remote = WELDER._replace(municipality=None, remote=True)
        assert parts(matti(municipality="491"), remote)["location"] == (5, "remote")
        # A remote job of a Lahti employer: for someone in Hollola it is within commuting distance too.
        remote_in_lahti = WELDER._replace(remote=True)
        assert parts(matti(municipality="098"), remote_in_lahti)["location"] == (10, "same_commuting_area")
        assert parts(matti(municipality="398"), remote_in_lahti)["location"] == (15, "same_municipality")

    def test_languages_by_share(self) -> None:
        two = WELDER._replace(languages=("fi", "sv"))
        assert parts(matti(), two)["languages"] == (5, "language_missing")

    @pytest.mark.parametrize(("status", "points"), [("unemployed", 10), ("in_activating_service", 5), ("employed", 0)])
    def test_availability_by_the_status_when_no_episode_is_known(self, status: str, points: int) -> None:
        assert parts(matti(status=status))["availability"][0] == points

    @pytest.mark.parametrize(("days", "fits"), [(364, False), (365, True)])
    def test_a_pay_subsidy_fits_the_long_term_unemployed(self, days: int, fits: bool) -> None:
        found = parts(matti(unemployed_since=TODAY - timedelta(days=days)))["support_fit"]
        assert found == ((5, "long_term_unemployed_with_support") if fits else (0, "no_support_fit"))

    @pytest.mark.parametrize(
        ("groups", "supports", "expected"),
        [
            (("under_25",), ("pay_subsidy",), (5, "young_with_support")),
            (("immigrant_in_integration_period",), ("pay_subsidy",), (5, "immigrant_with_support")),
            (("under_25",), ("summer_job_voucher",), (5, "young_with_support")),
            (("under_25",), ("recruitment_bonus",), (0, "no_support_fit")),  # for the long-term unemployed
            (("under_30",), ("pay_subsidy",), (0, "no_support_fit")),  # 25–29: not a group the law names
            (("under_25",), (), (0, "no_support_fit")),
        ],
    )
    def test_target_groups_fit_the_supports_meant_for_them(
        self, groups: tuple[str, ...], supports: tuple[str, ...], expected: tuple[int, str]
    ) -> None:
        vacancy = WELDER._replace(supports=supports)
        candidate = matti(unemployed_since=TODAY - timedelta(days=30), target_groups=groups)
        assert parts(candidate, vacancy)["support_fit"] == expected

    def test_long_term_unemployment_is_judged_on_the_day_not_from_the_event(self) -> None:
        # The event said long-term unemployed, but the unemployment started 100 days ago (a new period).
        stale = matti(unemployed_since=TODAY - timedelta(days=100), target_groups=("long_term_unemployed",))
        assert parts(stale)["support_fit"] == (0, "no_support_fit")


# The rule of decision 58: availability is judged on the job's start (today when it has none or it has passed);
# the client is free except on the days of their activating-service episodes (first and last day inclusive).
STARTS = date(2027, 1, 15)


def episode(first: date, last: date | None) -> tuple[date, date | None]:
    """An episode's days as the profile's multirange holds them: from the first day to the day after the last."""
    return (first, None if last is None else last + timedelta(days=1))


def availability(*episodes: tuple[date, date | None], status: str = "unemployed", starts: date | None = STARTS) -> Part:
    found = score(WELDER._replace(starts_on=starts), matti(status=status, engaged=episodes), today=TODAY)
    return next(part for part in found if part.part == "availability")


class TestAvailabilityByTheStartDate:
    def test_a_job_seeker_in_no_service_is_available_from_the_start(self) -> None:
        assert availability() == Part("availability", 10, 10, "available_at_start", STARTS)

    def test_a_service_ending_before_the_start_leaves_the_client_available_from_the_start(self) -> None:
        # Work trial 1.11.2026–14.1.2027: free on 15.1.2027, the day the job starts.
        part = availability(episode(date(2026, 11, 1), date(2027, 1, 14)), status="in_activating_service")
        assert part == Part("availability", 10, 10, "available_at_start", STARTS)

    @pytest.mark.parametrize(
        ("last", "expected"),
        [
            # Free on 1.2.2027, 17 days after the start: within 30 days, half.
            (date(2027, 1, 31), Part("availability", 5, 10, "available_soon", date(2027, 2, 1))),
            # Free on 14.2.2027, the 30th day after the start: still half.
            (date(2027, 2, 13), Part("availability", 5, 10, "available_soon", date(2027, 2, 14))),
            # Free on 15.2.2027, the 31st day: none, and the day is named.
            (date(2027, 2, 14), Part("availability", 0, 10, "available_later", date(2027, 2, 15))),
        ],
    )
    def test_a_service_going_on_at_the_start_scores_by_when_it_ends(self, last: date, expected: Part) -> None:
        assert availability(episode(date(2026, 11, 1), last), status="in_activating_service") == expected

    def test_episodes_one_after_another_are_one_engagement(self) -> None:
        # Training to 20.1.2027, then a work trial from the next day to 31.3.2027: free from 1.4.2027.
        training = episode(date(2026, 11, 1), date(2027, 1, 20))
        trial = episode(date(2027, 1, 21), date(2027, 3, 31))
        assert availability(trial, training) == Part("availability", 0, 10, "available_later", date(2027, 4, 1))

    def test_a_service_whose_end_is_not_known_scores_half_without_a_day(self) -> None:
        part = availability(episode(date(2026, 11, 1), None), status="in_activating_service")
        assert part == Part("availability", 5, 10, "in_activating_service", None)

    def test_a_service_starting_after_the_job_starts_does_not_make_the_client_unavailable(self) -> None:
        assert availability(episode(date(2027, 1, 20), None)).points == 10

    def test_in_a_service_by_status_with_only_past_episodes_known_the_end_is_not_known(self) -> None:
        past = episode(date(2026, 9, 1), date(2026, 11, 30))
        assert availability(past, status="in_activating_service") == Part(
            "availability", 5, 10, "in_activating_service", None
        )
        # The same past episode of an unemployed job seeker: available from the start.
        assert availability(past).points == 10

    @pytest.mark.parametrize("starts", [None, date(2026, 11, 20)])
    def test_without_a_start_or_with_one_passed_availability_is_judged_today(self, starts: date | None) -> None:
        # Coaching to 20.12.2026: free on 21.12.2026, 18 days from today (3.12.2026).
        part = availability(episode(date(2026, 11, 1), date(2026, 12, 20)), starts=starts)
        assert part == Part("availability", 5, 10, "available_soon", date(2026, 12, 21))

    def test_a_client_out_of_the_job_search_is_not_available_whatever_the_dates(self) -> None:
        assert availability(status="employed") == Part("availability", 0, 10, "not_available", None)
