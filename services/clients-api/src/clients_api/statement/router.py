"""``/v1/clients/{client_id}/statements`` (draft, edit, hearing, issue, versions) and ``/v1/statements`` (a
coach's statements with their processing time). Staff of the employment authority only."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from clients_api.access.dependencies import Staff
from clients_api.statement import service
from clients_api.statement.schemas import (
    CoachStatements,
    HearingCreate,
    IssueCreate,
    StatementCreate,
    StatementRead,
    StatementUpdate,
    StatementVersionRead,
)
from polku_kit import versioning
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.idempotency import IdempotencyDep
from polku_kit.versioning import IfMatch

router = APIRouter(
    prefix="/clients/{client_id}/statements", tags=["statements"], responses=problem_responses(401, 403, 404)
)
coach_router = APIRouter(prefix="/statements", tags=["statements"], responses=problem_responses(401, 403))

EDIT_ERRORS = problem_responses(409, 412, 422, 428)


def _tagged(response: Response, statement: StatementRead) -> StatementRead:
    response.headers["ETag"] = versioning.etag(statement)
    return statement


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=StatementRead,
    responses=problem_responses(409, 422),
    summary="Draft a labour-policy statement about a neglect; the consequence follows the rules of its day",
)
async def draft_statement(
    client_id: uuid.UUID,
    data: StatementCreate,
    session: SessionDep,
    principal: Staff,
    response: Response,
    idempotency: IdempotencyDep,
) -> StatementRead:
    created = await service.draft(session=session, principal=principal, client_id=client_id, data=data)
    _tagged(response, created)
    return await idempotency.remember(created, status_code=status.HTTP_201_CREATED)


@router.get("", response_model=list[StatementRead], summary="The client's statements, the latest neglect first")
async def list_statements(client_id: uuid.UUID, session: SessionDep, principal: Staff) -> list[StatementRead]:
    return await service.list_for_client(session=session, principal=principal, client_id=client_id)


@router.get("/{statement_id}", response_model=StatementRead, summary="One statement; its ETag is what a change sends")
async def read_statement(
    client_id: uuid.UUID, statement_id: uuid.UUID, session: SessionDep, principal: Staff, response: Response
) -> StatementRead:
    found = await service.read(session=session, principal=principal, client_id=client_id, statement_id=statement_id)
    return _tagged(response, found)


@router.patch(
    "/{statement_id}",
    response_model=StatementRead,
    responses=EDIT_ERRORS,
    summary="Edit a statement not yet issued (If-Match)",
)
async def update_statement(
    client_id: uuid.UUID,
    statement_id: uuid.UUID,
    data: StatementUpdate,
    session: SessionDep,
    principal: Staff,
    response: Response,
    if_match: IfMatch = None,
) -> StatementRead:
    changed = await service.update(
        session=session,
        principal=principal,
        client_id=client_id,
        statement_id=statement_id,
        data=data,
        if_match=if_match,
    )
    return _tagged(response, changed)


@router.post(
    "/{statement_id}/hearing",
    response_model=StatementRead,
    responses=EDIT_ERRORS,
    summary="Record the client's account and the day it was given (If-Match)",
)
async def hear_client(
    client_id: uuid.UUID,
    statement_id: uuid.UUID,
    data: HearingCreate,
    session: SessionDep,
    principal: Staff,
    response: Response,
    if_match: IfMatch = None,
) -> StatementRead:
    changed = await service.hear(
        session=session,
        principal=principal,
        client_id=client_id,
        statement_id=statement_id,
        data=data,
        if_match=if_match,
    )
    return _tagged(response, changed)


@router.post(
    "/{statement_id}/issue",
    response_model=StatementRead,
    responses=EDIT_ERRORS,
    summary="Issue the statement to Kela or the unemployment fund (If-Match); announces statement.issued",
)
async def issue_statement(
    client_id: uuid.UUID,
    statement_id: uuid.UUID,
    data: IssueCreate,
    session: SessionDep,
    principal: Staff,
    response: Response,
    if_match: IfMatch = None,
) -> StatementRead:
    changed = await service.issue(
        session=session,
        principal=principal,
        client_id=client_id,
        statement_id=statement_id,
        data=data,
        if_match=if_match,
    )
    return _tagged(response, changed)


@router.get(
    "/{statement_id}/versions",
    response_model=list[StatementVersionRead],
    summary="Every version of the statement, oldest first, with who made it",
)
async def list_statement_versions(
    client_id: uuid.UUID, statement_id: uuid.UUID, session: SessionDep, principal: Staff
) -> list[StatementVersionRead]:
    return await service.history(session=session, principal=principal, client_id=client_id, statement_id=statement_id)


@coach_router.get(
    "",
    response_model=CoachStatements,
    responses=problem_responses(422),
    summary="A coach's statements: pending ones by days waited, issued ones by processing time",
)
async def list_coach_statements(
    session: SessionDep,
    principal: Staff,
    coach: Annotated[
        str | None, Query(min_length=1, max_length=200, pattern=r"^[^\x00]*$", description="Default: the caller")
    ] = None,
    include_issued: Annotated[
        bool, Query(description="true: the issued statements too, after the pending (drafted or heard) ones")
    ] = False,
) -> CoachStatements:
    return await service.of_coach(
        session=session, principal=principal, coach_subject=coach, include_issued=include_issued
    )
