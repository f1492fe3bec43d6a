"""Taking in the sources' events, and rebuilding the read model from the ledger.

Each consumer turns one event type into facts (``metrics_api.feed.models``). Unknown types are kept in the ledger and
acknowledged, so that a consumer added later can take them in with a rebuild.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.feed import repository
from metrics_api.feed.models import (
    STATEMENT_ISSUED,
    ClientCoach,
    ClientEducation,
    ClientMunicipality,
    ClientProfile,
    ClientStatus,
    DeadlineOutcome,
    Interview,
    JobSearchPeriod,
    PlanVersion,
    ServiceEpisode,
    Support,
    SupportCommitment,
)
from metrics_api.indicator import cross_section
from polku_kit.calendar import local_date, today
from polku_kit.inbox import ReceivedEvent

log = structlog.get_logger(__name__)

Consumer = Callable[[AsyncSession, ReceivedEvent], Awaitable[bool]]

# Referral events (referrals-api): the verb of the type is the status the referral moved to.
REFERRAL_RESPONSES = frozenset({"received", "accepted", "rejected"})
REFERRAL_CLOSINGS = frozenset({"rejected", "completed", "cancelled", "expired"})


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


async def _assessment(session: AsyncSession, event: ReceivedEvent) -> bool:
    """``assessment_updated``: the highest education level it records (an event without the field, from before
    clients-api carried it, records nothing)."""
    data = event.data
    if "education_level" not in data:
        return False
    await repository.add_fact(
        session,
        ClientEducation,
        {
            "event_id": event.id,
            "client_id": _client(event),
            "assessed_on": _day(data["assessed_on"]),
            "version": int(data["version"]),
            "level": data["education_level"],
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


def _uuid(value: Any) -> uuid.UUID | None:
    return uuid.UUID(str(value)) if value else None


def _period(ended: bool) -> Consumer:
    """``job_search_period.started`` / ``.ended``: each carries the whole period, the end overwrites."""

    async def consume(session: AsyncSession, event: ReceivedEvent) -> bool:
        data = event.data
        await repository.upsert(
            session,
            JobSearchPeriod,
            "period_id",
            {
                "period_id": uuid.UUID(str(data["period_id"])),
                "client_id": _client(event),
                "started_on": _day(data["started_on"]),
                "ended_on": _day(data["ended_on"]) if data.get("ended_on") else None,
                "end_reason": data.get("reason"),
                "rule_set": data.get("rule_set"),
            },
            replace=ended,
        )
        return True

    return consume


def _episode(happened: str) -> Consumer:
    """``episode_started`` / ``_ended`` / ``_corrected``: each carries all the episode's facts; an end or a
    correction overwrites what was known."""

    async def consume(session: AsyncSession, event: ReceivedEvent) -> bool:
        data = event.data
        await repository.upsert(
            session,
            ServiceEpisode,
            "episode_id",
            {
                "episode_id": uuid.UUID(str(data["episode_id"])),
                "client_id": _client(event),
                "service_type": data["type"],
                "provider_organisation_id": _uuid(data.get("provider_id")),
                "started_on": _day(data["starts_on"]),
                "ended_on": _day(data["ends_on"]) if data.get("ends_on") else None,
                "outcome": data.get("outcome"),
            },
            replace=happened != "started",
        )
        return True

    return consume


async def _citizenship(session: AsyncSession, event: ReceivedEvent) -> bool:
    return await repository.set_citizenship(session, _client(event), event.data.get("to"))


async def _statement(session: AsyncSession, event: ReceivedEvent) -> bool:
    """``statement.issued`` names no client: the indicator reads it from the ledger (``indicator.repository``)."""
    return all(event.data.get(name) for name in ("organisation_id", "issued_on", "neglected_on"))


def _offer(kind: str, key: str, outcome: bool) -> Consumer:
    """Job offers (``job_offer.sent`` / ``.outcome``) and introductions (``introduction.made`` / ``.outcome``)."""

    async def consume(session: AsyncSession, event: ReceivedEvent) -> bool:
        data = event.data
        day = local_date(_time(event))
        await repository.fold_offer(
            session,
            {
                "offer_id": uuid.UUID(str(data[key])),
                "kind": kind,
                "client_id": _client(event),
                "vacancy_id": _uuid(data.get("vacancy_id")),
                "employer_sector": data.get("industry_main_class"),
                "made_on": day,
                "outcome": data.get("outcome") if outcome else None,
                "outcome_on": (_day(data["recorded_on"]) if data.get("recorded_on") else day) if outcome else None,
            },
        )
        return True

    return consume


def _support(ended: bool) -> Consumer:
    """``subsidy.decided`` / ``.ended``: the euros the decision commits by month (any support, with a client or
    without), and for a support naming a client its period and the euros committed to it."""

    async def consume(session: AsyncSession, event: ReceivedEvent) -> bool:
        data = event.data
        committed = await _commitment(session, data, ended)
        if not data.get("client_id"):
            return committed
        euros = data.get("total_committed")
        ends = data.get("ended_on") if ended else data.get("ends_on")
        await repository.upsert(
            session,
            Support,
            "support_id",
            {
                "support_id": uuid.UUID(str(data["subsidy_id"])),
                "client_id": _client(event),
                "support_type": data["kind"],
                "employer_sector": data.get("industry_main_class"),
                "starts_on": _day(data["starts_on"]),
                "ends_on": _day(ends) if ends else None,
                "euros": Decimal(str(euros)) if euros is not None else None,
            },
            replace=ended,
        )
        return True

    return consume


async def _commitment(session: AsyncSession, data: dict[str, Any], ended: bool) -> bool:
    """The decision's ``committed_by_month`` as it recorded them; an end (a cancellation) adds the day it ended."""
    if not data.get("organisation_id") or not isinstance(data.get("committed_by_month"), list):
        return False
    starts, ends = data.get("starts_on"), data.get("ends_on")
    await repository.upsert(
        session,
        SupportCommitment,
        "support_id",
        {
            "support_id": uuid.UUID(str(data["subsidy_id"])),
            "organisation_id": uuid.UUID(str(data["organisation_id"])),
            "support_type": data["kind"],
            "starts_on": _day(starts) if starts else None,
            "ends_on": _day(ends) if ends else None,
            # a pay subsidy's euros fall on the days of its period (the percentage of the monthly pay costs)
            "by_period": bool(starts and ends and data.get("percent") is not None),
            "committed_by_month": [
                {"month": str(item["month"]), "euros": str(item["euros"])} for item in data["committed_by_month"]
            ],
            "ended_on": _day(data["ended_on"]) if ended and data.get("ended_on") else None,
        },
        replace=ended,
    )
    return True


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
    "fi.polku.client.assessment_updated.v1": _assessment,
    "fi.polku.client.interview_held.v1": _interview("held"),
    "fi.polku.client.interview_cancelled.v1": _interview("cancelled"),
    "fi.polku.client.deadline_overdue.v1": _deadline("missed"),
    "fi.polku.client.deadline_waived.v1": _deadline("waived"),
    "fi.polku.client.deadline_met.v1": _deadline("met"),
    "fi.polku.client.job_search_period.started.v1": _period(ended=False),
    "fi.polku.client.job_search_period.ended.v1": _period(ended=True),
    "fi.polku.client.episode_started.v1": _episode("started"),
    "fi.polku.client.episode_ended.v1": _episode("ended"),
    "fi.polku.client.episode_corrected.v1": _episode("corrected"),
    "fi.polku.client.citizenship_changed.v1": _citizenship,
    STATEMENT_ISSUED: _statement,
    "fi.polku.job_offer.sent.v1": _offer("job_offer", "job_offer_id", outcome=False),
    "fi.polku.job_offer.outcome.v1": _offer("job_offer", "job_offer_id", outcome=True),
    "fi.polku.introduction.made.v1": _offer("introduction", "introduction_id", outcome=False),
    "fi.polku.introduction.outcome.v1": _offer("introduction", "introduction_id", outcome=True),
    "fi.polku.subsidy.decided.v1": _support(ended=False),
    "fi.polku.subsidy.ended.v1": _support(ended=True),
    **{
        f"fi.polku.referral.{verb}.v1": _referral(verb)
        for verb in ("sent", "received", "accepted", "rejected", "completed", "expired", "cancelled")
    },
}


