"""Employment areas: the sub-regional units (*seutukunta*, SK) that group municipalities into areas where people
live and work, shipped as data (``data/areas.csv``: municipality → area; ``data/area_names.csv``: the areas' names).

Source: Statistics Finland, municipalities and regional divisions based on municipalities 2025 (*Kunnat ja
kuntapohjaiset aluejaot 2025*, the sub-regional units *seutukunnat*). The file holds the areas of the municipalities
in ``municipalities``: the Lahti sub-region (071, all of Päijät-Häme) and the Mikkeli sub-region (101). A
municipality the file does not place has no area (its figures are shown by municipality only). Add rows from the
official classification to place more; a commuting-area classification (*työssäkäyntialue*) can stand beside this
one under its own name.
"""

from __future__ import annotations

import csv
from functools import lru_cache

from polku_classifications import DATA

SOURCE = "Statistics Finland, municipalities and regional divisions based on municipalities: sub-regional units"
VERSION = "2025"


@lru_cache(maxsize=1)
def _areas() -> dict[str, str]:
    with (DATA / "areas.csv").open(encoding="utf-8", newline="") as handle:
        return {row["municipality"]: row["area"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def names() -> dict[str, dict[str, str]]:
    """Area code → its names in Finnish and Swedish."""
    with (DATA / "area_names.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: {"fi": row["fi"], "sv": row["sv"]} for row in csv.DictReader(handle)}


def area(municipality: str | None) -> str | None:
    """The employment area (sub-regional unit) of a municipality, or None where the file does not place it."""
    return _areas().get(municipality) if municipality is not None else None


def municipalities_of(code: str) -> list[str]:
    """The municipalities of an area, in code order."""
    return sorted(m for m, a in _areas().items() if a == code)
