"""The pay subsidy's grounds against the law: Laki julkisesta työvoima- ja yrityspalvelusta 916/2012, 7 luku
(*Palkkatuki*), as worded by 371/2023 (in force from 1 July 2023, HE 175/2022 and the committee report TyVM
25/2022 vp, which kept the associations' 100 %), unchanged in 2025–2026:

- the pay subsidy is 50 % of the pay costs, granted for at most 12 months at a time;
- it is 70 % of the pay costs when the unemployed person's injury or illness substantially affects their
  performance in the work (*alentuneesti työkykyinen*), for at most 24 months at a time;
- an association, foundation or registered religious community hiring a long-term unemployed person for work that
  is not business gets 100 % of the pay costs (of at most 65 % of the field's regular working time) for at most
  12 months;
- for apprenticeship training the subsidy may be granted for the whole apprenticeship.

The figures below are the law's, written here from it, not read from the code."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from employer_api.support.rules import GROUNDS, RULES_FROM, committed_by_month, latest_end


class TestGrounds:
    @pytest.mark.parametrize(
        ("ground", "percent", "longest_months"),
        [
            ("unemployed", 50, 12),  # 916/2012 7 luku (371/2023): 50 %, at most 12 months
            ("reduced_productivity", 70, 24),  # 916/2012 7 luku (371/2023): 70 %, at most 24 months
            ("association_long_term_unemployed", 100, 12),  # 916/2012 7 luku (371/2023): 100 %, 12 months
            ("apprenticeship", 50, None),  # 916/2012 7 luku (371/2023): the whole apprenticeship
        ],
    )
    def test_percent_and_longest_period_of_each_ground(
        self, ground: str, percent: int, longest_months: int | None
    ) -> None:
        assert (GROUNDS[ground].percent, GROUNDS[ground].longest_months) == (percent, longest_months)

    def test_no_other_ground(self) -> None:
        assert set(GROUNDS) == {
            "unemployed",
            "reduced_productivity",
            "association_long_term_unemployed",
            "apprenticeship",
        }

    def test_the_rules_apply_in_2025_and_2026(self) -> None:
        assert date(2025, 1, 1) >= RULES_FROM


class TestEuros:
    def test_a_year_of_the_70_percent_subsidy(self) -> None:
        # 2,800 € a month, 70 %: 1,960 € in each of the twelve whole months of 2026.
        months = committed_by_month(date(2026, 1, 1), latest_end(date(2026, 1, 1), 12), Decimal("2800.00"), 70)
        assert len(months) == 12 and {euros for _, euros in months} == {Decimal("1960.00")}

    def test_an_association_pays_nothing_of_the_wage_cost(self) -> None:
        # 100 %: the subsidy is the whole wage cost, 2,000 € a month.
        assert committed_by_month(date(2026, 5, 1), date(2026, 5, 31), Decimal("2000.00"), 100) == [
            ("2026-05", Decimal("2000.00"))
        ]
