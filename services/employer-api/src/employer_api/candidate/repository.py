"""Writes of candidate profiles (matching's reads of them are in :mod:`employer_api.matching.repository`)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, cast

from sqlalchemy import Table, bindparam, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.candidate.models import CandidateProfile

_PROFILE = cast(Table, CandidateProfile.__table__)


@lru_cache(maxsize=16)
def _upsert_statement(columns: tuple[str, ...], newer: str) -> Any:
    """The upsert of ``columns`` compared by ``newer``, built once per kind of event (its values bound at each
    execution, many rows at once)."""
    table = _PROFILE
    column = table.c[newer]
    statement = insert(table).values({key: bindparam(key) for key in ("client_id", *columns)})
    return statement.on_conflict_do_update(
        index_elements=[table.c.client_id],
        set_={**{key: statement.excluded[key] for key in columns}, "updated_at": statement.excluded.updated_at},
        where=column.is_(None) | (column < statement.excluded[newer]),
    )


async def upsert_many(
    session: AsyncSession, *, columns: tuple[str, ...], newer: str, rows: list[dict[str, Any]]
) -> None:
    """Create each profile, or change ``columns`` on it when its values are newer than the last of their kind
    taken in (``newer``: the column holding that time, one of ``columns``); ``rows`` hold ``client_id`` and
    ``columns``, at most one row per client."""
    if rows:
        await session.execute(_upsert_statement(columns, newer), rows)


_SET_TARGET_GROUPS = (
    update(_PROFILE)
    .where(
        _PROFILE.c.client_id == bindparam("b_client_id"),
        _PROFILE.c.target_groups_at.is_(None) | (_PROFILE.c.target_groups_at < bindparam("b_at")),
    )
    .values(target_groups=bindparam("b_target_groups"), target_groups_at=bindparam("b_at"))
)


async def set_target_groups_many(session: AsyncSession, *, rows: list[dict[str, Any]]) -> None:
    """Replace each profile's target groups (``rows``: ``client_id``, ``target_groups``, ``at``) when ``at`` is
    newer than those it holds (registration and status events both carry them; the newest wins whichever kind
    it is)."""
    if rows:
        await session.execute(
            _SET_TARGET_GROUPS,
            [
                {"b_client_id": row["client_id"], "b_target_groups": row["target_groups"], "b_at": row["at"]}
                for row in rows
            ],
        )
