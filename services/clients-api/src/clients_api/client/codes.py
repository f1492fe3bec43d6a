"""Country and language codes of registration data, checked against the ISO lists that the ``pycountry`` package
keeps (its data comes from Debian's iso-codes, which follows the ISO 3166 and ISO 639 maintenance agencies).

- Citizenship (*kansalaisuus*): an ISO 3166-1 alpha-2 country code, ``FI``, ``SE``, ``UA``.
- Mother tongue (*äidinkieli*): an ISO 639-1 language code, ``fi``, ``sv``, ``ru``, ``ar``.
"""

from __future__ import annotations

from typing import Annotated

import pycountry
from pydantic import AfterValidator, BeforeValidator, Field


def _country(value: str) -> str:
    if pycountry.countries.get(alpha_2=value) is None:
        raise ValueError("not an ISO 3166-1 alpha-2 country code")
    return value


def _language(value: str) -> str:
    if pycountry.languages.get(alpha_2=value) is None:
        raise ValueError("not an ISO 639-1 language code")
    return value


def _upper(value: object) -> object:
    return value.strip().upper() if isinstance(value, str) else value


def _lower(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


CountryCode = Annotated[
    str,
    BeforeValidator(_upper),
    Field(pattern=r"^[A-Z]{2}$", examples=["UA"], description="ISO 3166-1 alpha-2 country code"),
    AfterValidator(_country),
]
MotherTongue = Annotated[
    str,
    BeforeValidator(_lower),
    Field(pattern=r"^[a-z]{2}$", examples=["uk"], description="ISO 639-1 language code"),
    AfterValidator(_language),
]
