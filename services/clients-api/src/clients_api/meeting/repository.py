"""Queries of meetings."""

from __future__ import annotations

import typing
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, Table, Uuid, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.repository import client_rows_statements
from clients_api.client.models import Client
from clients_api.meeting.models import Meeting, MeetingState


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


# Built once (by whether the caller's reach is asked): the client's meetings, by time, and their read's record naming
# the client (read with ``access.service.read_client_rows``).
OF_CLIENT = client_rows_statements(_meetings, order=("starts_at", "id"), resource=None)


def _meeting(client_id: ColumnElement[uuid.UUID]) -> Select[Any]:
    return select(*typing.cast(Table, Meeting.__table__).c).where(
        Meeting.id == bindparam("meeting_id", type_=Uuid()), Meeting.client_id == client_id
    )


# Built once (by whether the caller's reach is asked): the client's meeting ``meeting_id`` (none: no such meeting of
# this client) and its read's record naming the meeting and the client, no meeting no record (read with
# ``access.service.read_client_rows``).
ONE = client_rows_statements(_meeting, order=("id",), resource="id")


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
