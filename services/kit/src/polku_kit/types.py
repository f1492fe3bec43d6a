"""Field types for request bodies, query and path parameters: every service's schemas use these, so that what
the database or the calendar cannot take is refused as a 422 naming the field, never a 500.

- :data:`Text` refuses the NUL character (U+0000): PostgreSQL refuses it in ``text`` and ``jsonb``, so it
  would otherwise fail the query.
- :data:`IsoDate` and :data:`IsoDateTime` take days from 1900-01-01 to 2999-12-31 only. Python's calendar ends
  at the years 1 and 9999, so a deadline computed from 9999-12-31 or a day of year 1 turned into UTC
  overflows; no date of employment services lies outside these bounds.
- JSON has no date type, and pydantic's lax mode would read a number as a Unix timestamp (``0`` becomes
  1 January 1970). A date in a Polku request must be written as ISO 8601 text, so a number is refused, also
  as the text of a query parameter (``?since=0.5``).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BeforeValidator, StringConstraints
from pydantic_core import PydanticCustomError

NO_NUL = r"^[^\x00]*$"
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)

Day = TypeVar("Day", date, datetime)


_NUMBER = re.compile(r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$")


def _iso_text_only(value: object) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError("write the date as ISO 8601 text (YYYY-MM-DD)")
    if isinstance(value, str) and _NUMBER.match(value):
        raise ValueError("write the date as ISO 8601 text (YYYY-MM-DD), not a number")
    return value


def _representable(value: Day) -> Day:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise PydanticCustomError(
            "date_out_of_range",
            "must be between {earliest} and {latest}",
            {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
        )
    return value


Text = Annotated[str, StringConstraints(pattern=NO_NUL)]
"""Any text without the NUL character; add length limits at the use (``Text = Field(max_length=200)``)."""

IsoDate = Annotated[date, BeforeValidator(_iso_text_only), AfterValidator(_representable)]
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_text_only), AfterValidator(_representable)]
