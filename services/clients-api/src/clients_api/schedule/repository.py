"""Every query of the schedule: interviews held, the caseload whose deadlines a due list shows, and the job seekers
and notices of the overdue announcer."""

from __future__ import annotations

import functools
import typing
import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    FromClause,
    Row,
    Select,
    Table,
    Text,
    and_,
    bindparam,
    case,
    cast,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from clients_api.access.repository import (
    ORGANISATION,
    client_rows_statements,
    colleague_of_coach,
)
from clients_api.client.models import JOB_SEEKING_SQL, Client, ClientStatus, ClientStatusChange
from clients_api.jobsearch.models import JobSearchPeriod
from clients_api.plan.models import PlanVersion
from clients_api.platform.models import OPEN_STATEMENT_REQUEST, PlatformStatementRequest
from clients_api.schedule.deadlines import DeadlineKind, DeadlineStatus
from clients_api.schedule.models import ClientDeadline, DeadlineWaiver, DutyClearance, Interview, OverdueNotice
from polku_kit.audit import record_insert
from polku_kit.db import OneStatement


def open_condition() -> ColumnElement[bool]:
    """A stored deadline neither held nor waived, written as the partial indexes' predicate (so that the planner
    can use them)."""
    return and_(ClientDeadline.held_on.is_(None), ~ClientDeadline.waived)


def stale_condition(day: date) -> ColumnElement[bool]:
    """Clients whose stored deadlines are not their schedule on ``day`` (never computed, or past the horizon)."""
    return or_(Client.deadlines_valid_until.is_(None), Client.deadlines_valid_until < day)


def has_overdue(day: date) -> ColumnElement[bool]:
    """The client (of the enclosing query) has an overdue statutory deadline on ``day``."""
    return exists().where(ClientDeadline.client_id == Client.id, open_condition(), ClientDeadline.due_on < day)


# Rows per INSERT of overdue notices (six parameters a row, well under PostgreSQL's 32,767).
NOTICE_ROWS_PER_STATEMENT = 1000


def _interviews(client_id: ColumnElement[uuid.UUID]) -> Select[Any]:
    return select(*typing.cast(Table, Interview.__table__).c).where(Interview.client_id == client_id)


# Built once (by whether the caller's reach is asked): the client's interviews, oldest first, and their read's record
# naming the client (read with ``access.service.read_client_rows``).
INTERVIEWS = client_rows_statements(_interviews, order=("held_on",), resource=None)


async def interview_days(
    session: AsyncSession, client_ids: list[uuid.UUID], *, on: date | None = None
) -> dict[uuid.UUID, list[date]]:
    """The days the given clients' interviews were held (not cancelled); with ``on``, only that day's."""
    if not client_ids:
        return {}
    query = select(Interview.client_id, Interview.held_on).where(
        Interview.client_id.in_(client_ids), Interview.cancelled_at.is_(None)
    )
    if on is not None:
        query = query.where(Interview.held_on == on)
    rows = await session.execute(query)
    held: dict[uuid.UUID, list[date]] = {}
    for client_id, held_on in rows.all():
        held.setdefault(client_id, []).append(held_on)
    return held


async def interview(session: AsyncSession, *, client_id: uuid.UUID, interview_id: uuid.UUID) -> Interview | None:
    return await session.scalar(select(Interview).where(Interview.id == interview_id, Interview.client_id == client_id))


async def waived(session: AsyncSession, *, client_id: uuid.UUID, kind: str, number: int) -> bool:
    query = select(DeadlineWaiver.id).where(
        DeadlineWaiver.client_id == client_id, DeadlineWaiver.kind == kind, DeadlineWaiver.number == number
    )
    return await session.scalar(query) is not None


async def waiver_reasons(session: AsyncSession, *, client_id: uuid.UUID) -> dict[tuple[str, int], str]:
    rows = await session.execute(
        select(DeadlineWaiver.kind, DeadlineWaiver.number, DeadlineWaiver.reason).where(
            DeadlineWaiver.client_id == client_id
        )
    )
    return {(kind, number): reason for kind, number, reason in rows.all()}


