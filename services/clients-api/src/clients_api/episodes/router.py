"""``/v1/clients/{client_id}/episodes``: the client's activating-service episodes, for staff within reach."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

import clients_api.episodes.inbound  # noqa: F401  (episodes from the other services' events)
from clients_api.access.dependencies import Staff
from clients_api.episodes import service
from clients_api.episodes.schemas import EpisodeCreate, EpisodeRead, EpisodeUpdate
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.idempotency import IdempotencyDep
from polku_kit.versioning import IfMatch

router = APIRouter(
    prefix="/clients/{client_id}/episodes", tags=["episodes"], responses=problem_responses(401, 403, 404)
)


def _etag(episode: EpisodeRead) -> str:
    return f'"v{episode.version}"'


@router.get("", response_model=list[EpisodeRead], summary="The client's activating-service episodes, latest first")
async def list_episodes(client_id: uuid.UUID, session: SessionDep, principal: Staff) -> list[EpisodeRead]:
    return await service.list_for_client(session=session, principal=principal, client_id=client_id)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=EpisodeRead,
    responses=problem_responses(409, 422),
    summary="Record an activating-service episode (a second one of the same type and start is a 409)",
)
async def create_episode(
    client_id: uuid.UUID,
    data: EpisodeCreate,
    session: SessionDep,
    principal: Staff,
    idempotency: IdempotencyDep,
    response: Response,
) -> EpisodeRead:
    created = await service.create(session=session, principal=principal, client_id=client_id, data=data)
    response.headers["ETag"] = _etag(created)
    return await idempotency.remember(created, status_code=status.HTTP_201_CREATED)


@router.get(
    "/{episode_id}",
    response_model=EpisodeRead,
    summary="One episode; its ETag is what a change must send back in If-Match",
)
async def read_episode(
    client_id: uuid.UUID, episode_id: uuid.UUID, session: SessionDep, principal: Staff, response: Response
) -> EpisodeRead:
    found = await service.read(session=session, principal=principal, client_id=client_id, episode_id=episode_id)
    response.headers["ETag"] = _etag(found)
    return found


@router.patch(
    "/{episode_id}",
    response_model=EpisodeRead,
    responses=problem_responses(409, 412, 422, 428),
    summary="Correct an episode or record its end (If-Match: the ETag of the version edited)",
)
async def update_episode(
    client_id: uuid.UUID,
    episode_id: uuid.UUID,
    data: EpisodeUpdate,
    session: SessionDep,
    principal: Staff,
    response: Response,
    if_match: IfMatch = None,
) -> EpisodeRead:
    changed = await service.update(
        session=session, principal=principal, client_id=client_id, episode_id=episode_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = _etag(changed)
    return changed
