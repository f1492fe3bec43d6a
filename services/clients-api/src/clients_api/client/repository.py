"""Every query about clients. Each is scoped to the caller's organisation: another organisation's client and
a missing one are the same ``None``."""

from __future__ import annotations

import functools
import uuid
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Date,
    DateTime,
    FromClause,
    Integer,
    Row,
    Select,
    Text,
    Uuid,
    and_,
    any_,
    bindparam,
    case,
    cast,
    exists,
    extract,
    func,
    literal_column,
    or_,
    select,
    text,
    true,
    tuple_,
)
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased, join
from sqlalchemy.sql.selectable import LateralFromClause

from clients_api.access.repository import (
    CLIENT_FOUND,
    ORGANISATION,
    client_rows_statements,
    reach_parameters,
    reached_by_coach,
    reached_by_coach_in_arrays,
)
from clients_api.assessment.models import AssessmentVersion, WorkAbility
from clients_api.client.models import Client, ClientStatus, ClientStatusChange
from clients_api.client.target_groups import TargetGroup
from clients_api.client.unemployment import UNEMPLOYED, StatusEntry
from clients_api.schedule.models import ClientDeadline
from clients_api.schedule.repository import open_condition
from polku_kit.audit import audited, record_insert
from polku_kit.db import OneStatement
from polku_kit.pagination import Keyset

# Searches are paged by registration, oldest first.
OLDEST_FIRST = Keyset(Client.created_at, Client.id)


async def find_by_identity_hash(
    session: AsyncSession, *, organisation_id: uuid.UUID, identity_hash: str
) -> Client | None:
    return await session.scalar(
        select(Client).where(Client.organisation_id == organisation_id, Client.identity_code_hash == identity_hash)
    )


# The organisation's one client per identity code (migration clients_0002).
ONE_CLIENT_PER_PERSON = "uq_client_organisation_id"


async def add(session: AsyncSession, client: Client) -> bool:
    """Insert a new client; False, and nothing inserted, when the organisation already has a client with the
    same identity code. The unique constraint decides, not an earlier look-up: of two registrations of one person
    at once, the second waits for the first to commit and then finds the person registered."""
    try:
        async with session.begin_nested():
            session.add(client)
            await session.flush()
    except IntegrityError as exc:
        if getattr(getattr(exc.orig, "__cause__", None), "constraint_name", None) != ONE_CLIENT_PER_PERSON:
            raise
        return False
    return True


def search_conditions(
    *,
    organisation_id: uuid.UUID,
    visible: ColumnElement[bool] | None,
    name: str | None,
    identity_hash: str | None,
    status: str | None,
    coach_subject: str | None,
    municipality: str | None,
    born_after: date | None = None,
    client_ids: list[uuid.UUID] | None = None,
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Client.organisation_id == organisation_id]
    if client_ids is not None:
        conditions.append(Client.id.in_(client_ids))
    if visible is not None:
        conditions.append(visible)
    if identity_hash is not None:
        conditions.append(Client.identity_code_hash == identity_hash)
    if name:
        pattern = f"%{name.lower().replace('%', '').replace('_', '')}%"
        conditions.append(or_(func.lower(Client.last_name).like(pattern), func.lower(Client.first_names).like(pattern)))
    if status is not None:
        conditions.append(Client.status == status)
    if coach_subject is not None:
        conditions.append(Client.coach_subject == coach_subject)
    if municipality is not None:
        conditions.append(Client.home_municipality == municipality)
    if born_after is not None:
        conditions.append(Client.birth_date > born_after)
    return conditions


def search_query(
    conditions: list[ColumnElement[bool]], *, limit: int, after: tuple[datetime, uuid.UUID] | None
) -> Select[Client]:
    return OLDEST_FIRST.select(select(Client).where(*conditions), limit=limit, after=after)


# The client's id in the statement a lateral subquery joins: the entity's column, or a subquery's.
ClientId = ColumnElement[uuid.UUID] | InstrumentedAttribute[uuid.UUID]


def _history(client_id: ClientId) -> LateralFromClause:
    """The client's status history as three arrays of one row (status, day, when recorded; NULL: none), for the
    continuity of unemployment."""
    return (
        select(
            func.array_agg(ClientStatusChange.status).label("history_statuses"),
            func.array_agg(ClientStatusChange.changed_on).label("history_days"),
            func.array_agg(ClientStatusChange.recorded_at).label("history_recorded_at"),
        )
        .where(ClientStatusChange.client_id == client_id)
        .lateral("history")
    )


