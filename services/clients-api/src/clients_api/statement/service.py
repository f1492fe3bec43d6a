"""Drafting, hearing and issuing labour-policy statements (*työvoimapoliittinen lausunto*).

The employment authority gives Kela or the client's unemployment fund a statement on the labour-policy
conditions of the unemployment benefit, which binds them (työttömyysturvalaki 1290/2002, 11 luku 4 §, as amended
by 385/2023 with the transfer of the employment services to the municipalities under Laki työvoimapalveluiden
järjestämisestä 380/2023, in force 1.1.2025). The neglects it reports and their consequences are those of
työttömyysturvalaki 2 a luku (13 § neglect of the job-search obligation and the plan, 14 § repeated neglect):
the consequence follows the sanction rule set in force on the day of the neglect and the number of neglects in
its look-back (:mod:`clients_api.jobsearch.rules`). Before a statement that goes against the client is given,
the client is heard (hallintolaki 434/2003, 34 §): the statement is issued only once the client's account is
recorded with its date.

Processing time, an indicator the ministry follows: days from the neglect to the issued statement.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import PURPOSE, check_caseload_reach, client_in_scope
from clients_api.client.models import Client
from clients_api.jobsearch.rules import NoSanctionRuleSet, SanctionRuleSet, Step, sanctions_in_force
from clients_api.platform import statement_requests
from clients_api.statement import repository
from clients_api.statement.models import (
    LabourPolicyStatement,
    LabourPolicyStatementVersion,
    StatementState,
    utc_now,
)
from clients_api.statement.schemas import (
    CoachStatementItem,
    CoachStatements,
    HearingCreate,
    IssueCreate,
    StatementCreate,
    StatementRead,
    StatementUpdate,
    StatementVersionRead,
)
from polku_kit import versioning
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.calendar import add_months, today
from polku_kit.errors import Conflict, FieldError, NotFound, PreconditionFailed, Unprocessable
from polku_kit.outbox import emit

PENDING = (StatementState.draft.value, StatementState.heard.value)


class StatementNotFound(NotFound):
    slug = "statement-not-found"
    title = "Statement not found"


class StatementExists(Conflict):
    slug = "statement-exists"
    title = "A statement about this neglect exists"


class StatementIssued(Conflict):
    slug = "statement-issued"
    title = "The statement is issued and can no longer change"


class StatementNotHeard(Conflict):
    slug = "statement-not-heard"
    title = "The client has not been heard"


class StatementChanged(PreconditionFailed):
    slug = "statement-changed"
    title = "The statement was changed by someone else"


def _invalid(field: str, message: str, code: str) -> Unprocessable:
    return Unprocessable(message, errors=[FieldError(field=field, message=message, code=code).model_dump()])


def processing_days(statement: LabourPolicyStatement, day: date) -> int:
    """Days from the neglect to the statement: to the day it was issued, or to ``day`` while it is pending."""
    return ((statement.issued_on or day) - statement.neglected_on).days


def _read(statement: LabourPolicyStatement) -> StatementRead:
    return StatementRead.model_validate(statement, from_attributes=True).model_copy(
        update={"processing_days": processing_days(statement, today())}
    )


def _snapshot(statement: LabourPolicyStatement) -> dict[str, Any]:
    return _read(statement).model_dump(mode="json", exclude={"processing_days"})


async def _judge(
    session: AsyncSession, *, client_id: uuid.UUID, neglected_on: date, other_than: uuid.UUID | None
) -> tuple[SanctionRuleSet, int, Step]:
    """The rule set in force on the day of the neglect, the neglect's ordinal within its look-back, and the
    consequence those give (työttömyysturvalaki 2 a luku 13–14 §)."""
    try:
        rules = sanctions_in_force(neglected_on)
    except NoSanctionRuleSet:
        raise _invalid(
            "body.neglected_on", "no sanction rules are recorded for this day (they start on 2 May 2022)", "no_rules"
        ) from None
    earlier = await repository.earlier_neglects(
        session,
        client_id=client_id,
        after=add_months(neglected_on, -rules.lookback_months),
        before=neglected_on,
        other_than=other_than,
    )
    return rules, earlier + 1, rules.consequence(earlier + 1)


async def _in_scope(
    session: AsyncSession, principal: Principal, client_id: uuid.UUID, statement_id: uuid.UUID, *, lock: bool = False
) -> tuple[Client, LabourPolicyStatement]:
    client = await client_in_scope(session, principal, client_id)
    statement = await repository.get(session, client_id=client.id, statement_id=statement_id, lock=lock)
    if statement is None:
        raise StatementNotFound(f"No statement {statement_id}")
    return client, statement


def _url(statement: LabourPolicyStatement) -> str:
    return f"/v1/clients/{statement.client_id}/statements/{statement.id}"


async def _editable(
    session: AsyncSession, principal: Principal, client_id: uuid.UUID, statement_id: uuid.UUID, if_match: str | None
) -> tuple[Client, LabourPolicyStatement]:
    client, statement = await _in_scope(session, principal, client_id, statement_id, lock=True)
    versioning.check(statement, if_match, current=_url(statement), changed=StatementChanged)
    if statement.state == StatementState.issued.value:
        raise StatementIssued(f"Issued on {statement.issued_on}")
    return client, statement


async def _saved(
    session: AsyncSession,
    principal: Principal,
    client: Client,
    statement: LabourPolicyStatement,
    action: AuditAction,
    step: str,
) -> StatementRead:
    """Keep the new version's snapshot and audit the change, naming the person who made it."""
    await session.flush()
    session.add(
        LabourPolicyStatementVersion(
            statement_id=statement.id,
            version=statement.version,
            client_id=statement.client_id,
            snapshot=_snapshot(statement),
            changed_by=principal.subject,
        )
    )
    await session.flush()
    await record(
        session,
        actor=principal,
        action=action,
        resource_type="labour_policy_statement",
        resource_id=statement.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"step": step, "version": statement.version, "state": statement.state},
    )
    return _read(statement)


