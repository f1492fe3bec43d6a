"""The fill rates are read from counts by month and by day kept as referrals are written (referrals_0018, decision 70).
Known answers: the referrals of the table itself, counted by the report's definition (accepted from the first day's
midnight to the last day's end, Helsinki time, per service and Helsinki month of the acceptance; closed in the range
with the client's feedback, per service: how many and their scores' sum), after inserts, moves, feedback given, an
erasure and a bulk load, for ranges of whole months, parts of months, one day and the days of a change of daylight
saving time, for an authority's network and for one provider; and the plan reads the counts, never the referrals."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.db import OneStatement
from polku_kit.testing import LAHTI, WELLBEING_COUNTY
from referrals_api.report import repository
from referrals_api.report.service import bounds
from referrals_api.seed import seed_services

from .rows import RANGES, SERVICE_IDS, generated, load, plan

ASSESSMENT = SERVICE_IDS[0]  # the wellbeing services county's

# The referrals generated (3,000 over 420 days, a fifth of them Mikkeli's: the same services, the counts are per
# service, whoever sent), three in four accepted 1 to 6 days and some hours after sending (so at every hour of the day,
# Helsinki midnight among them), half of them closed 20 days and some hours after sending, every other closed one with
# a score from 1 to 5.
LOAD = generated(
    accepted_at="CASE WHEN n % 4 <> 3 THEN sent + (1 + n % 6) * INTERVAL '1 day'"
    " + (n % 13) * INTERVAL '1 hour 7 minutes' END",
    closed_at="CASE WHEN n % 2 = 0 THEN sent + INTERVAL '20 days' + (n % 17) * INTERVAL '1 hour 11 minutes' END",
    feedback_score="CASE WHEN n % 4 = 0 THEN 1 + n % 5 END",
)


async def counted(
    session: AsyncSession, services: list[uuid.UUID], from_date: date, to_date: date
) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """The report's definition on the referrals themselves: (service, month, accepted) and (service, feedback, the
    scores' sum)."""
    start, end = bounds(from_date, to_date)
    parameters = {"services": services, "start": start, "end": end}
    accepted = await session.execute(
        text(
            "SELECT service_id, date_trunc('month', accepted_at AT TIME ZONE 'Europe/Helsinki')::date, count(*)"
            " FROM referral WHERE service_id = ANY(:services) AND accepted_at >= :start AND accepted_at < :end"
            " GROUP BY 1, 2"
        ),
        parameters,
    )
    feedback = await session.execute(
        text(
            "SELECT service_id, count(*), sum(feedback_score) FROM referral WHERE service_id = ANY(:services)"
            " AND closed_at >= :start AND closed_at < :end AND feedback_score IS NOT NULL GROUP BY 1"
        ),
        parameters,
    )
    return {tuple(row) for row in accepted}, {tuple(row) for row in feedback}


def read(rows: Any) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """The counts' answer in the same shape: the months with acceptances, the services with feedback."""
    accepted = {(row.id, date.fromisoformat(month), count) for row in rows for month, count in row.accepted.items()}
    return accepted, {(row.id, row.feedback, row.feedback_scores) for row in rows if row.feedback}


@pytest.fixture
async def referrals(db_session: AsyncSession, network: None) -> None:
    await seed_services(db_session)
    await load(db_session, LOAD, 1, 2400)
    # Moves: accepted ones of the first half started; feedback given on some closed ones and changed on others; an
    # acceptance taken back (its count goes with it); a closing moved to another day.
    await db_session.execute(text("UPDATE referral SET status = 'in_progress' WHERE status = 'accepted'"))
    await db_session.execute(
        text(
            "UPDATE referral SET feedback_score = 5 WHERE closed_at IS NOT NULL AND feedback_score IS NULL"
            " AND extract(hour FROM sent_at AT TIME ZONE 'UTC') < 12"
        )
    )
    await db_session.execute(text("UPDATE referral SET feedback_score = 1 WHERE feedback_score = 3"))
    await db_session.execute(
        text(
            "UPDATE referral SET accepted_at = NULL"
            " WHERE sent_at < '2026-02-01' AND extract(hour FROM sent_at AT TIME ZONE 'UTC') >= 18"
        )
    )
    await db_session.execute(
        text(
            "UPDATE referral SET closed_at = closed_at + INTERVAL '9 hours'"
            " WHERE closed_at IS NOT NULL AND extract(hour FROM sent_at AT TIME ZONE 'UTC') BETWEEN 6 AND 11"
        )
    )
    # An erasure, then a second load in one statement.
    await db_session.execute(text("DELETE FROM referral WHERE status = 'cancelled' AND sent_at < '2026-01-01'"))
    await load(db_session, LOAD, 2401, 3000)


@pytest.mark.usefixtures("referrals")
@pytest.mark.parametrize(("from_date", "to_date"), RANGES, ids=[f"{a}..{b}" for a, b in RANGES])
@pytest.mark.parametrize("of", ["authority", "provider"])
async def test_the_fill_counts_are_the_referrals_counted(
    db_session: AsyncSession, of: str, from_date: date, to_date: date
) -> None:
    services = SERVICE_IDS if of == "authority" else [ASSESSMENT]
    expected_accepted, expected_feedback = await counted(db_session, services, from_date, to_date)
    assert expected_accepted and expected_feedback  # the range holds both: not a comparison of empty sets
    rows = await repository.fill_rates(
        OneStatement.on(await db_session.connection()),
        authority_id=LAHTI if of == "authority" else None,
        organisation_id=WELLBEING_COUNTY if of == "provider" else None,
        from_date=from_date,
        to_date=to_date,
    )
    assert {row.id for row in rows} == set(services)  # every service, with counts or without
    assert read(rows) == (expected_accepted, expected_feedback)


async def test_a_change_leaves_no_count_behind(db_session: AsyncSession, network: None) -> None:
    await seed_services(db_session)
    await load(db_session, LOAD, 4, 4)  # accepted, completed with a score of 5
    await db_session.execute(text("UPDATE referral SET feedback_score = 2"))
    await db_session.execute(text("UPDATE referral SET accepted_at = accepted_at + INTERVAL '40 days'"))
    rows = (
        await db_session.execute(
            text("SELECT period, starts_on, accepted, feedback, feedback_scores FROM service_fill ORDER BY 1, 2")
        )
    ).all()
    # Sent 2025-10-01 at 13:28 Helsinki time; accepted 5 days 4 h 28 min later (6 October), then moved 40 days on (15
    # November); closed 20 days 4 h 44 min after sending (21 October).
    assert [tuple(row) for row in rows] == [
        ("day", date(2025, 10, 21), 0, 1, 2),
        ("day", date(2025, 11, 15), 1, 0, 0),
        ("month", date(2025, 10, 1), 0, 1, 2),
        ("month", date(2025, 11, 1), 1, 0, 0),
    ]
    await db_session.execute(text("DELETE FROM referral"))
    assert (await db_session.execute(text("SELECT count(*) FROM service_fill"))).scalar_one() == 0


@pytest.mark.usefixtures("referrals")
async def test_the_plan_reads_the_counts_by_their_key(db_session: AsyncSession) -> None:
    query_plan = await plan(db_session, "service_fill", repository.fill_rates_query(of_provider=False))
    assert "pk_service_fill" in query_plan.indexes and "referral" not in query_plan.relations, query_plan.text
