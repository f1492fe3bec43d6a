"""Cursor pagination: ``?limit=&cursor=`` in, ``{items, next_cursor}`` out.

A cursor is the opaque, URL-safe encoding of the sort key of the last row returned (a timestamp and an id),
so pages stay stable while rows are added, and the query uses an index instead of an OFFSET.
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import datetime
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

from polku_kit.errors import BadRequest
from polku_kit.types import EARLIEST, LATEST, Text

T = TypeVar("T")


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


Limit = Annotated[int, Query(ge=1, le=200, description="How many items per page")]
Cursor = Annotated[Text | None, Query(max_length=200, description="`next_cursor` of the previous page")]
