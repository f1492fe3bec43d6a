"""Writes of candidate profiles (matching's reads of them are in :mod:`employer_api.matching.repository`)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, cast

from sqlalchemy import Table, Uuid, bindparam, text, update
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.candidate.models import CandidateEpisode, CandidateProfile

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


_EPISODE = cast(Table, CandidateEpisode.__table__)
_EPISODE_COLUMNS = ("episode_id", "client_id", "organisation_id", "starts_on", "ends_on", "event_at")
_NEW_EPISODE = insert(_EPISODE).values({key: bindparam(key) for key in _EPISODE_COLUMNS})
_UPSERT_EPISODE = _NEW_EPISODE.on_conflict_do_update(
    index_elements=[_EPISODE.c.episode_id],
    set_={key: _NEW_EPISODE.excluded[key] for key in ("starts_on", "ends_on", "event_at")},
    where=_EPISODE.c.event_at < _NEW_EPISODE.excluded.event_at,
)
# The union of each client's episodes (an episode's days inclusive; none at its end: going on), on a profile made
# now if the client has none yet (its status comes with the registration event).
_SET_ENGAGED = text(
    """
    INSERT INTO candidate_profile AS profile (client_id, organisation_id, engaged)
    SELECT client.id, client.organisation_id,
           COALESCE((SELECT range_agg(daterange(episode.starts_on, episode.ends_on, '[]'))
                     FROM candidate_episode AS episode WHERE episode.client_id = client.id), '{}')
    FROM unnest(CAST(:client_ids AS uuid[]), CAST(:organisation_ids AS uuid[])) AS client(id, organisation_id)
    ON CONFLICT (client_id) DO UPDATE SET engaged = excluded.engaged, updated_at = now()
    """
).bindparams(bindparam("client_ids", type_=ARRAY(Uuid)), bindparam("organisation_ids", type_=ARRAY(Uuid)))


async def upsert_episodes(session: AsyncSession, *, rows: list[dict[str, Any]]) -> None:
    """Keep each episode (``rows``: ``episode_id``, ``client_id``, ``organisation_id``, ``starts_on``, ``ends_on``,
    ``event_at``) unless a newer event about it was taken in, then set the days each client is engaged."""
    if not rows:
        return
    await session.execute(
        _UPSERT_EPISODE,
        [{key: row[key] for key in _EPISODE_COLUMNS} for row in rows],
    )
    clients = {row["client_id"]: row["organisation_id"] for row in rows}
    await session.execute(_SET_ENGAGED, {"client_ids": list(clients), "organisation_ids": list(clients.values())})
