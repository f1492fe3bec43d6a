"""Recording a client's activating-service episodes, by a coach or from another service's event, with their audit
records and events. Every episode is announced when it starts and when its end is recorded, with what metrics
counts by (type, dates, municipality, age band), never a name or an identity code."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import PURPOSE, client_in_scope
from clients_api.client.models import Client
from clients_api.client.target_groups import age_band
from clients_api.episodes import repository
from clients_api.episodes.models import EpisodeOrigin, EpisodeType, ServiceEpisode
from clients_api.episodes.schemas import EpisodeCreate, EpisodeRead, EpisodeUpdate
from polku_kit import versioning
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.calendar import today
from polku_kit.errors import Conflict, FieldError, NotFound, Unprocessable
from polku_kit.outbox import emit

SOURCE = "/polku/clients-api"


class EpisodeNotFound(NotFound):
    slug = "episode-not-found"
    title = "Service episode not found"


class EpisodeExists(Conflict):
    slug = "episode-exists"
    title = "The client already has an episode of this type starting that day"


class EpisodeChanged(versioning.RecordChanged):
    slug = "episode-changed"
    title = "The episode was changed by someone else"


def read_model(episode: ServiceEpisode, day: date | None = None) -> EpisodeRead:
    day = day or today()
    return EpisodeRead.model_validate(
        {
            **{name: getattr(episode, name) for name in EpisodeRead.model_fields if name != "ongoing"},
            "ongoing": episode.starts_on <= day and (episode.ends_on is None or day <= episode.ends_on),
        }
    )


def _current(client: Client, episode: ServiceEpisode) -> str:
    return f"/v1/clients/{client.id}/episodes/{episode.id}"


async def announce(session: AsyncSession, client: Client, episode: ServiceEpisode, happened: str) -> None:
    """``fi.polku.client.episode_<happened>.v1``: started, ended or corrected."""
    await emit(
        session,
        type=f"fi.polku.client.episode_{happened}.v1",
        subject=f"clients/{client.id}",
        source=SOURCE,
        audience=[client.organisation_id],
        data={
            "client_id": str(client.id),
            "episode_id": str(episode.id),
            "organisation_id": str(client.organisation_id),
            "type": episode.type,
            "starts_on": episode.starts_on.isoformat(),
            "ends_on": episode.ends_on.isoformat() if episode.ends_on else None,
            "origin": episode.origin,
            "home_municipality": client.home_municipality,
            "age_band": age_band(client.birth_date, episode.starts_on),
        },
    )


async def record_episode(
    session: AsyncSession,
    *,
    client: Client,
    actor: Principal,
    type: EpisodeType,
    starts_on: date,
    ends_on: date | None,
    provider_id: uuid.UUID | None,
    provider_name: str | None,
    origin: EpisodeOrigin,
    origin_id: str | None,
) -> ServiceEpisode | None:
    """Store a new episode, audit it and announce it; None if the client has one of the same type starting that
    day, or one from the same referral or decision, already."""
    episode = await repository.add_once(
        session,
        {
            "client_id": client.id,
            "organisation_id": client.organisation_id,
            "type": type,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "provider_id": provider_id,
            "provider_name": provider_name,
            "origin": origin,
            "origin_id": origin_id,
            "recorded_by": actor.subject,
        },
    )
    if episode is None:
        return None
    await record(
        session,
        actor=actor,
        action=AuditAction.create,
        resource_type="service_episode",
        resource_id=episode.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"type": episode.type, "origin": episode.origin},
    )
    await announce(session, client, episode, "started")
    if episode.ends_on is not None:
        await announce(session, client, episode, "ended")
    return episode


async def list_for_client(*, session: AsyncSession, principal: Principal, client_id: uuid.UUID) -> list[EpisodeRead]:
    client = await client_in_scope(session, principal, client_id)
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="service_episode",
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    day = today()
    return [read_model(row, day) for row in await repository.for_client(session, client_id=client.id)]


async def read(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, episode_id: uuid.UUID
) -> EpisodeRead:
    client = await client_in_scope(session, principal, client_id)
    episode = await repository.get(session, client_id=client.id, episode_id=episode_id)
    if episode is None:
        raise EpisodeNotFound(f"No episode {episode_id} for this client")
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="service_episode",
        resource_id=episode.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    return read_model(episode)


async def create(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: EpisodeCreate
) -> EpisodeRead:
    client = await client_in_scope(session, principal, client_id)
    episode = await record_episode(
        session,
        client=client,
        actor=principal,
        type=data.type,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        provider_id=data.provider_id,
        provider_name=data.provider_name,
        origin=EpisodeOrigin.coach,
        origin_id=None,
    )
    if episode is None:
        raise EpisodeExists(f"The client already has a {data.type} episode starting on {data.starts_on.isoformat()}")
    return read_model(episode)


async def update(
    *,
    session: AsyncSession,
    principal: Principal,
    client_id: uuid.UUID,
    episode_id: uuid.UUID,
    data: EpisodeUpdate,
    if_match: str | None,
) -> EpisodeRead:
    """Correct an episode or record its end. The first end recorded is announced as ``episode_ended``, every
    other change as ``episode_corrected`` (with all its facts, so a reader keeps the last)."""
    client = await client_in_scope(session, principal, client_id)
    episode = await repository.get(session, client_id=client.id, episode_id=episode_id, for_update=True)
    if episode is None:
        raise EpisodeNotFound(f"No episode {episode_id} for this client")
    versioning.check(episode, if_match, current=_current(client, episode), changed=EpisodeChanged)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("starts_on", episode.starts_on) is None:
        raise Unprocessable(
            "An episode has a start",
            errors=[FieldError(field="body.starts_on", message="cannot be removed", code="required").model_dump()],
        )
    starts_on = changes.get("starts_on", episode.starts_on)
    ends_on = changes.get("ends_on", episode.ends_on)
    if ends_on is not None and ends_on < starts_on:
        raise Unprocessable(
            "The episode would end before it starts",
            errors=[
                FieldError(field="body.ends_on", message="is before starts_on", code="ends_before_start").model_dump()
            ],
        )
    ended_now = episode.ends_on is None and ends_on is not None
    before = {name: getattr(episode, name) for name in changes}
    for name, value in changes.items():
        setattr(episode, name, value)
    episode.version += 1
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError:  # the unique start of a type: another episode of this type starts that day
        raise EpisodeExists(f"The client already has a {episode.type} episode starting on {starts_on}") from None
    await session.refresh(episode)  # updated_at is the database's
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="service_episode",
        resource_id=episode.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"changed": {name: {"from": before[name], "to": changes[name]} for name in changes}},
    )
    await announce(session, client, episode, "ended" if ended_now else "corrected")
    return read_model(episode)
