"""Interviews held and the statutory schedule of one client."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.service import PURPOSE, client_in_scope, today
from clients_api.schedule import repository
from clients_api.schedule.deadlines import DeadlineStatus, schedule
from clients_api.schedule.models import Interview
from clients_api.schedule.schemas import (
    DeadlineRead,
    DueItem,
    DueList,
    InterviewCreate,
    InterviewRead,
    RuleSetRead,
    ScheduleRead,
)
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal, Role
from polku_kit.errors import FieldError, Unprocessable
from polku_kit.outbox import emit


async def record_interview(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: InterviewCreate
) -> InterviewRead:
    client = await client_in_scope(session, principal, client_id)
    if data.held_on > today() or data.held_on < client.job_search_started_on:
        raise Unprocessable(
            "An interview is recorded after it is held, and within the job search",
            errors=[FieldError(field="body.held_on", message="outside the job search or in the future",
                               code="out_of_range").model_dump()],
        )
    interview = Interview(client_id=client.id, held_on=data.held_on, channel=data.channel.value, notes=data.notes,
                          recorded_by=principal.subject)
    session.add(interview)
    await session.flush()
    await session.refresh(interview)
    await record(session, actor=principal, action=AuditAction.create, resource_type="interview",
                 resource_id=interview.id, data_subject_id=client.id, purpose=PURPOSE)
    await emit(session, type="fi.polku.client.interview_held.v1", subject=f"clients/{client.id}",
               source="/polku/clients-api", audience=[client.organisation_id],
               data={"client_id": str(client.id), "held_on": data.held_on.isoformat(), "channel": data.channel.value})
    return InterviewRead.model_validate(interview)


async def list_interviews(*, session: AsyncSession, principal: Principal, client_id: uuid.UUID) -> list[InterviewRead]:
    client = await client_in_scope(session, principal, client_id)
    await record(session, actor=principal, action=AuditAction.read, resource_type="interview",
                 data_subject_id=client.id, purpose=PURPOSE)
    return [InterviewRead.model_validate(row) for row in await repository.interviews(session, client_id=client.id)]


async def read_schedule(*, session: AsyncSession, principal: Principal, client_id: uuid.UUID) -> ScheduleRead:
    client = await client_in_scope(session, principal, client_id)
    held = [row.held_on for row in await repository.interviews(session, client_id=client.id)]
    day = today()
    deadlines = schedule(job_search_started_on=client.job_search_started_on, interviews_held=held, today=day)
    await record(session, actor=principal, action=AuditAction.read, resource_type="schedule",
                 data_subject_id=client.id, purpose=PURPOSE)
    return ScheduleRead(
        client_id=client.id,
        today=day,
        deadlines=[
            DeadlineRead(
                kind=d.kind, number=d.number, due_on=d.due_on, status=d.status, held_on=d.held_on,
                rule_set=RuleSetRead(key=d.rule_set.key, name=d.rule_set.name, valid_from=d.rule_set.valid_from,
                                     valid_until=d.rule_set.valid_until, sources=list(d.rule_set.sources)),
            )
            for d in deadlines
        ],
    )


async def due_list(
    *, session: AsyncSession, principal: Principal, coach: str | None, horizon_days: int
) -> DueList:
    """The deadlines a coach must act on. A coach sees their own caseload unless they name another coach of
    their organisation (their team); a manager names the coach or sees the whole organisation."""
    organisation_id = principal.organisation()
    if coach is None and Role.coach in principal.roles:
        coach = principal.subject
    day = today()
    until = day + timedelta(days=horizon_days)
    clients = await repository.caseload(session, organisation_id=organisation_id, coach_subject=coach)
    interviews = await repository.interview_days(session, [client.id for client in clients])
    items: list[DueItem] = []
    for client in clients:
        for deadline in schedule(job_search_started_on=client.job_search_started_on,
                                 interviews_held=interviews.get(client.id, []), today=day):
            if deadline.status is DeadlineStatus.overdue or (
                deadline.status is DeadlineStatus.due and deadline.due_on <= until
            ):
                items.append(DueItem(client_id=client.id, client_name=f"{client.last_name}, {client.first_names}",
                                     kind=deadline.kind, number=deadline.number, due_on=deadline.due_on,
                                     status=deadline.status, rule_set=deadline.rule_set.key))
    items.sort(key=lambda item: (item.status is not DeadlineStatus.overdue, item.due_on, item.client_name))
    await record(session, actor=principal, action=AuditAction.read, resource_type="due_list", purpose=PURPOSE,
                 details={"coach": coach, "clients": len(clients)})
    return DueList(today=day, horizon_until=until, coach=coach, items=items)

