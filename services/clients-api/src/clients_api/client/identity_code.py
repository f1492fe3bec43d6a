"""The Finnish personal identity code (*henkilötunnus*), checked with python-stdnum.

Since 1 January 2023 the century sign may also be Y, X, W, V or U (1900s) and B, C, D, E or F (2000s)
besides -, + and A (Government Decree 128/2010 as amended by 690/2022); stdnum knows all of them.
Temporary codes (individual number 900–999) are refused: they are not a person's lasting identity. A temporary code
with a right check character is refused as temporary, not as a wrong check character (:class:`TemporaryIdentityCode`).
"""

from __future__ import annotations

from datetime import date

from stdnum.exceptions import ValidationError
from stdnum.fi import hetu


class InvalidIdentityCode(ValueError):
    pass


class TemporaryIdentityCode(InvalidIdentityCode):
    """A well-formed temporary code (individual number 900–999), given until a person has a lasting one."""


def normalise(code: str) -> str:
    """The code in its canonical form (upper case, no spaces), or :class:`InvalidIdentityCode`."""
    try:
        valid = str(hetu.validate(code.strip(), allow_temporary=True))
    except ValidationError as error:
        raise InvalidIdentityCode(str(error)) from None
    if int(valid[7:10]) >= 900:
        raise TemporaryIdentityCode("a temporary identity code (individual number 900-999) is not a lasting one")
    return valid


def birth_date(code: str) -> date:
    century = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900}.get(code[6], 2000)
    return date(century + int(code[4:6]), int(code[2:4]), int(code[0:2]))


def masked(code: str) -> str:
    """Enough to recognise a person in a list without exposing the code: ``131052-***T``."""
    return f"{code[:7]}***{code[-1]}"
