"""Writes of candidate profiles, and the reads matching needs (every one through an index: no scan of every
client of an organisation)."""

from __future__ import annotations

import uuid
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, bindparam, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.candidate.models import CANDIDATE_STATUSES, CandidateProfile

_PROFILE = cast(Table, CandidateProfile.__table__)


# What scoring reads of a profile (:class:`employer_api.matching.scoring.Candidate`): table columns, so that the
# rows come back as plain rows (no entity loading).
SCORED_COLUMNS = tuple(
    _PROFILE.c[name]
    for name in (
        "client_id",
        "occupations",
        "competences",
        "driving_licences",
        "languages",
        "municipality",
        "status",
        "unemployed_since",
        "target_groups",
    )
)


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


async def get(session: AsyncSession, *, organisation_id: uuid.UUID, client_id: uuid.UUID) -> Any | None:
    """What scoring reads of one of the organisation's profiles, and its minor groups (a row, not an entity)."""
    query = select(*SCORED_COLUMNS, _PROFILE.c.minor_groups).where(
        _PROFILE.c.organisation_id == organisation_id, _PROFILE.c.client_id == client_id
    )
    return (await session.execute(query)).first()


def candidates_query(
    *,
    organisation_id: uuid.UUID,
    occupation: str,
    minor_group: str,
    competences: list[str],
    score: ColumnElement[int],
    limit: int,
) -> Any:
    """The organisation's candidates in the job search sharing the vacancy's unit group, its minor group or one of
    its competences (read through the GIN indexes: a bitmap OR of three), best ``score`` first: their ids and
    scores only."""
    related = [occupation, *competences]
    ranked = score.label("score")
    return (
        select(CandidateProfile.client_id, ranked)
        .where(
            CandidateProfile.organisation_id == organisation_id,
            CandidateProfile.status.in_(CANDIDATE_STATUSES),
            CandidateProfile.occupations.overlap([occupation])
            | CandidateProfile.minor_groups.overlap([minor_group])
            | CandidateProfile.competences.overlap(related),
        )
        .order_by(ranked.desc(), CandidateProfile.client_id)
        .limit(limit)
    )


async def ranked(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    occupation: str,
    minor_group: str,
    competences: list[str],
    score: ColumnElement[int],
    limit: int,
) -> list[tuple[uuid.UUID, int]]:
    """(client id, score) of the best candidates, best first."""
    query = candidates_query(
        organisation_id=organisation_id,
        occupation=occupation,
        minor_group=minor_group,
        competences=competences,
        score=score,
        limit=limit,
    )
    return [(row.client_id, row.score) for row in await session.execute(query)]


async def scored_columns(session: AsyncSession, *, client_ids: list[uuid.UUID]) -> list[Any]:
    """What scoring reads of these profiles (one page's), by their primary key."""
    if not client_ids:
        return []
    query = select(*SCORED_COLUMNS).where(_PROFILE.c.client_id.in_(client_ids))
    return list((await session.execute(query)).all())