def _assessed(client_id: ClientId) -> LateralFromClause:
    """What the target groups read of the client's current assessment (the newest version), and nothing else: the
    assessment's other columns (education, work history, competences) are JSON a list has no use for."""
    return (
        select(
            AssessmentVersion.work_ability,
            AssessmentVersion.integration_starts_on,
            AssessmentVersion.integration_ends_on,
        )
        .where(AssessmentVersion.client_id == client_id)
        .order_by(AssessmentVersion.version.desc())
        .limit(1)
        .lateral("assessed")
    )


def history_of(row: Any) -> list[StatusEntry]:
    """The status history of a row read with :func:`_history`'s columns."""
    if row.history_statuses is None:
        return []
    return [
        StatusEntry(status=status, changed_on=changed_on, recorded_at=recorded_at)
        for status, changed_on, recorded_at in zip(
            row.history_statuses, row.history_days, row.history_recorded_at, strict=True
        )
    ]


def _with_history_and_assessment(
    query: Select[Any], client: FromClause | type[Client], client_id: ClientId
) -> Select[Any]:
    """``query`` (of ``client``: the entity, or a subquery of its rows) with :func:`_history`'s and
    :func:`_assessed`'s columns of each row."""
    history, assessed = _history(client_id), _assessed(client_id)
    return query.add_columns(
        history.c.history_statuses,
        history.c.history_days,
        history.c.history_recorded_at,
        assessed.c.work_ability,
        assessed.c.integration_starts_on,
        assessed.c.integration_ends_on,
    ).select_from(join(client, history, true()).outerjoin(assessed, true()))


def _read_query(*, reach: bool) -> Select[Any]:
    query = _with_history_and_assessment(
        select(Client).where(Client.id == bindparam("client_id", type_=Uuid()), Client.organisation_id == ORGANISATION),
        Client,
        Client.id,
    )
    return query.where(reached_by_coach()) if reach else query


# Built once (by whether the caller's reach is asked): a client read is this one statement, its audit record in it.
_READ = {reach: audited(_read_query(reach=reach), subject="id") for reach in (False, True)}


async def read(
    statement: OneStatement,
    *,
    organisation_id: uuid.UUID,
    client_id: uuid.UUID,
    reached_by: str | None,
    audit: dict[str, Any],
) -> Row[Any] | None:
    """The client (its columns, by name), its status history (:func:`history_of`) and what the target groups read of its
    current assessment (``work_ability``, ``integration_starts_on``, ``integration_ends_on``; NULL: none), and the
    read's audit record naming the client (``audit``: ``polku_kit.audit.record_parameters``), all in one statement:
    a client found is a client recorded, none found none. With ``reached_by`` (a coach's subject) only if that coach
    reaches it (``access.repository.reached_by_coach``)."""
    result = await statement.execute(
        _READ[reached_by is not None],
        {"client_id": client_id, **reach_parameters(organisation_id=organisation_id, reached_by=reached_by), **audit},
    )
    row: Row[Any] | None = result.one_or_none()
    return row


def search_page_query(
    conditions: list[ColumnElement[bool]], *, limit: int, after: tuple[datetime, uuid.UUID] | None
) -> Select[Any]:
    """A page of :func:`search_query` with each client's status history and current assessment's target-group
    columns, in one statement: the page is found first (a subquery), and only its rows are joined."""
    page = search_query(conditions, limit=limit, after=after).subquery("page")
    columns = [page.c[name] for name in SUMMARY_COLUMNS]
    return _with_history_and_assessment(select(*columns), page, page.c.id).order_by(page.c.created_at, page.c.id)


# What a list's item is made of (clients_api.client.service), of the client's columns.
SUMMARY_COLUMNS = (
    "id",
    "created_at",
    "first_names",
    "last_name",
    "identity_code_encrypted",
    "birth_date",
    "home_municipality",
    "status",
    "coach_subject",
    "team_id",
    "job_search_started_on",
    "waiting_on",
    "waiting_since",
)


async def search(
    session: AsyncSession,
    conditions: list[ColumnElement[bool]],
    *,
    limit: int,
    after: tuple[datetime, uuid.UUID] | None,
) -> list[Row[Any]]:
    """Up to ``limit + 1`` clients meeting ``conditions`` (:func:`search_conditions`, and any more), oldest
    registration first, after the keyset ``after``: the columns of ``SUMMARY_COLUMNS``, the status history
    (:func:`history_of`) and the current assessment's ``work_ability``, ``integration_starts_on`` and
    ``integration_ends_on``."""
    return list((await session.execute(search_page_query(conditions, limit=limit, after=after))).all())


async def matching_ids(session: AsyncSession, conditions: list[ColumnElement[bool]]) -> list[uuid.UUID]:
    return list((await session.scalars(select(Client.id).where(*conditions))).all())


