"""Migration referrals_0018 on a database with referrals: the fill rates' counts start from the referrals already there
(an acceptance at 23:30 on the last day of a month, Helsinki time, counts in that day and month; a closing counts only
with feedback, with its score; a referral never accepted nor closed counts nowhere), and the migration is reversed
without a trace."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date

from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from polku_kit.migrations import alembic_config, upgrade
from referrals_api import SERVICE_DIR

from .rows import partner_service, referral, stripe_of, traces


async def test_the_counts_start_from_the_referrals_there_and_go_back_without_a_trace(database_url: str) -> None:
    await asyncio.to_thread(upgrade, SERVICE_DIR, database_url, "referrals_0017")
    engine = create_async_engine(database_url)
    try:
        async with engine.begin() as connection:
            service_id = await partner_service(connection)
            for status, accepted_at, closed_at, score in [
                ("accepted", "2026-03-31 20:30:00+00", None, None),  # 23:30 on 31 March in Helsinki (summer time)
                ("accepted", "2026-03-31 21:30:00+00", None, None),  # 00:30 on 1 April
                ("completed", "2026-03-05 08:00:00+00", "2026-04-20 08:00:00+00", 4),
                ("completed", "2026-03-05 09:00:00+00", "2026-04-20 09:00:00+00", 2),
                ("completed", "2026-03-05 10:00:00+00", "2026-04-21 10:00:00+00", None),  # no feedback
                ("requested", None, None, None),
            ]:
                await referral(
                    connection,
                    service_id,
                    status,
                    sent_at="2026-03-01 08:00:00+00",
                    accepted_at=accepted_at,
                    closed_at=closed_at,
                    score=score,
                    outcome="started_work" if status == "completed" else None,
                )
        await asyncio.to_thread(upgrade, SERVICE_DIR, database_url)
        async with engine.begin() as connection:
            rows = await connection.execute(
                text(
                    "SELECT period, starts_on, sum(accepted), sum(feedback), sum(feedback_scores) FROM service_fill"
                    " GROUP BY period, starts_on ORDER BY period, starts_on"
                )
            )
            assert [tuple(row) for row in rows] == [
                ("day", date(2026, 3, 5), 3, 0, 0),
                ("day", date(2026, 3, 31), 1, 0, 0),
                ("day", date(2026, 4, 1), 1, 0, 0),
                ("day", date(2026, 4, 20), 0, 2, 6),
                ("month", date(2026, 3, 1), 4, 0, 0),
                ("month", date(2026, 4, 1), 1, 2, 6),
            ]
            # Each referral counted in the stripe of its id (its last byte, modulo eight), in every stripe's rows.
            accepted = await connection.execute(text("SELECT id FROM referral WHERE accepted_at IS NOT NULL"))
            expected = Counter(stripe_of(referral_id) for (referral_id,) in accepted)
            striped = await connection.execute(
                text("SELECT stripe, sum(accepted) FROM service_fill WHERE period = 'month' GROUP BY stripe")
            )
            assert {stripe: count for stripe, count in striped if count} == expected
        await asyncio.to_thread(command.downgrade, alembic_config(SERVICE_DIR, database_url), "referrals_0017")
        async with engine.begin() as connection:
            assert await traces(connection, "service_fill") == []
            # The referrals can still be written without the table, and the network map's counts still follow them.
            await connection.execute(
                text("UPDATE referral SET status = 'received', feedback_score = 1 WHERE status = 'requested'")
            )
            assert await connection.scalar(text("SELECT count(*) FROM referral_flow WHERE status = 'received'")) == 2
    finally:
        await engine.dispose()