async def _rejudge(session: AsyncSession, statement: LabourPolicyStatement) -> None:
    """Count again: a statement about an earlier neglect may have been drafted since."""
    rules, ordinal, step = await _judge(
        session, client_id=statement.client_id, neglected_on=statement.neglected_on, other_than=statement.id
    )
    statement.rule_set, statement.ordinal = rules.key, ordinal
    statement.consequence, statement.non_compensable_days = step.consequence.value, step.non_compensable_days


def _touch(statement: LabourPolicyStatement, principal: Principal) -> None:
    versioning.bump(statement)
    statement.updated_by, statement.updated_at = principal.subject, utc_now()


async def draft(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: StatementCreate
) -> StatementRead:
    client = await client_in_scope(session, principal, client_id)
    if data.neglected_on > today():
        raise _invalid("body.neglected_on", "the neglect cannot be in the future", "future")
    if data.neglected_on < client.job_search_started_on:
        raise _invalid("body.neglected_on", "before the client's job search started", "before_job_search")
    if await repository.for_neglect(
        session, client_id=client.id, neglect_kind=data.neglect_kind.value, neglected_on=data.neglected_on
    ):
        raise StatementExists(f"A statement about the {data.neglect_kind.value} of {data.neglected_on} exists")
    rules, ordinal, step = await _judge(session, client_id=client.id, neglected_on=data.neglected_on, other_than=None)
    statement = LabourPolicyStatement(
        id=uuid.uuid4(),
        client_id=client.id,
        organisation_id=client.organisation_id,
        version=1,
        state=StatementState.draft.value,
        neglect_kind=data.neglect_kind.value,
        neglected_on=data.neglected_on,
        description=data.description,
        ordinal=ordinal,
        consequence=step.consequence.value,
        non_compensable_days=step.non_compensable_days,
        rule_set=rules.key,
        drafted_by=principal.subject,
        drafted_at=utc_now(),
        updated_by=principal.subject,
        updated_at=utc_now(),
    )
    session.add(statement)
    saved = await _saved(session, principal, client, statement, AuditAction.create, "drafted")
    if data.platform_request_id is not None:
        await statement_requests.link_to_statement(
            session, principal=principal, client=client, request_id=data.platform_request_id, statement_id=statement.id
        )
    return saved


async def update(
    *,
    session: AsyncSession,
    principal: Principal,
    client_id: uuid.UUID,
    statement_id: uuid.UUID,
    data: StatementUpdate,
    if_match: str | None,
) -> StatementRead:
    client, statement = await _editable(session, principal, client_id, statement_id, if_match)
    statement.description = data.description
    await _rejudge(session, statement)
    _touch(statement, principal)
    return await _saved(session, principal, client, statement, AuditAction.update, "edited")


async def hear(
    *,
    session: AsyncSession,
    principal: Principal,
    client_id: uuid.UUID,
    statement_id: uuid.UUID,
    data: HearingCreate,
    if_match: str | None,
) -> StatementRead:
    client, statement = await _editable(session, principal, client_id, statement_id, if_match)
    if data.heard_on < statement.neglected_on:
        raise _invalid("body.heard_on", "the client is heard about a neglect after it happened", "before_neglect")
    if data.heard_on > today():
        raise _invalid("body.heard_on", "cannot be in the future", "future")
    statement.client_account, statement.heard_on, statement.heard_by = (
        data.client_account,
        data.heard_on,
        principal.subject,
    )
    statement.state = StatementState.heard.value
    await _rejudge(session, statement)
    _touch(statement, principal)
    return await _saved(session, principal, client, statement, AuditAction.update, "heard")


