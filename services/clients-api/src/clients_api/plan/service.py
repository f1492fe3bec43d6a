"""Saving and reading plans. Two coaches editing one plan at once: the second save names the version it
started from (``If-Match``), finds a newer one, and gets 412 instead of silently overwriting."""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

import structlog
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from clients_api.access.repository import reach_parameters
from clients_api.access.service import PURPOSE, ClientNotFound, client_in_scope, reached_by, read_client_rows
from clients_api.plan import repository
from clients_api.plan.schemas import PlanRead, PlanStatusRead, PlanWrite
from clients_api.plan.status import DEFINITION, PlanFacts, not_up_to_date, obligation_recorded
from clients_api.schedule.stored import is_stale, refresh_deadlines
from polku_kit import versioning
from polku_kit.actor import Actor
from polku_kit.audit import AuditAction, record, record_parameters
from polku_kit.auth import Principal
from polku_kit.calendar import local_date, today
from polku_kit.db import OneStatement
from polku_kit.errors import NotFound, PreconditionFailed
from polku_kit.outbox import emit, event_parameters


class PlanNotFound(NotFound):
    slug = "plan-not-found"
    title = "The client has no plan yet"


class PlanChanged(PreconditionFailed):
    slug = "plan-changed"
    title = "The plan was changed by someone else"


def etag(version: int) -> str:
    return f'"plan-v{version}"'


async def read(*, statement: OneStatement, principal: Principal, client_id: uuid.UUID) -> PlanRead:
    """The current plan, if the caller reaches the client (the same 404 as a missing one otherwise), and the read's
    audit record naming the version, in one statement (decision 82); a client without a plan is its own 404, with no
    record."""
    rows = await read_client_rows(statement, principal, client_id, repository.CURRENT, resource_type="plan")
    if not rows:
        raise PlanNotFound(f"Client {client_id} has no plan yet")
    return PlanRead.model_validate(rows[0])


def _versions_named(if_match: str | None) -> tuple[list[int], bool]:
    """The plan versions an ``If-Match`` names (each checked with ``polku_kit.versioning.matches``, so never one it
    would refuse), and whether it is ``*`` (any version)."""
    if if_match is None:
        return [], False
    if if_match.strip() == "*":
        return [], True
    named = {int(number) for number in _PLAN_TAG.findall(if_match)}
    return sorted(number for number in named if versioning.matches(if_match, etag(number))), False


_PLAN_TAG = re.compile(r"plan-v([1-9][0-9]{0,8})\b")


async def save(
    *,
    statement: OneStatement,
    session: AsyncSession,
    principal: Principal,
    client_id: uuid.UUID,
    data: PlanWrite,
    if_match: str | None,
) -> PlanRead:
    """A new version of the plan. A later version of the current job-search period's plan, the version edited named
    in ``If-Match``, is one statement (``repository.save_later_version``: the client locked, the version, the stored
    up-to-date status, the audit record, the event and its timeline entry). Anything else (the first plan, the
    first of a new period, a precondition that fails, a save that met a concurrent one) takes the request's
    transaction (:func:`save_in_transaction`), which answers it as before."""
    accepted, any_version = _versions_named(if_match)
    if accepted or any_version:
        values = _version_values(principal=principal, client_id=client_id, data=data, version=0)
        event = event_parameters(
            type=PLAN_VERSION_CREATED,
            subject=f"clients/{client_id}",
            source=SOURCE,
            audience=[principal.organisation()],
        )
        actor = Actor.from_json(event["event_actor"])
        try:
            row = await repository.save_later_version(
                statement,
                reach=reached_by(principal) is not None,
                obligation_recorded=obligation_recorded(
                    data.applications_per_period, data.period_months, data.obligation_reduction_reason
                ),
                parameters={
                    "client_id": client_id,
                    **reach_parameters(organisation_id=principal.organisation(), reached_by=reached_by(principal)),
                    "accepted": accepted,
                    "any_version": any_version,
                    **{f"new_{name}": value for name, value in values.items() if name in repository.VERSION_COLUMNS},
                    **record_parameters(
                        actor=principal, action=AuditAction.update, resource_type="plan", purpose=PURPOSE
                    ),
                    **event,
                    "timeline_actor_subject": actor.subject
                    if actor
                    else structlog.contextvars.get_contextvars().get("subject"),
                    "timeline_actor_name": actor.name if actor else None,
                    "timeline_actor_organisation_name": actor.organisation_name if actor else None,
                },
            )
        except IntegrityError as exc:
            # Another save of the same version committed meanwhile (its version number taken): the transaction's way
            # reads it, and answers 412 or saves after it.
            if getattr(getattr(exc.orig, "__cause__", None), "constraint_name", None) != ONE_NUMBER_PER_VERSION:
                raise
            row = None
        else:
            if row is None:
                raise ClientNotFound(f"No client {client_id}")
            if row.saved_version is not None:
                return PlanRead.model_validate({**values, "version": row.saved_version, "created_at": row.saved_at})
    return await save_in_transaction(
        session=session, principal=principal, client_id=client_id, data=data, if_match=if_match
    )


