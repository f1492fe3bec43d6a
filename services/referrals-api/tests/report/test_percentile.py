"""Percentiles read from (minutes, count) buckets equal PostgreSQL's percentile_cont over the expanded rows."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from referrals_api.report.service import percentile


def percentile_cont(rows: list[int], fraction: float) -> float:
    ordered = sorted(rows)
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class TestPercentile:
    @given(
        st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=300),
        st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0]),
    )
    def test_matches_percentile_cont(self, rows: list[int], fraction: float) -> None:
        buckets = sorted(Counter(rows).items())
        assert abs(percentile(buckets, fraction) - percentile_cont(rows, fraction)) < 1e-9  # type: ignore[operator]

    def test_nothing_answered_has_no_percentile(self) -> None:
        assert percentile([], 0.5) is None
