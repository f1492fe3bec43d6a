"""Migration referrals_0018: the fill rates' counts in stripes. Acceptances of two referrals of one service on one day
take different rows of the counts when the referrals are in different stripes, so neither waits for the other's
transaction; two of one stripe still take the same rows, one after the other. The counts summed over the stripes are
the referrals accepted."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from polku_kit.migrations import upgrade
from referrals_api import SERVICE_DIR

from .rows import change_in_stripes


async def test_acceptances_of_referrals_in_different_stripes_do_not_wait_for_each_other(database_url: str) -> None:
    await asyncio.to_thread(upgrade, SERVICE_DIR, database_url)
    engine = create_async_engine(database_url)
    try:
        await change_in_stripes(
            engine, text("UPDATE referral SET status = 'accepted', accepted_at = now() WHERE id = :id")
        )
        async with engine.connect() as connection:
            counted = await connection.execute(
                text("SELECT period, sum(accepted) FROM service_fill GROUP BY period ORDER BY period")
            )
            assert [tuple(row) for row in counted] == [("day", 2), ("month", 2)]
            stripes = await connection.execute(text("SELECT DISTINCT stripe FROM service_fill ORDER BY stripe"))
            assert stripes.scalars().all() == [3, 4]
    finally:
        await engine.dispose()
