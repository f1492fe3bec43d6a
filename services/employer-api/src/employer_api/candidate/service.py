"""Candidate profiles fed by clients-api's events (``fi.polku.client.*``, delivered as signed webhooks to
``POST /v1/events``): registration, status changes and assessments. Each event names its client and the
organisation; the profile keeps codes only. A delivered event that feeds a profile is kept in the inbox at once
and the sender answered; the dispatch process's inbox worker takes the kept events in by the batch (one upsert
statement for many profiles, in one transaction), each client's in the order they arrived. Registration and
status events carry the client's target groups on their day (clients-api computes them; partial work ability
is never sent), the newest of either kind wins. Episode events (started, ended, corrected) keep each of the
client's activating-service episodes by its id, and the profile the days they cover (``engaged``), which
availability is scored by. An event older than the last of its kind taken in changes
nothing, and one arriving twice is dropped by the kit's inbox."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.candidate import repository
from employer_api.candidate.models import CANDIDATE_STATUSES
from polku_classifications import isco08
from polku_kit.inbox import ReceivedEvent
from polku_kit.inbox_worker import InboxBatch, StoredEvent

log = structlog.get_logger(__name__)

REGISTERED = "fi.polku.client.registered.v1"
STATUS_CHANGED = "fi.polku.client.status_changed.v1"
ASSESSMENT_UPDATED = "fi.polku.client.assessment_updated.v1"
# An activating-service episode: each of the three carries all its facts (the newest taken in wins).
EPISODES = (
    "fi.polku.client.episode_started.v1",
    "fi.polku.client.episode_ended.v1",
    "fi.polku.client.episode_corrected.v1",
)
FEEDING = (REGISTERED, STATUS_CHANGED, ASSESSMENT_UPDATED, *EPISODES)


def _ids(data: dict[str, Any]) -> tuple[uuid.UUID, uuid.UUID] | None:
    try:
        return uuid.UUID(str(data["client_id"])), uuid.UUID(str(data["organisation_id"]))
    except (KeyError, ValueError):
        return None


def _codes(values: object) -> list[str]:
    return sorted({str(value) for value in values}) if isinstance(values, list) else []


def profile_changes(event: ReceivedEvent) -> tuple[dict[str, Any], str] | None:
    """The profile's new values from one event, and the column of the time it is compared by; None for an event
    that does not feed the profile."""
    data = event.data
    at = event.time or datetime.now(UTC)
    if event.type == REGISTERED:
        return {
            "municipality": data.get("home_municipality"),
            "status": data.get("status", "unemployed"),
            "unemployed_since": date.fromisoformat(data["job_search_started_on"]),
            "registered_at": at,
        }, "registered_at"
    if event.type == STATUS_CHANGED:
        changes: dict[str, Any] = {"status": data["to"], "status_at": at}
        if data["to"] in CANDIDATE_STATUSES and data.get("from") not in CANDIDATE_STATUSES:
            changes["unemployed_since"] = date.fromisoformat(data["changed_on"])
        elif data["to"] not in CANDIDATE_STATUSES:
            changes["unemployed_since"] = None
        return changes, "status_at"
    if event.type == ASSESSMENT_UPDATED:
        occupations = _codes(data.get("occupations"))
        return {
            "occupations": occupations,
            "minor_groups": sorted({isco08.minor_group(code) for code in occupations if len(code) >= 3}),
            "competences": _codes(data.get("competences")),
            "languages": sorted(
                {str(item["language"]) for item in data.get("languages", []) if isinstance(item, dict)}
            ),
            "driving_licences": _codes(data.get("driving_licences")),
            "assessment_at": at,
        }, "assessment_at"
    if event.type in EPISODES:
        ends_on = data.get("ends_on")
        return {
            "episode_id": uuid.UUID(str(data["episode_id"])),
            "starts_on": date.fromisoformat(data["starts_on"]),
            "ends_on": None if ends_on is None else date.fromisoformat(ends_on),
            "event_at": at,
        }, "event_at"
    return None


def _changes(event: ReceivedEvent) -> tuple[uuid.UUID, dict[str, Any], str] | None:
    """The client, the profile's new values and the column they are compared by; None for an event that feeds
    no profile (logged)."""
    if not isinstance(event.data, dict) or (ids := _ids(event.data)) is None:
        log.info("candidate_event_without_client", event_id=event.id, event_type=event.type)
        return None
    try:
        found = profile_changes(event)
    except (KeyError, ValueError, TypeError):
        log.warning("candidate_event_malformed", event_id=event.id, event_type=event.type)
        return None
    if found is None:
        return None
    client_id, organisation_id = ids
    values, newer = found
    return client_id, {"organisation_id": organisation_id, **values}, newer


def feeds(event: ReceivedEvent) -> bool:
    """Whether the event changes a profile when taken in (checked when it is delivered: the rest is only
    acknowledged)."""
    return event.type in FEEDING and _changes(event) is not None


async def take_in_batch(session: AsyncSession, stored: list[StoredEvent]) -> None:
    """Update the profiles a batch of events names (the inbox worker's :class:`~polku_kit.inbox_worker.InboxBatch`):
    one upsert statement per kind of change, executed for all of them at once, then the target groups. A client's
    events are applied in the order given (the worker gives at most one of each client; a list with more is
    applied in rounds)."""
    rounds: list[list[tuple[ReceivedEvent, uuid.UUID, dict[str, Any], str]]] = []
    seen: dict[uuid.UUID, int] = {}
    for item in stored:
        if (found := _changes(item.event)) is None:
            continue
        client_id, values, newer = found
        turn = seen[client_id] = seen.get(client_id, -1) + 1
        if turn == len(rounds):
            rounds.append([])
        rounds[turn].append((item.event, client_id, values, newer))
    for changes in rounds:
        kinds: dict[tuple[tuple[str, ...], str], list[dict[str, Any]]] = {}
        groups = []
        episodes: list[dict[str, Any]] = []
        for event, client_id, values, newer in changes:
            if event.type in EPISODES:
                episodes.append({"client_id": client_id, **values})
                continue
            kinds.setdefault((tuple(sorted(values)), newer), []).append({"client_id": client_id, **values})
            if event.type in (REGISTERED, STATUS_CHANGED) and isinstance(
                given := event.data.get("target_groups"), list
            ):
                groups.append({"client_id": client_id, "target_groups": _codes(given), "at": values[newer]})
        for (columns, newer), rows in kinds.items():
            await repository.upsert_many(session, columns=columns, newer=newer, rows=rows)
        await repository.set_target_groups_many(session, rows=groups)
        await repository.upsert_episodes(session, rows=episodes)


HANDLERS = dict.fromkeys(FEEDING, InboxBatch(take_in_batch))
