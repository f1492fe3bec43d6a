"""Rules for supports: employer services record the decisions (pay subsidy by the law's ground, recruitment
bonus, summer-job voucher, grants to associations), with the euros committed by month; managers read them and
the money committed in a year. A pay subsidy names its client (within the recorder's reach, as clients-api
decides) and is announced as ``subsidy.decided`` so that clients-api records the client's activating-service
episode; a cancellation is announced as ``subsidy.ended``. Events carry ids, codes, dates and euros: no names."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any, cast

from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.acting import name_of, stamp
from employer_api.clients import within_reach
from employer_api.employer.models import Employer
from employer_api.employer.service import visible as visible_employer
from employer_api.support import repository, rules
from employer_api.support.models import Support, SupportKind, SupportStatus
from employer_api.support.schemas import (
    CommittedSummary,
    MonthCommitted,
    SupportCreate,
    SupportRead,
    SupportStatusChange,
)
from employer_api.vacancy.service import visible as visible_vacancy
from polku_kit import versioning
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.errors import Conflict, FieldError, NotFound, Unprocessable
from polku_kit.outbox import emit
from polku_kit.service_client import OnBehalfOf

PURPOSE = "employer services: supports decided for employers and job seekers"
SOURCE = "/polku/employer-api"
MOVES = {SupportStatus.decided: frozenset({SupportStatus.paid, SupportStatus.cancelled})}


class SupportNotFound(NotFound):
    slug = "support-not-found"
    title = "Support not found"


class SupportStatusNotAllowed(Conflict):
    slug = "support-status-not-allowed"
    title = "The support cannot move to that status"


class PeriodTooLong(Unprocessable):
    slug = "pay-subsidy-period-too-long"
    title = "The period is longer than the law's ground allows at once"


def _read(row: Support) -> SupportRead:
    return SupportRead.model_validate(row)


async def create(
    *, session: AsyncSession, principal: Principal, clients_api: OnBehalfOf, data: SupportCreate
) -> SupportRead:
    employer = await visible_employer(session, principal, data.employer_id)
    if data.vacancy_id is not None:
        vacancy = await visible_vacancy(session, principal, data.vacancy_id)
        if vacancy.employer_id != employer.id:
            raise Unprocessable(
                "The vacancy is another employer's",
                errors=[
                    FieldError(
                        field="body.vacancy_id", message="is another employer's", code="value_error"
                    ).model_dump()
                ],
            )
    if data.client_id is not None:
        await within_reach(clients_api, data.client_id)
    percent: int | None = None
    if data.kind is SupportKind.pay_subsidy:
        # The schema has checked that a pay subsidy names all of these.
        ground = rules.GROUNDS[str(data.ground)]
        starts_on, ends_on = cast(date, data.starts_on), cast(date, data.ends_on)
        percent = ground.percent
        if ground.longest_months is not None and ends_on > rules.latest_end(starts_on, ground.longest_months):
            raise PeriodTooLong(
                f"A pay subsidy on the ground {ground.code} is granted for {ground.longest_months} months at most",
                errors=[
                    FieldError(
                        field="body.ends_on", message="is past the longest period", code="value_error"
                    ).model_dump()
                ],
            )
        months = rules.committed_by_month(starts_on, ends_on, cast(Decimal, data.monthly_wage_cost), ground.percent)
    else:
        months = [(f"{(data.starts_on or data.decided_on):%Y-%m}", cast(Decimal, data.amount))]
    row = Support(
        id=uuid.uuid4(),
        authority_id=employer.authority_id,
        kind=data.kind,
        employer_id=employer.id,
        client_id=data.client_id,
        vacancy_id=data.vacancy_id,
        decided_on=data.decided_on,
        decided_by=principal.subject,
        decided_by_name=name_of(principal),
        decided_by_organisation_name=principal.organisation_name,
        status=SupportStatus.decided,
        ground=data.ground,
        percent=percent,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        monthly_wage_cost=data.monthly_wage_cost,
        amount=data.amount,
        committed_by_month=[{"month": month, "euros": str(euros)} for month, euros in months],
        total_committed=sum((euros for _, euros in months), Decimal("0.00")),
    )
    session.add(row)
    await session.flush()
    await session.refresh(row)
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="support",
        resource_id=row.id,
        data_subject_id=row.client_id,
        purpose=PURPOSE,
        details={"kind": row.kind.value, "total_committed": row.total_committed},
    )
    await emit(
        session,
        type="fi.polku.subsidy.decided.v1",
        subject=f"supports/{row.id}",
        source=SOURCE,
        audience=[row.authority_id],
        data=_event(row, employer),
    )
    return _read(row)


def _event(row: Support, employer: Employer) -> dict[str, Any]:
    data: dict[str, Any] = {
        "subsidy_id": row.id,
        "kind": row.kind.value,
        "organisation_id": row.authority_id,
        "employer_id": row.employer_id,
        "client_id": row.client_id,
        "vacancy_id": row.vacancy_id,
        "industry_main_class": employer.industry_main_class,
        "municipalities": employer.municipalities,
        "decided_on": row.decided_on,
        "decided_by": row.decided_by,
        "status": row.status.value,
        "ground": row.ground,
        "percent": row.percent,
        "starts_on": row.starts_on,
        "ends_on": row.ends_on,
        "monthly_wage_cost": row.monthly_wage_cost,
        "committed_by_month": row.committed_by_month,
        "total_committed": row.total_committed,
    }
    if row.kind is SupportKind.pay_subsidy:
        # The client's activating-service episode (*aktivointijakso*) that clients-api records from this event.
        data["activating_service_episode"] = {
            "service": "pay_subsidised_work",
            "starts_on": row.starts_on,
            "ends_on": row.ends_on,
        }
    return data


async def read(*, session: AsyncSession, principal: Principal, support_id: uuid.UUID) -> SupportRead:
    row = await repository.get(session, authority_id=principal.organisation(), support_id=support_id)
    if row is None:
        raise SupportNotFound(f"No support {support_id}")
    if row.client_id is not None:
        await record(
            session,
            actor=principal,
            action=AuditAction.read,
            resource_type="support",
            resource_id=row.id,
            data_subject_id=row.client_id,
            purpose=PURPOSE,
        )
    return _read(row)


async def change_status(
    *,
    session: AsyncSession,
    principal: Principal,
    support_id: uuid.UUID,
    data: SupportStatusChange,
    if_match: str | None,
) -> SupportRead:
    row = await repository.get(session, authority_id=principal.organisation(), support_id=support_id)
    if row is None:
        raise SupportNotFound(f"No support {support_id}")
    await session.refresh(row, with_for_update=True)
    versioning.check(row, if_match, current=f"/v1/supports/{row.id}")
    allowed = MOVES.get(row.status, frozenset())
    if data.status not in allowed:
        raise SupportStatusNotAllowed(
            f"A {row.status.value} support cannot become {data.status.value}",
            allowed=sorted(status.value for status in allowed),
        )
    row.status = data.status
    if data.status is SupportStatus.cancelled:
        row.ended_reason = data.reason
    stamp(row, "changed_by", principal)
    versioning.bump(row)
    await session.flush()
    await session.refresh(row)
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="support",
        resource_id=row.id,
        data_subject_id=row.client_id,
        purpose=PURPOSE,
        details={"status": row.status.value},
    )
    if data.status is SupportStatus.cancelled:
        employer = await visible_employer(session, principal, row.employer_id)
        await emit(
            session,
            type="fi.polku.subsidy.ended.v1",
            subject=f"supports/{row.id}",
            source=SOURCE,
            audience=[row.authority_id],
            data={**_event(row, employer), "ended_on": rules.ended_on(row.updated_at), "reason": "cancelled"},
        )
    return _read(row)


async def search(
    *,
    session: AsyncSession,
    principal: Principal,
    employer_id: uuid.UUID | None,
    client_id: uuid.UUID | None,
    limit: int,
) -> list[SupportRead]:
    rows = await repository.listed(
        session, authority_id=principal.organisation(), employer_id=employer_id, client_id=client_id, limit=limit
    )
    return [_read(row) for row in rows]


async def committed(*, session: AsyncSession, principal: Principal, year: int) -> CommittedSummary:
    rows = await repository.in_force_during(
        session, authority_id=principal.organisation(), first=date(year, 1, 1), last=date(year, 12, 31)
    )
    by_kind: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    by_month: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for row in rows:
        for item in row.committed_by_month:
            if item["month"].startswith(f"{year:04d}-"):
                by_kind[row.kind.value] += Decimal(item["euros"])
                by_month[item["month"]] += Decimal(item["euros"])
    return CommittedSummary(
        year=year,
        by_kind=dict(sorted(by_kind.items())),
        by_month=[MonthCommitted(month=month, euros=euros) for month, euros in sorted(by_month.items())],
        total=sum(by_month.values(), Decimal("0.00")),
    )