async def status_history(session: AsyncSession, *, client_id: uuid.UUID) -> list[ClientStatusChange]:
    query = (
        select(ClientStatusChange)
        .where(ClientStatusChange.client_id == client_id)
        .order_by(ClientStatusChange.changed_on, ClientStatusChange.recorded_at)
    )
    return list((await session.scalars(query)).all())


# A change of status as the history shows it (``StatusChangeRead``), and its id.
_STATUS_CHANGE_COLUMNS: list[ColumnElement[Any] | InstrumentedAttribute[Any]] = [
    ClientStatusChange.id,
    ClientStatusChange.status,
    ClientStatusChange.changed_on,
    ClientStatusChange.reason,
    ClientStatusChange.changed_by,
    ClientStatusChange.recorded_at,
]


def _status_changes(client_id: ColumnElement[uuid.UUID]) -> Select[Any]:
    return select(*_STATUS_CHANGE_COLUMNS).where(ClientStatusChange.client_id == client_id)


# Built once (by whether the caller's reach is asked): the client's changes of status, oldest first, and their read's
# record naming the client (read with ``access.service.read_client_rows``).
STATUS_HISTORY = client_rows_statements(_status_changes, order=("changed_on", "recorded_at"), resource=CLIENT_FOUND)


async def get_any(session: AsyncSession, *, client_id: uuid.UUID) -> Client | None:
    """A client of any organisation: only for trusted service-to-service questions (consent checks)."""
    return await session.scalar(select(Client).where(Client.id == client_id))


async def status_entries(session: AsyncSession, client_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[StatusEntry]]:
    """The status histories of the given clients (a page or a caseload), for continuity of unemployment."""
    if not client_ids:
        return {}
    rows = await session.execute(
        select(
            ClientStatusChange.client_id,
            ClientStatusChange.status,
            ClientStatusChange.changed_on,
            ClientStatusChange.recorded_at,
        ).where(ClientStatusChange.client_id.in_(client_ids))
    )
    entries: dict[uuid.UUID, list[StatusEntry]] = {client_id: [] for client_id in client_ids}
    for client_id, status, changed_on, recorded_at in rows.all():
        entries[client_id].append(StatusEntry(status=status, changed_on=changed_on, recorded_at=recorded_at))
    return entries


async def names(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    client_ids: list[uuid.UUID],
    visible: ColumnElement[bool] | None,
    statuses: tuple[str, ...] | None,
) -> list[tuple[uuid.UUID, str, str]]:
    """The ids and names of those of ``client_ids`` that are the organisation's, ``visible`` and of ``statuses``
    (None: any): by the primary key, one query."""
    query = select(Client.id, Client.first_names, Client.last_name).where(
        Client.organisation_id == organisation_id, Client.id.in_(client_ids)
    )
    if visible is not None:
        query = query.where(visible)
    if statuses is not None:
        query = query.where(Client.status.in_(statuses))
    return [(row.id, row.first_names, row.last_name) for row in await session.execute(query)]


# The day a search's target groups are judged on, and its parts (for whole months of unemployment, as
# ``client.target_groups.months_between`` counts them).
_DAY = bindparam("day", type_=Date())
_DAY_YEAR, _DAY_MONTH, _DAY_OF_MONTH = (
    bindparam(name, type_=Integer()) for name in ("day_year", "day_month", "day_dom")
)


def unemployed_since_column(client: FromClause) -> ColumnElement[date | None]:
    """``client.service.current_unemployment_start`` in SQL, of a row of ``client`` (the client table or a subquery
    of its rows) on ``day``: the first day of the current continuous unemployment (``clients_api.continuity``).

    The status of a day is the change recorded last that day; a day whose status is not ``unemployed`` is a break
    (no break is tolerated: ``TOLERATED_BREAK_DAYS`` is 0), so the current unemployment begins on the first day of
    change after the last break, up to ``day``, and there is none when the last day of change is a break (no day after
    it). A client without any history row counts from the job-search start while unemployed."""
    change, later = aliased(ClientStatusChange), aliased(ClientStatusChange)
    last_break = (
        select(func.max(change.changed_on))
        .where(
            change.client_id == client.c.id,
            change.changed_on <= _DAY,
            change.status != UNEMPLOYED,
            ~exists().where(
                later.client_id == change.client_id,
                later.changed_on == change.changed_on,
                later.recorded_at > change.recorded_at,
            ),
        )
        .correlate(client)
        .scalar_subquery()
    )
    since = (
        select(func.min(ClientStatusChange.changed_on))
        .where(
            ClientStatusChange.client_id == client.c.id,
            ClientStatusChange.changed_on <= _DAY,
            ClientStatusChange.changed_on > func.coalesce(last_break, literal_column("DATE '-infinity'", Date())),
        )
        .correlate(client)
        .scalar_subquery()
    )
    no_history = ~exists().where(ClientStatusChange.client_id == client.c.id).correlate(client)
    return case(
        (no_history, case((client.c.status == ClientStatus.unemployed.value, client.c.job_search_started_on))),
        else_=since,
    )


