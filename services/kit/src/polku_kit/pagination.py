"""Cursor pagination: ``?limit=&cursor=`` in, ``{items, next_cursor}`` out.

A cursor is the opaque, URL-safe encoding of the sort key of the last row returned (a timestamp and an id),
so pages stay stable while rows are added, and the query uses an index instead of an OFFSET.

Every paged list is read the same way: a repository names its order as a :class:`Keyset` and lets it shape the
query (:meth:`Keyset.select`: ordered, after the cursor's key, one row more than the page), and the service turns
the rows into a page with the same keyset (:meth:`Keyset.page`: the extra row means there is a next page, whose
cursor is the key of the page's last row).
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Generic, TypeVar, TypeVarTuple

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import Select, tuple_
from sqlalchemy.orm import InstrumentedAttribute

from polku_kit.errors import BadRequest
from polku_kit.types import EARLIEST, LATEST, Text

T = TypeVar("T")
R = TypeVar("R")
Ts = TypeVarTuple("Ts")

SortKey = tuple[datetime, uuid.UUID]


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


class InvalidCursor(BadRequest):
    slug = "invalid-cursor"
    title = "Invalid cursor"


def encode_cursor(at: datetime, row_id: uuid.UUID) -> str:
    raw = json.dumps([at.isoformat(), str(row_id)]).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        at, row_id = json.loads(raw)
        moment = datetime.fromisoformat(at)
        if not EARLIEST <= moment.date() <= LATEST:  # the database's UTC of such a moment overflows
            raise ValueError(at)
        return moment, uuid.UUID(row_id)
    except (ValueError, TypeError):
        raise InvalidCursor("The cursor is not one this API gave out") from None


def start_after(cursor: str | None) -> SortKey | None:
    """The sort key a page starts after: the decoded cursor, or None for the first page."""
    return decode_cursor(cursor) if cursor else None


@dataclass(frozen=True)
class Keyset:
    """The order of a paged list: a timestamp column, then an id column that breaks ties, oldest or newest
    first. The columns are an entity's attributes, so the key of a row is read by their names."""

    at: InstrumentedAttribute[datetime]
    row_id: InstrumentedAttribute[uuid.UUID]
    newest_first: bool = False

    def select(self, query: Select[*Ts], *, limit: int, after: SortKey | None) -> Select[*Ts]:
        """``query`` in this order, from just after ``after``, with up to ``limit + 1`` rows (the extra one
        tells there is a next page)."""
        if after is not None:
            key = tuple_(self.at, self.row_id)
            query = query.where(key < tuple_(*after) if self.newest_first else key > tuple_(*after))
        order = (self.at.desc(), self.row_id.desc()) if self.newest_first else (self.at, self.row_id)
        return query.order_by(*order).limit(limit + 1)

    def key_of(self, entity: object) -> SortKey:
        return getattr(entity, self.at.key), getattr(entity, self.row_id.key)

    def page(
        self,
        rows: Sequence[R],
        *,
        limit: int,
        item: Callable[[R], T],
        entity: Callable[[R], object] | None = None,
    ) -> Page[T]:
        """The first ``limit`` of ``rows`` (read with :meth:`select`) as a page; ``next_cursor`` is the key of
        its last row when there were more. ``entity`` picks the keyed entity out of a row that is a tuple."""
        shown = rows[:limit]
        last = (entity or _itself)(shown[-1]) if shown else None
        return Page(
            items=[item(row) for row in shown],
            next_cursor=encode_cursor(*self.key_of(last)) if len(rows) > limit and last is not None else None,
        )

    def page_json(
        self,
        rows: Sequence[R],
        *,
        limit: int,
        item: Callable[[R], str],
        entity: Callable[[R], object] | None = None,
    ) -> str:
        """:meth:`page` written as the JSON of a :class:`Page` (its fields in order, without spaces, as pydantic writes
        it), from rows whose items the statement has already written as JSON (``item`` picks a row's): for a list sent
        as it was built, with no model validated and dumped for it."""
        shown = rows[:limit]
        last = (entity or _itself)(shown[-1]) if shown else None
        cursor = encode_cursor(*self.key_of(last)) if len(rows) > limit and last is not None else None
        # A cursor is URL-safe base64: nothing in it is escaped in JSON.
        after = "null" if cursor is None else f'"{cursor}"'
        return '{"items":[' + ",".join([item(row) for row in shown]) + '],"next_cursor":' + after + "}"


def _itself(row: object) -> object:
    return row


Limit = Annotated[int, Query(ge=1, le=200, description="How many items per page")]
Cursor = Annotated[Text | None, Query(max_length=200, description="`next_cursor` of the previous page")]
