"""Commands run as ``metrics-api <job>``."""

from __future__ import annotations

import sys

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from metrics_api.feed.service import rebuild as rebuild_read_model
from polku_kit.settings import BaseServiceSettings


def _progress(done: int, total: int) -> None:
    share = 100 * done / total if total else 100.0
    print(f"rebuild: {done}/{total} events ({share:.0f} %)", file=sys.stderr, flush=True)


async def rebuild(settings: BaseServiceSettings) -> None:
    """Empty the read model's facts and apply every event of the ledger again, a page at a time, then build the stock
    figures' cross-section, in one transaction: the figures are the old ones until it commits."""
    engine = create_async_engine(settings.database_dsn)
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session, session.begin():
            applied = await rebuild_read_model(session, progress=_progress)
        print(f"rebuild: done, {applied} events applied, the stock cross-section built", file=sys.stderr, flush=True)
    finally:
        await engine.dispose()
