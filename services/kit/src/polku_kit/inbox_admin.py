"""An organisation's administrators see the stored events whose handling failed on every attempt (*parked*)
and send one back to the worker. A service mounts :func:`parked_router` under its ``/v1`` router at the path
of its receiving endpoint."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditAction, AuditRecord, record
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.errors import BadRequest, Conflict, NotFound, problem_responses
from polku_kit.inbox import INBOX_CHANNEL, InboxEvent, InboxStatus
from polku_kit.pagination import Cursor, Limit, Page
from polku_kit.types import Text
from polku_kit.wake import wake

PURPOSE = "operating the inbound event integration"
RESOURCE_TYPE = "inbound_event"

Administrator = Annotated[Principal, Depends(require_roles(Role.admin))]
EventId = Annotated[Text, Path(max_length=200, description="The event's id (its `webhook-id`)")]


class ReplayRead(BaseModel):
    """An administrator's replay of an event (from the audit trail)."""

    replayed_at: datetime
    replayed_by: str = Field(description="The administrator's subject")
    replayed_by_name: str | None = Field(description="The administrator's name, as the token gave it")


class ParkedEventRead(BaseModel):
    """A stored event whose handler failed on every attempt; its payload is not shown."""

    model_config = ConfigDict(from_attributes=True)

    id: str = Field(examples=["0f8e4b9a-2c1d-4e8f-9a7b-6c5d4e3f2a10"])
    type: str = Field(examples=["fi.tyomarkkinatori.jobseeker.registered.v1"])
    source: str
    subject: str | None
    time: datetime | None
    received_at: datetime
    attempts: int
    last_error: str | None
    parked_at: datetime | None
    last_replay: ReplayRead | None = Field(
        default=None, description="The last time an administrator sent it back, if ever (it was parked again)"
    )


class ReplayedEvent(ReplayRead):
    id: str
    status: str = Field(examples=["received"])


class EventNotFound(NotFound):
    slug = "inbound-event-not-found"
    title = "Inbound event not found"


class EventNotParked(Conflict):
    slug = "inbound-event-not-parked"
    title = "The inbound event is not parked"


async def list_parked(
    session: AsyncSession, *, organisation_id: uuid.UUID, limit: int, after: int | None
) -> list[InboxEvent]:
    query = select(InboxEvent).where(
        InboxEvent.status == InboxStatus.parked, InboxEvent.organisation_id == organisation_id
    )
    if after is not None:
        query = query.where(InboxEvent.sequence > after)
    return list((await session.scalars(query.order_by(InboxEvent.sequence).limit(limit))).all())


async def last_replays(
    session: AsyncSession, *, organisation_id: uuid.UUID, event_ids: list[str]
) -> dict[str, ReplayRead]:
    """The latest replay of each of ``event_ids`` by the organisation's administrators, from the audit trail."""
    if not event_ids:
        return {}
    rows = await session.execute(
        select(AuditRecord.resource_id, AuditRecord.occurred_at, AuditRecord.actor_subject, AuditRecord.details)
        .ext(distinct_on(AuditRecord.resource_id))
        .where(
            AuditRecord.resource_type == RESOURCE_TYPE,
            AuditRecord.resource_id.in_(event_ids),
            AuditRecord.actor_organisation_id == organisation_id,
            AuditRecord.details["replayed"].as_boolean().is_(True),
        )
        .order_by(AuditRecord.resource_id, AuditRecord.occurred_at.desc())
    )
    return {
        str(event_id): ReplayRead(
            replayed_at=occurred_at, replayed_by=subject, replayed_by_name=(details or {}).get("replayed_by_name")
        )
        for event_id, occurred_at, subject, details in rows
    }


async def replay(session: AsyncSession, *, principal: Principal, event_id: str) -> ReplayedEvent:
    """Send a parked event back to the worker: its attempts start again (the last error stays until the next
    attempt); audited."""
    organisation_id = principal.organisation()
    found = await session.scalar(
        select(InboxEvent)
        .where(InboxEvent.id == event_id, InboxEvent.organisation_id == organisation_id)
        .with_for_update()
    )
    if found is None:
        raise EventNotFound("No inbound event of this organisation has this id")
    if found.status != InboxStatus.parked:
        raise EventNotParked(f"The event is {found.status}; only a parked event is replayed")
    await session.execute(
        update(InboxEvent)
        .where(InboxEvent.id == event_id)
        .values(status=InboxStatus.received, attempts=0, parked_at=None, next_attempt_at=func.now())
    )
    await wake(session, INBOX_CHANNEL)
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type=RESOURCE_TYPE,
        resource_id=event_id,
        purpose=PURPOSE,
        details={
            "replayed": True,
            "type": found.type,
            "attempts_before": found.attempts,
            "replayed_by_name": principal.name,
        },
    )
    return ReplayedEvent(
        id=event_id,
        status=InboxStatus.received,
        replayed_at=datetime.now(UTC),
        replayed_by=principal.subject,
        replayed_by_name=principal.name,
    )


def parked_router(path: str, *, tag: str = "inbound events") -> APIRouter:
    """``GET {path}/parked`` and ``POST {path}/parked/{event_id}/replay`` for administrators."""
    router = APIRouter(tags=[tag], responses=problem_responses(401, 403))

    @router.get(
        f"{path}/parked",
        response_model=Page[ParkedEventRead],
        responses=problem_responses(400),
        summary="The organisation's inbound events whose handling failed on every attempt, oldest first",
    )
    async def list_parked_events(
        session: SessionDep, principal: Administrator, limit: Limit = 50, cursor: Cursor = None
    ) -> Page[ParkedEventRead]:
        if cursor is not None and not cursor.isdigit():
            raise BadRequest("The cursor is not one this endpoint gave")
        rows = await list_parked(
            session,
            organisation_id=principal.organisation(),
            limit=limit,
            after=None if cursor is None else int(cursor),
        )
        replays = await last_replays(
            session, organisation_id=principal.organisation(), event_ids=[row.id for row in rows]
        )
        return Page(
            items=[
                ParkedEventRead.model_validate(row).model_copy(update={"last_replay": replays.get(row.id)})
                for row in rows
            ],
            next_cursor=str(rows[-1].sequence) if len(rows) == limit else None,
        )

    @router.post(
        f"{path}/parked/{{event_id}}/replay",
        response_model=ReplayedEvent,
        status_code=202,
        responses=problem_responses(404, 409),
        summary="Send a parked inbound event back to be handled again (audited)",
    )
    async def replay_parked_event(event_id: EventId, session: SessionDep, principal: Administrator) -> ReplayedEvent:
        return await replay(session, principal=principal, event_id=event_id)

    return router


__all__ = ["ParkedEventRead", "ReplayRead", "ReplayedEvent", "parked_router", "replay"]