def _deadlines_with_reasons(client_id: ColumnElement[uuid.UUID]) -> Select[Any]:
    """The client's stored deadlines (``stored.to_deadline``'s columns), each with its waiver's reason (NULL: none)."""
    columns: list[Any] = [
        ClientDeadline.kind,
        ClientDeadline.number,
        ClientDeadline.due_on,
        ClientDeadline.held_on,
        ClientDeadline.waived,
        ClientDeadline.rule_set,
        DeadlineWaiver.reason.label("waiver_reason"),
    ]
    return (
        select(*columns)
        .select_from(ClientDeadline)
        .outerjoin(
            DeadlineWaiver,
            and_(
                DeadlineWaiver.client_id == ClientDeadline.client_id,
                DeadlineWaiver.kind == ClientDeadline.kind,
                DeadlineWaiver.number == ClientDeadline.number,
            ),
        )
        .where(ClientDeadline.client_id == client_id)
    )


def _schedule_up_to_date(client: FromClause) -> ColumnElement[bool]:
    """The client's stored deadlines are its schedule on ``day`` (``stored.is_stale`` does not hold)."""
    return client.c.deadlines_valid_until >= bindparam("day", type_=Date())


# Built once (by whether the caller's reach is asked): the client's ``deadlines_valid_until`` and, when its stored
# deadlines are up to date on the bound ``day``, those deadlines with their waivers' reasons and the read's record
# naming the client (read with ``access.service.read_client_rows``, every row: a row whose ``kind`` is NULL is no
# deadline, one such row none, or out of date and nothing read nor recorded).
SCHEDULE = client_rows_statements(
    _deadlines_with_reasons,
    order=("due_on",),
    resource=None,
    client_columns=("deadlines_valid_until",),
    when=_schedule_up_to_date,
    key="kind",
)


async def waivers_for_clients(
    session: AsyncSession, client_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[DeadlineWaiver]]:
    if not client_ids:
        return {}
    found: dict[uuid.UUID, list[DeadlineWaiver]] = {}
    for row in (await session.scalars(select(DeadlineWaiver).where(DeadlineWaiver.client_id.in_(client_ids)))).all():
        found.setdefault(row.client_id, []).append(row)
    return found


async def organisation_after(session: AsyncSession, after: uuid.UUID | None) -> uuid.UUID | None:
    """The next organisation (in id order) that has clients: one probe of the client index per organisation,
    however many clients each has."""
    query = select(Client.organisation_id)
    if after is not None:
        query = query.where(Client.organisation_id > after)
    return await session.scalar(query.order_by(Client.organisation_id).limit(1))


def job_seekers_query(*, organisation_id: uuid.UUID, after: uuid.UUID | None, limit: int) -> Select[uuid.UUID, date]:
    """One keyset page of an organisation's clients in the job search (id order), read through the partial index
    ``ix_client_job_seekers``, never the whole client table."""
    query = select(Client.id, Client.job_search_started_on).where(
        Client.organisation_id == organisation_id, text(f"client.{JOB_SEEKING_SQL}")
    )
    if after is not None:
        query = query.where(Client.id > after)
    return query.order_by(Client.id).limit(limit)


async def job_seekers(
    session: AsyncSession, *, organisation_id: uuid.UUID, after: uuid.UUID | None, limit: int
) -> list[tuple[uuid.UUID, date]]:
    rows = await session.execute(job_seekers_query(organisation_id=organisation_id, after=after, limit=limit))
    return [(client_id, started) for client_id, started in rows.all()]


async def remember_overdue(session: AsyncSession, rows: list[dict[str, Any]]) -> set[tuple[uuid.UUID, str, int]]:
    """Remember deadlines as announced; returns the (client, kind, number) not remembered before for the
    client's current job-search period. Another run inserting the same deadline at the same moment waits on the
    unique key and then inserts nothing, so each deadline is returned to one run only. Rows go in key order, so
    two runs never wait on each other in a cycle."""
    rows = sorted(rows, key=lambda row: (row["client_id"], row["search_started_on"], row["kind"], row["number"]))
    new: set[tuple[uuid.UUID, str, int]] = set()
    for start in range(0, len(rows), NOTICE_ROWS_PER_STATEMENT):
        statement = (
            insert(OverdueNotice)
            .values(rows[start : start + NOTICE_ROWS_PER_STATEMENT])
            .on_conflict_do_nothing(index_elements=["client_id", "search_started_on", "kind", "number"])
            .returning(OverdueNotice.client_id, OverdueNotice.kind, OverdueNotice.number)
        )
        new.update((client_id, kind, number) for client_id, kind, number in (await session.execute(statement)).all())
    return new


