"""Industries: Statistics Finland's Standard Industrial Classification TOL 2008 (*Toimialaluokitus 2008*,
*Näringsgrensindelning 2008*), the national version of the EU's NACE Rev. 2, shipped as data
(``data/tol2008.csv``: the main classes; ``data/tol2008_divisions.csv``: the divisions).

Source: Statistics Finland's classification ``toimiala_1_20080101``, its first two levels with their Finnish,
Swedish and English names: the main classes (*pääluokat*, sections A–U, and TOL's own X, industry unknown) with the
divisions (2 digits) each spans, and the 88 divisions NACE Rev. 2 defines (04, 34, 40, 44, 48, 54, 57, 67, 76, 83
and 89 do not exist) plus TOL's 00 under X. An industry code is a division and its finer digits (TOL 2008 codes run
to five digits, 47111); its first two digits must be a division, and its main class follows from them. The finer
levels (groups, classes, subclasses) are not in the files and are not checked beyond their division.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from polku_classifications import DATA

SOURCE = "Statistics Finland, Standard Industrial Classification TOL 2008 (NACE Rev. 2)"
VERSION = "TOL 2008"
CODE = re.compile(r"^\d{2,5}$")


def _rows(name: str) -> list[dict[str, str]]:
    """The rows of one of the package's TOL 2008 files (``data/<name>``), each by its header's column names."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class MainClass:
    """A main class (*pääluokka*): a letter and the divisions it spans."""

    code: str
    first_division: int
    last_division: int
    fi: str
    sv: str
    en: str

    def label(self, language: str) -> str:
        return str(getattr(self, language))


@lru_cache(maxsize=1)
def main_classes() -> dict[str, MainClass]:
    found = {}
    for row in _rows("tol2008.csv"):
        first, last = row["divisions"].split("-")
        found[row["section"]] = MainClass(row["section"], int(first), int(last), row["fi"], row["sv"], row["en"])
    return found


@dataclass(frozen=True)
class Division:
    """A division (2 digits) and the main class it falls in."""

    code: str
    section: str
    fi: str
    sv: str
    en: str

    def label(self, language: str) -> str:
        return str(getattr(self, language))


@lru_cache(maxsize=1)
def division_names() -> dict[str, Division]:
    """Division code → the division with its names."""
    return {
        row["code"]: Division(row["code"], row["section"], row["fi"], row["sv"], row["en"])
        for row in _rows("tol2008_divisions.csv")
    }


@lru_cache(maxsize=1)
def divisions() -> dict[str, str]:
    """Division (2 digits) → its main class."""
    return {code: division.section for code, division in division_names().items()}


def main_class_of(code: str) -> str | None:
    """The main class of an industry code (2 to 5 digits), or None when it is not a TOL 2008 code."""
    if not CODE.fullmatch(code):
        return None
    return divisions().get(code[:2])
