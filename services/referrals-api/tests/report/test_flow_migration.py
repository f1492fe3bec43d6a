"""Migration referrals_0016 on a database with referrals: the counts start from the referrals already there (a draft
counts nowhere, a referral sent at 23:30 on the last day of a month, Helsinki time, counts in that day and month), and
the migration is reversed without a trace."""

from __future__ import annotations

import asyncio
from datetime import date

from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from polku_kit.migrations import alembic_config, upgrade
from referrals_api import SERVICE_DIR

from .rows import partner_service, referral, traces


async def test_the_counts_start_from_the_referrals_there_and_go_back_without_a_trace(database_url: str) -> None:
    await asyncio.to_thread(upgrade, SERVICE_DIR, database_url, "referrals_0015")
    engine = create_async_engine(database_url)
    try:
        async with engine.begin() as connection:
            service_id = await partner_service(connection)
            for status, sent_at in [
                ("requested", "2026-03-31 20:30:00+00"),  # 23:30 on 31 March in Helsinki (summer time)
                ("requested", "2026-03-31 21:30:00+00"),  # 00:30 on 1 April
                ("accepted", "2026-03-05 08:00:00+00"),
                ("draft", None),
            ]:
                await referral(connection, service_id, status, sent_at=sent_at)
        await asyncio.to_thread(upgrade, SERVICE_DIR, database_url)
        async with engine.begin() as connection:
            rows = await connection.execute(
                text(
                    "SELECT period, starts_on, status, referrals FROM referral_flow ORDER BY period, starts_on, status"
                )
            )
            assert [tuple(row) for row in rows] == [
                ("day", date(2026, 3, 5), "accepted", 1),
                ("day", date(2026, 3, 31), "requested", 1),
                ("day", date(2026, 4, 1), "requested", 1),
                ("month", date(2026, 3, 1), "accepted", 1),
                ("month", date(2026, 3, 1), "requested", 1),
                ("month", date(2026, 4, 1), "requested", 1),
            ]
        await asyncio.to_thread(command.downgrade, alembic_config(SERVICE_DIR, database_url), "referrals_0015")
        async with engine.begin() as connection:
            assert await traces(connection, "referral_flow") == []
            # The referrals can still be written without the table.
            await connection.execute(text("UPDATE referral SET status = 'received' WHERE status = 'requested'"))
    finally:
        await engine.dispose()