# Clients whose job search is on: their deadlines are the ones to act on.
JOB_SEEKING = (ClientStatus.unemployed.value, ClientStatus.in_activating_service.value)


def freshness_query(
    *, organisation_id: uuid.UUID, coach_subject: str | None, day: date
) -> Select[int, Sequence[uuid.UUID]]:
    """How many clients in the job search a due list covers (``clients``: one coach's, or the organisation's), and
    which of them have stored deadlines out of date on ``day`` (``stale``; NULL: none)."""
    query = select(
        func.count().label("clients"), func.array_agg(Client.id).filter(stale_condition(day)).label("stale")
    ).where(Client.organisation_id == organisation_id, Client.status.in_(JOB_SEEKING))
    if coach_subject is not None:
        query = query.where(Client.coach_subject == coach_subject)
    return query


def due_query(
    *, organisation_id: uuid.UUID, coach_subject: str | None, until: date
) -> Select[uuid.UUID, str, str, str, int, date, str]:
    """Open deadlines due by ``until`` (the overdue ones included) of the clients in the job search of one coach,
    or of the organisation: a coach's through the caseload index and each client's open deadlines, an
    organisation's through the open deadlines by due day."""
    query = (
        select(
            Client.id.label("client_id"),
            Client.last_name,
            Client.first_names,
            ClientDeadline.kind,
            ClientDeadline.number,
            ClientDeadline.due_on,
            ClientDeadline.rule_set,
        )
        .join(ClientDeadline, ClientDeadline.client_id == Client.id)
        .where(
            Client.organisation_id == organisation_id,
            Client.status.in_(JOB_SEEKING),
            ClientDeadline.organisation_id == organisation_id,
            open_condition(),
            ClientDeadline.due_on <= until,
        )
    )
    if coach_subject is not None:
        query = query.where(Client.coach_subject == coach_subject)
    return query


async def due(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    coach_subject: str | None,
    until: date,
    client_ids: list[uuid.UUID] | None = None,
) -> list[Row[uuid.UUID, str, str, str, int, date, str]]:
    """:func:`due_query`'s rows; with ``client_ids``, of those clients only."""
    query = due_query(organisation_id=organisation_id, coach_subject=coach_subject, until=until)
    if client_ids is not None:
        query = query.where(Client.id.in_(client_ids))
    return list((await session.execute(query)).all())


class FreshnessAndDue(NamedTuple):
    clients: int
    stale: list[uuid.UUID]
    due: list[Row[*tuple[Any, ...]]]


async def freshness_and_due(
    session: AsyncSession, *, organisation_id: uuid.UUID, coach_subject: str | None, day: date, until: date
) -> FreshnessAndDue:
    """:func:`caseload_freshness` and :func:`due` in one statement (the one row of the first joined to the rows of
    the second). The due rows of the ``stale`` clients are what was stored before: the caller refreshes those
    clients and reads their rows again (:func:`due` with ``client_ids``)."""
    freshness = freshness_query(organisation_id=organisation_id, coach_subject=coach_subject, day=day).subquery("f")
    deadlines = due_query(organisation_id=organisation_id, coach_subject=coach_subject, until=until).subquery("d")
    query = select(freshness.c.clients, freshness.c.stale, deadlines).select_from(
        freshness.outerjoin(deadlines, true())
    )
    rows = (await session.execute(query)).all()
    return FreshnessAndDue(
        clients=int(rows[0].clients),
        stale=list(rows[0].stale or []),
        due=[row for row in rows if row.client_id is not None],
    )


def stale_page_query(*, organisation_id: uuid.UUID, day: date, limit: int) -> Select[uuid.UUID]:
    """Up to ``limit`` clients of the organisation whose stored deadlines are out of date on ``day``, locked;
    clients another transaction is refreshing are skipped."""
    return (
        select(Client.id)
        .where(Client.organisation_id == organisation_id, stale_condition(day))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )


async def stale_page(session: AsyncSession, *, organisation_id: uuid.UUID, day: date, limit: int) -> list[uuid.UUID]:
    return list((await session.scalars(stale_page_query(organisation_id=organisation_id, day=day, limit=limit))).all())