# The events that change what a client was on a count date (status, municipality, activating services, the groups):
# the client's rows of the stored cross-section are made again after each.
CROSS_SECTION_TYPES = frozenset(
    {
        "fi.polku.client.registered.v1",
        "fi.polku.client.status_changed.v1",
        "fi.polku.client.home_municipality_changed.v1",
        "fi.polku.client.episode_started.v1",
        "fi.polku.client.episode_ended.v1",
        "fi.polku.client.episode_corrected.v1",
        "fi.polku.client.citizenship_changed.v1",
    }
)


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
    if not (fresh and await apply(session, event)):
        return False
    if event.type in CROSS_SECTION_TYPES:
        await cross_section.refresh(session, [_client(event)])
    return True


async def rebuild(
    session: AsyncSession, *, page: int = 5000, progress: Callable[[int, int], None] | None = None
) -> int:
    """Empty the facts and apply the whole ledger again, in arrival order; ``progress(done, total)`` after each
    page. A page's plain facts are written together, a table at a time (``repository.start_batch``). Then the stock
    figures' cross-section is built from the facts. Returns the number of events applied."""
    total = await repository.ledger_size(session)
    await repository.forget_facts(session)
    done, after = 0, 0
    repository.start_batch(session)
    try:
        while rows := await repository.ledger_page(session, after=after, limit=page):
            for row in rows:
                await apply(
                    session,
                    ReceivedEvent(
                        id=row.id, source=row.source, type=row.type, subject=row.subject, time=row.time, data=row.data
                    ),
                )
            await repository.write_batch(session)
            done += len(rows)
            after = rows[-1].sequence
            if progress is not None:
                progress(done, total)
    finally:
        repository.end_batch(session)
    await cross_section.build(session, today=today())
    return done
