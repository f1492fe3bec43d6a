"""Periodic jobs, run as ``referrals-api <job>`` (a Kubernetes CronJob or the dev stack's scheduler)."""

from __future__ import annotations

import structlog
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from polku_kit.settings import BaseServiceSettings
from referrals_api.referral.service import expire_overdue

log = structlog.get_logger(__name__)


async def expire(settings: BaseServiceSettings) -> None:
    """Expire the referrals whose partner did not answer in the agreed working days. Safe to run often and
    on several replicas at once."""
    engine = create_async_engine(settings.database_dsn)
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session, session.begin():
            count = await expire_overdue(session)
        log.info("referrals_expired", count=count)
    finally:
        await engine.dispose()
