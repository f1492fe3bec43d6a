"""The demo seed: clients with assessments (special-category notes encrypted), and running it twice adds nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from clients_api import SERVICE_DIR
from clients_api.assessment.models import AssessmentVersion, SpecialCategoryNote
from clients_api.client.models import Client
from clients_api.schedule.models import ClientDeadline
from clients_api.seed import ASSESSMENTS, PEOPLE, seed
from clients_api.settings import Settings
from polku_kit.testing import create_migrated_database


@pytest.mark.asyncio(loop_scope="session")
async def test_seed_is_idempotent_and_assesses_some_clients(postgres_server_url: str) -> None:
    url = await create_migrated_database(postgres_server_url, SERVICE_DIR, "test_clients_seed")
    settings = Settings(env="test", service_database_url=url)
    await seed(settings)
    await seed(settings)
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            clients = await connection.scalar(select(func.count()).select_from(Client))
            assessed = await connection.scalar(select(func.count()).select_from(AssessmentVersion))
            notes = (await connection.execute(select(SpecialCategoryNote.notes_encrypted))).scalars().all()
            out_of_date = await connection.scalar(
                select(func.count()).select_from(Client).where(Client.deadlines_valid_until.is_(None))
            )
            stored = await connection.scalar(select(func.count()).select_from(ClientDeadline))
    finally:
        await engine.dispose()
    assert clients == len(PEOPLE)
    assert assessed == len(ASSESSMENTS)
    assert len(notes) == 1 and b"fysioterapia" not in notes[0]
    assert out_of_date == 0 and stored >= len(PEOPLE)  # `make run` starts with the deadlines stored
