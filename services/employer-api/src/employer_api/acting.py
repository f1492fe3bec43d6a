"""Who acted, as the records of employer-api keep it: the subject of the token, and the person's name and the
organisation they acted for as the token named them at the time (not looked up later). A machine client has no
person's name: it is named by its client id. A periodic job acts as ``system:<job>`` with no name.

A row keeps each act in three columns: ``<prefix>`` (or the subject column it already had), ``<prefix>_name`` and
``<prefix>_organisation_name``. Rows made before acts were named have only the subject, or nothing."""

from __future__ import annotations

from typing import Any

from polku_kit.auth import Principal


def name_of(principal: Principal) -> str | None:
    """The person's name, or a machine client's id."""
    return principal.name or principal.client_id


def stamp(row: Any, prefix: str, principal: Principal | None, *, subject_column: str | None = None) -> None:
    """Record on ``row`` that ``principal`` made the act ``prefix``; ``None`` clears it (an act undone)."""
    setattr(row, subject_column or prefix, principal.subject if principal else None)
    setattr(row, f"{prefix}_name", name_of(principal) if principal else None)
    setattr(row, f"{prefix}_organisation_name", principal.organisation_name if principal else None)


def stamp_job(row: Any, prefix: str, subject: str) -> None:
    """Record on ``row`` that a job or an importer (``subject``), not a person, made the act ``prefix``."""
    setattr(row, prefix, subject)
    setattr(row, f"{prefix}_name", None)
    setattr(row, f"{prefix}_organisation_name", None)
