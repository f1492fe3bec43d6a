"""Migration employer_0009 on a database with data: the rows made before keep their subjects with no names (the
screens say that who acted was not recorded), the schema then matches the models, and the downgrade takes the
names away again, keeping the rows."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import create_async_engine

from employer_api import SERVICE_DIR
from employer_api.models import Base
from polku_kit.migrations import alembic_config, upgrade
from polku_kit.testing import LAHTI, throwaway_database

EMPLOYER = (
    "INSERT INTO employer (id, authority_id, business_id, name, industry_code, industry_main_class, municipalities,"
    " contact_people, consents_to_contact, network_member, created_by)"
    " VALUES (:id, :authority, '1234567-1', 'Lahden Konepaja Oy', '25620', 'C', ARRAY['398'], '[]', true, true,"
    " 'employer_services-before')"
)
NAMED = {
    "employer": {"created_by_name", "changed_by", "changed_by_name", "changed_by_organisation_name"},
    "employer_contact": {"staff_name", "next_step_done_by_name", "changed_by", "changed_by_organisation_name"},
    "vacancy": {"created_by_name", "created_by_organisation_name", "changed_by", "changed_by_name"},
    "job_offer": {"offered_by_name", "offered_by_organisation_name", "outcome_by_name"},
    "introduction": {"introduced_by_name", "outcome_by_name", "outcome_by_organisation_name"},
    "support": {"decided_by_name", "decided_by_organisation_name", "changed_by", "changed_by_name"},
}


@pytest.fixture
async def database_url(postgres_server_url: str) -> AsyncIterator[str]:
    async with throwaway_database(postgres_server_url, "test_employer_0009") as url:
        yield url


def _columns(sync_connection) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    inspector = inspect(sync_connection)
    return {table: {column["name"] for column in inspector.get_columns(table)} for table in NAMED}


def _ours(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return table in NAMED


async def test_rows_made_before_have_no_names_and_the_downgrade_takes_them_away(database_url: str) -> None:
    await asyncio.to_thread(upgrade, SERVICE_DIR, database_url, "employer_0008")
    engine = create_async_engine(database_url)
    try:
        employer_id = uuid.uuid4()
        async with engine.begin() as connection:
            await connection.execute(text(EMPLOYER), {"id": employer_id, "authority": LAHTI})
        await asyncio.to_thread(upgrade, SERVICE_DIR, database_url)
        async with engine.begin() as connection:
            columns = await connection.run_sync(_columns)
            assert all(NAMED[table] <= columns[table] for table in NAMED)
            row = (
                await connection.execute(
                    text("SELECT created_by, created_by_name, changed_by FROM employer WHERE id = :id"),
                    {"id": employer_id},
                )
            ).one()
            assert tuple(row) == ("employer_services-before", None, None)

            def differences(sync_connection):  # type: ignore[no-untyped-def]
                context = MigrationContext.configure(
                    sync_connection, opts={"compare_type": True, "include_object": _ours}
                )
                return compare_metadata(context, Base.metadata)

            assert await connection.run_sync(differences) == []

        await asyncio.to_thread(command.downgrade, alembic_config(SERVICE_DIR, database_url), "employer_0008")
        async with engine.begin() as connection:
            columns = await connection.run_sync(_columns)
            assert not any(NAMED[table] & columns[table] for table in NAMED)
            assert "staff_subject" in columns["employer_contact"] and "offered_by" in columns["job_offer"]
            name = await connection.scalar(text("SELECT name FROM employer WHERE id = :id"), {"id": employer_id})
            assert name == "Lahden Konepaja Oy"
    finally:
        await engine.dispose()
