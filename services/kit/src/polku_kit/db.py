"""Async SQLAlchemy: one engine per process, one transaction per request.

The request's session is opened and committed here, never by services or repositories (they ``flush()``).
The transaction ends before the response is sent, so a failed commit is a 500, never a false 200.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import DateTime, MetaData, func
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
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
