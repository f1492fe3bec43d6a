"""Saving and reading plans. Two coaches editing one plan at once: the second save names the version it
started from (``If-Match``), finds a newer one, and gets 412 instead of silently overwriting."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import PURPOSE, client_in_scope
from clients_api.plan import repository
from clients_api.plan.schemas import PlanRead, PlanStatusRead, PlanWrite
from clients_api.plan.status import DEFINITION, not_up_to_date, obligation_recorded
from clients_api.schedule.stored import is_stale, refresh_deadlines
from polku_kit import versioning
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.calendar import local_date, today
from polku_kit.errors import NotFound, PreconditionFailed
from polku_kit.outbox import emit


class PlanNotFound(NotFound):
    slug = "plan-not-found"
    title = "The client has no plan yet"


class PlanChanged(PreconditionFailed):
    slug = "plan-changed"
    title = "The plan was changed by someone else"


def etag(version: int) -> str:
    return f'"plan-v{version}"'


async def read(*, session: AsyncSession, principal: Principal, client_id: uuid.UUID) -> PlanRead:
    client = await client_in_scope(session, principal, client_id)
    plan = await repository.current(session, client_id=client.id)
    if plan is None:
        raise PlanNotFound(f"Client {client_id} has no plan yet")
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="plan",
        resource_id=plan.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    return PlanRead.model_validate(plan)


async def save(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: PlanWrite, if_match: str | None
) -> PlanRead:
    # Plan saves of one client run one after another: the second waits for the first, then sees its version.
    client = await client_in_scope(session, principal, client_id, lock=True)
    latest = await repository.latest_version(session, client_id=client.id)
    versioning.check_latest(
        latest, if_match, what="plan", current=f"/v1/clients/{client.id}/plan", tag=etag, changed=PlanChanged
    )
    plan_id = uuid.uuid4()
    values = {
        "id": plan_id,
        "client_id": client.id,
        "version": (latest.version if latest else 0) + 1,
        "plan_type": data.plan_type.value,
        "goals": data.goals,
        "tasks": [task.model_dump(mode="json") for task in data.tasks],
        "applications_per_period": data.applications_per_period,
        "period_months": data.period_months,
        "obligation_reduction_reason": data.obligation_reduction_reason,
        "next_review_on": data.next_review_on,
        "created_by": principal.subject,
        "created_by_name": principal.name,
    }
    # The first plan of a job-search period meets its plan deadline (clients_api.schedule.stored): the deadlines are
    # refreshed, which stores the plan's up-to-date status too. A later version changes no deadline: its status is
    # stored on the client by the statement that inserts it.
    if latest is None or local_date(latest.created_at) < client.job_search_started_on:
        created_at = await repository.add(session, values)
        await refresh_deadlines(session, [client.id], today())
    else:
        created_at = await repository.add_storing_up_to_date_until(
            session,
            values,
            obligation_recorded=obligation_recorded(
                data.applications_per_period, data.period_months, data.obligation_reduction_reason
            ),
        )
    # Answered from the values saved (created_at from the INSERT's RETURNING), not loaded back.
    plan = PlanRead.model_validate({**values, "created_at": created_at})
    await record(
        session,
        actor=principal,
        action=AuditAction.update if latest else AuditAction.create,
        resource_type="plan",
        resource_id=plan_id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"version": plan.version},
    )
    await emit(
        session,
        type="fi.polku.client.plan_version_created.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={
            "client_id": str(client.id),
            "version": plan.version,
            "plan_type": plan.plan_type,
            "next_review_on": plan.next_review_on.isoformat(),
        },
    )
    return plan


async def history(*, session: AsyncSession, principal: Principal, client_id: uuid.UUID) -> list[PlanRead]:
    client = await client_in_scope(session, principal, client_id)
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="plan_history",
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    return [PlanRead.model_validate(row) for row in await repository.versions(session, client_id=client.id)]


async def status(*, session: AsyncSession, principal: Principal, client_id: uuid.UUID) -> PlanStatusRead:
    """The up-to-date status of the client's plan on today (:mod:`clients_api.plan.status`)."""
    client = await client_in_scope(session, principal, client_id)
    day = today()
    if is_stale(client, day):
        await refresh_deadlines(session, [client.id], day)
    facts = (await repository.plan_facts(session, organisation_id=client.organisation_id, client_ids=[client.id]))[
        client.id
    ]
    reasons = not_up_to_date(facts, day)
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="plan_status",
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    return PlanStatusRead(
        client_id=client.id,
        today=day,
        up_to_date=not reasons,
        reasons=reasons,
        plan_reviewed_on=facts.plan_reviewed_on,
        latest_mandatory_interview_on=facts.latest_mandatory_interview_on,
        definition=DEFINITION,
    )