def unannounced_overdue_query(client_ids: list[uuid.UUID], day: date) -> Select[uuid.UUID, str, int, date, str, date]:
    """The stored deadlines of these clients overdue on ``day`` that no notice of the client's current job-search
    period remembers, in key order. The stored deadlines are always the current period's schedule."""
    announced = (
        select(OverdueNotice.id)
        .where(
            and_(
                OverdueNotice.client_id == ClientDeadline.client_id,
                OverdueNotice.search_started_on == Client.job_search_started_on,
                OverdueNotice.kind == ClientDeadline.kind,
                OverdueNotice.number == ClientDeadline.number,
            )
        )
        .exists()
    )
    return (
        select(
            ClientDeadline.client_id,
            ClientDeadline.kind,
            ClientDeadline.number,
            ClientDeadline.due_on,
            ClientDeadline.rule_set,
            Client.job_search_started_on,
        )
        .join(Client, Client.id == ClientDeadline.client_id)
        .where(ClientDeadline.client_id.in_(client_ids), open_condition(), ClientDeadline.due_on < day, ~announced)
        .order_by(ClientDeadline.client_id, ClientDeadline.due_on, ClientDeadline.kind, ClientDeadline.number)
    )


async def unannounced_overdue(
    session: AsyncSession, client_ids: list[uuid.UUID], day: date
) -> list[Row[uuid.UUID, str, int, date, str, date]]:
    if not client_ids:
        return []
    return list((await session.execute(unannounced_overdue_query(client_ids, day))).all())


async def periods_for_clients(
    session: AsyncSession, client_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[Row[tuple[date, bool, date | None]]]]:
    """The job-search periods of these clients (first day, whether it has an initial interview, last day),
    oldest first: the schedule is the latest one's, continuity of unemployment reads them all."""
    found: dict[uuid.UUID, list[Row[tuple[date, bool, date | None]]]] = {client_id: [] for client_id in client_ids}
    query = (
        select(
            JobSearchPeriod.client_id,
            JobSearchPeriod.started_on,
            JobSearchPeriod.initial_interview,
            JobSearchPeriod.ended_on,
        )
        .where(JobSearchPeriod.client_id.in_(client_ids))
        .order_by(JobSearchPeriod.client_id, JobSearchPeriod.started_on)
    )
    for row in (await session.execute(query)).all():
        found[row.client_id].append(row)  # type: ignore[arg-type]
    return found


async def status_changes_for_clients(
    session: AsyncSession, client_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[Row[tuple[str, date, datetime]]]]:
    """The status histories of these clients (status, day, when recorded), for continuity of unemployment."""
    found: dict[uuid.UUID, list[Row[tuple[str, date, datetime]]]] = {client_id: [] for client_id in client_ids}
    query = select(
        ClientStatusChange.client_id,
        ClientStatusChange.status,
        ClientStatusChange.changed_on,
        ClientStatusChange.recorded_at,
    ).where(ClientStatusChange.client_id.in_(client_ids))
    for row in (await session.execute(query)).all():
        found[row.client_id].append(row)  # type: ignore[arg-type]
    return found


class PlanDay(NamedTuple):
    created_at: datetime
    applications_per_period: int | None
    period_months: int | None
    obligation_reduction_reason: str | None


async def plan_days_for_clients(session: AsyncSession, client_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[PlanDay]]:
    """When each plan version of these clients was made, with its job-search obligation, oldest first (the plan
    deadline of a period is met by the first made in it; the up-to-date status follows the latest)."""
    found: dict[uuid.UUID, list[PlanDay]] = {client_id: [] for client_id in client_ids}
    query = (
        select(
            PlanVersion.client_id,
            PlanVersion.created_at,
            PlanVersion.applications_per_period,
            PlanVersion.period_months,
            PlanVersion.obligation_reduction_reason,
        )
        .where(PlanVersion.client_id.in_(client_ids))
        .order_by(PlanVersion.client_id, PlanVersion.created_at, PlanVersion.version)
    )
    for client_id, created_at, applications, months, reason in (await session.execute(query)).all():
        found[client_id].append(PlanDay(created_at, applications, months, reason))
    return found


async def duty_clearances(session: AsyncSession, *, client_id: uuid.UUID) -> list[DutyClearance]:
    query = select(DutyClearance).where(DutyClearance.client_id == client_id).order_by(DutyClearance.cleared_at)
    return list((await session.scalars(query)).all())


