"""Response times' percentiles are PostgreSQL's ``percentile_cont`` of each partner's referrals, by whole minutes to the
first answer: the report's one statement finds the ranks over minute buckets (decision 70); the known answer is
``percentile_cont`` itself over the referrals, for partners with one answer, two, an even and an odd number, many
with ties, and none."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.db import OneStatement
from polku_kit.testing import KELA, LAHTI, MIKKELI, WELLBEING_COUNTY
from referrals_api.report import repository
from referrals_api.report.service import bounds, interpolate
from referrals_api.seed import SERVICES, seed_services

SERVICE_ID = SERVICES[0]["id"]
# (partner, how many, minutes to the answer of the n-th: None for none): answers spread over minutes and days, some
# equal, and each partner's share of unanswered and expired ones.
PARTNERS = [
    (WELLBEING_COUNTY, 301, "CASE WHEN n % 7 = 0 THEN NULL ELSE (n * 37) % 4321 + (n % 3) * 0.4 END"),
    (KELA, 2, "n * 90"),
    (uuid.UUID(int=1), 1, "17.9"),
    (uuid.UUID(int=2), 40, "(n % 5) * 60"),
    (uuid.UUID(int=3), 3, "NULL"),
]
LOAD = (
    "INSERT INTO referral (id, client_id, service_id, partner_organisation_id, sender_organisation_id, sender_subject,"
    " status, categories, reason, sent_at, first_response_at, created_at, updated_at)"
    " SELECT gen_random_uuid(), gen_random_uuid(), :service, :partner, CAST(:sender AS uuid), 'coach-aino',"
    " CASE WHEN answered IS NULL THEN 'expired' ELSE 'received' END, ARRAY['plan'], 'Testi', sent,"
    " sent + answered * INTERVAL '1 minute', now(), now()"
    " FROM generate_series(1, CAST(:count AS integer)) AS n,"
    " LATERAL (SELECT TIMESTAMPTZ '2026-03-01 06:00:00+00' + n * INTERVAL '97 minutes' AS sent,"
    " CAST({minutes} AS numeric) AS answered) AS t"
)
DIRECT = text(
    "SELECT partner_organisation_id, count(*), count(first_response_at), count(*) FILTER (WHERE status = 'expired'),"
    " percentile_cont(0.5) WITHIN GROUP (ORDER BY floor(extract(epoch FROM first_response_at - sent_at) / 60)),"
    " percentile_cont(0.9) WITHIN GROUP (ORDER BY floor(extract(epoch FROM first_response_at - sent_at) / 60))"
    " FROM referral WHERE sender_organisation_id = :sender AND sent_at >= :start AND sent_at < :end"
    " GROUP BY partner_organisation_id"
)


@pytest.fixture
async def answers(db_session: AsyncSession, network: None) -> None:
    await seed_services(db_session)
    for sender in (LAHTI, MIKKELI):  # Mikkeli's are another authority's: not counted
        for partner, count, minutes in PARTNERS:
            await db_session.execute(
                text(LOAD.replace("{minutes}", minutes)),
                {"service": SERVICE_ID, "partner": partner, "sender": sender, "count": count},
            )


@pytest.mark.usefixtures("answers")
@pytest.mark.parametrize(
    ("from_date", "to_date", "partners"),
    [(date(2026, 3, 1), date(2026, 3, 31), 5), (date(2026, 3, 2), date(2026, 3, 8), 2)],
)
async def test_the_percentiles_are_percentile_cont_of_the_referrals(
    db_session: AsyncSession, from_date: date, to_date: date, partners: int
) -> None:
    start, end = bounds(from_date, to_date)
    direct = await db_session.execute(DIRECT, {"sender": LAHTI, "start": start, "end": end})
    expected = {row[0]: row[1:] for row in direct}
    assert len(expected) == partners  # the range holds them: not a comparison of empty sets
    rows = await repository.response_times(
        OneStatement.on(await db_session.connection()), sender=LAHTI, start=start, end=end
    )
    found = {
        row.partner: (
            row.sent,
            row.answered,
            row.expired,
            interpolate(0.5, row.answered, row.p50_low, row.p50_high),
            interpolate(0.9, row.answered, row.p90_low, row.p90_high),
        )
        for row in rows
    }
    assert found.keys() == expected.keys()
    for partner, (sent, answered, expired, median, p90) in expected.items():
        assert found[partner][:3] == (sent, answered, expired), partner
        assert found[partner][3] == pytest.approx(median, abs=1e-9) if median is not None else found[partner][3] is None
        assert found[partner][4] == pytest.approx(p90, abs=1e-9) if p90 is not None else found[partner][4] is None


def percentile_cont(rows: list[int], fraction: float) -> float:
    ordered = sorted(rows)
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class TestInterpolate:
    @given(
        st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=300),
        st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0]),
    )
    def test_between_the_ranks_is_percentile_cont(self, rows: list[int], fraction: float) -> None:
        ordered = sorted(rows)
        low = int(fraction * (len(rows) - 1))
        high = ordered[low + 1] if low + 1 < len(rows) else None
        assert interpolate(fraction, len(rows), ordered[low], high) == pytest.approx(
            percentile_cont(rows, fraction), abs=1e-9
        )

    def test_nothing_answered_has_no_percentile(self) -> None:
        assert interpolate(0.5, 0, None, None) is None
