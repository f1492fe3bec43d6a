"""Sub-regional units (*seutukunnat*), the commuting areas location is scored by and the employment areas figures
are grouped by, shipped as data
(``data/sub_regions.csv``: municipality → sub-region; ``data/sub_region_names.csv``: the names).

Source: Statistics Finland, municipalities and regional divisions based on municipalities 2025
(*Kunnat ja kuntapohjaiset aluejaot 2025*), the sub-regional units (*seutukunta*, classification
``seutukunta_1_20250101``, and its correspondence with ``kunta_1_20250101``): groups of municipalities drawn by
commuting and services, the commuting-area division that follows municipal borders. The file places all 308
municipalities of 2025 in the 69 sub-regions, named as the classification names them (071 Lahti/Lahtis). One row is
not the classification's: Pertunmaa's former code (588; it joined Mäntyharju on 1 January 2025) stays in
Mäntyharju's sub-region (101 Mikkeli), so data recorded before the merger is placed.
"""

from __future__ import annotations

import csv
from functools import lru_cache

from polku_classifications import DATA

SOURCE = "Statistics Finland, municipalities and regional divisions based on municipalities: sub-regional units"
VERSION = "2025 (seutukunta_1_20250101)"


@lru_cache(maxsize=1)
def _membership() -> dict[str, str]:
    with (DATA / "sub_regions.csv").open(encoding="utf-8", newline="") as handle:
        return {row["municipality"]: row["sub_region"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def names() -> dict[str, dict[str, str]]:
    """Sub-region code → its names in Finnish and Swedish."""
    with (DATA / "sub_region_names.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: {"fi": row["fi"], "sv": row["sv"]} for row in csv.DictReader(handle)}


def sub_region(municipality: str) -> str | None:
    """The sub-region (*seutukunta*) of a municipality in the file; None for one the file does not place."""
    return _membership().get(municipality)


@lru_cache(maxsize=512)
def commuting_area(municipality: str | None) -> frozenset[str]:
    """The municipalities of ``municipality``'s sub-region, itself included; empty for one the file does not
    place (the set :func:`same_commuting_area` is true for)."""
    area = None if municipality is None else sub_region(municipality)
    if area is None:
        return frozenset()
    return frozenset(code for code, member_of in _membership().items() if member_of == area)


def same_commuting_area(first: str | None, second: str | None) -> bool:
    """Whether two municipalities are in one sub-region (both placed by the file)."""
    if first is None or second is None:
        return False
    area = sub_region(first)
    return area is not None and area == sub_region(second)