async def issue(
    *,
    session: AsyncSession,
    principal: Principal,
    client_id: uuid.UUID,
    statement_id: uuid.UUID,
    data: IssueCreate,
    if_match: str | None,
) -> StatementRead:
    client, statement = await _editable(session, principal, client_id, statement_id, if_match)
    if statement.heard_on is None:
        raise StatementNotHeard("Record the client's account (hallintolaki 434/2003, 34 §) before issuing")
    if data.issued_on < statement.heard_on:
        raise _invalid("body.issued_on", "a statement is issued after the client was heard", "before_hearing")
    if data.issued_on > today():
        raise _invalid("body.issued_on", "cannot be in the future", "future")
    await _rejudge(session, statement)
    statement.recipient, statement.fund_name = data.recipient.value, data.fund_name
    statement.issued_on, statement.issued_by = data.issued_on, principal.subject
    statement.state = StatementState.issued.value
    _touch(statement, principal)
    read = await _saved(session, principal, client, statement, AuditAction.update, "issued")
    # The requests from the national system that the statement answers are closed by it.
    answered = await statement_requests.close_for_issued(session, principal=principal, statement_id=statement.id)
    # For the national platform and metrics: no names, no identity code, no client id.
    await emit(
        session,
        type="fi.polku.statement.issued.v1",
        subject=f"statements/{statement.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={
            "statement_id": str(statement.id),
            "organisation_id": str(client.organisation_id),
            "municipality": client.home_municipality,
            "neglect_kind": statement.neglect_kind,
            "neglected_on": statement.neglected_on.isoformat(),
            "heard_on": statement.heard_on.isoformat(),
            "issued_on": data.issued_on.isoformat(),
            "processing_days": processing_days(statement, data.issued_on),
            "recipient": statement.recipient,
            "consequence": statement.consequence,
            "non_compensable_days": statement.non_compensable_days,
            "rule_set": statement.rule_set,
            "platform_request_ids": answered,
        },
    )
    return read


async def read(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, statement_id: uuid.UUID
) -> StatementRead:
    client, statement = await _in_scope(session, principal, client_id, statement_id)
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="labour_policy_statement",
        resource_id=statement.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    return _read(statement)


async def list_for_client(*, session: AsyncSession, principal: Principal, client_id: uuid.UUID) -> list[StatementRead]:
    client = await client_in_scope(session, principal, client_id)
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="labour_policy_statement",
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    return [_read(row) for row in await repository.of_client(session, client_id=client.id)]


async def history(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, statement_id: uuid.UUID
) -> list[StatementVersionRead]:
    client, statement = await _in_scope(session, principal, client_id, statement_id)
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="labour_policy_statement_history",
        resource_id=statement.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    return [
        StatementVersionRead.model_validate(row)
        for row in await repository.versions(session, statement_id=statement.id)
    ]


async def of_coach(
    *, session: AsyncSession, principal: Principal, coach_subject: str | None, include_issued: bool
) -> CoachStatements:
    """The statements a coach drafted: the pending ones by how long they have waited, then (if asked) the issued
    ones by processing time, longest first. A coach sees their own and their team's; a manager anyone's."""
    coach = coach_subject or principal.subject
    await check_caseload_reach(session, principal, coach=coach)
    states = (*PENDING, StatementState.issued.value) if include_issued else PENDING
    rows = await repository.of_coach(
        session, organisation_id=principal.organisation(), coach_subject=coach, states=states
    )
    day = today()
    items = [
        CoachStatementItem(**_read(statement).model_dump(), client_first_names=first_names, client_last_name=last_name)
        for statement, first_names, last_name in rows
    ]
    items.sort(key=lambda item: (item.state == StatementState.issued, -(item.processing_days or 0), str(item.id)))
    issued = [processing_days(statement, day) for statement, _, _ in rows if statement.issued_on is not None]
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="labour_policy_statement_list",
        purpose=PURPOSE,
        details={"coach": coach, "clients": sorted({str(item.client_id) for item in items})},
    )
    return CoachStatements(
        coach_subject=coach,
        pending=sum(1 for item in items if item.state != StatementState.issued),
        issued=len(issued),
        average_processing_days=round(sum(issued) / len(issued), 1) if issued else None,
        items=items,
    )
