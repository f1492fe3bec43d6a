"""Queries of the platform's job seekers: the person's row (made on first word, locked for the event's
handling), the client's latest job-search period, the duty clearance, and the statement requests."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import Client
from clients_api.jobsearch.models import JobSearchPeriod
from clients_api.platform.models import OPEN_STATEMENT_REQUEST, PlatformJobSeeker, PlatformStatementRequest
from clients_api.schedule.models import DutyClearance


async def person(session: AsyncSession, *, organisation_id: uuid.UUID, identity_hash: str) -> PlatformJobSeeker:
    """The person's row, made if new, locked until the transaction ends (one person's events take turns)."""
    await session.execute(
        insert(PlatformJobSeeker)
        .values(organisation_id=organisation_id, identity_code_hash=identity_hash)
        .on_conflict_do_nothing(index_elements=["organisation_id", "identity_code_hash"])
    )
    found = await session.scalar(
        select(PlatformJobSeeker)
        .where(
            PlatformJobSeeker.organisation_id == organisation_id,
            PlatformJobSeeker.identity_code_hash == identity_hash,
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if found is None:  # made above, in this transaction
        raise LookupError("the platform job seeker's row is gone")
    return found


async def client(session: AsyncSession, *, client_id: uuid.UUID) -> Client | None:
    return await session.scalar(select(Client).where(Client.id == client_id).with_for_update())


async def latest_period(session: AsyncSession, *, client_id: uuid.UUID) -> JobSearchPeriod | None:
    return await session.scalar(
        select(JobSearchPeriod)
        .where(JobSearchPeriod.client_id == client_id)
        .order_by(JobSearchPeriod.started_on.desc())
        .limit(1)
        .with_for_update()
    )


async def clear_duty(
    session: AsyncSession, *, client_id: uuid.UUID, kind: str, key: str, reason: str, cleared_by: str
) -> None:
    await session.execute(
        insert(DutyClearance)
        .values(id=uuid.uuid4(), client_id=client_id, kind=kind, key=key, reason=reason, cleared_by=cleared_by)
        .on_conflict_do_nothing(index_elements=["client_id", "kind", "key"])
    )


async def add_statement_request(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    identity_hash: str,
    client_id: uuid.UUID | None,
    request_id: str,
    requested_on: date,
    requester: str,
) -> bool:
    added = await session.execute(
        insert(PlatformStatementRequest)
        .values(
            id=uuid.uuid4(),
            organisation_id=organisation_id,
            identity_code_hash=identity_hash,
            client_id=client_id,
            request_id=request_id,
            requested_on=requested_on,
            requester=requester,
        )
        .on_conflict_do_nothing(index_elements=["organisation_id", "request_id"])
        .returning(PlatformStatementRequest.id)
    )
    return added.first() is not None


async def link_statement_requests(
    session: AsyncSession, *, organisation_id: uuid.UUID, identity_hash: str, client_id: uuid.UUID
) -> None:
    await session.execute(
        update(PlatformStatementRequest)
        .where(
            PlatformStatementRequest.organisation_id == organisation_id,
            PlatformStatementRequest.identity_code_hash == identity_hash,
            PlatformStatementRequest.client_id.is_(None),
        )
        .values(client_id=client_id)
    )


async def pending_statement_requests(
    session: AsyncSession, *, organisation_id: uuid.UUID, reach: ColumnElement[bool] | None, limit: int
) -> list[PlatformStatementRequest]:
    """Open requests (pending, or with a statement drafted) of the organisation's clients that ``reach`` admits
    (every one when None), oldest first."""
    query = (
        select(PlatformStatementRequest)
        .join(Client, Client.id == PlatformStatementRequest.client_id)
        .where(
            PlatformStatementRequest.organisation_id == organisation_id,
            Client.organisation_id == organisation_id,
            PlatformStatementRequest.status.in_(OPEN_STATEMENT_REQUEST),
        )
    )
    if reach is not None:
        query = query.where(reach)
    query = query.order_by(PlatformStatementRequest.requested_on, PlatformStatementRequest.id).limit(limit)
    return list((await session.scalars(query)).all())


async def statement_request(
    session: AsyncSession, *, organisation_id: uuid.UUID, request_id: uuid.UUID, lock: bool = False
) -> PlatformStatementRequest | None:
    """One request of the organisation linked to a client (an unlinked one is nobody's task yet)."""
    query = select(PlatformStatementRequest).where(
        PlatformStatementRequest.id == request_id,
        PlatformStatementRequest.organisation_id == organisation_id,
        PlatformStatementRequest.client_id.is_not(None),
    )
    if lock:
        query = query.with_for_update()
    return await session.scalar(query)


async def client_statement_requests(session: AsyncSession, *, client_id: uuid.UUID) -> list[PlatformStatementRequest]:
    query = (
        select(PlatformStatementRequest)
        .where(PlatformStatementRequest.client_id == client_id)
        .order_by(PlatformStatementRequest.requested_on.desc(), PlatformStatementRequest.id)
    )
    return list((await session.scalars(query)).all())


async def statement_requests_of(session: AsyncSession, *, statement_id: uuid.UUID) -> list[PlatformStatementRequest]:
    """The open requests a statement answers, locked."""
    query = (
        select(PlatformStatementRequest)
        .where(
            PlatformStatementRequest.statement_id == statement_id,
            PlatformStatementRequest.status.in_(OPEN_STATEMENT_REQUEST),
        )
        .order_by(PlatformStatementRequest.id)
        .with_for_update()
    )
    return list((await session.scalars(query)).all())
