"""Reporting applications, the coach's view of the shortfall per review period, and recording neglects."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import PURPOSE, client_in_scope
from clients_api.client.models import Client
from clients_api.jobsearch import repository
from clients_api.jobsearch.models import ApplicationKind, JobApplication, JobSearchNeglect
from clients_api.jobsearch.periods import Obligation, Period, periods
from clients_api.jobsearch.rules import SANCTION_RULE_SETS, NoSanctionRuleSet, sanctions_in_force
from clients_api.jobsearch.schemas import (
    ApplicationCreate,
    ApplicationRead,
    JobSearchRead,
    NeglectCreate,
    NeglectRead,
    ObligationRead,
    PeriodRead,
)
from clients_api.plan import repository as plan_repository
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.calendar import HELSINKI, add_months, today
from polku_kit.errors import Conflict, FieldError, Unprocessable
from polku_kit.outbox import emit


class NeglectAlreadyRecorded(Conflict):
    slug = "neglect-already-recorded"
    title = "A neglect is already recorded for this period"


class ApplicationAlreadyCounted(Conflict):
    slug = "application-already-counted"
    title = "The application already counts toward the job-search obligation"


def employer_key(name: str) -> str:
    """An employer's name as two reports of one application are compared: spaces and case aside."""
    return " ".join(name.split()).casefold()


def already_counted(row: JobApplication) -> ApplicationAlreadyCounted:
    """The refusal of a second report of ``row``'s application, naming it."""
    offer = f" (job offer {row.job_offer_id})" if row.job_offer_id else ""
    return ApplicationAlreadyCounted(
        f"The application to {row.employer}{offer} was reported on {row.reported_at.date().isoformat()} by "
        f"{row.reported_by}, applied for on {row.applied_on.isoformat()}, and already counts",
        existing_application_id=str(row.id),
        existing_applied_on=row.applied_on.isoformat(),
        existing_reported_by=row.reported_by,
        existing_job_offer_id=str(row.job_offer_id) if row.job_offer_id else None,
    )


def same_application(rows: list[JobApplication], data: ApplicationCreate) -> JobApplication | None:
    """The application already held that a hand report would count again: the one the named job offer became,
    or, for an assigned vacancy reported without naming an offer, one a job offer of the same employer became
    (an offer is an assigned vacancy: the coach reports the offered one by naming it)."""
    if data.job_offer_id is not None:
        return next((row for row in rows if row.job_offer_id == data.job_offer_id), None)
    if data.kind is not ApplicationKind.assigned_vacancy:
        return None
    key = employer_key(data.employer)
    return next((row for row in rows if row.job_offer_id is not None and employer_key(row.employer) == key), None)


def _neglect(row: JobSearchNeglect) -> NeglectRead:
    sources = next((list(r.sources) for r in SANCTION_RULE_SETS if r.key == row.rule_set), [])
    return NeglectRead.model_validate(row).model_copy(update={"legal_sources": sources})


def _invalid(field: str, message: str, code: str) -> Unprocessable:
    return Unprocessable(message, errors=[FieldError(field=field, message=message, code=code).model_dump()])


async def _periods(session: AsyncSession, client: Client, day: date) -> tuple[list[Period], ObligationRead | None]:
    versions = await plan_repository.versions(session, client_id=client.id)
    obligations = [
        Obligation(
            effective_on=version.created_at.astimezone(HELSINKI).date(),
            applications_per_period=version.applications_per_period,
            period_months=version.period_months,
        )
        for version in versions
    ]
    applied = [row.applied_on for row in await repository.applications(session, client_id=client.id)]
    current = versions[-1] if versions else None
    obligation = (
        None
        if current is None
        else ObligationRead(
            applications_per_period=current.applications_per_period,
            period_months=current.period_months,
            reduction_reason=current.obligation_reduction_reason,
            plan_version=current.version,
        )
    )
    return periods(obligations=obligations, applied_on=applied, today=day), obligation


async def report_application(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: ApplicationCreate
) -> ApplicationRead:
    client = await client_in_scope(session, principal, client_id)
    if data.applied_on > today() or data.applied_on < client.job_search_started_on:
        raise _invalid("body.applied_on", "outside the job search or in the future", "out_of_range")
    if data.job_offer_id is not None and not await repository.job_offer_made_to(
        session, client_id=client.id, job_offer_id=data.job_offer_id
    ):
        raise _invalid("body.job_offer_id", "not a job offer made to this client", "unknown_job_offer")
    # Reports of one client take turns with the applications job offers become (clients_api.jobsearch.inbound).
    await repository.lock_client(session, client_id=client.id)
    same = same_application(await repository.applications(session, client_id=client.id), data)
    if same is not None:
        raise already_counted(same)
    row = JobApplication(
        client_id=client.id,
        applied_on=data.applied_on,
        kind=ApplicationKind.assigned_vacancy.value if data.job_offer_id else data.kind.value,
        employer=data.employer,
        position=data.position,
        occupation=data.occupation,
        reported_by=principal.subject,
        job_offer_id=data.job_offer_id,
    )
    details: dict[str, object] | None = {"job_offer_id": data.job_offer_id} if data.job_offer_id else None
    await add_application(session, actor=principal, client=client, row=row, audit_details=details)
    return ApplicationRead.model_validate(row)


