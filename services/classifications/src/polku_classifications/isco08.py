"""ISCO-08 occupations with Finnish, Swedish and English labels, shipped as data (``data/isco08.csv``).

Statistics Finland's Classification of Occupations 2010 (*Ammattiluokitus 2010*, *Yrkesklassificering 2010*) is
the national version of ISCO-08 (ILO, International Standard Classification of Occupations 2008). The file holds
the whole structure of ISCO-08: the 10 major groups (1 digit), 43 sub-major groups (2), 130 minor groups (3) and
436 unit groups (4 digits). Statistics Finland's national fifth level is not in it. Where each column comes from
is in the package's README: the codes and English labels are the ILO's; the Finnish and Swedish labels of every
group are Statistics Finland's (``ammatti_1_20100101``, CC BY 4.0), as its classification service publishes them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from polku_classifications import DATA as FOLDER

SOURCE = "ILO, ISCO-08 structure; Statistics Finland, Classification of Occupations 2010 (Finnish and Swedish labels)"
VERSION = "ISCO-08 / Ammattiluokitus 2010"
DATA = FOLDER / "isco08.csv"


class IscoLevel(StrEnum):
    """The level of an ISCO-08 code (Statistics Finland's *Ammattiluokitus 2010*), by its number of digits: ``major``, a
    major group (*pääluokka*, 1 digit); ``sub_major``, a sub-major group (2 digits); ``minor``, a minor group (3
    digits); ``unit``, a unit group (4 digits)."""

    major = "major"  # pääluokka, 1 digit
    sub_major = "sub_major"  # 2 digits
    minor = "minor"  # 3 digits
    unit = "unit"  # ammattiryhmä, 4 digits


LEVELS = {1: IscoLevel.major, 2: IscoLevel.sub_major, 3: IscoLevel.minor, 4: IscoLevel.unit}


@dataclass(frozen=True)
class Occupation:
    code: str
    fi: str
    sv: str
    en: str

    @property
    def level(self) -> IscoLevel:
        return LEVELS[len(self.code)]

    def label(self, language: str) -> str:
        """The label in ``language`` (``fi``, ``sv`` or ``en``). Every group has all three; should a cell ever be
        empty, the Finnish label and then the English one stand in."""
        for candidate in (language, "fi", "en"):
            text = str(getattr(self, candidate))
            if text:
                return text
        return self.code


@lru_cache(maxsize=1)
def occupations() -> dict[str, Occupation]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: Occupation(row["code"], row["fi"], row["sv"], row["en"]) for row in csv.DictReader(handle)}


def get(code: str) -> Occupation | None:
    return occupations().get(code)


def search(query: str | None, *, language: str | None, level: IscoLevel | None, limit: int) -> list[Occupation]:
    """Occupations whose code starts with ``query`` or whose label (in ``language``, or any) contains it."""
    text = (query or "").strip().casefold()
    languages = [language] if language else ["fi", "sv", "en"]
    found = []
    for occupation in occupations().values():
        if level is not None and occupation.level is not level:
            continue
        if text and not (
            occupation.code.startswith(text) or any(text in occupation.label(lang).casefold() for lang in languages)
        ):
            continue
        found.append(occupation)
    found.sort(key=lambda occupation: (not occupation.code.startswith(text) if text else False, occupation.code))
    return found[:limit]


def minor_group(code: str) -> str:
    """The minor group (3 digits) a unit group (4 digits) belongs to."""
    return code[:3]
