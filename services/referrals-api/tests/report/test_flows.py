"""The network map's flows are read from counts by month and by day kept as referrals are written (referrals_0016,
decision 65). Known answers: the referrals of the table itself, counted by the map's definition (sent by the authority
from the first day's midnight to the last day's end, Helsinki time, by service, status and outcome), after inserts,
moves, an erasure and a bulk load, for ranges of whole months, parts of months, one day and the days of a change of
daylight saving time, as the map's one statement reads them (decision 70); and its plan reads the counts, never the
referrals."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.db import OneStatement
from polku_kit.testing import LAHTI, MIKKELI
from referrals_api.report import repository
from referrals_api.report.service import bounds
from referrals_api.seed import seed_services

from .rows import RANGES, generated, load, plan

# The referrals generated (3,000 over 420 days, a fifth of them Mikkeli's), one in 25 a draft, never sent.
LOAD = generated(
    status="CASE WHEN n % 25 = 0 THEN 'draft' ELSE (CAST(:statuses AS text[]))[1 + n % 8] END",
    sent_at="CASE WHEN n % 25 = 0 THEN NULL ELSE sent END",
)


async def counted(session: AsyncSession, sender: uuid.UUID, from_date: date, to_date: date) -> set[tuple[Any, ...]]:
    """The map's definition on the referrals themselves."""
    start, end = bounds(from_date, to_date)
    rows = await session.execute(
        text(
            "SELECT service_id, status, outcome, count(*) FROM referral WHERE sender_organisation_id = :sender"
            " AND sent_at >= :start AND sent_at < :end GROUP BY service_id, status, outcome"
        ),
        {"sender": sender, "start": start, "end": end},
    )
    return {tuple(row) for row in rows}


def per_service(counts: set[tuple[Any, ...]]) -> dict[uuid.UUID, tuple[int, dict[str, int], dict[str, int]]]:
    """(service, status, outcome, count) rows as the map's edges hold them: per service, the referrals in all, by
    status and by outcome (those with one)."""
    result: dict[uuid.UUID, tuple[int, dict[str, int], dict[str, int]]] = {}
    for service_id, status, outcome, count in counts:
        total, by_status, outcomes = result.get(service_id, (0, {}, {}))
        by_status[status] = by_status.get(status, 0) + count
        if outcome is not None:
            outcomes[outcome] = outcomes.get(outcome, 0) + count
        result[service_id] = (total + count, by_status, outcomes)
    return result


@pytest.fixture
async def referrals(db_session: AsyncSession, network: None) -> None:
    await seed_services(db_session)
    await load(db_session, LOAD, 1, 2400)
    # Moves: every requested one of the first half answered, every accepted one completed with an outcome.
    await db_session.execute(
        text("UPDATE referral SET status = 'received' WHERE status = 'requested' AND sent_at < '2026-04-01'")
    )
    await db_session.execute(
        text("UPDATE referral SET status = 'completed', outcome = 'no_change' WHERE status = 'accepted'")
    )
    # An erasure, then a second load in one statement.
    await db_session.execute(text("DELETE FROM referral WHERE status = 'cancelled' AND sent_at < '2026-01-01'"))
    await load(db_session, LOAD, 2401, 3000)


@pytest.mark.usefixtures("referrals")
@pytest.mark.parametrize(("from_date", "to_date"), RANGES, ids=[f"{a}..{b}" for a, b in RANGES])
@pytest.mark.parametrize("sender", [LAHTI, MIKKELI], ids=["lahti", "mikkeli"])
async def test_the_flows_are_the_referrals_counted(
    db_session: AsyncSession, sender: uuid.UUID, from_date: date, to_date: date
) -> None:
    expected = await counted(db_session, sender, from_date, to_date)
    assert expected  # the range holds referrals: the comparison is not of two empty sets
    rows = await repository.network_map(
        OneStatement.on(await db_session.connection()), authority=sender, from_date=from_date, to_date=to_date
    )
    flows = {row.id: (row.referrals, row.by_status, row.outcomes) for row in rows if row.part == repository.FLOW_ROW}
    assert flows == per_service(expected)


async def test_a_move_leaves_no_count_behind(db_session: AsyncSession, network: None) -> None:
    await seed_services(db_session)
    await load(db_session, LOAD, 1, 1)  # one referral, received
    await db_session.execute(text("UPDATE referral SET status = 'accepted'"))
    await db_session.execute(text("UPDATE referral SET status = 'completed', outcome = 'started_work'"))
    rows = (await db_session.execute(text("SELECT period, status, outcome, referrals FROM referral_flow"))).all()
    assert sorted(tuple(row) for row in rows) == [
        ("day", "completed", "started_work", 1),
        ("month", "completed", "started_work", 1),
    ]
    await db_session.execute(text("DELETE FROM referral"))
    assert (await db_session.execute(text("SELECT count(*) FROM referral_flow"))).scalar_one() == 0


@pytest.mark.usefixtures("referrals")
async def test_the_plan_reads_the_counts_by_their_key(db_session: AsyncSession) -> None:
    query_plan = await plan(db_session, "referral_flow", repository.NETWORK_MAP)
    assert "pk_referral_flow" in query_plan.indexes and "referral" not in query_plan.relations, query_plan.text