def _whole_months_since(start: ColumnElement[date | None]) -> ColumnElement[int]:
    """``months_between(start, day)``: whole calendar months from ``start`` to the day."""
    return (
        (_DAY_YEAR - extract("year", start)) * 12
        + _DAY_MONTH
        - extract("month", start)
        - case((extract("day", start) > _DAY_OF_MONTH, 1), else_=0)
    )


def _in_group(
    group: TargetGroup, client: FromClause, assessed: FromClause, unemployment: FromClause
) -> ColumnElement[bool]:
    """``client.target_groups.target_groups`` of one group, in SQL, on ``day`` (the age limits as the first birth
    date of someone under them, bound as ``born_after_25`` and ``born_after_30``)."""
    if group is TargetGroup.under_25:
        return client.c.birth_date > bindparam("born_after_25", type_=Date())
    if group is TargetGroup.under_30:
        return client.c.birth_date > bindparam("born_after_30", type_=Date())
    if group in (TargetGroup.newly_unemployed, TargetGroup.long_term_unemployed):
        months = _whole_months_since(unemployment.c.since)
        return months < 6 if group is TargetGroup.newly_unemployed else months >= 12
    if group is TargetGroup.immigrant_in_integration_period:
        return and_(assessed.c.integration_starts_on <= _DAY, assessed.c.integration_ends_on >= _DAY)
    return assessed.c.work_ability == WorkAbility.partial.value


_SCAN = bindparam("scan", type_=Integer())


class SearchShape(NamedTuple):
    """Which criteria a search has (their values are the statement's parameters): the statement of each shape is built
    once, when first asked for, like the statements built at import (decision 50)."""

    reach: bool
    name: bool
    identity_hash: bool
    status: bool
    coach: bool
    municipality: bool
    ids: bool
    overdue: bool | None
    groups: frozenset[TargetGroup]
    scanned_after: bool


def _bound_conditions(shape: SearchShape) -> list[ColumnElement[bool]]:
    """:func:`search_conditions` with every value a bound parameter, for the criteria ``shape`` has."""
    conditions: list[ColumnElement[bool]] = [Client.organisation_id == ORGANISATION]
    if shape.ids:
        conditions.append(Client.id == any_(bindparam("client_ids", type_=ARRAY(Uuid()))))
    if shape.reach:
        conditions.append(reached_by_coach_in_arrays())
    if shape.identity_hash:
        conditions.append(Client.identity_code_hash == bindparam("identity_hash", type_=Text()))
    if shape.name:
        pattern = bindparam("name_pattern", type_=Text())
        conditions.append(or_(func.lower(Client.last_name).like(pattern), func.lower(Client.first_names).like(pattern)))
    if shape.status:
        conditions.append(Client.status == bindparam("status", type_=Text()))
    if shape.coach:
        conditions.append(Client.coach_subject == bindparam("coach_subject", type_=Text()))
    if shape.municipality:
        conditions.append(Client.home_municipality == bindparam("municipality", type_=Text()))
    if shape.overdue is not None:
        overdue = exists().where(ClientDeadline.client_id == Client.id, open_condition(), ClientDeadline.due_on < _DAY)
        conditions.append(overdue if shape.overdue else ~overdue)
    return conditions


def search_values(
    *,
    name: str | None,
    identity_hash: str | None,
    status: str | None,
    coach_subject: str | None,
    municipality: str | None,
    client_ids: list[uuid.UUID] | None,
) -> dict[str, Any]:
    """The parameters of the criteria given (:func:`_bound_conditions`)."""
    values: dict[str, Any] = {}
    if client_ids is not None:
        values["client_ids"] = client_ids
    if identity_hash is not None:
        values["identity_hash"] = identity_hash
    if name:
        values["name_pattern"] = f"%{name.lower().replace('%', '').replace('_', '')}%"
    if status is not None:
        values["status"] = status
    if coach_subject is not None:
        values["coach_subject"] = coach_subject
    if municipality is not None:
        values["municipality"] = municipality
    return values


