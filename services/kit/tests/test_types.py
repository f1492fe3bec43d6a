"""The kit's input types refuse what PostgreSQL or the calendar cannot take, as a 422 naming the field."""

import uuid
from datetime import UTC, date, datetime

import httpx
import pytest
from pydantic import TypeAdapter, ValidationError

from polku_kit.pagination import InvalidCursor, decode_cursor, encode_cursor
from polku_kit.testing import TestIssuer
from polku_kit.types import IsoDate, IsoDateTime, Text


class TestText:
    def test_nul_is_refused(self) -> None:
        with pytest.raises(ValidationError):
            TypeAdapter(Text).validate_json('"Matti\\u0000"')

    def test_any_other_text_is_taken(self) -> None:
        assert TypeAdapter(Text).validate_json('"Åke Ödmark-Nieminen \\u2603\\n"') == "Åke Ödmark-Nieminen ☃\n"

    async def test_a_body_with_nul_is_a_422_naming_the_field(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        response = await client.post("/v1/notes", json={"text": "a\x00b"}, headers=test_issuer.headers())
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert [error["field"] for error in response.json()["errors"]] == ["body.text"]
        assert "\x00" not in response.text


class TestDates:
    @pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31"])
    def test_a_day_outside_the_bounds_is_refused(self, value: str) -> None:
        with pytest.raises(ValidationError, match="between 1900-01-01 and 2999-12-31"):
            TypeAdapter(IsoDate).validate_json(f'"{value}"')

    def test_the_bounds_themselves_are_taken(self) -> None:
        assert TypeAdapter(IsoDate).validate_json('"1900-01-01"') == date(1900, 1, 1)
        assert TypeAdapter(IsoDate).validate_json('"2999-12-31"') == date(2999, 12, 31)

    def test_a_number_is_not_a_date(self) -> None:
        with pytest.raises(ValidationError):
            TypeAdapter(IsoDate).validate_json("0")

    @pytest.mark.parametrize("value", ["0", "0.5", "-1", "1700000000", " 12 ", "1e9", ".5"])
    @pytest.mark.parametrize("kind", [IsoDate, IsoDateTime])
    def test_a_number_written_as_text_is_not_a_date_either(self, kind: object, value: str) -> None:
        """A query parameter arrives as text: ``?changed_since=0.5`` must not be read as a Unix timestamp."""
        with pytest.raises(ValidationError, match="not a number"):
            TypeAdapter(kind).validate_python(value)
        assert TypeAdapter(IsoDate).validate_python("2026-12-03") == date(2026, 12, 3)

    @pytest.mark.parametrize("value", ["0001-01-01T00:00:00+02:00", "9999-12-31T23:59:59-02:00"])
    def test_a_moment_outside_the_bounds_is_refused(self, value: str) -> None:
        with pytest.raises(ValidationError):
            TypeAdapter(IsoDateTime).validate_python(value)

    def test_a_cursor_at_a_moment_outside_the_bounds_is_refused(self) -> None:
        with pytest.raises(InvalidCursor):
            decode_cursor(encode_cursor(datetime(1, 1, 1, tzinfo=UTC), uuid.uuid4()))
        at = datetime(2026, 12, 1, tzinfo=UTC)
        assert decode_cursor(encode_cursor(at, row_id := uuid.uuid4())) == (at, row_id)
