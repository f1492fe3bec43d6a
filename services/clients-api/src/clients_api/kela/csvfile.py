"""Reading Kela's file of labour-market subsidy day counts, as a pure function: every error is reported with its
row (as a spreadsheet numbers them: the header is row 1) and column, and no row is taken unless all are valid.

The file is UTF-8 (a byte-order mark allowed), separated by semicolons (as a Finnish spreadsheet saves it) or
commas, with a header naming the columns ``personal_identity_code``, ``subsidy_days`` and ``counted_on``
(ISO 8601, ``2026-11-30``) in any order; other columns are ignored.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from clients_api.client.identity_code import InvalidIdentityCode, normalise

IDENTITY = "personal_identity_code"
DAYS = "subsidy_days"
COUNTED_ON = "counted_on"
COLUMNS = (IDENTITY, DAYS, COUNTED_ON)
MAX_DAYS = 10000


@dataclass(frozen=True)
class RowError:
    row: int
    column: str | None
    code: str
    message: str


@dataclass(frozen=True)
class CountRow:
    row: int
    identity_code: str
    days: int
    counted_on: date


@dataclass
class ParsedFile:
    """The valid rows, the errors found and the number of data rows; the rows are used only without errors."""

    rows: list[CountRow]
    errors: list[RowError]
    rows_total: int = 0


def read(content: bytes, *, today: date, first_row: int = 2) -> ParsedFile:
    """``first_row``: the row number of the first data row (a part of a file sent in parts starts further on;
    each part has the header)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = text_row(content, error.start) + first_row - 2
        return ParsedFile([], [RowError(row=row, column=None, code="not_utf8", message="not UTF-8")])
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return ParsedFile([], [RowError(row=1, column=None, code="no_header", message="the file has no header row")])
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader)]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        return ParsedFile(
            [],
            [
                RowError(row=1, column=column, code="missing_column", message=f"the header has no column {column}")
                for column in missing
            ],
        )
    where = {column: header.index(column) for column in COLUMNS}
    rows: list[CountRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    total = 0
    for number, values in enumerate(reader, start=first_row):
        if not any(value.strip() for value in values):
            continue  # a blank line
        total += 1
        if len(values) < len(header):
            errors.append(
                RowError(row=number, column=None, code="too_few_columns", message=f"{len(values)} of {len(header)}")
            )
            continue
        found = _row(number, {column: values[index].strip() for column, index in where.items()}, today, errors)
        if found is None:
            continue
        if found.identity_code in seen:
            errors.append(
                RowError(
                    row=number,
                    column=IDENTITY,
                    code="duplicate",
                    message=f"the same person as on row {seen[found.identity_code]}",
                )
            )
            continue
        seen[found.identity_code] = number
        rows.append(found)
    return ParsedFile(rows, errors, total)


def _row(number: int, values: dict[str, str], today: date, errors: list[RowError]) -> CountRow | None:
    before = len(errors)
    code = ""
    try:
        code = normalise(values[IDENTITY])
    except InvalidIdentityCode:
        errors.append(RowError(number, IDENTITY, "invalid_identity_code", "not a valid personal identity code"))
    days = -1
    try:
        days = int(values[DAYS])
    except ValueError:
        errors.append(RowError(number, DAYS, "not_a_number", "not a whole number"))
    else:
        if not 0 <= days <= MAX_DAYS:
            errors.append(RowError(number, DAYS, "out_of_range", f"not between 0 and {MAX_DAYS}"))
    counted_on = today
    try:
        counted_on = date.fromisoformat(values[COUNTED_ON])
    except ValueError:
        errors.append(RowError(number, COUNTED_ON, "not_a_date", "not a date of the form 2026-11-30"))
    else:
        if counted_on > today:
            errors.append(RowError(number, COUNTED_ON, "future_date", "is in the future"))
    if len(errors) > before:
        return None
    return CountRow(row=number, identity_code=code, days=days, counted_on=counted_on)


def text_row(content: bytes, offset: int) -> int:
    """The row the byte at ``offset`` is on."""
    return content[:offset].count(b"\n") + 1
