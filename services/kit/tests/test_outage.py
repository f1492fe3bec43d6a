"""The database unreachable answers 503 with Retry-After (a problem document); other database errors stay 500."""

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from polku_kit.db import Database
from polku_kit.errors import install_problem_handlers
from polku_kit.outage import install_outage_handler, is_database_outage, is_transaction_conflict
from polku_kit.testing import free_port


def make_app(server_url: str) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    install_outage_handler(app)
    nothing_listens = Database(f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/postgres")
    database = Database(f"{server_url}postgres", pool_size=1, max_overflow=0)

    @app.get("/refused")
    async def refused() -> None:
        async with nothing_listens.sessionmaker() as session, session.begin():
            await session.execute(text("SELECT 1"))

    @app.get("/cut")
    async def cut() -> None:
        # The server ends this very connection in the middle of the statement, as a restart would.
        async with database.sessionmaker() as session, session.begin():
            await session.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))

    @app.get("/pool-exhausted")
    async def pool_exhausted() -> None:
        engine = create_async_engine(f"{server_url}postgres", pool_size=1, max_overflow=0, pool_timeout=0.2)
        try:
            async with engine.connect() as held:
                await held.execute(text("SELECT 1"))
                async with engine.connect() as waiting:
                    await waiting.execute(text("SELECT 1"))
        finally:
            await engine.dispose()

    both_waiting = asyncio.Barrier(2)

    @app.get("/lock/{first}/{second}")
    async def lock(first: int, second: int) -> None:
        # Two requests take two advisory locks in opposite orders: PostgreSQL aborts one of them (40P01).
        engine = create_async_engine(f"{server_url}postgres", pool_size=1, max_overflow=0)
        try:
            async with engine.connect() as connection, connection.begin():
                await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": first})
                await both_waiting.wait()
                await connection.execute(text("SET LOCAL deadlock_timeout = '50ms'"))
                await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": second})
        finally:
            await engine.dispose()

    @app.get("/division-by-zero")
    async def division_by_zero() -> None:
        async with database.sessionmaker() as session, session.begin():
            await session.execute(text("SELECT 1 / 0"))

    return app


@pytest.fixture
async def http(postgres_server_url: str) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=make_app(postgres_server_url), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


class TestDatabaseOutage:
    @pytest.mark.parametrize("path", ["/refused", "/cut", "/pool-exhausted"])
    async def test_an_unreachable_database_is_a_503_to_retry(self, http: httpx.AsyncClient, path: str) -> None:
        response = await http.get(path)
        assert response.status_code == 503, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["retry-after"] == "5"
        body = response.json()
        assert body["type"] == "https://polku.fi/problems/database-unavailable"
        assert body["status"] == 503 and body["instance"] == path
        assert "127.0.0.1" not in response.text and "SELECT" not in response.text

    async def test_a_deadlock_is_a_503_to_send_again(self, http: httpx.AsyncClient) -> None:
        one, other = await asyncio.gather(http.get("/lock/71001/71002"), http.get("/lock/71002/71001"))
        assert sorted([one.status_code, other.status_code]) == [200, 503], (one.text, other.text)
        refused = one if one.status_code == 503 else other
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.headers["retry-after"] == "1"
        assert refused.json()["type"] == "https://polku.fi/problems/transaction-conflict"
        assert "SELECT" not in refused.text

    async def test_a_statement_the_database_refuses_stays_a_500(self, http: httpx.AsyncClient) -> None:
        response = await http.get("/division-by-zero")
        assert response.status_code == 500
        assert response.headers["content-type"] == "application/problem+json"
        assert "retry-after" not in response.headers


class _DriverError(Exception):
    def __init__(self, sqlstate: str):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


class TestIsDatabaseOutage:
    @pytest.mark.parametrize(
        ("sqlstate", "outage"),
        [
            ("57P03", True),  # the database system is starting up (a restart's first seconds)
            ("57P01", True),  # terminating connection due to administrator command
            ("08006", True),  # connection failure
            ("53300", True),  # too many connections
            ("22012", False),  # division by zero
            ("23505", False),  # unique violation
        ],
    )
    def test_by_the_drivers_sqlstate(self, sqlstate: str, outage: bool) -> None:
        assert is_database_outage(DBAPIError("SELECT 1", {}, _DriverError(sqlstate))) is outage

    @pytest.mark.parametrize(
        ("sqlstate", "conflict"), [("40P01", True), ("40001", True), ("23505", False), ("08006", False)]
    )
    def test_a_rolled_back_transaction_is_a_conflict_not_an_outage(self, sqlstate: str, conflict: bool) -> None:
        assert is_transaction_conflict(DBAPIError("SELECT 1", {}, _DriverError(sqlstate))) is conflict
