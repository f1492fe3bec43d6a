"""The plan of a statement a request sends (``polku_kit.testing.statements_sent`` and ``explain``): captured with its
parameters and explained as PostgreSQL would run it, so that a test tells a read by an index from a sequential scan.
Checked on 10,000 notes, the read of one by its key and a search by its text, which no index holds."""

from __future__ import annotations

import uuid

import httpx
from fastapi import FastAPI
from sqlalchemy import column, select, table, text
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.testing import TestIssuer, explain, statements_sent

NOTE = table("sample_note", column("id"), column("text"))


async def notes(session: AsyncSession) -> uuid.UUID:
    """10,000 notes, analysed; returns one's id."""
    await session.execute(
        text(
            "INSERT INTO sample_note (id, text) SELECT gen_random_uuid(), 'note ' || n FROM generate_series(1, 10000) n"
        )
    )
    await session.execute(text("ANALYZE sample_note"))
    return uuid.UUID(str(await session.scalar(text("SELECT id FROM sample_note WHERE text = 'note 5000'"))))


async def test_a_requests_statement_is_captured_with_its_parameters_and_read_by_its_index(
    app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
) -> None:
    note_id = await notes(db_session)
    with statements_sent(app) as sent:
        response = await client.get(f"/v1/notes/{note_id}", headers=test_issuer.headers())
    assert response.status_code == 200, response.text
    [statement] = [each for each in sent if "sample_note" in each.sql]
    assert note_id in statement.parameters, statement
    plan = await explain(db_session, statement)
    assert ("Index Scan", "sample_note") in plan.scans and "sample_note_pkey" in plan.indexes, plan.text
    assert "Seq Scan" not in plan.node_types, plan.text
    # The audit record is in the plan, its INSERT not run: the request's own record is the only one.
    assert ("ModifyTable", "audit_record") in plan.scans, plan.text
    assert (
        await db_session.scalar(text("SELECT count(*) FROM audit_record WHERE resource_id = :id"), {"id": str(note_id)})
        == 1
    )


async def test_a_search_by_an_unindexed_column_is_a_sequential_scan(db_session: AsyncSession) -> None:
    await notes(db_session)
    plan = await explain(db_session, select(NOTE.c.id).where(NOTE.c.text == "note 5000"))
    assert plan.scans == {("Seq Scan", "sample_note")} and plan.indexes == set(), plan.text
    assert plan.relations == {"sample_note"}, plan.text
    # Its parameter is sent as a parameter, and the planner sees its value: one row of 10,000 expected.
    assert plan.root["Plan Rows"] < 10, plan.root


async def test_the_plan_below_a_node_and_its_text(db_session: AsyncSession) -> None:
    await notes(db_session)
    query = select(NOTE.c.id).where(NOTE.c.id > uuid.UUID(int=0)).order_by(NOTE.c.text).limit(5)
    plan = await explain(db_session, query, {})
    assert plan.node_types[0] == "Limit" and plan.below("Sort").node_types == ["Sort", "Seq Scan"], plan.text
    assert plan.text.splitlines()[:3] == ["Limit", "  Sort", "      Sort Key: text"], plan.text
