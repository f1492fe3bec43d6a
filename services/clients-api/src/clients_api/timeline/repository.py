from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, DateTime, Integer, Select, Text, Uuid, bindparam, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.repository import client_rows_statement
from clients_api.timeline.models import TimelineEntry
from polku_kit.pagination import Keyset

NEWEST_FIRST = Keyset(TimelineEntry.occurred_at, TimelineEntry.id, newest_first=True)


class PageShape(NamedTuple):
    """Which of a page's criteria are given (their values are the statement's parameters)."""

    source: bool
    type_prefix: bool
    after: bool


# What an entry of a page is made of (``TimelineEntryRead``).
_ENTRY_COLUMNS = (
    TimelineEntry.id,
    TimelineEntry.type,
    TimelineEntry.source,
    TimelineEntry.occurred_at,
    TimelineEntry.actor_subject,
    TimelineEntry.actor_name,
    TimelineEntry.actor_organisation_name,
    TimelineEntry.data,
)
# The escape character of a type's prefix in LIKE, as SQLAlchemy's ``startswith(..., autoescape=True)`` escapes it.
_ESCAPE = "/"


def _entries(shape: PageShape) -> Callable[[ColumnElement[uuid.UUID]], Select[Any]]:
    def entries(client_id: ColumnElement[uuid.UUID]) -> Select[Any]:
        query: Select[Any] = select(*_ENTRY_COLUMNS).where(TimelineEntry.client_id == client_id)
        if shape.source:
            query = query.where(TimelineEntry.source == bindparam("source", type_=Text()))
        if shape.type_prefix:
            query = query.where(TimelineEntry.type.like(bindparam("type_pattern", type_=Text()), escape=_ESCAPE))
        if shape.after:
            query = query.where(
                tuple_(TimelineEntry.occurred_at, TimelineEntry.id)
                < tuple_(bindparam("after_at", type_=DateTime(timezone=True)), bindparam("after_id", type_=Uuid()))
            )
        return query.order_by(TimelineEntry.occurred_at.desc(), TimelineEntry.id.desc()).limit(
            bindparam("row_limit", type_=Integer())
        )

    return entries


@functools.cache
def page_statement(shape: PageShape, reach: bool) -> Select[Any]:
    """A page of the client's timeline (newest first, up to ``row_limit`` entries after the key ``after_at``,
    ``after_id`` of the previous page's last, of the ``source`` and the type pattern asked) and its read's audit
    record in one statement (``access.repository.client_rows_statement``), built once for each shape."""
    return client_rows_statement(
        _entries(shape), reach=reach, order=("occurred_at", "id"), descending=True, resource=None
    )


class PageQuery(NamedTuple):
    """A page's statements, by whether the caller's reach is asked (:func:`page_statement` of the page's shape), and
    their values: what ``access.service.read_client_rows`` sends."""

    statements: Callable[[bool], Select[Any]]
    values: dict[str, Any]


def page_query(
    *, limit: int, after: tuple[datetime, uuid.UUID] | None, source: str | None, type_prefix: str | None
) -> PageQuery:
    """The statements and values of a page of the client's timeline, newest first, up to ``limit + 1`` entries (their
    columns by name) after the sort key ``after`` of the previous page's last, of the ``source`` and the type's prefix
    asked (its LIKE wildcards matching only themselves), and the read's audit record naming the client as the person,
    in one statement."""
    shape = PageShape(source=source is not None, type_prefix=type_prefix is not None, after=after is not None)
    values: dict[str, Any] = {"row_limit": limit + 1}
    if source is not None:
        values["source"] = source
    if type_prefix is not None:
        escaped = type_prefix.replace(_ESCAPE, _ESCAPE * 2).replace("%", _ESCAPE + "%").replace("_", _ESCAPE + "_")
        values["type_pattern"] = escaped + "%"
    if after is not None:
        values["after_at"], values["after_id"] = after
    return PageQuery(functools.partial(page_statement, shape), values)


async def add_once(session: AsyncSession, entry: dict[str, object]) -> bool:
    """Store an entry unless its event is on the timeline already."""
    inserted = await session.execute(
        insert(TimelineEntry)
        .values(**entry)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(TimelineEntry.id)
    )
    return inserted.first() is not None


async def for_client(session: AsyncSession, *, client_id: uuid.UUID) -> list[TimelineEntry]:
    query = select(TimelineEntry).where(TimelineEntry.client_id == client_id).order_by(TimelineEntry.occurred_at)
    return list((await session.scalars(query)).all())
