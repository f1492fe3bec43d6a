"""What an import file looks like, and reading it: CSV (``;`` or ``,``, UTF-8 or Windows-1252, as Statistics
Finland's PxWeb and Kela's Kelasto export them) or XLSX (the first sheet). The first row names the columns, in
Finnish or English; every later row is one cell of the table. Every error names its row (as a spreadsheet numbers
it: the header is row 1) and its column; a file with any error is imported not at all.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

import structlog

log = structlog.get_logger(__name__)

MAX_ERRORS = 200
PROGRESS_EVERY = 10_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Kind(StrEnum):
    labour_force = "labour_force"
    kela_benefits = "kela_benefits"
    budget_lines = "budget_lines"


class BadValue(ValueError):
    pass


@dataclass(frozen=True)
class Column:
    name: str  # the key of the parsed value
    aliases: tuple[str, ...]  # header texts accepted (lower case)
    parse: Callable[[str], Any]
    required: bool = True
    default: Any = None


@dataclass
class Problem:
    row: int
    column: str
    message: str


@dataclass
class Parsed:
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _text(value: str) -> str:
    if not value:
        raise BadValue("is empty")
    if len(value) > 200:
        raise BadValue("is longer than 200 characters")
    return value


def municipality(value: str) -> str:
    """Statistics Finland's municipality code: ``KU398``, ``398`` or ``398 Lahti``."""
    match = re.fullmatch(r"(?:KU)?(\d{1,3})(?:\s+.*)?", value.strip(), flags=re.IGNORECASE)
    if match is None:
        raise BadValue("is not a municipality code (398, KU398 or 398 Lahti)")
    return match.group(1).zfill(3)


def month(value: str) -> date:
    """``2025M06`` (PxWeb) or ``2025-06``."""
    match = re.fullmatch(r"(\d{4})(?:M|-)(\d{2})", value.strip(), flags=re.IGNORECASE)
    if match is None or not 1 <= int(match.group(2)) <= 12 or not 1900 <= int(match.group(1)) <= 2999:
        raise BadValue("is not a month (2025M06 or 2025-06)")
    return date(int(match.group(1)), int(match.group(2)), 1)


def count(value: str) -> int:
    cleaned = value.replace(" ", "").replace("\u00a0", "")
    if not cleaned.isdigit():
        raise BadValue("is not a whole number of 0 or more")
    number = int(cleaned)
    if number > 100_000_000:
        raise BadValue("is implausibly large")
    return number


def euros(value: str) -> Decimal:
    """``1234.56``, ``1 234,56`` (Finnish) or ``-12``."""
    cleaned = value.replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise BadValue("is not an amount of euros (1234,56)") from None
    if not amount.is_finite() or abs(amount) >= Decimal("1e13"):
        raise BadValue("is not a plausible amount of euros")
    return amount.quantize(Decimal("0.01"))


