"""A statement request's lifecycle (*lausuntopyyntö*, 380/2023 ch. 11): the national system asks for a labour
policy statement about a job seeker; it is the coach's task (``pending``) until a statement is drafted for it
(``drafted``, linked), closed when that statement is issued (``issued``, its national id in the
``fi.polku.statement.issued.v1`` event), or declined by the coach with a reason (``declined``, announced as
``fi.polku.statement_request.declined.v1``). Every read and change is audited."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import PURPOSE, client_in_scope
from clients_api.client.models import Client
from clients_api.platform import repository
from clients_api.platform.models import OPEN_STATEMENT_REQUEST, PlatformStatementRequest, StatementRequestStatus
from clients_api.platform.schemas import StatementRequestRead
from polku_kit import versioning
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.errors import Conflict, FieldError, NotFound, PreconditionFailed, Unprocessable
from polku_kit.outbox import emit

RESOURCE_TYPE = "platform_statement_request"
DECLINED = "fi.polku.statement_request.declined.v1"


class StatementRequestNotFound(NotFound):
    slug = "statement-request-not-found"
    title = "Statement request not found"


class StatementRequestClosed(Conflict):
    slug = "statement-request-closed"
    title = "The statement request is closed"


class StatementRequestAnswered(Conflict):
    slug = "statement-request-answered"
    title = "A statement is drafted for the request already"


class StatementRequestChanged(PreconditionFailed):
    slug = "statement-request-changed"
    title = "The statement request was changed by someone else"


def _url(request: PlatformStatementRequest) -> str:
    return f"/v1/platform/statement-requests/{request.id}"


async def _audit(
    session: AsyncSession, principal: Principal, request: PlatformStatementRequest, **details: object
) -> None:
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type=RESOURCE_TYPE,
        resource_id=request.id,
        data_subject_id=request.client_id,
        purpose=PURPOSE,
        details=dict(details),
    )


def _close(request: PlatformStatementRequest, principal: Principal, status: StatementRequestStatus) -> None:
    request.status = status.value
    request.closed_at = datetime.now(UTC)
    request.closed_by, request.closed_by_name = principal.subject, principal.name
    versioning.bump(request)


async def link_to_statement(
    session: AsyncSession, *, principal: Principal, client: Client, request_id: uuid.UUID, statement_id: uuid.UUID
) -> None:
    """The statement just drafted answers the client's request: 422 when the client has no such request, 409 when
    it is closed or answered by another statement."""
    request = await repository.statement_request(
        session, organisation_id=client.organisation_id, request_id=request_id, lock=True
    )
    if request is None or request.client_id != client.id:
        message = "the client has no statement request with this id"
        raise Unprocessable(
            message,
            errors=[FieldError(field="body.platform_request_id", message=message, code="unknown").model_dump()],
        )
    if request.status not in OPEN_STATEMENT_REQUEST:
        raise StatementRequestClosed(f"The request is {request.status}")
    if request.statement_id is not None:
        raise StatementRequestAnswered(f"Statement {request.statement_id} answers the request")
    request.statement_id, request.status = statement_id, StatementRequestStatus.drafted.value
    versioning.bump(request)
    await _audit(session, principal, request, linked_statement=str(statement_id))


async def close_for_issued(session: AsyncSession, *, principal: Principal, statement_id: uuid.UUID) -> list[str]:
    """The issued statement closes the requests it answers; their national ids, for the outbound event."""
    requests = await repository.statement_requests_of(session, statement_id=statement_id)
    for request in requests:
        _close(request, principal, StatementRequestStatus.issued)
        await _audit(session, principal, request, closed="issued", statement=str(statement_id))
    return [request.request_id for request in requests]


async def decline(
    *, session: AsyncSession, principal: Principal, request_id: uuid.UUID, reason: str, if_match: str | None
) -> StatementRequestRead:
    """The coach who reaches the client declines to give a statement, with a reason (If-Match: the request's
    version). A statement drafted for it stays a draft of its own."""
    request = await repository.statement_request(
        session, organisation_id=principal.organisation(), request_id=request_id, lock=True
    )
    if request is None or request.client_id is None:
        raise StatementRequestNotFound(f"No statement request {request_id}")
    client = await client_in_scope(session, principal, request.client_id)
    versioning.check(request, if_match, current=_url(request), changed=StatementRequestChanged)
    if request.status not in OPEN_STATEMENT_REQUEST:
        raise StatementRequestClosed(f"The request is {request.status}")
    request.decline_reason = reason
    _close(request, principal, StatementRequestStatus.declined)
    await _audit(session, principal, request, closed="declined")
    await session.flush()
    # For the national platform: its own id of the request and the reason; no names, no identity code.
    await emit(
        session,
        type=DECLINED,
        subject=f"statement-requests/{request.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={
            "request_id": request.request_id,
            "organisation_id": str(client.organisation_id),
            "requester": request.requester,
            "declined_on": request.closed_at.date().isoformat() if request.closed_at else None,
            "reason": reason,
        },
    )
    return StatementRequestRead.model_validate(request)


async def list_for_client(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID
) -> list[StatementRequestRead]:
    """Every statement request of a client the caller reaches, the latest first (audited)."""
    client = await client_in_scope(session, principal, client_id)
    rows = await repository.client_statement_requests(session, client_id=client.id)
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type=RESOURCE_TYPE,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"requests": len(rows)},
    )
    return [StatementRequestRead.model_validate(row) for row in rows]
