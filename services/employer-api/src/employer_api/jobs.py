"""Periodic jobs, run as ``employer-api <job>`` (a Kubernetes CronJob or the dev stack's scheduler)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

import structlog
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from employer_api.candidate.service import HANDLERS as CANDIDATE_HANDLERS
from employer_api.national.client import NationalClient
from employer_api.national.reconciliation import reconcile
from employer_api.national.service import poll, publish
from employer_api.platform.service import HANDLERS
from employer_api.settings import Settings
from employer_api.vacancy.service import expire_overdue
from polku_kit.inbox_worker import InboxBatch, InboxHandler
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


def inbox_handlers(settings: BaseServiceSettings) -> Mapping[str, InboxHandler | InboxBatch]:
    """What the dispatch process's inbox worker does with the events kept in the inbox: the national platform's
    vacancies (:mod:`employer_api.platform.service`), and clients-api's events for the candidate profiles, by
    the batch (:mod:`employer_api.candidate.service`)."""
    return {**HANDLERS, **CANDIDATE_HANDLERS}


def _national_client(settings: Settings, base_url: str) -> NationalClient:
    return NationalClient(
        base_url=base_url,
        api_key=settings.national_api_key.get_secret_value(),
        requests_per_second=settings.national_requests_per_second,
        attempts=settings.national_attempts,
        backoff_seconds=settings.national_backoff_seconds,
    )


async def _national(settings: BaseServiceSettings, run: Callable[..., Awaitable[object]]) -> None:
    if not isinstance(settings, Settings):
        raise TypeError("employer-api's jobs run with employer-api's settings")
    if settings.national_api_url is None or settings.national_authority_id is None:
        log.info("national_platform_not_configured")
        return
    engine = create_async_engine(settings.database_dsn)
    try:
        async with _national_client(settings, settings.national_api_url) as client:
            await run(
                async_sessionmaker(engine, expire_on_commit=False),
                client,
                authority_id=settings.national_authority_id,
                **({"municipalities": settings.national_municipalities} if run is not publish else {}),
            )
    finally:
        await engine.dispose()


async def poll_postings(settings: BaseServiceSettings) -> None:
    """Read the area's job postings from the national platform (P67) into imported vacancies."""
    await _national(settings, poll)


async def publish_postings(settings: BaseServiceSettings) -> None:
    """Send the vacancies made here to the national platform (P66)."""
    await _national(settings, publish)


async def reconcile_postings(settings: BaseServiceSettings) -> None:
    """Compare the vacancies with the national platform's postings, repair, and keep a report."""
    await _national(settings, reconcile)
