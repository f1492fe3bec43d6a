"""Queries of meetings."""

from __future__ import annotations

import typing
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.repository import client_rows, client_rows_statement
from clients_api.client.models import Client
from clients_api.meeting.models import Meeting, MeetingState
from polku_kit.db import OneStatement


async def meeting(
    session: AsyncSession, *, client_id: uuid.UUID, meeting_id: uuid.UUID, for_update: bool = False
) -> Meeting | None:
    query = select(Meeting).where(Meeting.id == meeting_id, Meeting.client_id == client_id)
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def booked_for(session: AsyncSession, *, client_id: uuid.UUID, kind: str, number: int) -> Meeting | None:
    return await session.scalar(
        select(Meeting).where(
            Meeting.client_id == client_id,
            Meeting.deadline_kind == kind,
            Meeting.deadline_number == number,
            Meeting.state == MeetingState.booked.value,
        )
    )


def _meetings(client_id: ColumnElement[uuid.UUID]) -> Select[Any]:
    return select(*typing.cast(Table, Meeting.__table__).c).where(Meeting.client_id == client_id)


# Built once (by whether the caller's reach is asked): the client's meetings and their read's record.
_OF_CLIENT = {
    reach: client_rows_statement(_meetings, reach=reach, order=("starts_at", "id"), resource=None)
    for reach in (False, True)
}


async def of_client_read(
    statement: OneStatement,
    *,
    organisation_id: uuid.UUID,
    client_id: uuid.UUID,
    reached_by: str | None,
    audit: dict[str, Any],
) -> list[Row[Any]] | None:
    """The client's meetings (their columns by name), by time, and the read's audit record naming the client, in
    one statement (``access.repository.client_rows``): None, and nothing recorded, when the client is not found (with
    ``reached_by``, a coach's subject, only if that coach reaches it)."""
    return await client_rows(
        statement,
        _OF_CLIENT.__getitem__,
        organisation_id=organisation_id,
        client_id=client_id,
        reached_by=reached_by,
        audit=audit,
    )


async def of_coach(
    session: AsyncSession, *, organisation_id: uuid.UUID, coach_subject: str, since: datetime, until: datetime
) -> list[Row[Meeting, str, str]]:
    """The coach's meetings starting in [since, until), with the client's names, by time."""
    query = (
        select(Meeting, Client.last_name, Client.first_names)
        .join(Client, Client.id == Meeting.client_id)
        .where(
            Meeting.organisation_id == organisation_id,
            Meeting.coach_subject == coach_subject,
            Meeting.starts_at >= since,
            Meeting.starts_at < until,
        )
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return list((await session.execute(query)).all())
