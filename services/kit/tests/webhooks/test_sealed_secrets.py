"""Signing secrets sealed at rest: the database holds neither the secret nor the previous one in the clear, the
API and the dispatcher still have them, and the migration seals the rows written before."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from polku_kit.migrations import upgrade
from polku_kit.testing import TestIssuer, throwaway_database
from polku_kit.webhooks.models import WebhookSubscription
from services.kit.tests.sample_service import SERVICE_DIR
from services.kit.tests.webhooks.test_router import admin, create

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
PREVIOUS = "whsec_b2xkIHNlY3JldCBzdGlsbCBzaWduaW5n"


async def stored(session: AsyncSession, subscription_id: str) -> tuple[str, str | None]:
    row = (
        await session.execute(
            text("SELECT secret, previous_secret FROM webhook_subscription WHERE id = :id"), {"id": subscription_id}
        )
    ).one()
    return row.secret, row.previous_secret


class TestSealedAtRest:
    async def test_the_database_holds_no_secret_in_the_clear(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        created = await create(client, admin(test_issuer))
        rotated = await client.post(
            f"/v1/webhook-subscriptions/{created['id']}/rotate-secret",
            json={"previous_secret_valid_seconds": 3600},
            headers=admin(test_issuer),
        )
        assert rotated.status_code == 200, rotated.text
        secret, previous = await stored(db_session, created["id"])
        assert secret.startswith("sealed:v1:") and previous is not None and previous.startswith("sealed:v1:")
        assert rotated.json()["secret"][6:] not in secret and created["secret"][6:] not in previous
        subscription = await db_session.scalar(
            select(WebhookSubscription)
            .where(WebhookSubscription.id == uuid.UUID(created["id"]))
            .execution_options(populate_existing=True)
        )
        assert subscription is not None
        assert (subscription.secret, subscription.previous_secret) == (rotated.json()["secret"], created["secret"])


@pytest.fixture
async def database_url(postgres_server_url: str) -> AsyncIterator[str]:
    async with throwaway_database(postgres_server_url, "test_kit_sealed") as url:
        yield url


class TestMigration:
    async def test_existing_secrets_are_sealed_and_still_sign(self, database_url: str) -> None:
        await asyncio.to_thread(upgrade, SERVICE_DIR, database_url, "kit_0005")
        engine = create_async_engine(database_url)
        try:
            subscription_id = uuid.uuid4()
            async with engine.begin() as connection:
                await connection.execute(
                    text(
                        "INSERT INTO webhook_subscription (id, organisation_id, url, event_types, secret, previous_secret,"  # noqa: E501
                        " created_by) VALUES (:id, :org, 'https://receiver.example.fi/hooks', ARRAY['*'], :secret,"
                        " :previous, 'admin')"
                    ),
                    {"id": subscription_id, "org": uuid.uuid4(), "secret": SECRET, "previous": PREVIOUS},
                )
            await asyncio.to_thread(upgrade, SERVICE_DIR, database_url)
            async with async_sessionmaker(engine)() as session:
                secret, previous = await stored(session, str(subscription_id))
                assert secret.startswith("sealed:v1:") and previous is not None and previous.startswith("sealed:v1:")
                subscription = await session.get(WebhookSubscription, subscription_id)
                assert subscription is not None
                assert (subscription.secret, subscription.previous_secret) == (SECRET, PREVIOUS)
        finally:
            await engine.dispose()
