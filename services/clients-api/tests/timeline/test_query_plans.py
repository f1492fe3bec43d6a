"""The client page's reads in one statement (decision 82) read the client by its key and its rows through the client's
index: a page of the timeline and the status history cost what the client holds, not what the database does. Checked
on the plans PostgreSQL chooses for 5,000 clients with 40 timeline entries and 3 changes of status each."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import PURPOSE
from clients_api.client import repository as clients
from clients_api.timeline.repository import PageShape, page_statement
from polku_kit.audit import AuditAction, record_parameters
from polku_kit.auth import Principal
from polku_kit.testing import LAHTI, explain

COACH = Principal(subject="coach-1", roles=frozenset({"coach"}), organisation_id=LAHTI, name="Testi Ohjaaja")


@pytest.fixture
async def many_entries(db_session: AsyncSession) -> uuid.UUID:
    await db_session.execute(
        text(
            "INSERT INTO client (id, organisation_id, identity_code_hash, identity_code_encrypted, birth_date,"
            " first_names, last_name, home_municipality, languages, job_search_started_on, status, coach_subject,"
            " version)"
            " SELECT gen_random_uuid(), :org, 'hash-' || n, '\\x00'::bytea, DATE '1990-01-01', 'Testi',"
            " 'Asiakas ' || n, '398', ARRAY['fi'], current_date - n % 700, 'unemployed', 'coach-' || (n % 30), 1"
            " FROM generate_series(1, 5000) AS n"
        ),
        {"org": LAHTI},
    )
    await db_session.execute(
        text(
            "INSERT INTO timeline_entry (id, client_id, event_id, source, type, occurred_at, data)"
            " SELECT gen_random_uuid(), client.id, gen_random_uuid()::text, '/polku/clients-api',"
            " 'fi.polku.client.note.v1', now() - make_interval(hours => n), '{}'::jsonb"
            " FROM client, generate_series(1, 40) AS n"
        )
    )
    await db_session.execute(
        text(
            "INSERT INTO client_status_change (id, client_id, status, changed_on, changed_by)"
            " SELECT gen_random_uuid(), client.id, 'unemployed', current_date - n, 'coach-1'"
            " FROM client, generate_series(1, 3) AS n"
        )
    )
    for table in ("client", "timeline_entry", "client_status_change"):
        await db_session.execute(text(f"ANALYZE {table}"))
    found = await db_session.scalar(text("SELECT id FROM client WHERE coach_subject = 'coach-1' LIMIT 1"))
    assert isinstance(found, uuid.UUID)
    return found


def parameters(client_id: uuid.UUID, resource_type: str) -> dict[str, object]:
    audit = record_parameters(actor=COACH, action=AuditAction.read, resource_type=resource_type, purpose=PURPOSE)
    return {"client_id": client_id, "organisation_id": LAHTI, "reached_by": COACH.subject, **audit}


@pytest.mark.parametrize("after", [False, True])
async def test_a_timeline_page_reads_the_clients_entries_by_its_index(
    db_session: AsyncSession, many_entries: uuid.UUID, after: bool
) -> None:
    values = {**parameters(many_entries, "timeline"), "row_limit": 21}
    if after:
        values |= {"after_at": datetime.now().astimezone(), "after_id": uuid.uuid4()}
    plan = await explain(
        db_session, page_statement(PageShape(source=False, type_prefix=False, after=after), True), values
    )
    assert "ix_timeline_entry_client" in plan.indexes, plan.text
    assert ("Seq Scan", "timeline_entry") not in plan.scans and ("Seq Scan", "client") not in plan.scans, plan.text


async def test_the_status_history_reads_the_clients_changes_by_its_index(
    db_session: AsyncSession, many_entries: uuid.UUID
) -> None:
    plan = await explain(db_session, clients.STATUS_HISTORY[True], parameters(many_entries, "client_status_history"))
    assert ("Seq Scan", "client_status_change") not in plan.scans and ("Seq Scan", "client") not in plan.scans, (
        plan.text
    )
