"""Job-search periods (*työnhaku*): a client's job search starts and ends, and each period has its own statutory
schedule. Starting and ending change the client's status and announce the period for metrics."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import PURPOSE, client_in_scope
from clients_api.client.models import Client, ClientStatus, ClientStatusChange
from clients_api.jobsearch import repository
from clients_api.jobsearch.models import JobSearchPeriod, SearchEndReason
from clients_api.jobsearch.rules import age_band, end_reason_allowed
from clients_api.jobsearch.schemas import SearchPeriodEnd, SearchPeriodRead, SearchPeriodStart
from clients_api.schedule.rules import new_initial_interview
from clients_api.schedule.stored import refresh_deadlines
from polku_kit import versioning
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.calendar import today
from polku_kit.errors import Conflict, FieldError, NotFound, Unprocessable
from polku_kit.outbox import emit

# The status a client has after the period ends for each reason (the status history keeps the continuity).
STATUS_AFTER = {
    SearchEndReason.employed: ClientStatus.employed,
    SearchEndReason.in_education: ClientStatus.in_education,
}


class SearchPeriodNotFound(NotFound):
    slug = "job-search-period-not-found"
    title = "Job-search period not found"


class SearchPeriodOpen(Conflict):
    slug = "job-search-period-open"
    title = "The client already has an open job-search period"


class SearchPeriodEnded(Conflict):
    slug = "job-search-period-ended"
    title = "The job-search period has already ended"


def _invalid(field: str, message: str, code: str) -> Unprocessable:
    return Unprocessable(message, errors=[FieldError(field=field, message=message, code=code).model_dump()])


def etag(period: JobSearchPeriod | SearchPeriodRead) -> str:
    return f'"period-v{period.version}"'


def _event_data(client: Client, period: JobSearchPeriod) -> dict[str, object]:
    """What metrics counts periods by: the municipality, the age band and the dates; no name, no identity code."""
    return {
        "client_id": str(client.id),
        "period_id": str(period.id),
        "municipality": client.home_municipality,
        "age_band": age_band(client.birth_date, period.ended_on or period.started_on),
        "started_on": period.started_on.isoformat(),
        "ended_on": period.ended_on.isoformat() if period.ended_on else None,
        "reason": period.end_reason,
        "initial_interview": period.initial_interview,
    }


async def list_periods(*, session: AsyncSession, principal: Principal, client_id: uuid.UUID) -> list[SearchPeriodRead]:
    client = await client_in_scope(session, principal, client_id)
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="job_search_period",
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    return [
        SearchPeriodRead.model_validate(row) for row in await repository.search_periods(session, client_id=client.id)
    ]


async def start_period(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: SearchPeriodStart
) -> SearchPeriodRead:
    """Start a new period after the previous one ended. It has an initial interview of its own only if six
    months have passed since the previous one ended (380/2023 29 §; :func:`new_initial_interview`)."""
    client = await client_in_scope(session, principal, client_id)
    await repository.lock_client(session, client_id=client.id)
    periods = await repository.search_periods(session, client_id=client.id)
    if any(period.ended_on is None for period in periods):
        raise SearchPeriodOpen("End the open job-search period before starting a new one")
    if data.started_on > today():
        raise _invalid("body.started_on", "is in the future", "future_date")
    previous = periods[-1] if periods else None
    if previous is not None and previous.ended_on is not None and data.started_on <= previous.ended_on:
        raise _invalid("body.started_on", "must be after the previous period ended", "overlaps_previous")
    period = JobSearchPeriod(
        client_id=client.id,
        started_on=data.started_on,
        initial_interview=new_initial_interview(previous.ended_on if previous else None, data.started_on),
        started_by=principal.subject,
    )
    session.add(period)
    previous_status = client.status
    client.status = ClientStatus.unemployed
    client.job_search_started_on = data.started_on
    client.version += 1
    session.add(
        ClientStatusChange(
            client_id=client.id,
            status=ClientStatus.unemployed.value,
            changed_on=data.started_on,
            reason="job search started again",
            changed_by=principal.subject,
        )
    )
    await session.flush()
    await session.refresh(period)
    await refresh_deadlines(session, [client.id], today())
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="job_search_period",
        resource_id=period.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"status": {"from": previous_status, "to": ClientStatus.unemployed.value}},
    )
    await emit(
        session,
        type="fi.polku.client.job_search_period.started.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data=_event_data(client, period),
    )
    return SearchPeriodRead.model_validate(period)


async def end_period(
    *,
    session: AsyncSession,
    principal: Principal,
    client_id: uuid.UUID,
    period_id: uuid.UUID,
    data: SearchPeriodEnd,
    if_match: str | None,
) -> SearchPeriodRead:
    """End the open period for a reason: nothing of its schedule falls due after the day it ended."""
    client = await client_in_scope(session, principal, client_id)
    await repository.lock_client(session, client_id=client.id)
    period = await repository.search_period(session, client_id=client.id, period_id=period_id, lock=True)
    if period is None:
        raise SearchPeriodNotFound(f"No job-search period {period_id} for this client")
    versioning.check(
        period, if_match, current=f"/v1/clients/{client.id}/job-search-periods", tag=lambda v: f'"period-v{v}"'
    )
    if period.ended_on is not None:
        raise SearchPeriodEnded(f"Ended on {period.ended_on.isoformat()}")
    if data.ended_on > today():
        raise _invalid("body.ended_on", "is in the future", "future_date")
    if data.ended_on < period.started_on:
        raise _invalid("body.ended_on", "is before the period started", "before_start")
    refused = end_reason_allowed(data.reason, data.ended_on)
    if refused is not None:
        raise _invalid(
            "body.reason",
            f"ends a job search only from {refused.valid_from.isoformat()} ({'; '.join(refused.sources)})",
            "not_in_force",
        )
    await close_period(
        session=session,
        actor=principal,
        client=client,
        period=period,
        ended_on=data.ended_on,
        reason=data.reason,
        notes=data.notes,
    )
    await session.refresh(period)
    return SearchPeriodRead.model_validate(period)


async def close_period(
    *,
    session: AsyncSession,
    actor: Principal,
    client: Client,
    period: JobSearchPeriod,
    ended_on: date,
    reason: SearchEndReason,
    notes: str | None,
) -> None:
    """End ``period`` (open, checked by the caller): the client's status follows, audited and announced."""
    period.ended_on = ended_on
    period.end_reason = reason.value
    period.end_notes = notes
    period.ended_by = actor.subject
    period.version += 1
    previous_status = client.status
    status = STATUS_AFTER.get(reason, ClientStatus.search_ended)
    client.status = status
    client.version += 1
    session.add(
        ClientStatusChange(
            client_id=client.id,
            status=status.value,
            changed_on=ended_on,
            reason=f"job search ended: {reason.value}",
            changed_by=actor.subject,
        )
    )
    await session.flush()
    await refresh_deadlines(session, [client.id], today())
    await record(
        session,
        actor=actor,
        action=AuditAction.update,
        resource_type="job_search_period",
        resource_id=period.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={
            "ended_on": ended_on.isoformat(),
            "reason": reason.value,
            "status": {"from": previous_status, "to": status.value},
        },
    )
    await emit(
        session,
        type="fi.polku.client.job_search_period.ended.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data=_event_data(client, period),
    )
