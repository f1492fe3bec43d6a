"""Periodic jobs, run as ``clients-api <job>`` (a Kubernetes CronJob or the dev stack's scheduler)."""

from __future__ import annotations

from collections.abc import Mapping

import structlog
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

import clients_api.timeline.models  # noqa: F401
from clients_api.handover.service import route_all
from clients_api.reconciliation.platform import PlatformJobSeeker, PlatformUnavailable, job_seekers
from clients_api.reconciliation.service import reconcile
from clients_api.schedule.service import announce_overdue as announce
from clients_api.settings import Settings
from polku_kit.inbox_worker import InboxHandler
from polku_kit.pii import PersonalDataVault
from polku_kit.settings import BaseServiceSettings

log = structlog.get_logger(__name__)


async def announce_overdue(settings: BaseServiceSettings) -> None:
    """Announce the statutory deadlines that have become overdue, each once. Safe to run often and on several
    replicas at once."""
    engine = create_async_engine(settings.database_dsn)
    try:
        count = await announce(async_sessionmaker(engine, expire_on_commit=False))
        log.info("deadlines_announced_overdue", count=count)
    finally:
        await engine.dispose()


async def route_handovers(settings: BaseServiceSettings) -> None:
    """Open the hand-overs from the initial service to a personal coach that fall due within two weeks, to the
    least-loaded personal coach (seed 004). Safe to run often and on several replicas at once."""
    engine = create_async_engine(settings.database_dsn)
    try:
        count = await route_all(async_sessionmaker(engine, expire_on_commit=False))
        log.info("handovers_routed", count=count)
    finally:
        await engine.dispose()


def inbox_handlers(settings: BaseServiceSettings) -> Mapping[str, InboxHandler]:
    """What the dispatch process's inbox worker does with the events kept in the inbox: the national platform's
    job-seeker events (:mod:`clients_api.platform.service`)."""
    import clients_api.api  # noqa: F401 - every model, as the API knows them (the handlers reach many tables)
    from clients_api.platform.service import PlatformEvents

    return PlatformEvents(PersonalDataVault(settings.pii_key.get_secret_value())).handlers()


async def reconcile_job_seekers(settings: BaseServiceSettings) -> None:
    """Compare the clients with the national platform's job seekers, repair what a missed delivery left out, and
    keep a report."""
    if not isinstance(settings, Settings):
        raise TypeError("clients-api's jobs run with clients-api's settings")
    if settings.national_api_url is None or settings.national_organisation_id is None:
        log.info("national_platform_not_configured")
        return
    seekers: list[PlatformJobSeeker] | None = None
    error: str | None = None
    try:
        seekers = await job_seekers(
            base_url=settings.national_api_url, api_key=settings.national_api_key.get_secret_value()
        )
    except PlatformUnavailable as exc:
        error = str(exc)
    engine = create_async_engine(settings.database_dsn)
    try:
        await reconcile(
            async_sessionmaker(engine, expire_on_commit=False),
            PersonalDataVault(settings.pii_key.get_secret_value()),
            organisation_id=settings.national_organisation_id,
            seekers=seekers,
            error=error,
        )
    finally:
        await engine.dispose()