async def add_application(
    session: AsyncSession,
    *,
    actor: Principal,
    client: Client,
    row: JobApplication,
    audit_details: dict[str, object] | None = None,
) -> None:
    """Store ``row`` (checked by the caller) as one of the client's applications: audited naming ``actor`` and
    announced, whoever reported it (the client through the coach, or an offer's outcome from employer-api)."""
    session.add(row)
    await session.flush()
    await session.refresh(row)
    await record(
        session,
        actor=actor,
        action=AuditAction.create,
        resource_type="job_application",
        resource_id=row.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details=audit_details,
    )
    await emit(
        session,
        type="fi.polku.client.job_application_reported.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={"client_id": str(client.id), "applied_on": row.applied_on.isoformat(), "kind": row.kind},
    )


async def list_applications(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID
) -> list[ApplicationRead]:
    client = await client_in_scope(session, principal, client_id)
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="job_application",
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    return [ApplicationRead.model_validate(row) for row in await repository.applications(session, client_id=client.id)]


async def read(*, session: AsyncSession, principal: Principal, client_id: uuid.UUID) -> JobSearchRead:
    client = await client_in_scope(session, principal, client_id)
    day = today()
    found, obligation = await _periods(session, client, day)
    neglects = {row.period_starts_on: row for row in await repository.neglects(session, client_id=client.id)}
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="job_search",
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    return JobSearchRead(
        client_id=client.id,
        today=day,
        obligation=obligation,
        periods=[
            PeriodRead(
                starts_on=p.starts_on,
                ends_on=p.ends_on,
                required=p.required,
                reported=p.reported,
                shortfall=p.shortfall,
                closed=p.closed,
                neglect=_neglect(neglects[p.starts_on]) if p.starts_on in neglects else None,
            )
            for p in found
        ],
        total_shortfall=sum(p.shortfall for p in found if p.closed),
    )


async def record_neglect(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: NeglectCreate
) -> NeglectRead:
    """Record the neglect of one closed period with a shortfall. Its consequence comes from the rule set in
    force on the period's last day and the number of neglects in the look-back before it."""
    client = await client_in_scope(session, principal, client_id)
    found, _ = await _periods(session, client, today())
    period = next((p for p in found if p.starts_on == data.period_starts_on), None)
    if period is None or not period.closed:
        raise _invalid("body.period_starts_on", "not the first day of a closed review period", "no_closed_period")
    if period.shortfall == 0:
        raise _invalid("body.period_starts_on", "the obligation of this period was met", "obligation_met")
    if any(row.period_starts_on == period.starts_on for row in await repository.neglects(session, client_id=client.id)):
        raise NeglectAlreadyRecorded(f"Already recorded for the period beginning {period.starts_on.isoformat()}")
    try:
        rules = sanctions_in_force(period.ends_on)
    except NoSanctionRuleSet:
        raise _invalid("body.period_starts_on", "no job-search obligation rules for this period", "no_rules") from None
    earlier = await repository.neglects_between(
        session,
        client_id=client.id,
        after=add_months(period.ends_on, -rules.lookback_months),
        before=period.ends_on,
    )
    step = rules.consequence(earlier + 1)
    row = JobSearchNeglect(
        client_id=client.id,
        period_starts_on=period.starts_on,
        period_ends_on=period.ends_on,
        required=period.required,
        reported=period.reported,
        ordinal=earlier + 1,
        consequence=step.consequence.value,
        non_compensable_days=step.non_compensable_days,
        rule_set=rules.key,
        notes=data.notes,
        recorded_by=principal.subject,
    )
    session.add(row)
    await session.flush()
    await session.refresh(row)
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="job_search_neglect",
        resource_id=row.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"period_starts_on": period.starts_on.isoformat(), "consequence": row.consequence},
    )
    await emit(
        session,
        type="fi.polku.client.job_search_neglect_recorded.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={
            "client_id": str(client.id),
            "period_starts_on": row.period_starts_on.isoformat(),
            "period_ends_on": row.period_ends_on.isoformat(),
            "ordinal": row.ordinal,
            "consequence": row.consequence,
            "non_compensable_days": row.non_compensable_days,
            "rule_set": row.rule_set,
        },
    )
    return _neglect(row)
