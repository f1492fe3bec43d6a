"""Episodes from the other services' events, taken in through the signed inbox (:mod:`clients_api.timeline`),
which has already checked that the event names a client of the organisation it happened in, and that it is the
first delivery of that event.

- ``fi.polku.referral.completed.v1`` (referrals-api): a completed referral to an activating service is an episode
  of that service's type (``activating_service_type``, one of :class:`EpisodeType`; a referral to anything else
  carries none and makes no episode). It began when the partner accepted the referral (that event is on the
  client's timeline; ``started_on`` in the event overrides it) and ended the day it was completed; its provider is
  the partner organisation.
- ``fi.polku.subsidy.decided.v1`` (employer-api): a pay-subsidy decision (``kind`` ``pay_subsidy``, the default)
  is a pay-subsidised-work episode from ``starts_on`` to ``ends_on``, provided by the employer (``employer_id``,
  ``employer_name``). Other supports (a recruitment bonus) are no episode.
- ``fi.polku.subsidy.ended.v1``: the subsidised work ended on ``ended_on`` (earlier than decided): the episode's
  end moves there.

An event that lacks what an episode needs stays on the timeline only, and the log says why.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api import reactions
from clients_api.client.models import Client
from clients_api.episodes import repository
from clients_api.episodes.models import EpisodeOrigin, EpisodeType
from clients_api.episodes.service import announce, record_episode
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal, Role
from polku_kit.calendar import local_date, today
from polku_kit.inbox import ReceivedEvent

log = structlog.get_logger(__name__)

REFERRAL_COMPLETED = "fi.polku.referral.completed.v1"
SUBSIDY_DECIDED = "fi.polku.subsidy.decided.v1"
SUBSIDY_ENDED = "fi.polku.subsidy.ended.v1"
PAY_SUBSIDY = "pay_subsidy"
PURPOSE = "activating-service episode from another service's event"


class MissingFact(ValueError):
    """The event lacks, or has a malformed, field an episode needs."""


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise MissingFact(name)
    return value


def _day(data: dict[str, Any], name: str) -> date:
    try:
        return date.fromisoformat(_text(data, name))
    except ValueError:
        raise MissingFact(name) from None


def _optional_uuid(data: dict[str, Any], name: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(data[name])) if data.get(name) else None
    except ValueError:
        raise MissingFact(name) from None


def _sender(event: ReceivedEvent, client: Client) -> Principal:
    """The service whose event it was, as the actor of the audit record and the episode's recorder."""
    return Principal(subject=event.source, roles=frozenset({Role.service}), organisation_id=client.organisation_id)


async def _from_referral(session: AsyncSession, client: Client, event: ReceivedEvent, data: dict[str, Any]) -> None:
    if data.get("activating_service_type") is None:
        return  # a referral to a service that is no activating service
    try:
        type_ = EpisodeType(data["activating_service_type"])
    except ValueError:
        raise MissingFact("activating_service_type") from None
    referral_id = _text(data, "referral_id")
    ended = (
        _day(data, "completed_on") if data.get("completed_on") else local_date(event.time) if event.time else today()
    )
    if data.get("started_on"):
        started = _day(data, "started_on")
    else:
        accepted_at = await repository.referral_accepted_at(session, client_id=client.id, referral_id=referral_id)
        started = local_date(accepted_at) if accepted_at else ended
    await record_episode(
        session,
        client=client,
        actor=_sender(event, client),
        type=type_,
        starts_on=min(started, ended),
        ends_on=ended,
        provider_id=_optional_uuid(data, "partner_organisation_id"),
        provider_name=None,
        origin=EpisodeOrigin.referral,
        origin_id=referral_id,
    )


async def _from_subsidy(session: AsyncSession, client: Client, event: ReceivedEvent, data: dict[str, Any]) -> None:
    if data.get("kind", PAY_SUBSIDY) != PAY_SUBSIDY:
        return
    starts_on = _day(data, "starts_on")
    ends_on = _day(data, "ends_on") if data.get("ends_on") else None
    if ends_on is not None and ends_on < starts_on:
        raise MissingFact("ends_on")
    name = data.get("employer_name")
    await record_episode(
        session,
        client=client,
        actor=_sender(event, client),
        type=EpisodeType.pay_subsidised_work,
        starts_on=starts_on,
        ends_on=ends_on,
        provider_id=_optional_uuid(data, "employer_id"),
        provider_name=name[:200] if isinstance(name, str) and name else None,
        origin=EpisodeOrigin.pay_subsidy,
        origin_id=_text(data, "subsidy_id"),
    )


async def _subsidy_ended(session: AsyncSession, client: Client, event: ReceivedEvent, data: dict[str, Any]) -> None:
    episode = await repository.by_origin(
        session, origin=EpisodeOrigin.pay_subsidy, origin_id=_text(data, "subsidy_id"), for_update=True
    )
    if episode is None or episode.client_id != client.id:
        log.info("episode_end_without_episode", event_id=event.id)
        return
    ended_on = max(_day(data, "ended_on"), episode.starts_on)
    if episode.ends_on == ended_on:
        return
    first_end = episode.ends_on is None
    episode.ends_on = ended_on
    episode.version += 1
    await session.flush()
    await session.refresh(episode)
    await record(
        session,
        actor=_sender(event, client),
        action=AuditAction.update,
        resource_type="service_episode",
        resource_id=episode.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"ends_on": ended_on, "event_id": event.id},
    )
    await announce(session, client, episode, "ended" if first_end else "corrected")


HANDLERS = {REFERRAL_COMPLETED: _from_referral, SUBSIDY_DECIDED: _from_subsidy, SUBSIDY_ENDED: _subsidy_ended}


@reactions.on_event_taken_in
async def episode_from_event(session: AsyncSession, client: Client, event: ReceivedEvent) -> None:
    handler = HANDLERS.get(event.type)
    if handler is None or not isinstance(event.data, dict):
        return
    try:
        await handler(session, client, event, event.data)
    except MissingFact as missing:
        log.warning("episode_event_incomplete", event_id=event.id, event_type=event.type, field=str(missing))