async def add_duty_clearance(session: AsyncSession, row: DutyClearance) -> bool:
    """Insert the clearance unless one of the same duty exists (also one inserted meanwhile); whether it was."""
    inserted = await session.execute(
        insert(DutyClearance)
        .values(
            id=row.id,
            client_id=row.client_id,
            kind=row.kind,
            key=row.key,
            reason=row.reason,
            cleared_by=row.cleared_by,
        )
        .on_conflict_do_nothing(index_elements=["client_id", "kind", "key"])
        .returning(DutyClearance.id)
    )
    return inserted.scalar_one_or_none() is not None


async def due_statement_requests(
    session: AsyncSession, *, organisation_id: uuid.UUID, coach_subject: str | None
) -> list[tuple[PlatformStatementRequest, str, str]]:
    """Open requests (pending, or with a statement drafted) of one coach's clients, or of the organisation's,
    with the client's last and first names, oldest first."""
    query = (
        select(PlatformStatementRequest, Client.last_name, Client.first_names)
        .join(Client, Client.id == PlatformStatementRequest.client_id)
        .where(
            PlatformStatementRequest.organisation_id == organisation_id,
            Client.organisation_id == organisation_id,
            PlatformStatementRequest.status.in_(OPEN_STATEMENT_REQUEST),
        )
        .order_by(PlatformStatementRequest.requested_on, PlatformStatementRequest.id)
    )
    if coach_subject is not None:
        query = query.where(Client.coach_subject == coach_subject)
    return [(row[0], row[1], row[2]) for row in (await session.execute(query)).all()]


# The values of :func:`due_list_statement` other than the organisation's (``access.repository.ORGANISATION``) and the
# coach whose reach is asked (``access.repository.REACHED_BY``).
_COACH = bindparam("coach_subject", type_=Text())
_DAY = bindparam("day", type_=Date())
_UNTIL = bindparam("until", type_=Date())
_DUE_RULE = bindparam("due_rule", type_=Text())
# The kinds of deadline in the order of the process (``deadlines.kind_order``): deadlines of one day are listed so.
_KINDS: ColumnElement[Any] = literal_column("ARRAY[" + ", ".join(f"'{kind.value}'" for kind in DeadlineKind) + "]")


def _among(values: Sequence[str]) -> list[ColumnElement[str]]:
    """Constant values written in the statement (an ``IN`` of bound values is rewritten for every execution)."""
    return [literal_column(f"'{value}'") for value in values]


class DueListAnswer(NamedTuple):
    allowed: bool  # False: the caller may not look at the coach's caseload (nothing was read or recorded)
    clients: int  # the clients in the job search the list covers
    stale: int  # of them, those whose stored deadlines are out of date on the day (0: the answer stands, recorded)
    answer: str  # the due list as JSON (``schemas.DueList``)


def _name(client: type[Client]) -> ColumnElement[str]:
    """A client's name as the due list shows it, ``Last, First names``."""
    return client.last_name + literal_column("', '") + client.first_names


def _object(**fields: ColumnElement[Any] | InstrumentedAttribute[Any]) -> ColumnElement[Any]:
    """A JSON object of these fields, in this order (the names written in the statement, not bound)."""
    return func.json_build_object(
        *(part for name, value in fields.items() for part in (literal_column(f"'{name}'"), value))
    )


