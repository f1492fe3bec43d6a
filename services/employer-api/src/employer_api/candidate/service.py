"""Candidate profiles fed by clients-api's events (``fi.polku.client.*``, delivered as signed webhooks to
``POST /v1/events``): registration, status changes and assessments. Each event names its client and the
organisation; the profile keeps codes only. Registration and status events carry the client's target groups on
their day (clients-api computes them; partial work ability is never sent), the newest of either kind wins. An
event older than the last of its kind taken in changes nothing, and one arriving twice is dropped by the kit's
inbox."""

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

log = structlog.get_logger(__name__)

REGISTERED = "fi.polku.client.registered.v1"
STATUS_CHANGED = "fi.polku.client.status_changed.v1"
ASSESSMENT_UPDATED = "fi.polku.client.assessment_updated.v1"


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
    return None


async def take_in(session: AsyncSession, event: ReceivedEvent) -> bool:
    """Update the candidate profile the event names; False for an event that feeds none."""
    if not isinstance(event.data, dict) or (ids := _ids(event.data)) is None:
        log.info("candidate_event_without_client", event_id=event.id, event_type=event.type)
        return False
    try:
        found = profile_changes(event)
    except (KeyError, ValueError, TypeError):
        log.warning("candidate_event_malformed", event_id=event.id, event_type=event.type)
        return False
    if found is None:
        return False
    client_id, organisation_id = ids
    values, newer = found
    await repository.upsert(
        session, client_id=client_id, values={"organisation_id": organisation_id, **values}, newer=newer
    )
    if event.type in (REGISTERED, STATUS_CHANGED) and isinstance(groups := event.data.get("target_groups"), list):
        await repository.set_target_groups(session, client_id=client_id, target_groups=_codes(groups), at=values[newer])
    return True