# The plan's (client, version) key (migration clients_0029).
ONE_NUMBER_PER_VERSION = "pk_plan_version"
PLAN_VERSION_CREATED = "fi.polku.client.plan_version_created.v1"
SOURCE = "/polku/clients-api"


def _version_values(*, principal: Principal, client_id: uuid.UUID, data: PlanWrite, version: int) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "client_id": client_id,
        "version": version,
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


async def save_in_transaction(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: PlanWrite, if_match: str | None
) -> PlanRead:
    """:func:`save` in the request's transaction, statement by statement."""
    # Plan saves of one client run one after another: the second waits for the first, then sees its version.
    client = await client_in_scope(session, principal, client_id, lock=True)
    latest = await repository.latest_version(session, client_id=client.id)
    versioning.check_latest(
        latest, if_match, what="plan", current=f"/v1/clients/{client.id}/plan", tag=etag, changed=PlanChanged
    )
    values = _version_values(
        principal=principal, client_id=client.id, data=data, version=(latest.version if latest else 0) + 1
    )
    plan_id = values["id"]
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
        type=PLAN_VERSION_CREATED,
        subject=f"clients/{client.id}",
        source=SOURCE,
        audience=[client.organisation_id],
        data={
            "client_id": str(client.id),
            "version": plan.version,
            "plan_type": plan.plan_type,
            "next_review_on": plan.next_review_on.isoformat(),
        },
    )
    return plan


async def history(*, statement: OneStatement, principal: Principal, client_id: uuid.UUID) -> list[PlanRead]:
    """Every version of the client's plan, oldest first, if the caller reaches the client (the same 404 as a missing
    one otherwise), and the read's audit record, in one statement (decision 82): one record of the client (no
    resource), versions or none."""
    rows = await read_client_rows(statement, principal, client_id, repository.VERSIONS, resource_type="plan_history")
    return [PlanRead.model_validate(row) for row in rows]


async def status(
    *,
    statement: OneStatement,
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    client_id: uuid.UUID,
) -> PlanStatusRead:
    """The up-to-date status of the client's plan on today (:mod:`clients_api.plan.status`), if the caller reaches the
    client (the same 404 as a missing one otherwise). Its stored deadlines up to date (most days): what the status is
    computed from and the read's audit record in one statement (decision 82, as the schedule). Out of date: nothing
    read nor recorded by it, and the status is answered in a transaction of its own that refreshes them first
    (:func:`status_in_transaction`), as before; so one status, one record, either way."""
    day = today()
    (row,) = await read_client_rows(
        statement, principal, client_id, repository.FACTS, resource_type="plan_status", values={"day": day}, key=None
    )
    if row.deadlines_valid_until is None or row.deadlines_valid_until < day:
        async with sessions() as session, session.begin():
            return await status_in_transaction(session=session, principal=principal, client_id=client_id)
    facts = PlanFacts(
        plan_reviewed_on=None if row.created_at is None else local_date(row.created_at),
        applications_per_period=row.applications_per_period,
        period_months=row.period_months,
        obligation_reduction_reason=row.obligation_reduction_reason,
        latest_mandatory_interview_on=row.latest_mandatory_interview_on,
    )
    return _status_read(client_id, day, facts)


async def status_in_transaction(*, session: AsyncSession, principal: Principal, client_id: uuid.UUID) -> PlanStatusRead:
    """:func:`status` in a transaction, statement by statement: the stored deadlines out of date refreshed first, then
    what the status is computed from, and the audit record."""
    client = await client_in_scope(session, principal, client_id)
    day = today()
    if is_stale(client, day):
        await refresh_deadlines(session, [client.id], day)
    facts = (await repository.plan_facts(session, organisation_id=client.organisation_id, client_ids=[client.id]))[
        client.id
    ]
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="plan_status",
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    return _status_read(client.id, day, facts)


def _status_read(client_id: uuid.UUID, day: date, facts: PlanFacts) -> PlanStatusRead:
    reasons = not_up_to_date(facts, day)
    return PlanStatusRead(
        client_id=client_id,
        today=day,
        up_to_date=not reasons,
        reasons=reasons,
        plan_reviewed_on=facts.plan_reviewed_on,
        latest_mandatory_interview_on=facts.latest_mandatory_interview_on,
        definition=DEFINITION,
    )
