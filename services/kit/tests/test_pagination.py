"""The one keyset pagination every paged list uses: the query it shapes and the page it makes of the rows."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from pydantic import TypeAdapter
from sqlalchemy import select
from sqlalchemy.dialects import postgresql

from polku_kit.pagination import Keyset, Page, decode_cursor, start_after
from polku_kit.webhooks.models import WebhookSubscription

OLDEST_FIRST = Keyset(WebhookSubscription.created_at, WebhookSubscription.id)
NEWEST_FIRST = Keyset(WebhookSubscription.created_at, WebhookSubscription.id, newest_first=True)
START = datetime(2026, 1, 5, tzinfo=UTC)


def _sql(keyset: Keyset, after: tuple[datetime, uuid.UUID] | None) -> str:
    query = keyset.select(select(WebhookSubscription), limit=10, after=after)
    return str(query.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))


def _rows(count: int) -> list[SimpleNamespace]:
    return [SimpleNamespace(created_at=START + timedelta(minutes=n), id=uuid.uuid4(), n=n) for n in range(count)]


class TestSelect:
    def test_fetches_one_row_more_than_the_page_in_the_key_order(self) -> None:
        sql = _sql(OLDEST_FIRST, None)
        assert "ORDER BY webhook_subscription.created_at, webhook_subscription.id" in sql
        assert "LIMIT 11" in sql
        assert "WHERE" not in sql

    def test_starts_after_the_key_in_either_direction(self) -> None:
        key = (START, uuid.uuid4())
        assert "(webhook_subscription.created_at, webhook_subscription.id) >" in _sql(OLDEST_FIRST, key)
        newest = _sql(NEWEST_FIRST, key)
        assert "(webhook_subscription.created_at, webhook_subscription.id) <" in newest
        assert "ORDER BY webhook_subscription.created_at DESC, webhook_subscription.id DESC" in newest


class TestPage:
    def test_a_row_more_than_the_limit_gives_the_cursor_of_the_last_shown(self) -> None:
        rows = _rows(4)
        page = OLDEST_FIRST.page(rows, limit=3, item=lambda row: row.n)
        assert page.items == [0, 1, 2]
        assert page.next_cursor is not None
        assert decode_cursor(page.next_cursor) == (rows[2].created_at, rows[2].id)

    def test_the_last_page_has_no_cursor(self) -> None:
        assert OLDEST_FIRST.page(_rows(3), limit=3, item=lambda row: row.n).next_cursor is None
        assert OLDEST_FIRST.page([], limit=3, item=lambda row: row).model_dump() == {"items": [], "next_cursor": None}

    def test_keys_the_entity_of_a_tuple_row(self) -> None:
        rows = [(row, "extra") for row in _rows(2)]
        page = OLDEST_FIRST.page(rows, limit=1, item=lambda row: row[1], entity=lambda row: row[0])
        assert page.items == ["extra"]
        assert page.next_cursor is not None
        assert decode_cursor(page.next_cursor) == (rows[0][0].created_at, rows[0][0].id)


class TestPageJson:
    """A page of items the statement wrote as JSON is the JSON pydantic writes of the same page, byte for byte."""

    def test_as_pydantic_writes_the_page(self) -> None:
        written = TypeAdapter(Page[dict[str, object]])
        rows = [SimpleNamespace(created_at=row.created_at, id=row.id, item=f'{{"n":{row.n}}}') for row in _rows(4)]
        for limit in (1, 3, 4, 5):
            json = OLDEST_FIRST.page_json(rows, limit=limit, item=lambda row: row.item)
            model = OLDEST_FIRST.page(rows, limit=limit, item=lambda row: {"n": int(row.item[5:-1])})
            assert json.encode() == written.dump_json(model), limit
        assert NEWEST_FIRST.page_json([], limit=3, item=lambda row: row) == '{"items":[],"next_cursor":null}'

    def test_keys_the_entity_of_a_tuple_row(self) -> None:
        rows = [(row, "[]") for row in _rows(2)]
        json = OLDEST_FIRST.page_json(rows, limit=1, item=lambda row: row[1], entity=lambda row: row[0])
        cursor = OLDEST_FIRST.page(rows, limit=1, item=lambda row: row[1], entity=lambda row: row[0]).next_cursor
        assert cursor is not None and json == f'{{"items":[[]],"next_cursor":"{cursor}"}}'
        assert decode_cursor(cursor) == (rows[0][0].created_at, rows[0][0].id)


def test_no_cursor_is_the_first_page() -> None:
    assert start_after(None) is None
    assert start_after("") is None
