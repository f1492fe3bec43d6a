"""Async SQLAlchemy: one engine per process, one transaction per request.

The request's session is opened and committed here, never by services or repositories (they ``flush()``).
The transaction ends before the response is sent, so a failed commit is a 500, never a false 200.

A request whose whole work is one statement (a read with its audit record in it) takes :data:`StatementDep`
instead: the statement is sent without ``BEGIN`` and ``COMMIT``, and PostgreSQL runs it as its own transaction. A
read followed by a write that checks in its own ``WHERE`` what the read found may be sent the same way, each its own
transaction, on one connection (:meth:`OneStatement.in_turn`).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import DateTime, Dialect, Executable, MetaData, Result, func
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from polku_kit.compiled import CompiledStatement, compile_once, run, sends_as_is

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING_CONVENTION)


class KitBase(DeclarativeBase):
    """Base of the kit's own tables (audit, outbox, webhooks). Services declare their own base."""

    metadata = new_metadata()


class UUIDPrimaryKey:
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class Database:
    """The process's engine and session factory. Tests replace ``sessionmaker`` to roll back per test."""

    def __init__(self, url: str, *, pool_size: int = 10, max_overflow: int = 10, echo: bool = False):
        self.url = url
        # No pre-ping: it was a round trip to PostgreSQL on every request. A connection the server closed is
        # invalidated on its first error (that request fails, the next reconnect); connections are recycled after
        # half an hour so that none outlives a server's idle timeout (docs/decisions/0023).
        self.engine: AsyncEngine = create_async_engine(
            url, pool_size=pool_size, max_overflow=max_overflow, pool_pre_ping=False, pool_recycle=1800, echo=echo
        )
        self.sessionmaker: async_sessionmaker[AsyncSession] = async_sessionmaker(self.engine, expire_on_commit=False)
        # A connection of the same pool on which nothing begins a transaction (:class:`OneStatement`). The asyncpg
        # dialect sends no BEGIN, COMMIT or ROLLBACK for it, and none when the connection goes back to the pool
        # (its isolation level is put back without a round trip). Tests replace it with their own connection.
        self.statement_connection: Callable[[], AbstractAsyncContextManager[AsyncConnection]] = (
            self.engine.execution_options(isolation_level="AUTOCOMMIT").connect
        )
        # The statements of requests of one statement, compiled once for the dialect (:class:`OneStatement`).
        self.compiled = CompiledStatements(self.engine.dialect)

    async def dispose(self) -> None:
        await self.engine.dispose()


async def _request_session(request: Request) -> AsyncIterator[AsyncSession]:
    database: Database = request.app.state.database
    async with database.sessionmaker() as session, session.begin():
        # Lets polku_kit.outbox.emit name the event source (/polku/<service>) without being told.
        session.info["service_name"] = request.app.state.settings.service_name
        yield session


# ``scope="function"``: the transaction is committed when the endpoint returns, before the response goes out.
SessionDep = Annotated[AsyncSession, Depends(_request_session, scope="function")]


class CompiledStatements:
    """Statements compiled once for one dialect (``polku_kit.compiled``), by the statement object: the callers build
    their statements once (decision 50), so each is compiled at its first execution. A statement that cannot be
    compiled once is remembered as such (None) and executed through SQLAlchemy."""

    # A caller that built a statement per request would fill this: past this many, the cache starts again.
    LIMIT = 2000

    def __init__(self, dialect: Dialect):
        self.dialect = dialect
        # id(statement) → (the statement, kept so that its id is not reused; its compiled form or None).
        self._compiled: dict[int, tuple[Executable, CompiledStatement | None]] = {}

    def get(self, statement: Executable) -> CompiledStatement | None:
        found = self._compiled.get(id(statement))
        if found is not None and found[0] is statement:
            return found[1]
        if len(self._compiled) >= self.LIMIT:
            self._compiled.clear()
        compiled = compile_once(statement, self.dialect)
        self._compiled[id(statement)] = (statement, compiled)
        return compiled


