"""Migration referrals_0010 on a database with data: a service belongs to its organisation's record in the
network it was offered in, and another network may then register the same partner."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from polku_kit.migrations import upgrade
from polku_kit.testing import KELA, LAHTI, MIKKELI, throwaway_database
from referrals_api import SERVICE_DIR

ORGANISATION = (
    "INSERT INTO organisation (id, authority_id, name, type, business_id, municipalities, contacts)"
    " VALUES (:id, :authority, 'Kela', 'kela', '0246246-0', ARRAY['398'], '[]')"
)
SERVICE = (
    "INSERT INTO service (id, organisation_id, name_fi, name_sv, description_fi, description_sv,"
    " target_groups, municipalities, languages, channel, capacity_period, production_model, status,"
    " response_days) VALUES (:id, :organisation, 'Kuntoutus', 'Rehabilitering', 'Kuvaus', 'Beskrivning',"
    " '{}', '{}', ARRAY['fi'], 'in_person', 'month', 'partnership', 'active', 5)"
)


@pytest.fixture
async def database_url(postgres_server_url: str) -> AsyncIterator[str]:
    async with throwaway_database(postgres_server_url, "test_referrals_0010") as url:
        yield url


async def test_services_keep_their_network_and_a_second_network_may_register_the_partner(database_url: str) -> None:
    await asyncio.to_thread(upgrade, SERVICE_DIR, database_url, "referrals_0009")
    engine = create_async_engine(database_url)
    try:
        service_id = uuid.uuid4()
        async with engine.begin() as connection:
            await connection.execute(text(ORGANISATION), {"id": KELA, "authority": LAHTI})
            await connection.execute(text(SERVICE), {"id": service_id, "organisation": KELA})
        await asyncio.to_thread(upgrade, SERVICE_DIR, database_url)
        async with engine.begin() as connection:
            authority = await connection.scalar(
                text("SELECT authority_id FROM service WHERE id = :id"), {"id": service_id}
            )
            assert authority == LAHTI
            await connection.execute(text(ORGANISATION), {"id": KELA, "authority": MIKKELI})
            assert await connection.scalar(text("SELECT count(*) FROM organisation WHERE id = :id"), {"id": KELA}) == 2
    finally:
        await engine.dispose()
