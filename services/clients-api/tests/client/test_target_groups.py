"""Target groups from the assessment: the integration period's days are inclusive; partial work ability."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from clients_api.client.target_groups import TargetGroup, target_groups

BIRTH = date(1990, 6, 30)


@given(
    starts=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    length=st.integers(min_value=1, max_value=2000),
    offset=st.integers(min_value=-100, max_value=2100),
)
def test_an_immigrant_is_in_the_group_exactly_during_the_integration_period(
    starts: date, length: int, offset: int
) -> None:
    ends = starts + timedelta(days=length)
    today = starts + timedelta(days=offset)
    groups = target_groups(birth=BIRTH, unemployed_since=starts, today=today, integration_period=(starts, ends))
    assert (TargetGroup.immigrant_in_integration_period in groups) is (starts <= today <= ends)


def test_partial_work_ability_is_a_group_whatever_the_status() -> None:
    groups = target_groups(birth=BIRTH, unemployed_since=None, today=date(2026, 11, 25), partial_work_ability=True)
    assert groups == [TargetGroup.partial_work_ability]
    assert TargetGroup.partial_work_ability not in target_groups(
        birth=BIRTH, unemployed_since=None, today=date(2026, 11, 25)
    )
