"""``/v1/teams``, ``/v1/clients/{client_id}/assignments``, ``/v1/clients/{client_id}/waiting-on``,
``/v1/caseload``, ``/v1/caseloads`` and ``/v1/saved-filters``. Staff of the employment authority only."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response, status

from clients_api.access.dependencies import Staff
from clients_api.caseload import service
from clients_api.caseload.filters import MorningFilter
from clients_api.caseload.schemas import (
    NO_NUL,
    AssignmentCreate,
    AssignmentRead,
    CaseloadSizes,
    CaseloadView,
    CoachRead,
    MemberCreate,
    SavedFilterRead,
    SavedFilterWrite,
    TeamCreate,
    TeamRead,
    WaitingOnRead,
    WaitingOnUpdate,
)
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.idempotency import IdempotencyDep

TeamManager = Annotated[Principal, Depends(require_roles(Role.manager, Role.admin))]
CoachSubject = Annotated[
    str,
    Path(min_length=1, max_length=200, pattern=NO_NUL, description="The coach's subject (claim `sub` of their token)"),
]

team_router = APIRouter(prefix="/teams", tags=["caseloads"], responses=problem_responses(401, 403))
coach_router = APIRouter(prefix="/coaches", tags=["caseloads"], responses=problem_responses(401, 403))


@coach_router.get(
    "",
    response_model=list[CoachRead],
    summary="The organisation's coaches by name, to add to a team (managers and admins)",
)
async def list_coaches(session: SessionDep, principal: TeamManager) -> list[CoachRead]:
    return await service.list_coaches(session=session, principal=principal)


@team_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=TeamRead,
    responses=problem_responses(409, 422),
    summary="Create a team of coaches (managers and admins)",
)
async def create_team(
    data: TeamCreate, session: SessionDep, principal: TeamManager, idempotency: IdempotencyDep
) -> TeamRead:
    created = await service.create_team(session=session, principal=principal, data=data)
    return await idempotency.remember(created, status_code=status.HTTP_201_CREATED)


@team_router.get("", response_model=list[TeamRead], summary="The organisation's teams with their members")
async def list_teams(session: SessionDep, principal: Staff) -> list[TeamRead]:
    return await service.list_teams(session=session, principal=principal)


@team_router.get(
    "/{team_id}", response_model=TeamRead, responses=problem_responses(404), summary="One team with its members"
)
async def read_team(team_id: uuid.UUID, session: SessionDep, principal: Staff) -> TeamRead:
    return await service.read_team(session=session, principal=principal, team_id=team_id)


@team_router.post(
    "/{team_id}/members",
    status_code=status.HTTP_201_CREATED,
    response_model=TeamRead,
    responses=problem_responses(404, 409, 422),
    summary="Add a coach to the team",
)
async def add_team_member(
    team_id: uuid.UUID, data: MemberCreate, session: SessionDep, principal: TeamManager, idempotency: IdempotencyDep
) -> TeamRead:
    added = await service.add_member(session=session, principal=principal, team_id=team_id, data=data)
    return await idempotency.remember(added, status_code=status.HTTP_201_CREATED)


@team_router.delete(
    "/{team_id}/members/{coach_subject}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problem_responses(404, 422),
    summary="Remove a coach from the team (their clients stay theirs)",
)
async def remove_team_member(
    team_id: uuid.UUID, coach_subject: CoachSubject, session: SessionDep, principal: TeamManager
) -> Response:
    await service.remove_member(session=session, principal=principal, team_id=team_id, coach_subject=coach_subject)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


client_router = APIRouter(prefix="/clients/{client_id}", tags=["caseloads"], responses=problem_responses(401, 403, 404))


@client_router.post(
    "/assignments",
    status_code=status.HTTP_201_CREATED,
    response_model=AssignmentRead,
    responses=problem_responses(409, 422),
    summary="Assign the client to a coach (and team), reassign, or unassign; kept in the history",
)
async def assign_client(
    client_id: uuid.UUID, data: AssignmentCreate, session: SessionDep, principal: Staff, idempotency: IdempotencyDep
) -> AssignmentRead:
    assigned = await service.assign(session=session, principal=principal, client_id=client_id, data=data)
    return await idempotency.remember(assigned, status_code=status.HTTP_201_CREATED)


@client_router.get(
    "/assignments",
    response_model=list[AssignmentRead],
    summary="Who has been the client's coach and team, oldest first",
)
async def list_assignments(client_id: uuid.UUID, session: SessionDep, principal: Staff) -> list[AssignmentRead]:
    return await service.assignment_history(session=session, principal=principal, client_id=client_id)


@client_router.put(
    "/waiting-on",
    response_model=WaitingOnRead,
    responses=problem_responses(422),
    summary="Set whom the next step waits for (the client or us), or clear it",
)
async def set_waiting_on(
    client_id: uuid.UUID, data: WaitingOnUpdate, session: SessionDep, principal: Staff
) -> WaitingOnRead:
    return await service.set_waiting_on(session=session, principal=principal, client_id=client_id, data=data)


caseload_router = APIRouter(tags=["caseloads"], responses=problem_responses(401, 403))


@caseload_router.get(
    "/caseload",
    response_model=CaseloadView,
    responses=problem_responses(404, 422),
    summary="A caseload for the morning: clients matching every filter given, overdue first, with counts",
)
async def read_caseload(
    session: SessionDep,
    principal: Staff,
    filters: Annotated[
        list[MorningFilter],
        Query(
            alias="filter",
            max_length=len(MorningFilter),
            description="Only clients matching every one of these (repeat the parameter); none: the whole caseload",
        ),
    ] = [],  # noqa: B006
    coach: Annotated[
        str | None, Query(max_length=200, pattern=NO_NUL, description="A coach's subject; default: yourself")
    ] = None,
    team_id: Annotated[uuid.UUID | None, Query(description="A team of your organisation instead of a coach")] = None,
) -> CaseloadView:
    return await service.caseload_view(
        session=session, principal=principal, coach=coach, team_id=team_id, filters=filters
    )


@caseload_router.get(
    "/caseloads",
    response_model=CaseloadSizes,
    summary="Caseload size per coach and per team of your organisation (coaches see them too, to balance work)",
)
async def read_caseload_sizes(session: SessionDep, principal: Staff) -> CaseloadSizes:
    return await service.caseload_sizes(session=session, principal=principal)


saved_router = APIRouter(prefix="/saved-filters", tags=["caseloads"], responses=problem_responses(401, 403))


@saved_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=SavedFilterRead,
    responses=problem_responses(409, 422),
    summary="Save a named set of caseload filters for yourself",
)
async def create_saved_filter(
    data: SavedFilterWrite, session: SessionDep, principal: Staff, idempotency: IdempotencyDep
) -> SavedFilterRead:
    saved = await service.create_saved_filter(session=session, principal=principal, data=data)
    return await idempotency.remember(saved, status_code=status.HTTP_201_CREATED)


@saved_router.get("", response_model=list[SavedFilterRead], summary="Your saved filters (nobody else sees them)")
async def list_saved_filters(session: SessionDep, principal: Staff) -> list[SavedFilterRead]:
    return await service.list_saved_filters(session=session, principal=principal)


@saved_router.get(
    "/{filter_id}",
    response_model=SavedFilterRead,
    responses=problem_responses(404),
    summary="One of your saved filters",
)
async def read_saved_filter(filter_id: uuid.UUID, session: SessionDep, principal: Staff) -> SavedFilterRead:
    return await service.read_saved_filter(session=session, principal=principal, filter_id=filter_id)


@saved_router.put(
    "/{filter_id}",
    response_model=SavedFilterRead,
    responses=problem_responses(404, 409, 422),
    summary="Rename a saved filter or replace its parameters (409: you have another of that name)",
)
async def replace_saved_filter(
    filter_id: uuid.UUID, data: SavedFilterWrite, session: SessionDep, principal: Staff
) -> SavedFilterRead:
    return await service.replace_saved_filter(session=session, principal=principal, filter_id=filter_id, data=data)


@saved_router.delete(
    "/{filter_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problem_responses(404),
    summary="Delete one of your saved filters",
)
async def delete_saved_filter(filter_id: uuid.UUID, session: SessionDep, principal: Staff) -> Response:
    await service.delete_saved_filter(session=session, principal=principal, filter_id=filter_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
