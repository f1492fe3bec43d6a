"""Municipality codes (*kuntanumero*) with their names, regions (*maakunta*) and sub-regions (*seutukunta*),
shipped as data (``data/municipalities.csv``, ``data/regions.csv``; sub-regions: :mod:`.sub_regions`).

Source: Statistics Finland, municipalities and regional divisions based on municipalities 2025 (*Kunnat ja
kuntapohjaiset aluejaot 2025*; classifications ``kunta_1_20250101`` and ``maakunta_1_20250101``): all 308
municipalities of 2025 with their Finnish and Swedish names (the same word where a municipality has one name) and
region, and the 19 regions with their Finnish, Swedish and English names. Another three-digit code (a former
municipality, such as Pertunmaa, 588, which joined Mäntyharju on 1 January 2025) is valid and shown without a name
or region.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from polku_classifications import DATA, sub_regions

SOURCE = "Statistics Finland, municipalities and regional divisions based on municipalities"
VERSION = "2025 (kunta_1_20250101, maakunta_1_20250101)"
CODE = re.compile(r"^\d{3}$")


@dataclass(frozen=True)
class Municipality:
    code: str
    fi: str
    sv: str
    region: str
    sub_region: str | None

    def label(self, language: str) -> str:
        """The name in Swedish for ``sv``, else in Finnish."""
        return self.sv if language == "sv" and self.sv else self.fi


@lru_cache(maxsize=1)
def _rows() -> dict[str, dict[str, str]]:
    with (DATA / "municipalities.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def regions() -> dict[str, dict[str, str]]:
    """Region (*maakunta*) code → its names in Finnish, Swedish and English."""
    with (DATA / "regions.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: {"fi": row["fi"], "sv": row["sv"], "en": row["en"]} for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def municipalities() -> tuple[Municipality, ...]:
    """Every municipality of the classification, in code order."""
    return tuple(
        Municipality(code, row["fi"], row["sv"], row["region"], sub_regions.sub_region(code))
        for code, row in sorted(_rows().items())
    )


MUNICIPALITIES: dict[str, dict[str, str]] = {code: {"fi": row["fi"], "sv": row["sv"]} for code, row in _rows().items()}


def valid(code: str) -> bool:
    """A three-digit municipality code (named in the file or not)."""
    return bool(CODE.fullmatch(code))


def region(code: str) -> str | None:
    """The region (*maakunta*) of a municipality named in the file."""
    row = _rows().get(code)
    return row["region"] if row else None
