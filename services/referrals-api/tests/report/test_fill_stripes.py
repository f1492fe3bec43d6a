"""Migration referrals_0018: the fill rates' counts in stripes. Acceptances of two referrals of one service on one day
take different rows of the counts when the referrals are in different stripes, so neither waits for the other's
transaction; two of one stripe still take the same rows, one after the other. The counts summed over the stripes are
the referrals accepted."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from polku_kit.migrations import upgrade
from referrals_api import SERVICE_DIR

from .rows import referral_in_stripe, referrals


async def test_acceptances_of_referrals_in_different_stripes_do_not_wait_for_each_other(database_url: str) -> None:
    await asyncio.to_thread(upgrade, SERVICE_DIR, database_url)
    engine = create_async_engine(database_url)
    first, other_stripe, same_stripe = referral_in_stripe(3, 1), referral_in_stripe(4, 2), referral_in_stripe(3, 3)
    accept = text("UPDATE referral SET status = 'accepted', accepted_at = now() WHERE id = :id")
    try:
        await referrals(engine, [first, other_stripe, same_stripe])
        async with engine.connect() as holding, engine.connect() as other:
            await holding.begin()
            await holding.execute(accept, {"id": first})  # its counts' rows locked until the end of the transaction
            await other.begin()
            await other.execute(text("SET LOCAL lock_timeout = '2s'"))
            await other.execute(accept, {"id": other_stripe})  # no wait: rows of another stripe
            await other.commit()
            await other.begin()
            await other.execute(text("SET LOCAL lock_timeout = '200ms'"))
            with pytest.raises(DBAPIError, match="lock timeout"):
                await other.execute(accept, {"id": same_stripe})  # the same rows as the first acceptance's
            await other.rollback()
            await holding.commit()
        async with engine.connect() as connection:
            counted = await connection.execute(
                text("SELECT period, sum(accepted) FROM service_fill GROUP BY period ORDER BY period")
            )
            assert [tuple(row) for row in counted] == [("day", 2), ("month", 2)]
            stripes = await connection.execute(text("SELECT DISTINCT stripe FROM service_fill ORDER BY stripe"))
            assert stripes.scalars().all() == [3, 4]
    finally:
        await engine.dispose()