class OneStatement:
    """A request whose whole work is one SQL statement, sent without ``BEGIN`` and ``COMMIT``: one round trip.

    PostgreSQL runs a statement sent outside a transaction block as a transaction of its own, so everything the
    statement does (a read and its audit record as a data-modifying CTE, ``polku_kit.audit.audited``) commits
    together or not at all, as in the request's transaction of :data:`SessionDep`. A second statement would be a
    second transaction: it is refused, and a request that needs two takes :data:`SessionDep`, or, when each of its
    statements stands alone as a transaction, :meth:`in_turn`.

    A ``SELECT`` (with any data-modifying CTEs) is compiled once and sent on the asyncpg connection as a prepared
    statement, without SQLAlchemy's per-execution work (``polku_kit.compiled``, decision 68); what cannot be compiled
    once is executed through SQLAlchemy. Either way the rows are SQLAlchemy's, with the same values.
    """

    def __init__(
        self, connect: Callable[[], AbstractAsyncContextManager[AsyncConnection]], compiled: CompiledStatements
    ):
        self._connect: Callable[[], AbstractAsyncContextManager[AsyncConnection]] | None = connect
        self._compiled = compiled

    @classmethod
    def on(cls, connection: AsyncConnection) -> OneStatement:
        """A request of one statement sent on ``connection`` (a test's, a tool's), compiled as the service's are."""
        return cls(lambda: nullcontext(connection), CompiledStatements(connection.dialect))

    async def execute(self, statement: Executable, parameters: Mapping[str, Any]) -> Result[Any]:
        """The statement's whole (buffered) result. The connection is taken from the pool for the statement and given
        back before this returns."""
        async with self._connection() as connection:
            return await _send(connection, self._compiled, statement, parameters)

    @asynccontextmanager
    async def in_turn(self) -> AsyncIterator[Statements]:
        """Statements sent one after the other on one connection of the pool, each without ``BEGIN`` and ``COMMIT``,
        so each a transaction of its own (decision 72): for a write that checks in its own ``WHERE`` what the read
        before it found, and writes nothing when that no longer holds, so that no lock needs to be held between
        them. Nothing makes the statements one transaction: a request whose statements must commit together takes
        :data:`SessionDep`. The connection goes back to the pool when the block ends; this request sends no other
        statement."""
        async with self._connection() as connection:
            yield Statements(connection, self._compiled)

    def _connection(self) -> AbstractAsyncContextManager[AsyncConnection]:
        connect, self._connect = self._connect, None
        if connect is None:
            raise RuntimeError("a request of one statement has sent its statement: a second needs SessionDep")
        return connect()


class Statements:
    """The statements of :meth:`OneStatement.in_turn`, each its own transaction on the block's connection, compiled
    once as a request of one statement's is."""

    def __init__(self, connection: AsyncConnection, compiled: CompiledStatements):
        self._connection = connection
        self._compiled = compiled

    async def execute(self, statement: Executable, parameters: Mapping[str, Any]) -> Result[Any]:
        """The statement's whole (buffered) result, committed by PostgreSQL as the statement ends."""
        return await _send(self._connection, self._compiled, statement, parameters)


async def _send(
    connection: AsyncConnection, compiled: CompiledStatements, statement: Executable, parameters: Mapping[str, Any]
) -> Result[Any]:
    once = compiled.get(statement)
    if once is not None and sends_as_is(connection):
        return await run(connection, once, parameters)
    return (await connection.execute(statement, parameters)).freeze()()


async def _request_statement(request: Request) -> OneStatement:
    database: Database = request.app.state.database
    return OneStatement(database.statement_connection, database.compiled)


# A plain dependency, not a generator: the connection is taken and given back by the statement itself, so FastAPI has
# no exit to schedule for it, and the pool has it back before the answer is built.
StatementDep = Annotated[OneStatement, Depends(_request_statement)]
