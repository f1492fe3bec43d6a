"""Async SQLAlchemy: one engine per process, one transaction per request.

The request's session is opened and committed here, never by services or repositories (they ``flush()``).
The transaction ends before the response is sent, so a failed commit is a 500, never a false 200.

A request whose whole work is one statement (a read with its audit record in it) takes :data:`StatementDep`
instead: the statement is sent without ``BEGIN`` and ``COMMIT``, and PostgreSQL runs it as its own transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import DateTime, Executable, MetaData, Result, func
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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


class OneStatement:
    """A request whose whole work is one SQL statement, sent without ``BEGIN`` and ``COMMIT``: one round trip.

    PostgreSQL runs a statement sent outside a transaction block as a transaction of its own, so everything the
    statement does (a read and its audit record as a data-modifying CTE, ``polku_kit.audit.audited``) commits
    together or not at all, as in the request's transaction of :data:`SessionDep`. A second statement would be a
    second transaction: it is refused, and a request that needs two takes :data:`SessionDep`.
    """

    def __init__(self, connection: AsyncConnection):
        self._connection: AsyncConnection | None = connection

    async def execute(self, statement: Executable, parameters: Mapping[str, Any]) -> Result[Any]:
        """The statement's whole (buffered) result."""
        connection, self._connection = self._connection, None
        if connection is None:
            raise RuntimeError("a request of one statement has sent its statement: a second needs SessionDep")
        return await connection.execute(statement, parameters)


async def _request_statement(request: Request) -> AsyncIterator[OneStatement]:
    database: Database = request.app.state.database
    async with database.statement_connection() as connection:
        yield OneStatement(connection)


# ``scope="function"``: the connection goes back to the pool when the endpoint returns, as the session's does.
StatementDep = Annotated[OneStatement, Depends(_request_statement, scope="function")]
