"""The figures a page shows as a file (*tiedostovienti*): CSV or XLSX, each indicator with the definition it was
computed by, small cells withheld exactly as the API withholds them.

The figures come from :func:`metrics_api.indicator.service.figures` (the same authorization, the same suppression);
this module only lays them out. A withheld cell carries no number at all, only the word ``suppressed``.

- CSV: UTF-8 with a byte-order mark and ``;`` between fields (as Finnish spreadsheets and Statistics Finland's PxWeb
  read and write it), decimals with a point. First the header rows (what the file is, who exported it and when, the
  suppression rule), then each definition, a blank line, and the figures.
- XLSX: the sheet ``Figures`` with the cells, the sheet ``Definitions`` with the definitions and the same header rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from openpyxl import Workbook
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.indicator import service
from metrics_api.indicator.definitions import Group
from metrics_api.indicator.schemas import CellRead, DefinitionRead, Figures
from polku_kit.auth import Principal
from polku_kit.calendar import HELSINKI
from polku_kit.errors import FieldError, Unprocessable

MAX_INDICATORS = 20
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

DEFINITION_COLUMNS = (
    "indicator",
    "version",
    "valid_from",
    "name_fi",
    "name_en",
    "unit",
    "kind",
    "formula",
    "count_date_rule",
    "source",
)
CELL_COLUMNS = (
    "indicator",
    "month",
    "count_date",
    "municipality",
    "employment_area",
    "group",
    "breakdown",
    "value",
    "persons",
    "denominator",
    "suppressed",
    "available",
    "vintage",
)
SUPPRESSED = "suppressed"


class Format(StrEnum):
    """The file an export is written as: ``csv``, UTF-8 text with a byte-order mark, its fields separated by
    semicolons; ``xlsx``, an Excel workbook (Office Open XML)."""

    csv = "csv"
    xlsx = "xlsx"


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    media_type: str
    filename: str


def _safe(value: Any) -> Any:
    """A text that a spreadsheet would read as a formula is kept as text (OWASP's CSV injection advice)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _definition_row(definition: DefinitionRead) -> list[Any]:
    return [
        definition.code,
        definition.version,
        definition.valid_from.isoformat(),
        definition.name_fi,
        definition.name_en,
        definition.unit.value,
        definition.kind.value,
        definition.formula,
        definition.count_date_rule,
        definition.source,
    ]


def _cell_row(indicator: str, cell: CellRead) -> list[Any]:
    withheld = cell.suppressed
    return [
        indicator,
        cell.month,
        cell.count_date.isoformat() if cell.count_date else None,
        cell.municipality,
        cell.employment_area,
        cell.group.value,
        cell.breakdown,
        SUPPRESSED if withheld else cell.value,
        None if withheld else cell.persons,
        None if withheld else cell.denominator,
        "yes" if withheld else "no",
        "yes" if cell.available else "no",
        cell.vintage,
    ]


def _header(principal: Principal, threshold: int, exported_at: datetime) -> list[list[Any]]:
    who = principal.name or principal.subject
    organisation = principal.organisation_name or str(principal.organisation_id)
    return [
        ["Polku: indicator figures with their definitions"],
        ["exported_by", who, organisation, exported_at.isoformat(timespec="seconds")],
        [
            "suppression",
            f"Cells counting 1 to {threshold - 1} persons are withheld (value '{SUPPRESSED}', no persons, no "
            "denominator) so that no person can be recognised; a total is withheld too where a part could be had by "
            "subtraction.",
        ],
    ]


def _csv(header: list[list[Any]], all_figures: Sequence[Figures]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerows([[_safe(v) for v in row] for row in header])
    writer.writerow([])
    writer.writerow(DEFINITION_COLUMNS)
    for figures in all_figures:
        writer.writerows([_safe(v) for v in _definition_row(d)] for d in figures.definitions)
    writer.writerow([])
    writer.writerow(CELL_COLUMNS)
    for figures in all_figures:
        writer.writerows([_safe(v) for v in _cell_row(figures.indicator, c)] for c in figures.cells)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(header: list[list[Any]], all_figures: Sequence[Figures]) -> bytes:
    workbook = Workbook(write_only=True)
    cells = workbook.create_sheet("Figures")
    cells.append(CELL_COLUMNS)
    for figures in all_figures:
        for cell in figures.cells:
            cells.append([_safe(v) for v in _cell_row(figures.indicator, cell)])
    definitions = workbook.create_sheet("Definitions")
    for row in header:
        definitions.append([_safe(v) for v in row])
    definitions.append([])
    definitions.append(DEFINITION_COLUMNS)
    for figures in all_figures:
        for definition in figures.definitions:
            definitions.append([_safe(v) for v in _definition_row(definition)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def filename(indicators: Sequence[str], first: str, last: str, municipality: str | None, fmt: Format) -> str:
    what = indicators[0] if len(indicators) == 1 else "figures"
    where = f"-{municipality}" if municipality else ""
    return f"polku-{what}{where}-{first}-{last}.{fmt.value}"


async def export(
    *,
    session: AsyncSession,
    principal: Principal,
    fmt: Format,
    indicators: Sequence[str],
    first: str,
    last: str,
    group: Group,
    municipality: str | None,
    by_area: bool = False,
) -> ExportFile:
    """The figures of ``indicators`` for the same filters as ``GET /v1/figures``, as one file."""
    unique = list(dict.fromkeys(indicators))
    if not unique or len(unique) > MAX_INDICATORS:
        raise Unprocessable(
            f"Name 1 to {MAX_INDICATORS} indicators",
            errors=[
                FieldError(
                    field="query.indicator", message=f"1 to {MAX_INDICATORS} indicators", code="out_of_range"
                ).model_dump()
            ],
        )
    all_figures = [
        await service.figures(
            session=session,
            principal=principal,
            indicator=indicator,
            first=first,
            last=last,
            group=group,
            municipality=municipality,
            by_area=by_area,
        )
        for indicator in unique
    ]
    threshold = all_figures[0].suppression_threshold
    header = _header(principal, threshold, datetime.now(HELSINKI))
    content = _csv(header, all_figures) if fmt is Format.csv else _xlsx(header, all_figures)
    return ExportFile(
        content=content,
        media_type="text/csv; charset=utf-8" if fmt is Format.csv else XLSX,
        filename=filename(unique, first, last, municipality, fmt),
    )