@functools.cache
def search_statement(shape: SearchShape) -> Select[Any]:
    """A search's page and its audit record in one statement (decision 57's ``polku_kit.audit``): the clients meeting
    ``conditions`` (:func:`search_conditions`, the caller's reach among them) in registration order from the keyset
    ``after_created_at``/``after_id`` (``scanned_after``), of which the first ``scan`` (and one more, to tell whether
    there are more) are the candidates; of those, the first ``limit`` in every target group of ``groups`` (judged in
    SQL on ``day``) are shown, with their status histories and current assessments. The record's details are the
    bound ones and the ids shown (``results``), in order.

    Each row is one client shown, with ``position`` (its place among the candidates), and two columns of the
    candidates repeated on every row: ``candidates`` (how many, at most ``scan + 1``) and ``scan_last_created_at``,
    ``scan_last_id`` (the ``scan``-th, where a page that found fewer than ``limit`` continues). No client shown: one
    row of those columns alone, ``id`` NULL."""
    groups = shape.groups
    keyed = select(Client).where(*_bound_conditions(shape))
    if shape.scanned_after:
        keyed = keyed.where(
            tuple_(Client.created_at, Client.id)
            > tuple_(bindparam("after_created_at", type_=DateTime(timezone=True)), bindparam("after_id", type_=Uuid()))
        )
    # A coach's search reads the caseload reached through the client indexes of coach and team (a bitmap), then
    # orders it: the registration order written as an expression no index gives, so that the planner does not walk
    # the organisation's (organisation, created_at) index in order hoping to stop early, which for a caseload of a
    # few hundred among an area's 12,000 clients reads them all (6.3 ms of PostgreSQL's CPU a search against 0.5).
    order = (
        (Client.created_at + literal_column("interval '0'"), Client.id)
        if shape.reach
        else (Client.created_at, Client.id)
    )
    candidates = keyed.order_by(*order).limit(bindparam("candidate_limit", type_=Integer())).subquery("candidates")
    numbered = select(
        candidates, func.row_number().over(order_by=(candidates.c.created_at, candidates.c.id)).label("position")
    ).cte("numbered")
    assessed = _assessed(numbered.c.id)
    # The start of the current unemployment, computed once a candidate (only when a group asks for it).
    unemployment = select(unemployed_since_column(numbered).label("since")).correlate(numbered).lateral("unemployment")
    source: FromClause = numbered
    if groups & {TargetGroup.immigrant_in_integration_period, TargetGroup.partial_work_ability}:
        source = source.outerjoin(assessed, true())
    if groups & {TargetGroup.newly_unemployed, TargetGroup.long_term_unemployed}:
        source = source.join(unemployment, true())
    shown_query = (
        select(numbered)
        .select_from(source)
        .where(*(_in_group(group, numbered, assessed, unemployment) for group in sorted(groups)))
        .order_by(numbered.c.position)
        .limit(bindparam("page_limit", type_=Integer()))
    )
    shown = shown_query.cte("shown")
    page = _with_history_and_assessment(
        select(*(shown.c[name] for name in (*SUMMARY_COLUMNS, "position"))), shown, shown.c.id
    ).cte("page")
    results = select(
        func.coalesce(func.jsonb_agg(aggregate_order_by(cast(page.c.id, Text), page.c.position)), text("'[]'::jsonb"))
    ).scalar_subquery()
    logged = record_insert(details=func.jsonb_build_object("results", results)).cte("logged")
    summary = select(
        func.count().label("candidates"),
        func.max(numbered.c.created_at).filter(numbered.c.position == _SCAN).label("scan_last_created_at"),
        func.max(cast(numbered.c.id, Text)).filter(numbered.c.position == _SCAN).label("scan_last_id"),
    ).subquery("summary")
    return select(summary, page).select_from(summary.outerjoin(page, true())).add_cte(logged).order_by(page.c.position)


async def search_page(
    connection: OneStatement | AsyncSession,
    shape: SearchShape,
    *,
    limit: int,
    scan: int,
    after: tuple[datetime, uuid.UUID] | None,
    day: date,
    parameters: dict[str, Any],
) -> list[Row[Any]]:
    """:func:`search_statement`'s rows, on a request of one statement or in the request's transaction: the first
    ``scan`` candidates (and one more) and of those the first ``limit`` in every group of the shape."""
    values = {
        "day": day,
        "day_year": day.year,
        "day_month": day.month,
        "day_dom": day.day,
        "scan": scan,
        "candidate_limit": scan + 1,
        "page_limit": limit,
        **parameters,
        **({"after_created_at": after[0], "after_id": after[1]} if after is not None else {}),
    }
    return list((await connection.execute(search_statement(shape), values)).all())
