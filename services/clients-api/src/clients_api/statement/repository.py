"""Queries of labour-policy statements."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import Client
from clients_api.statement.models import LabourPolicyStatement, LabourPolicyStatementVersion


async def get(
    session: AsyncSession, *, client_id: uuid.UUID, statement_id: uuid.UUID, lock: bool = False
) -> LabourPolicyStatement | None:
    query = select(LabourPolicyStatement).where(
        LabourPolicyStatement.id == statement_id, LabourPolicyStatement.client_id == client_id
    )
    if lock:
        query = query.with_for_update()
    return await session.scalar(query)


async def client_of(session: AsyncSession, *, statement_id: uuid.UUID) -> uuid.UUID | None:
    """The client a statement is about (its event names none)."""
    return await session.scalar(select(LabourPolicyStatement.client_id).where(LabourPolicyStatement.id == statement_id))


async def for_neglect(
    session: AsyncSession, *, client_id: uuid.UUID, neglect_kind: str, neglected_on: date
) -> LabourPolicyStatement | None:
    query = select(LabourPolicyStatement).where(
        LabourPolicyStatement.client_id == client_id,
        LabourPolicyStatement.neglect_kind == neglect_kind,
        LabourPolicyStatement.neglected_on == neglected_on,
    )
    return await session.scalar(query)


async def of_client(session: AsyncSession, *, client_id: uuid.UUID) -> list[LabourPolicyStatement]:
    query = (
        select(LabourPolicyStatement)
        .where(LabourPolicyStatement.client_id == client_id)
        .order_by(LabourPolicyStatement.neglected_on.desc(), LabourPolicyStatement.drafted_at.desc())
    )
    return list((await session.scalars(query)).all())


async def earlier_neglects(
    session: AsyncSession, *, client_id: uuid.UUID, after: date, before: date, other_than: uuid.UUID | None
) -> int:
    """Statements of the client whose neglect fell after ``after`` and before ``before``."""
    query = (
        select(func.count())
        .select_from(LabourPolicyStatement)
        .where(
            LabourPolicyStatement.client_id == client_id,
            LabourPolicyStatement.neglected_on > after,
            LabourPolicyStatement.neglected_on < before,
        )
    )
    if other_than is not None:
        query = query.where(LabourPolicyStatement.id != other_than)
    return int(await session.scalar(query) or 0)


async def versions(session: AsyncSession, *, statement_id: uuid.UUID) -> list[LabourPolicyStatementVersion]:
    query = (
        select(LabourPolicyStatementVersion)
        .where(LabourPolicyStatementVersion.statement_id == statement_id)
        .order_by(LabourPolicyStatementVersion.version)
    )
    return list((await session.scalars(query)).all())


async def of_coach(
    session: AsyncSession, *, organisation_id: uuid.UUID, coach_subject: str, states: Sequence[str]
) -> list[tuple[LabourPolicyStatement, str, str]]:
    """The statements a coach drafted, in the given states, with the client's names."""
    query = (
        select(LabourPolicyStatement, Client.first_names, Client.last_name)
        .join(Client, Client.id == LabourPolicyStatement.client_id)
        .where(
            LabourPolicyStatement.organisation_id == organisation_id,
            LabourPolicyStatement.drafted_by == coach_subject,
            LabourPolicyStatement.state.in_(list(states)),
        )
        .order_by(LabourPolicyStatement.neglected_on, LabourPolicyStatement.id)
    )
    return [(row[0], row[1], row[2]) for row in (await session.execute(query)).all()]
