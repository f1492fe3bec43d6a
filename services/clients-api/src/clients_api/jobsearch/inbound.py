"""Job applications from employer-api's job offers, taken in through the signed inbox (:mod:`clients_api.timeline`),
which has already checked that the event names a client of the organisation it happened in, and that it is the
first delivery of that event.

An offer counts toward the client's job-search obligation when the client applies. ``fi.polku.job_offer.outcome.v1``
says so with ``counts_toward_job_search`` (the outcome ``applied``, and the later ``hired`` or ``not_hired`` of the
same offer): the offer becomes one job application of the kind ``assigned_vacancy`` (*haettavaksi osoitettu
työpaikka*) in the client's open job-search period, applied for on the day the outcome was recorded
(``recorded_on``, Finnish time), at the employer (``employer_name``), for the vacancy's occupation
(``occupation_code``, its ISCO-08 name the position). The offer's id is the key: a later outcome of the same offer,
or the same outcome sent again as a new event, changes nothing. The application is reported by the person who
recorded the outcome (``recorded_by``, with the name the event's actor carries); the audit record names them as the
actor and employer-api as the channel.

A coach who reported the offered vacancy by hand first (an assigned vacancy at the same employer, applied for in
the open period by the outcome's day, naming no offer) has reported this application: that report becomes the
offer's, and nothing is added (decision 58). The other way round is refused where the report is made
(:mod:`clients_api.jobsearch.service`).

With no open job-search period, or an outcome recorded before the open one began, there is no obligation it could
count toward: the event stays on the timeline only, and the log says why. So does an event that lacks a fact the
application needs.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api import reactions
from clients_api.access.service import PURPOSE
from clients_api.client.models import Client
from clients_api.jobsearch import repository
from clients_api.jobsearch.models import ApplicationKind, JobApplication
from clients_api.jobsearch.service import add_application, employer_key
from polku_classifications import isco08
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.calendar import local_date, today
from polku_kit.inbox import ReceivedEvent

log = structlog.get_logger(__name__)

JOB_OFFER_OUTCOME = "fi.polku.job_offer.outcome.v1"
TEXT_LIMIT = 300  # as a reported application's employer and position


class MissingFact(ValueError):
    """The event lacks, or has a malformed, field the application needs."""


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise MissingFact(name)
    return value.strip()


def _day(event: ReceivedEvent, data: dict[str, Any]) -> date:
    if data.get("recorded_on") is None:
        return local_date(event.time) if event.time else today()
    try:
        return date.fromisoformat(_text(data, "recorded_on"))
    except ValueError:
        raise MissingFact("recorded_on") from None


def _offer_id(data: dict[str, Any]) -> uuid.UUID:
    try:
        return uuid.UUID(_text(data, "job_offer_id"))
    except ValueError:
        raise MissingFact("job_offer_id") from None


def _person(event: ReceivedEvent, data: dict[str, Any], client: Client) -> Principal:
    """Who recorded the outcome, with their name and organisation as the event's actor carries them."""
    subject = _text(data, "recorded_by")
    actor = event.actor if event.actor is not None and event.actor.subject == subject else None
    return Principal(
        subject=subject,
        organisation_id=client.organisation_id,
        name=actor.name if actor else None,
        organisation_name=actor.organisation_name if actor else None,
    )


@reactions.on_event_taken_in
async def application_from_job_offer(session: AsyncSession, client: Client, event: ReceivedEvent) -> None:
    if event.type != JOB_OFFER_OUTCOME or not isinstance(event.data, dict):
        return
    if event.data.get("counts_toward_job_search") is not True:
        return
    try:
        await _record(session, client, event, event.data)
    except MissingFact as missing:
        log.warning("job_offer_outcome_incomplete", event_id=event.id, field=str(missing))


async def _record(session: AsyncSession, client: Client, event: ReceivedEvent, data: dict[str, Any]) -> None:
    offer_id = _offer_id(data)
    applied_on = _day(event, data)
    person = _person(event, data, client)
    employer = _text(data, "employer_name")[:TEXT_LIMIT]
    occupation = isco08.get(str(data.get("occupation_code") or ""))
    position = occupation.fi if occupation else _text(data, "occupation_code")
    # Outcomes of one client take turns: two outcomes of one offer arriving at once make one application.
    await repository.lock_client(session, client_id=client.id)
    if await repository.application_from_offer(session, job_offer_id=offer_id) is not None:
        return
    period = await repository.open_search_period(session, client_id=client.id)
    if period is None or applied_on < period.started_on:
        log.info("job_offer_application_outside_a_job_search", event_id=event.id, job_offer_id=str(offer_id))
        return
    # The coach may have reported the offered vacancy by hand already, without naming the offer: that report
    # becomes the offer's application (counted once), instead of a second one.
    key = employer_key(employer)
    reported = next(
        (
            row
            for row in await repository.applications(session, client_id=client.id)
            if row.job_offer_id is None
            and row.kind == ApplicationKind.assigned_vacancy.value
            and employer_key(row.employer) == key
            and period.started_on <= row.applied_on <= applied_on
        ),
        None,
    )
    if reported is not None:
        reported.job_offer_id = offer_id
        await session.flush()
        await record(
            session,
            actor=person,
            action=AuditAction.update,
            resource_type="job_application",
            resource_id=reported.id,
            data_subject_id=client.id,
            purpose=PURPOSE,
            details={"channel": event.source, "event_id": event.id, "job_offer_id": offer_id, "merged": True},
        )
        log.info("job_offer_application_merged", event_id=event.id, job_offer_id=str(offer_id))
        return
    row = JobApplication(
        client_id=client.id,
        applied_on=applied_on,
        kind=ApplicationKind.assigned_vacancy.value,
        employer=employer,
        position=position[:TEXT_LIMIT],
        occupation=occupation.code if occupation else None,
        reported_by=person.subject,
        job_offer_id=offer_id,
    )
    await add_application(
        session,
        actor=person,
        client=client,
        row=row,
        audit_details={"channel": event.source, "event_id": event.id, "job_offer_id": offer_id},
    )
