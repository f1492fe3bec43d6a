"""Municipality codes (*kuntanumero*) and regions (*maakunta*), shipped as data (``data/municipalities.csv``,
``data/regions.csv``).

Source: Statistics Finland, municipalities and regional divisions based on municipalities 2025
(*Kunnat ja kuntapohjaiset aluejaot 2025*). The file holds the municipalities of the employment areas in the demo
data, the Lahti region (Päijät-Häme, region 07) and the Mikkeli region (Etelä-Savo, region 10), with their names
and regions; other valid three-digit codes are accepted and shown without a name or region. Add rows from the
official classification to name more.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from polku_classifications import DATA

SOURCE = "Statistics Finland, municipalities and regional divisions based on municipalities"
VERSION = "2025"
CODE = re.compile(r"^\d{3}$")


@lru_cache(maxsize=1)
def _rows() -> dict[str, dict[str, str]]:
    with (DATA / "municipalities.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def regions() -> dict[str, dict[str, str]]:
    """Region (*maakunta*) code → its names in Finnish and Swedish."""
    with (DATA / "regions.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: {"fi": row["fi"], "sv": row["sv"]} for row in csv.DictReader(handle)}


MUNICIPALITIES: dict[str, dict[str, str]] = {code: {"fi": row["fi"], "sv": row["sv"]} for code, row in _rows().items()}


def valid(code: str) -> bool:
    """A three-digit municipality code (named in the file or not)."""
    return bool(CODE.fullmatch(code))


def region(code: str) -> str | None:
    """The region (*maakunta*) of a municipality named in the file."""
    row = _rows().get(code)
    return row["region"] if row else None
