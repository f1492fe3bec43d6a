"""Taking in the sources' events, and rebuilding the read model from the ledger.

Each consumer turns one event type into facts (``metrics_api.feed.models``). Consumers of events the sources do not
emit yet are listed in ``AWAITING`` with the table they will fill; unknown types are kept in the ledger and
acknowledged, so that a consumer added later can take them in with a rebuild.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.feed import repository
from metrics_api.feed.models import (
    ClientCoach,
    ClientMunicipality,
    ClientProfile,
    ClientStatus,
    DeadlineOutcome,
    Interview,
    PlanVersion,
)
from polku_kit.calendar import local_date
from polku_kit.inbox import ReceivedEvent

log = structlog.get_logger(__name__)

Consumer = Callable[[AsyncSession, ReceivedEvent], Awaitable[bool]]

# Referral events (referrals-api): the verb of the type is the status the referral moved to.
REFERRAL_RESPONSES = frozenset({"received", "accepted", "rejected"})
REFERRAL_CLOSINGS = frozenset({"rejected", "completed", "cancelled", "expired"})

# Event types the read model is designed for but no source emits yet: the table each will fill.
AWAITING = {
    "fi.polku.client.home_municipality_changed.v1": "client_municipality",
    "fi.polku.client.deadline_met.v1": "deadline_outcome",
    "fi.polku.client.job_search_period_started.v1": "job_search_period",
    "fi.polku.client.job_search_period_ended.v1": "job_search_period",
    "fi.polku.client.service_episode_started.v1": "service_episode",
    "fi.polku.client.service_episode_ended.v1": "service_episode",
    "fi.polku.job_offer.sent.v1": "offer",
    "fi.polku.job_offer.outcome.v1": "offer",
    "fi.polku.introduction.made.v1": "offer",
    "fi.polku.introduction.outcome.v1": "offer",
    "fi.polku.subsidy.decided.v1": "support",
    "fi.polku.statement.given.v1": "statement",
}


def _day(value: Any) -> date:
    return date.fromisoformat(str(value))


def _time(event: ReceivedEvent) -> datetime:
    if event.time is None:
        raise ValueError(f"event {event.id} has no time")
    return event.time


def _client(event: ReceivedEvent) -> uuid.UUID:
    return uuid.UUID(str(event.data["client_id"]))


async def _registered(session: AsyncSession, event: ReceivedEvent) -> bool:
    data = event.data
    if not data.get("organisation_id"):
        log.info("metrics_event_without_organisation", event_id=event.id, event_type=event.type)
        return False
    client_id = _client(event)
    started = _day(data["job_search_started_on"])
    await repository.add_fact(
        session,
        ClientProfile,
        {
            "client_id": client_id,
            "organisation_id": uuid.UUID(str(data["organisation_id"])),
            "birth_date": _day(data["birth_date"]) if data.get("birth_date") else None,
            "citizenship": data.get("citizenship"),
            "job_search_started_on": started,
            "event_id": event.id,
        },
    )
    moment = _time(event)
    common = {"event_id": event.id, "client_id": client_id, "occurred_at": moment}
    await repository.add_fact(
        session, ClientMunicipality, {**common, "valid_from": started, "municipality": data["home_municipality"]}
    )
    await repository.add_fact(session, ClientStatus, {**common, "changed_on": started, "status": "unemployed"})
    if data.get("coach_subject"):
        await repository.add_fact(
            session,
            ClientCoach,
            {**common, "assigned_on": started, "coach_subject": data["coach_subject"], "team_id": None},
        )
    return True


async def _status_changed(session: AsyncSession, event: ReceivedEvent) -> bool:
    await repository.add_fact(
        session,
        ClientStatus,
        {
            "event_id": event.id,
            "client_id": _client(event),
            "changed_on": _day(event.data["changed_on"]),
            "status": event.data["to"],
            "occurred_at": _time(event),
        },
    )
    return True


async def _moved(session: AsyncSession, event: ReceivedEvent) -> bool:
    await repository.add_fact(
        session,
        ClientMunicipality,
        {
            "event_id": event.id,
            "client_id": _client(event),
            "valid_from": _day(event.data["changed_on"]),
            "municipality": event.data["home_municipality"],
            "occurred_at": _time(event),
        },
    )
    return True


async def _assigned(session: AsyncSession, event: ReceivedEvent) -> bool:
    team = event.data.get("team_id")
    await repository.add_fact(
        session,
        ClientCoach,
        {
            "event_id": event.id,
            "client_id": _client(event),
            "assigned_on": local_date(_time(event)),
            "coach_subject": event.data.get("coach_subject"),
            "team_id": uuid.UUID(str(team)) if team else None,
            "occurred_at": _time(event),
        },
    )
    return True


async def _plan(session: AsyncSession, event: ReceivedEvent) -> bool:
    await repository.add_fact(
        session,
        PlanVersion,
        {
            "client_id": _client(event),
            "version": int(event.data["version"]),
            "plan_type": event.data["plan_type"],
            "created_on": local_date(_time(event)),
            "next_review_on": _day(event.data["next_review_on"]),
            "event_id": event.id,
        },
    )
    return True


def _interview(what: str) -> Consumer:
    async def consume(session: AsyncSession, event: ReceivedEvent) -> bool:
        await repository.add_fact(
            session,
            Interview,
            {
                "event_id": event.id,
                "client_id": _client(event),
                "held_on": _day(event.data["held_on"]),
                "what": what,
                "channel": event.data.get("channel"),
            },
        )
        return True

    return consume


def _deadline(outcome: str) -> Consumer:
    async def consume(session: AsyncSession, event: ReceivedEvent) -> bool:
        await repository.add_fact(
            session,
            DeadlineOutcome,
            {
                "event_id": event.id,
                "client_id": _client(event),
                "kind": event.data["kind"],
                "number": int(event.data["number"]),
                "due_on": _day(event.data["due_on"]),
                "rule_set": event.data.get("rule_set"),
                "outcome": outcome,
            },
        )
        return True

    return consume


def _referral(verb: str) -> Consumer:
    async def consume(session: AsyncSession, event: ReceivedEvent) -> bool:
        data = event.data
        await repository.fold_referral(
            session,
            identity={
                "referral_id": uuid.UUID(str(data["referral_id"])),
                "client_id": uuid.UUID(str(data["client_id"])),
                "service_id": uuid.UUID(str(data["service_id"])),
                "sender_organisation_id": uuid.UUID(str(data["sender_organisation_id"])),
                "partner_organisation_id": uuid.UUID(str(data["partner_organisation_id"])),
            },
            at=_time(event),
            sent=verb == "sent",
            response=verb in REFERRAL_RESPONSES,
            accepted=verb == "accepted",
            closed_status=verb if verb in REFERRAL_CLOSINGS else None,
            outcome=data.get("outcome"),
        )
        return True

    return consume


CONSUMERS: dict[str, Consumer] = {
    "fi.polku.client.registered.v1": _registered,
    "fi.polku.client.status_changed.v1": _status_changed,
    "fi.polku.client.home_municipality_changed.v1": _moved,
    "fi.polku.client.assigned.v1": _assigned,
    "fi.polku.client.plan_version_created.v1": _plan,
    "fi.polku.client.interview_held.v1": _interview("held"),
    "fi.polku.client.interview_cancelled.v1": _interview("cancelled"),
    "fi.polku.client.deadline_overdue.v1": _deadline("missed"),
    "fi.polku.client.deadline_waived.v1": _deadline("waived"),
    "fi.polku.client.deadline_met.v1": _deadline("met"),
    **{
        f"fi.polku.referral.{verb}.v1": _referral(verb)
        for verb in ("sent", "received", "accepted", "rejected", "completed", "expired", "cancelled")
    },
}


async def apply(session: AsyncSession, event: ReceivedEvent) -> bool:
    """Turn one event into facts; False for a type no consumer takes (yet)."""
    consumer = CONSUMERS.get(event.type)
    if consumer is None or not isinstance(event.data, dict):
        return False
    return await consumer(session, event)


async def take_in(session: AsyncSession, event: ReceivedEvent) -> bool:
    """Keep the event in the ledger and apply it (in the request's transaction)."""
    if event.time is None:
        return False
    fresh = await repository.remember(
        session,
        {
            "id": event.id,
            "source": event.source,
            "type": event.type,
            "subject": event.subject,
            "time": event.time,
            "data": event.data,
        },
    )
    return fresh and await apply(session, event)


async def rebuild(
    session: AsyncSession, *, page: int = 1000, progress: Callable[[int, int], None] | None = None
) -> int:
    """Empty the facts and apply the whole ledger again, in arrival order; ``progress(done, total)`` after each
    page. Returns the number of events applied."""
    total = await repository.ledger_size(session)
    await repository.forget_facts(session)
    done, after = 0, 0
    while rows := await repository.ledger_page(session, after=after, limit=page):
        for row in rows:
            await apply(
                session,
                ReceivedEvent(
                    id=row.id, source=row.source, type=row.type, subject=row.subject, time=row.time, data=row.data
                ),
            )
        done += len(rows)
        after = rows[-1].sequence
        if progress is not None:
            progress(done, total)
    return done
