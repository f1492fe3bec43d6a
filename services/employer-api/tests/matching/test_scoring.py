"""The score's parts, each checked by hand against the rules in employer_api.matching.scoring: the ISCO-08
hierarchy (unit group 4 digits, minor group its first 3: ILO, ISCO-08 Structure, 2012), the sub-regional units of
Statistics Finland's classification 2025 (Lahti and Hollola in Lahden seutukunta 071, Heinola too; Mikkeli in
Mikkelin seutukunta 101), Statistics Finland's definition of the long-term unemployed (*pitkäaikaistyötön*:
unemployed for at least a year), and the disadvantaged workers pay subsidy is for (916/2012, 7 luku, as worded by
371/2023: among them the young aged 15–24 and immigrants)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from employer_api.matching.scoring import Candidate, VacancyTerms, score, total

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
    def test_availability(self, status: str, points: int) -> None:
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
