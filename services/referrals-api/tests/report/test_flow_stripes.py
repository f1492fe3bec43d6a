"""Migration referrals_0017: the network map's counts in stripes. Moves of two referrals of one sender, service and
day take different rows of the counts when the referrals are in different stripes, so neither waits for the other's
transaction; two of one stripe still take the same rows, one after the other. The referrals already counted are
counted again in their stripes, and the migration goes back to one row per key with the same counts."""

from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from polku_kit.migrations import alembic_config, upgrade
from referrals_api import SERVICE_DIR

from .rows import change_in_stripes, referral_in_stripe, referrals

COUNTS = "SELECT period, status, sum(referrals) FROM referral_flow GROUP BY period, status ORDER BY period, status"


async def test_moves_of_referrals_in_different_stripes_do_not_wait_for_each_other(database_url: str) -> None:
    await asyncio.to_thread(upgrade, SERVICE_DIR, database_url)
    engine = create_async_engine(database_url)
    try:
        await change_in_stripes(engine, text("UPDATE referral SET status = 'on_hold' WHERE id = :id"))
        async with engine.connect() as connection:
            counted = [tuple(row) for row in await connection.execute(text(COUNTS))]
            assert counted == [
                ("day", "in_progress", 1),
                ("day", "on_hold", 2),
                ("month", "in_progress", 1),
                ("month", "on_hold", 2),
            ]
            stripes = await connection.execute(
                text("SELECT DISTINCT stripe FROM referral_flow WHERE status = 'on_hold' ORDER BY stripe")
            )
            assert stripes.scalars().all() == [3, 4]
    finally:
        await engine.dispose()


async def test_the_counts_go_into_stripes_and_back(database_url: str) -> None:
    await asyncio.to_thread(upgrade, SERVICE_DIR, database_url, "referrals_0016")
    engine = create_async_engine(database_url)
    try:
        await referrals(engine, [referral_in_stripe(stripe, number) for number, stripe in enumerate([0, 5, 5, 7])])
        async with engine.connect() as connection:
            before = [tuple(row) for row in await connection.execute(text(COUNTS))]
        assert before == [("day", "in_progress", 4), ("month", "in_progress", 4)]
        await asyncio.to_thread(upgrade, SERVICE_DIR, database_url)
        async with engine.connect() as connection:
            assert [tuple(row) for row in await connection.execute(text(COUNTS))] == before
            rows = await connection.execute(
                text("SELECT stripe, referrals FROM referral_flow WHERE period = 'day' ORDER BY stripe")
            )
            assert [tuple(row) for row in rows] == [(0, 1), (5, 2), (7, 1)]
        await asyncio.to_thread(command.downgrade, alembic_config(SERVICE_DIR, database_url), "referrals_0016")
        async with engine.connect() as connection:
            assert [tuple(row) for row in await connection.execute(text(COUNTS))] == before
            assert await connection.scalar(text("SELECT count(*) FROM referral_flow")) == 2
            await connection.execute(text("UPDATE referral SET status = 'on_hold'"))  # the old trigger counts again
            moved = [tuple(row) for row in await connection.execute(text(COUNTS))]
            assert moved == [("day", "on_hold", 4), ("month", "on_hold", 4)]
    finally:
        await engine.dispose()
