"""``/v1/teams/{team_id}/initial-service``, ``/v1/handovers`` and ``/v1/clients/{client_id}/handovers``: the
initial-service teams, routing their clients to personal coaches, and the hand-over tasks of both sides."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from clients_api.access.dependencies import Staff
from clients_api.handover import service
from clients_api.handover.schemas import (
    NO_NUL,
    HandoverCreate,
    HandoverRead,
    HandoverTask,
    InitialServiceRead,
    InitialServiceWrite,
    RoutingRequest,
    Side,
)
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.idempotency import IdempotencyDep

Manager = Annotated[Principal, Depends(require_roles(Role.manager, Role.admin))]

team_router = APIRouter(
    prefix="/teams/{team_id}/initial-service", tags=["hand-overs"], responses=problem_responses(401, 403, 404)
)
handover_router = APIRouter(prefix="/handovers", tags=["hand-overs"], responses=problem_responses(401, 403))
client_router = APIRouter(
    prefix="/clients/{client_id}/handovers", tags=["hand-overs"], responses=problem_responses(401, 403, 404)
)


@team_router.get("", response_model=InitialServiceRead, summary="Whether the team is an initial-service team")
async def read_initial_service(team_id: uuid.UUID, session: SessionDep, principal: Staff) -> InitialServiceRead:
    return await service.read_initial_service(session=session, principal=principal, team_id=team_id)


@team_router.put(
    "",
    response_model=InitialServiceRead,
    responses=problem_responses(422),
    summary="Mark or unmark the team as the initial-service team of the first three months (managers, admins)",
)
async def set_initial_service(
    team_id: uuid.UUID, data: InitialServiceWrite, session: SessionDep, principal: Manager
) -> InitialServiceRead:
    return await service.set_initial_service(session=session, principal=principal, team_id=team_id, data=data)


@handover_router.post(
    "/routing",
    response_model=list[HandoverRead],
    responses=problem_responses(422),
    summary="Route the clients whose initial service ends soon to personal coaches (managers, admins)",
)
async def route_handovers(data: RoutingRequest, session: SessionDep, principal: Manager) -> list[HandoverRead]:
    return await service.route(session=session, principal=principal, lead_days=data.lead_days)


@handover_router.get(
    "",
    response_model=list[HandoverTask],
    responses=problem_responses(422),
    summary="Open hand-overs of a coach: coming to them (incoming) or leaving them and their teams (outgoing)",
)
async def list_handovers(
    session: SessionDep,
    principal: Staff,
    side: Annotated[Side, Query(description="The hand-overs coming to the coach, or those leaving")] = Side.incoming,
    coach: Annotated[
        str | None,
        Query(min_length=1, max_length=200, pattern=NO_NUL, description="A coach's subject; default: yourself"),
    ] = None,
) -> list[HandoverTask]:
    return await service.tasks(session=session, principal=principal, side=side, coach_subject=coach)


@handover_router.post(
    "/{handover_id}/complete",
    response_model=HandoverRead,
    responses=problem_responses(404, 409),
    summary="The hand-over is done: the client is assigned to the personal coach",
)
async def complete_handover(handover_id: uuid.UUID, session: SessionDep, principal: Staff) -> HandoverRead:
    return await service.complete(session=session, principal=principal, handover_id=handover_id)


@client_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=HandoverRead,
    responses=problem_responses(409, 422),
    summary="Hand the client over to a named personal coach now",
)
async def create_handover(
    client_id: uuid.UUID, data: HandoverCreate, session: SessionDep, principal: Staff, idempotency: IdempotencyDep
) -> HandoverRead:
    created = await service.create(session=session, principal=principal, client_id=client_id, data=data)
    return await idempotency.remember(created, status_code=status.HTTP_201_CREATED)