@functools.cache
def due_list_statement(*, coach: bool, reach: bool) -> Select[Any]:
    """A due list, whole, in one statement: the caseload's freshness (how many clients in the job search, and how
    many of them have stored deadlines out of date on ``day``), its open stored deadlines due by ``until`` (overdue
    first, then by due day, client name, the order of the process and number), its open statement requests (oldest
    first) and the list's audit record (``polku_kit.audit.record_insert``: the coach, the number of clients and the
    statement requests shown), the answer built as JSON (:class:`DueListAnswer`).

    ``coach``: one coach's caseload (``coach_subject``), else the organisation's. ``reach``: the coach named must be a
    colleague of the caller ``reached_by`` (a team shared), else nothing is read (``allowed`` false).
    The record is written only when the answer stands: the coach reached and no client of the caseload out of date
    (``stale`` 0). Otherwise the statement writes nothing and the caller answers another way."""
    allowed: ColumnElement[bool] = colleague_of_coach(_COACH) if reach else true()
    reach_cte = select(allowed.label("allowed")).cte("reach")
    reached = select(reach_cte.c.allowed).scalar_subquery()

    def of_caseload(*conditions: ColumnElement[bool]) -> list[ColumnElement[bool]]:
        chosen = [Client.organisation_id == ORGANISATION, Client.status.in_(_among(JOB_SEEKING)), *conditions, reached]
        return [*chosen, Client.coach_subject == _COACH] if coach else chosen

    freshness = (
        select(
            func.count().label("clients"),
            func.count()
            .filter(or_(Client.deadlines_valid_until.is_(None), Client.deadlines_valid_until < _DAY))
            .label("stale"),
        )
        .where(*of_caseload())
        .cte("freshness")
    )
    client_name = _name(Client)
    item = _object(
        client_id=Client.id,
        client_name=client_name,
        kind=ClientDeadline.kind,
        number=ClientDeadline.number,
        due_on=ClientDeadline.due_on,
        status=case(  # deadlines.status_on of an open deadline
            (ClientDeadline.due_on < _DAY, literal_column(f"'{DeadlineStatus.overdue.value}'")),
            else_=literal_column(f"'{DeadlineStatus.due.value}'"),
        ),
        rule_set=ClientDeadline.rule_set,
    )
    items = (
        select(
            func.json_agg(
                aggregate_order_by(
                    item,
                    ClientDeadline.due_on,
                    client_name.self_group().collate("C"),  # by code point, as Python orders strings
                    func.array_position(_KINDS, ClientDeadline.kind),
                    ClientDeadline.number,
                    Client.id,
                )
            )
        )
        .select_from(Client)
        .join(ClientDeadline, ClientDeadline.client_id == Client.id)
        .where(
            *of_caseload(
                ClientDeadline.organisation_id == ORGANISATION, open_condition(), ClientDeadline.due_on <= _UNTIL
            )
        )
        .scalar_subquery()
    )
    request = PlatformStatementRequest
    requests = (
        select(
            request.id,
            request.requested_on,
            _object(
                id=request.id,
                client_id=request.client_id,
                client_name=client_name,
                requester=request.requester,
                request_id=request.request_id,
                requested_on=request.requested_on,
                due_on=request.requested_on,  # statement_requests.answer_due_on: the day it was made
                due_rule=_DUE_RULE,
                days_waiting=func.greatest(_DAY - request.requested_on, literal_column("0")),
                status=request.status,
                statement_id=request.statement_id,
                version=request.version,
            ).label("shown"),
        )
        .join(Client, Client.id == request.client_id)
        .where(
            request.organisation_id == ORGANISATION,
            request.status.in_(_among(OPEN_STATEMENT_REQUEST)),
            *of_caseload(),
        )
        .cte("requests")
    )
    by_age = (requests.c.requested_on, requests.c.id)
    requests_shown = select(func.json_agg(aggregate_order_by(requests.c.shown, *by_age))).scalar_subquery()
    request_ids = select(
        func.coalesce(func.jsonb_agg(aggregate_order_by(cast(requests.c.id, Text), *by_age)), text("'[]'::jsonb"))
    ).scalar_subquery()
    clients = select(freshness.c.clients).scalar_subquery()
    stale = select(freshness.c.stale).scalar_subquery()
    logged = record_insert(
        details=func.jsonb_build_object(
            literal_column("'clients'"), clients, literal_column("'statement_requests'"), request_ids
        ),
        when=and_(stale == literal_column("0"), reached),
    ).cte("logged")
    answer = _object(
        today=_DAY,
        horizon_until=_UNTIL,
        coach=_COACH,
        items=func.coalesce(items, text("'[]'::json")),
        statement_requests=func.coalesce(requests_shown, text("'[]'::json")),
    )
    return select(
        cast(reached, Boolean).label("allowed"),
        clients.label("clients"),
        stale.label("stale"),
        cast(answer, Text).label("answer"),
    ).add_cte(logged)


async def due_list_in_one_statement(
    statement: OneStatement, *, coach: bool, reach: bool, parameters: dict[str, Any]
) -> DueListAnswer:
    """:func:`due_list_statement`'s one row, sent on a request of one statement."""
    row = (await statement.execute(due_list_statement(coach=coach, reach=reach), parameters)).one()
    return DueListAnswer(bool(row.allowed), int(row.clients), int(row.stale), row.answer)
