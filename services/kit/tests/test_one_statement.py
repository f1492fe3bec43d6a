"""A request of one statement (``polku_kit.db.StatementDep``): the read and its audit record in one statement
(``polku_kit.audit.audited``), sent without BEGIN and COMMIT, and nothing sent when the connection goes back to the
pool; statements in turn on one connection, each without them (``OneStatement.in_turn``).
The production path is tested on the real pool, outside a test's transaction: what it commits stays."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from sqlalchemy import event, literal, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.db import OneStatement
from polku_kit.testing import TestIssuer, sql_statements


async def records_of(session: AsyncSession, note_id: uuid.UUID | str) -> list[AuditRecord]:
    query = select(AuditRecord).where(AuditRecord.resource_type == "note", AuditRecord.resource_id == str(note_id))
    return list((await session.scalars(query)).all())


class TestInATestsTransaction:
    async def test_the_read_and_its_record_are_one_statement(
        self, app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        note_id = uuid.uuid4()
        await db_session.execute(text("INSERT INTO sample_note (id, text) VALUES (:id, 'read me')"), {"id": note_id})
        headers = test_issuer.headers(subject="coach-7", roles=["coach"])
        with sql_statements(app, transactions=True) as statements:
            response = await client.get(f"/v1/notes/{note_id}", headers=headers)
        assert response.status_code == 200 and response.json() == {"id": str(note_id), "text": "read me"}
        assert len(statements) == 1 and "INSERT INTO audit_record" in statements[0], statements
        (audit,) = await records_of(db_session, note_id)
        assert (audit.actor_subject, audit.actor_roles, audit.action, audit.data_subject_id, audit.purpose) == (
            "coach-7",
            ["coach"],
            "read",
            note_id,
            "test",
        )
        assert audit.request_id == response.headers["x-request-id"]

    async def test_nothing_found_is_nothing_recorded(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        missing = uuid.uuid4()
        response = await client.get(f"/v1/notes/{missing}", headers=test_issuer.headers())
        assert response.status_code == 404
        assert await records_of(db_session, missing) == []

    async def test_the_session_counts_its_begin_and_commit(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        """The guard's other side: a request in the session's transaction is counted with its BEGIN and COMMIT."""
        with sql_statements(app, transactions=True) as statements:
            response = await client.post("/v1/notes", json={"text": "counted"}, headers=test_issuer.headers())
        assert response.status_code == 201
        assert (statements[0], statements[-1], len(statements)) == ("BEGIN", "COMMIT", 5), statements

    async def test_a_second_statement_is_refused(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await client.get("/v1/two-statements", headers=test_issuer.headers())
        assert response.status_code == 500


@contextmanager
def sent_to_postgresql(app: FastAPI) -> Iterator[list[str]]:
    """Everything the app's pool sends to PostgreSQL while the block runs: the statements (as SQLAlchemy executes
    them) and what asyncpg sends by itself (BEGIN, COMMIT, ROLLBACK: its query log)."""
    engine = app.state.database.engine.sync_engine
    sent: list[str] = []

    def statement(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        sent.append(sql)

    def logged(record: Any) -> None:
        sent.append(record.query.rstrip(";"))

    def checkout(dbapi_connection: Any, *_: Any) -> None:
        dbapi_connection.driver_connection.add_query_logger(logged)

    def checkin(dbapi_connection: Any, *_: Any) -> None:
        if dbapi_connection is not None:
            dbapi_connection.driver_connection.remove_query_logger(logged)

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine.pool, "checkout", checkout)
    event.listen(engine.pool, "checkin", checkin)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine.pool, "checkout", checkout)
        event.remove(engine.pool, "checkin", checkin)


@pytest_asyncio.fixture(loop_scope="session")
async def production(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """The app on its real pool: no test transaction around the requests (what they commit stays)."""
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://service.test") as http:
        yield http


@pytest_asyncio.fixture(loop_scope="session")
async def note(app: FastAPI) -> AsyncIterator[uuid.UUID]:
    note_id = uuid.uuid4()
    async with app.state.database.engine.begin() as connection:
        await connection.execute(text("INSERT INTO sample_note (id, text) VALUES (:id, 'kept')"), {"id": note_id})
    yield note_id
    async with app.state.database.engine.begin() as connection:
        await connection.execute(text("DELETE FROM sample_note WHERE id = :id"), {"id": note_id})


class TestOnTheRealPool:
    async def test_one_round_trip_and_none_on_return_to_the_pool(
        self, app: FastAPI, production: httpx.AsyncClient, note: uuid.UUID, test_issuer: TestIssuer
    ) -> None:
        headers = test_issuer.headers(subject="coach-8", roles=["coach"])
        with sent_to_postgresql(app) as written:
            async with app.state.database.sessionmaker() as session, session.begin():
                await session.execute(text("SELECT 1"))
        # What a transaction costs is seen: BEGIN (sent by asyncpg with the first statement) and COMMIT.
        assert len(written) == 3 and written[1].startswith("BEGIN") and written[2] == "COMMIT", written
        for _ in range(2):  # the second on a connection that was returned to the pool by the first
            with sent_to_postgresql(app) as sent:
                response = await production.get(f"/v1/notes/{note}", headers=headers)
            assert response.status_code == 200 and response.json()["text"] == "kept"
            assert len(sent) == 1 and sent[0].startswith("WITH found AS"), sent
        async with app.state.database.sessionmaker() as session:
            records = await records_of(session, note)
        assert [(audit.actor_subject, audit.action) for audit in records] == [("coach-8", "read")] * 2

    async def test_a_refused_record_is_a_failed_read_and_the_connection_stays_usable(
        self, app: FastAPI, production: httpx.AsyncClient, note: uuid.UUID, test_issuer: TestIssuer
    ) -> None:
        engine = app.state.database.engine
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "ALTER TABLE audit_record ADD CONSTRAINT refuse_note_reads "
                    "CHECK (NOT (resource_type = 'note' AND action = 'read')) NOT VALID"
                )
            )
        try:
            with sent_to_postgresql(app) as sent:
                response = await production.get(f"/v1/notes/{note}", headers=test_issuer.headers())
            assert response.status_code == 500 and "kept" not in response.text
            assert len(sent) == 1, sent  # and no ROLLBACK: there was no transaction to roll back
        finally:
            async with engine.begin() as connection:
                await connection.execute(text("ALTER TABLE audit_record DROP CONSTRAINT refuse_note_reads"))
        async with app.state.database.sessionmaker() as session:
            assert await records_of(session, note) == []
        # The connection the failed statement was sent on went back to the pool without a transaction left open.
        with sent_to_postgresql(app) as sent:
            response = await production.get(f"/v1/notes/{note}", headers=test_issuer.headers())
        assert response.status_code == 200 and len(sent) == 1, sent


class TestStatementsInTurn:
    async def test_each_statement_is_sent_as_it_is_and_the_request_sends_nothing_after(
        self, app: FastAPI, db_connection: AsyncConnection
    ) -> None:
        statement = OneStatement.on(db_connection)
        with sql_statements(app, transactions=True) as sent:
            async with statement.in_turn() as statements:
                first = (await statements.execute(select(literal(1).label("n")), {})).scalar_one()
                second = (await statements.execute(text("SELECT 2"), {})).scalar_one()
        assert (first, second) == (1, 2)
        assert len(sent) == 2 and not any(sql.startswith(("BEGIN", "COMMIT")) for sql in sent), sent
        with pytest.raises(RuntimeError, match="second needs SessionDep"):
            await statement.execute(text("SELECT 3"), {})
        with pytest.raises(RuntimeError, match="second needs SessionDep"):
            async with statement.in_turn():
                pass

    async def test_after_one_statement_none_in_turn(self, db_connection: AsyncConnection) -> None:
        statement = OneStatement.on(db_connection)
        await statement.execute(text("SELECT 1"), {})
        with pytest.raises(RuntimeError, match="second needs SessionDep"):
            async with statement.in_turn():
                pass
