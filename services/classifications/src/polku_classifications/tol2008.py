"""Industries: Statistics Finland's Standard Industrial Classification TOL 2008 (*Toimialaluokitus 2008*,
*Näringsgrensindelning 2008*), the national version of the EU's NACE Rev. 2, shipped as data
(``data/tol2008.csv``).

The file holds the main classes (*pääluokat*, sections A–U, and TOL's own X, industry unknown) with the divisions
(2 digits) each spans, which are NACE Rev. 2's: 01–03 agriculture, 05–09 mining, … 99 extraterritorial bodies.
Only the 88 divisions NACE Rev. 2 defines exist (04, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89 do not). An industry
code is a division and its finer digits (TOL 2008 codes run to five digits, 47111); its first two digits must be a
division, and its main class follows from them. The finer levels (groups, classes, subclasses) are not in the file
and are not checked beyond their division.
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
# NACE Rev. 2 leaves these numbers unused between the divisions of its sections.
UNUSED_DIVISIONS = frozenset({"04", "34", "40", "44", "48", "54", "57", "67", "76", "83", "89"})


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
    with (DATA / "tol2008.csv").open(encoding="utf-8", newline="") as handle:
        found = {}
        for row in csv.DictReader(handle):
            first, last = row["divisions"].split("-")
            found[row["section"]] = MainClass(row["section"], int(first), int(last), row["fi"], row["sv"], row["en"])
        return found


@lru_cache(maxsize=1)
def divisions() -> dict[str, str]:
    """Division (2 digits) → its main class."""
    found = {}
    for main_class in main_classes().values():
        for number in range(main_class.first_division, main_class.last_division + 1):
            code = f"{number:02d}"
            if code not in UNUSED_DIVISIONS:
                found[code] = main_class.code
    return found


def main_class_of(code: str) -> str | None:
    """The main class of an industry code (2 to 5 digits), or None when it is not a TOL 2008 code."""
    if not CODE.fullmatch(code):
        return None
    return divisions().get(code[:2])
