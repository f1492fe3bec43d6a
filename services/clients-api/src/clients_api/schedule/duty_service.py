"""The duties of the 2026 rules beside the schedule (:mod:`clients_api.schedule.duties`): listed per client with
whether the coach has cleared them, and cleared with a reason."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import PURPOSE, client_in_scope
from clients_api.assessment import repository as assessment_repository
from clients_api.assessment.models import EducationLevel
from clients_api.client.models import Client
from clients_api.schedule import repository
from clients_api.schedule.duties import Duty, duties
from clients_api.schedule.models import DutyClearance
from clients_api.schedule.schemas import DutiesRead, DutyClearanceCreate, DutyRead
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.calendar import today
from polku_kit.errors import Conflict, FieldError, Unprocessable
from polku_kit.outbox import emit

# A qualification that gives vocational skills (Kela: a vocational upper-secondary qualification or higher);
# general upper-secondary (lukio) and basic education do not.
VOCATIONAL_LEVELS = frozenset(
    {
        EducationLevel.upper_secondary_vocational,
        EducationLevel.post_secondary,
        EducationLevel.short_cycle_tertiary,
        EducationLevel.bachelor,
        EducationLevel.master,
        EducationLevel.doctorate,
    }
)


class DutyAlreadyCleared(Conflict):
    slug = "duty-already-cleared"
    title = "The duty is already cleared"


async def _duties(session: AsyncSession, client: Client) -> list[Duty]:
    periods = (await repository.periods_for_clients(session, [client.id]))[client.id]
    latest = periods[-1] if periods else None
    assessment = await assessment_repository.current(session, client_id=client.id)
    vocational = assessment is not None and any(
        EducationLevel(entry["level"]) in VOCATIONAL_LEVELS for entry in assessment.education
    )
    return duties(
        period_started_on=latest.started_on if latest else client.job_search_started_on,
        period_ended_on=latest.ended_on if latest else None,
        birth_date=client.birth_date,
        vocational_qualification=vocational,
        today=today(),
    )


async def read(*, session: AsyncSession, principal: Principal, client_id: uuid.UUID) -> DutiesRead:
    client = await client_in_scope(session, principal, client_id)
    cleared = {(row.kind, row.key): row for row in await repository.duty_clearances(session, client_id=client.id)}
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="duty",
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    items = []
    for duty in await _duties(session, client):
        row = cleared.get((duty.kind.value, duty.key))
        items.append(
            DutyRead(
                kind=duty.kind,
                key=duty.key,
                applies_from=duty.applies_from,
                due_on=duty.due_on,
                dated=duty.dated,
                cleared=row is not None,
                cleared_reason=row.reason if row else None,
                cleared_by=row.cleared_by if row else None,
                cleared_at=row.cleared_at if row else None,
                sources=list(duty.sources),
            )
        )
    return DutiesRead(client_id=client.id, today=today(), duties=items)


async def clear(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: DutyClearanceCreate
) -> DutyRead:
    client = await client_in_scope(session, principal, client_id)
    duty = next((d for d in await _duties(session, client) if d.kind is data.kind and d.key == data.key), None)
    if duty is None:
        message = "no such duty of the client's job search"
        raise Unprocessable(
            message, errors=[FieldError(field="body.key", message=message, code="no_such_duty").model_dump()]
        )
    row = DutyClearance(
        id=uuid.uuid4(),
        client_id=client.id,
        kind=duty.kind.value,
        key=duty.key,
        reason=data.reason,
        cleared_by=principal.subject,
    )
    if not await repository.add_duty_clearance(session, row):
        raise DutyAlreadyCleared(f"{duty.kind.value} {duty.key} is already cleared")
    stored = next(
        r
        for r in await repository.duty_clearances(session, client_id=client.id)
        if (r.kind, r.key) == (row.kind, row.key)
    )
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="duty",
        resource_id=stored.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"kind": duty.kind.value, "key": duty.key},
    )
    await emit(
        session,
        type="fi.polku.client.duty_cleared.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={"client_id": str(client.id), "kind": duty.kind.value, "key": duty.key},
    )
    return DutyRead(
        kind=duty.kind,
        key=duty.key,
        applies_from=duty.applies_from,
        due_on=duty.due_on,
        dated=duty.dated,
        cleared=True,
        cleared_reason=stored.reason,
        cleared_by=stored.cleared_by,
        cleared_at=stored.cleared_at,
        sources=list(duty.sources),
    )
