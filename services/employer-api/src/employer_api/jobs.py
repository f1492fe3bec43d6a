"""Periodic jobs, run as ``employer-api <job>`` (a Kubernetes CronJob or the dev stack's scheduler)."""

from __future__ import annotations

from collections.abc import Mapping

import structlog
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from employer_api.platform.service import HANDLERS
from employer_api.vacancy.service import expire_overdue
from polku_kit.inbox_worker import InboxHandler
from polku_kit.settings import BaseServiceSettings

log = structlog.get_logger(__name__)


async def expire(settings: BaseServiceSettings) -> None:
    """Expire the published vacancies whose application deadline has passed. Safe to run often and on several
    replicas at once."""
    engine = create_async_engine(settings.database_dsn)
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session, session.begin():
            count = await expire_overdue(session)
        log.info("vacancies_expired", count=count)
    finally:
        await engine.dispose()


def inbox_handlers(settings: BaseServiceSettings) -> Mapping[str, InboxHandler]:
    """What the dispatch process's inbox worker does with the events kept in the inbox: the national platform's
    vacancies (:mod:`employer_api.platform.service`)."""
    return HANDLERS
