"""Field types for request bodies.

JSON has no date type, and pydantic's lax mode would read a number as a Unix timestamp (``0`` becomes
1 January 1970). A date in a Polku request must be written as ISO 8601 text, so a number is refused.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BeforeValidator


def _iso_text_only(value: object) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError("write the date as ISO 8601 text (YYYY-MM-DD)")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_text_only)]
