"""Dispatcher tests commit for real, so they use a database of their own (one per module, emptied per test),
the sample service's API on that database, and a real HTTP receiver."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from polku_kit.testing import ServiceSpec, TestIssuer, build_test_app, create_migrated_database, make_test_settings
from services.kit.tests.sample_service import SERVICE_DIR
from services.kit.tests.webhooks.support import Admin


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def database_url(postgres_server_url: str) -> str:
    return await create_migrated_database(postgres_server_url, SERVICE_DIR, f"dispatch_{uuid.uuid4().hex[:12]}")


@pytest_asyncio.fixture(loop_scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(database_url)
    async with engine.begin() as connection:
        await connection.execute(text("TRUNCATE outbox_event, webhook_subscription, inbox_event CASCADE"))
    yield engine
    await engine.dispose()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def api(
    service_spec: ServiceSpec, database_url: str, test_issuer: TestIssuer
) -> AsyncIterator[httpx.AsyncClient]:
    """The sample service's API on the dispatcher database, committing for real."""
    app = build_test_app(service_spec, make_test_settings(service_spec, database_url, test_issuer), test_issuer)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sample.test") as client:
        yield client
    await app.state.database.dispose()


@pytest_asyncio.fixture(loop_scope="session")
async def admin(api: httpx.AsyncClient, test_issuer: TestIssuer, engine: AsyncEngine) -> Admin:
    return Admin(api, test_issuer)