def optional(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse_optional(value: str) -> Any:
        return None if value == "" else parse(value)

    return parse_optional


def vocabulary(words: Mapping[str, tuple[str, ...]], what: str) -> Callable[[str], str]:
    """A code from its code or one of its Finnish, Swedish or English labels (case-insensitive)."""
    lookup = {label.lower(): code for code, labels in words.items() for label in (code, *labels)}

    def parse(value: str) -> str:
        code = lookup.get(value.strip().lower())
        if code is None:
            raise BadValue(f"is not a {what} ({', '.join(words)})")
        return code

    return parse


GROUPS: dict[str, tuple[str, ...]] = {
    "all": ("yhteensä", "kaikki", "totalt", "total"),
    "under_25": ("alle 25-vuotiaat", "alle 25", "under 25", "under 25 år"),
    "under_30": ("alle 30-vuotiaat", "alle 30", "under 30", "under 30 år"),
    "foreign_citizens": ("ulkomaan kansalaiset", "ulkomaalaiset", "utländska medborgare", "foreign citizens"),
    # the employment rate's age groups (Statistics Finland's työllisyysaste)
    "age_15_64": ("15-64", "15–64", "15-64-vuotiaat", "15–64-vuotiaat", "15-64 år", "aged 15-64"),
    "age_20_64": ("20-64", "20–64", "20-64-vuotiaat", "20–64-vuotiaat", "20-64 år", "aged 20-64"),
}
BENEFITS: dict[str, tuple[str, ...]] = {
    "labour_market_subsidy": ("työmarkkinatuki", "arbetsmarknadsstöd", "labour market subsidy"),
    "basic_unemployment_allowance": ("peruspäiväraha", "grunddagpenning", "basic unemployment allowance"),
    "earnings_related_allowance": ("ansiopäiväraha", "inkomstrelaterad dagpenning", "earnings-related allowance"),
}
CATEGORIES: dict[str, tuple[str, ...]] = {
    "operating_costs": ("toimintamenot", "toimintakulut", "verksamhetsutgifter", "operating costs"),
    "benefit_contributions": (
        "työmarkkinatuen kuntaosuus",
        "etuusmenot",
        "rahoitusvastuu",
        "förmånsutgifter",
        "benefit contributions",
    ),
    "purchased_services": ("palveluostot", "palvelujen ostot", "köpta tjänster", "purchased services"),
    # pay subsidies, recruitment bonuses, summer-job vouchers, grants (the support decisions' commitments stand here)
    "supports": ("tuet", "tuet ja avustukset", "avustukset", "stöd", "stöd och bidrag", "bidrag", "supports"),
}
BUDGET_CLASSES: dict[str, tuple[str, ...]] = {
    "voluntary": ("vapaaehtoinen", "frivillig"),
    "appropriation_bound": ("määrärahasidonnainen", "anslagsbunden", "appropriation-bound"),
    "appropriation_independent": ("määrärahasta riippumaton", "anslagsoberoende", "appropriation-independent"),
    "need_based": ("tarveharkintainen", "behovsprövad", "need-based"),
}

SHAPES: dict[Kind, tuple[Column, ...]] = {
    Kind.labour_force: (
        Column("municipality", ("alue", "kunta", "område", "kommun", "municipality", "area"), municipality),
        Column("month", ("kuukausi", "månad", "month"), month),
        Column("group", ("ryhmä", "grupp", "group"), vocabulary(GROUPS, "group"), required=False, default="all"),
        Column("labour_force", ("työvoima", "arbetskraft", "labour force", "labour_force"), count),
        Column("population", ("väestö", "befolkning", "population"), count),
        Column("employed", ("työlliset", "sysselsatta", "employed"), optional(count), required=False),
    ),
    Kind.kela_benefits: (
        Column("municipality", ("alue", "kunta", "område", "kommun", "municipality", "area"), municipality),
        Column("month", ("kuukausi", "månad", "month"), month),
        Column("benefit_type", ("etuus", "förmån", "benefit", "benefit_type"), vocabulary(BENEFITS, "benefit")),
        Column("recipients", ("saajat", "mottagare", "recipients"), count),
        Column("euros", ("euroa", "maksetut eurot", "euro", "euros"), euros),
    ),
    Kind.budget_lines: (
        Column("month", ("kuukausi", "månad", "month"), month),
        Column("line", ("rivi", "rad", "line"), _text),
        Column("category", ("laji", "kategori", "category"), vocabulary(CATEGORIES, "budget category")),
        Column(
            "budget_class", ("luokka", "klass", "class", "budget_class"), vocabulary(BUDGET_CLASSES, "budget class")
        ),
        Column("budgeted", ("budjetti", "talousarvio", "budget", "budgeted"), euros),
        Column("actual", ("toteuma", "utfall", "actual"), optional(euros), required=False),
        Column("committed", ("sidottu", "sitoumukset", "bunden", "committed"), optional(euros), required=False),
    ),
}
KEYS: dict[Kind, tuple[str, ...]] = {
    Kind.labour_force: ("municipality", "month", "group"),
    Kind.kela_benefits: ("municipality", "month", "benefit_type"),
    Kind.budget_lines: ("month", "line"),
}


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}"
    return str(value).strip()


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    dialect = ";" if first.count(";") >= first.count(",") else ","
    for row in csv.reader(io.StringIO(text), delimiter=dialect):
        yield [cell.strip() for cell in row]


def _xlsx_rows(content: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield [_cell_text(value) for value in values]
    finally:
        workbook.close()


def read(kind: Kind, content: bytes, *, xlsx: bool) -> Parsed:
    """Every row parsed, or every problem found (at most ``MAX_ERRORS``)."""
    parsed = Parsed()
    try:
        rows = iter(_xlsx_rows(content) if xlsx else _csv_rows(content))
        header = next(rows, None)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        parsed.problems.append(Problem(1, "", "the file is not a readable XLSX workbook" if xlsx else "not CSV"))
        return parsed
    if not header or not any(header):
        parsed.problems.append(Problem(1, "", "the file has no header row"))
        return parsed
    shape = SHAPES[kind]
    names = [cell.strip().lower() for cell in header]
    positions: dict[str, int] = {}
    for column in shape:
        position = next((i for i, name in enumerate(names) if name in column.aliases), None)
        if position is not None:
            positions[column.name] = position
        elif column.required:
            parsed.problems.append(Problem(1, column.aliases[0], f"the column {column.aliases[0]} is missing"))
    if parsed.problems:
        return parsed
    seen: dict[tuple[Any, ...], int] = {}
    for number, cells in enumerate(rows, start=2):
        if not any(cells):
            continue
        values: dict[str, Any] = {}
        for column in shape:
            if column.name not in positions:
                values[column.name] = column.default
                continue
            position = positions[column.name]
            text = cells[position] if position < len(cells) else ""
            try:
                values[column.name] = column.parse(text)
            except BadValue as error:
                parsed.problems.append(Problem(number, header[position], f"{text!r} {error}"))
        both = kind is Kind.labour_force and {"labour_force", "population"} <= values.keys()
        if both and values["labour_force"] > values["population"]:
            position = positions["labour_force"]
            parsed.problems.append(Problem(number, header[position], "the labour force exceeds the population"))
        if both and values.get("employed") is not None and values["employed"] > values["population"]:
            position = positions["employed"]
            parsed.problems.append(Problem(number, header[position], "the employed exceed the population"))
        key = tuple(values.get(name) for name in KEYS[kind])
        if None not in key:
            if key in seen:
                position = positions.get(KEYS[kind][-1], 0)
                parsed.problems.append(Problem(number, header[position], f"repeats row {seen[key]}"))
            seen[key] = number
        parsed.rows.append(values)
        if len(parsed.problems) >= MAX_ERRORS:
            break
        if number % PROGRESS_EVERY == 0:
            log.info("statistics_import_progress", kind=kind.value, rows=number - 1)
    if not parsed.rows and not parsed.problems:
        parsed.problems.append(Problem(2, "", "the file has no data rows"))
    return parsed
