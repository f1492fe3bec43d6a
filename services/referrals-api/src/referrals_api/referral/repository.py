"""Queries of referrals. Every read is scoped in SQL: the sender's organisation or the partner's.

The lists (the board, a partner's inbox, the due list) read rows of the columns a referral is shown with, not ORM
entities, and each of their statements is built once per shape with bound parameters: loading entities into the
session and building and keying the statement on every request cost more of a core than the query itself
(decision 53). The lists are sent as the request's one statement (``polku_kit.db.OneStatement``, decision 57), a
search by client with its audit record in it (decision 65)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Literal, cast

from sqlalchemy import (
    CTE,
    Boolean,
    ColumnElement,
    DateTime,
    FromClause,
    Insert,
    Integer,
    Row,
    Select,
    Table,
    Text,
    bindparam,
    case,
    func,
    insert,
    literal_column,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import record_insert, with_record
from polku_kit.calendar import HELSINKI
from polku_kit.db import OneStatement, Statements
from polku_kit.outbox import emitted
from polku_kit.pagination import Keyset, SortKey
from referrals_api.directory.models import Service
from referrals_api.referral.models import OPEN_STATUSES, JointReferral, Referral, ReferralStatus, ReferralTransition

# Referrals are listed newest first.
NEWEST_FIRST = Keyset(Referral.created_at, Referral.id, newest_first=True)

_REFERRAL = cast(Table, Referral.__table__)
# The columns a referral is shown with (every one but when the feedback was recorded), in the rows the lists read.
SHOWN = tuple(column for column in _REFERRAL.c if column.key != "feedback_at")


@cache
def _one(*, for_update: bool) -> Select[Referral]:
    query = select(Referral).where(
        or_(
            Referral.sender_organisation_id == bindparam("organisation_id"),
            Referral.partner_organisation_id == bindparam("organisation_id"),
        ),
        Referral.id == bindparam("referral_id"),
    )
    return query.with_for_update() if for_update else query


async def get(
    session: AsyncSession, *, organisation_id: uuid.UUID, referral_id: uuid.UUID, for_update: bool = False
) -> Referral | None:
    return await session.scalar(
        _one(for_update=for_update), {"organisation_id": organisation_id, "referral_id": referral_id}
    )


@cache
def _one_shown(*, for_update: bool) -> Select[*tuple[Any, ...]]:
    table = _REFERRAL
    query = select(*SHOWN).where(
        or_(
            table.c.sender_organisation_id == bindparam("organisation_id"),
            table.c.partner_organisation_id == bindparam("organisation_id"),
        ),
        table.c.id == bindparam("referral_id"),
    )
    return query.with_for_update() if for_update else query


async def get_shown(
    session: AsyncSession, *, organisation_id: uuid.UUID, referral_id: uuid.UUID, for_update: bool = False
) -> Row[Any] | None:
    """:func:`get` as a row of the :data:`SHOWN` columns."""
    found = await session.execute(
        _one_shown(for_update=for_update), {"organisation_id": organisation_id, "referral_id": referral_id}
    )
    return found.one_or_none()


async def read_shown(statements: Statements, *, organisation_id: uuid.UUID, referral_id: uuid.UUID) -> Row[Any] | None:
    """:func:`get_shown` as a statement of its own, unlocked (decision 72)."""
    found = await statements.execute(
        _one_shown(for_update=False), {"organisation_id": organisation_id, "referral_id": referral_id}
    )
    row: Row[Any] | None = found.one_or_none()
    return row


@cache
def _move(columns: frozenset[str], *, event: Event | None = None) -> Select[*tuple[Any, ...]]:
    """One statement for a move that sets ``columns``: the referral's ``UPDATE`` returning it as moved, the
    history's ``INSERT`` of a row for each referral it moved, and the audit record of the change (decision 65). Built
    once per set of columns; the values are bound as ``set_<column>`` and ``entry_<column>`` (the history's), the
    referral as ``referral_id``, the record's as :func:`polku_kit.audit.record_parameters` names them.

    The referral is moved only while its status is still ``expected_status`` (the status the move was judged from,
    decision 72); otherwise the statement moves, records and announces nothing and returns no row.
    ``event``: the move's event written in the same statement (:func:`polku_kit.outbox.emitted`, its parameters
    :func:`polku_kit.outbox.event_parameters`), its data from the referral as moved; a completion's carries the
    activating-service episode when the referral's service is an activating one."""
    table, history = _REFERRAL, cast(Table, ReferralTransition.__table__)
    condition = (table.c.id == bindparam("referral_id", type_=table.c.id.type)) & (
        table.c.status == bindparam("expected_status", type_=table.c.status.type)
    )
    moved = (
        update(table)
        .where(condition)
        .values({table.c[name]: bindparam(f"set_{name}", type_=table.c[name].type) for name in sorted(columns)})
        .returning(*SHOWN)
        .cte("moved")
    )
    entry = select(
        *(
            moved.c.id if column.key == "referral_id" else bindparam(f"entry_{column.key}", type_=column.type)
            for column in history.c
        )
    ).select_from(moved)
    logged = insert(history).from_select([column.key for column in history.c], entry).cte("logged")
    recorded = record_insert(moved, resource="id", subject="client_id").cte("recorded")
    ctes = [logged, recorded]
    if event is not None:
        ctes.append(_announced(moved, completed=event == "completed").cte("announced"))
    return select(*moved.c).add_cte(*ctes)


# Which event a move writes in its statement: one of a move that is news ("news"), or of a completion ("completed").
Event = Literal["news", "completed"]
_SERVICE = cast(Table, Service.__table__)


def _local_day(moment: ColumnElement[Any]) -> ColumnElement[str]:
    """The Europe/Helsinki day of ``moment`` as JSON writes a date (``YYYY-MM-DD``, whatever ``DateStyle`` says)."""
    return func.to_char(func.timezone(HELSINKI.key, moment), "YYYY-MM-DD")


def _announced(moved: CTE, *, completed: bool) -> Insert:
    """The event of each referral ``moved``, its data the row's as JSON: the referral's id, its client's, its
    service's and its organisations' (as text), its status; a completion's outcome and, at an activating service,
    the episode. The one definition of a transition's event data, whichever way the transition takes (decision 72)."""
    data: ColumnElement[Any] = func.jsonb_build_object(
        "referral_id",
        sql_cast(moved.c.id, Text),
        "client_id",
        sql_cast(moved.c.client_id, Text),
        "service_id",
        sql_cast(moved.c.service_id, Text),
        "status",
        sql_cast(moved.c.status, Text),
        "sender_organisation_id",
        sql_cast(moved.c.sender_organisation_id, Text),
        "partner_organisation_id",
        sql_cast(moved.c.partner_organisation_id, Text),
        type_=JSONB,
    )
    if not completed:
        return emitted(data, moved)
    # A completed referral to an activating service becomes the client's activating-service episode in clients-api:
    # its type, and the days it ran (from the partner's acceptance, or the completion, to the completion).
    kind = _SERVICE.c.activating_service_type
    episode = case(
        (
            kind.is_not(None),
            func.jsonb_build_object(
                "activating_service_type",
                kind,
                "started_on",
                _local_day(func.coalesce(moved.c.accepted_at, moved.c.closed_at)),
                "completed_on",
                _local_day(moved.c.closed_at),
                type_=JSONB,
            ),
        ),
        else_=literal_column("'{}'::jsonb", JSONB),
    )
    data = data.op("||", return_type=JSONB)(func.jsonb_build_object("outcome", moved.c.outcome, type_=JSONB))
    data = data.op("||", return_type=JSONB)(episode)
    return emitted(data, moved.outerjoin(_SERVICE, _SERVICE.c.id == moved.c.service_id))


async def move_from(
    on: Statements | AsyncSession,
    *,
    referral_id: uuid.UUID,
    expected: ReferralStatus,
    changes: dict[str, object],
    entry: dict[str, object],
    audit: dict[str, object],
    event: tuple[Event, dict[str, object]] | None,
) -> Row[Any] | None:
    """Set ``changes`` on the referral (``updated_at`` follows) while its status is still ``expected``, add ``entry``
    (every column but the referral's id) to its history, record the change with ``audit``
    (:func:`polku_kit.audit.record_parameters`: the record names the referral and its client) and, with ``event``
    (its kind and :func:`polku_kit.outbox.event_parameters`), write the move's event, all in one statement; the
    referral as moved, a row of the :data:`SHOWN` columns. Sent ``on`` statements of their own, without a
    transaction around it (decision 72), or on the request's session, under the referral's lock. None: the referral
    was no longer in ``expected`` (or no longer there), and nothing was written."""
    values = _move_values(referral_id, changes, entry, audit) | {"expected_status": expected}
    statement = _move(frozenset(changes), event=None if event is None else event[0])
    if event is not None:
        values |= event[1]
    found: Row[Any] | None = (await on.execute(statement, values)).one_or_none()
    return found


def _move_values(
    referral_id: uuid.UUID, changes: dict[str, object], entry: dict[str, object], audit: dict[str, object]
) -> dict[str, object]:
    values = {f"set_{name}": value for name, value in changes.items()} | audit
    values |= {f"entry_{name}": value for name, value in entry.items() if name != "referral_id"}
    values["referral_id"] = referral_id
    return values


# What a page may be filtered by: the name of each bound parameter and its condition.
_FILTERS: dict[str, ColumnElement[bool]] = {
    "sender": _REFERRAL.c.sender_organisation_id == bindparam("sender"),
    "partner": _REFERRAL.c.partner_organisation_id == bindparam("partner"),
    "status": _REFERRAL.c.status == bindparam("status"),
    "client_id": _REFERRAL.c.client_id == bindparam("client_id"),
    "service_id": _REFERRAL.c.service_id == bindparam("service_id"),
    "changed_since": _REFERRAL.c.updated_at >= bindparam("changed_since"),
    "sender_subject": _REFERRAL.c.sender_subject == bindparam("sender_subject"),
}


@cache
def _page(filters: frozenset[str], *, sent_only: bool, after: bool) -> Select[*tuple[Any, ...]]:
    """A page's rows of the :data:`SHOWN` columns for one set of filters, in :data:`NEWEST_FIRST`'s order: built once,
    its values bound when it runs (``after_at`` and ``after_id`` the cursor's key, ``rows`` the page's size and one
    more)."""
    table = _REFERRAL
    query = select(*SHOWN).where(*(condition for name, condition in _FILTERS.items() if name in filters))
    if sent_only:
        query = query.where(table.c.status != ReferralStatus.draft)
    if after:
        key = (bindparam("after_at", type_=table.c.created_at.type), bindparam("after_id", type_=table.c.id.type))
        query = query.where(tuple_(table.c.created_at, table.c.id) < tuple_(*key))
    return query.order_by(table.c.created_at.desc(), table.c.id.desc()).limit(bindparam("rows", type_=Integer))


@dataclass(frozen=True, eq=False)
class ShownJson:
    """How the lists' statements write a referral as JSON (decision 74): ``fields``, in order, each a column of
    :data:`SHOWN` or ``moves_field``, the moves open to the reader, which are ``sender_moves`` or ``partner_moves`` by
    status (``moves_sender`` and ``moves_partner``, bound, say whether the reader may be either party in a referral of
    their organisation ``moves_organisation``; the sender first). Built once by the service, known by its identity."""

    fields: tuple[str, ...]
    moves_field: str
    sender_moves: Mapping[str, tuple[str, ...]]
    partner_moves: Mapping[str, tuple[str, ...]]


def _constant(value: str) -> ColumnElement[str]:
    return literal_column("'" + value.replace("'", "''") + "'")


def _statuses(values: tuple[str, ...]) -> ColumnElement[Any]:
    """A ``text[]`` written in the statement."""
    return literal_column(
        "ARRAY[" + ", ".join(f"'{value}'" for value in values) + "]::text[]" if values else "'{}'::text[]"
    )


def _moves(rows: FromClause, by_status: Mapping[str, tuple[str, ...]]) -> ColumnElement[Any]:
    status = rows.c.status
    return case(
        *((status == _constant(value), _statuses(moves)) for value, moves in by_status.items() if moves),
        else_=_statuses(()),
    )


# A moment as pydantic writes a UTC ``datetime`` in JSON (what asyncpg gives for ``timestamptz``): ``…T09:00:00Z``,
# the microseconds (six digits) only when there are any.
_ISO_FORMAT: ColumnElement[str] = literal_column("""'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'""")


def _iso(moment: ColumnElement[Any]) -> ColumnElement[str]:
    return func.replace(
        func.to_char(func.timezone(literal_column("'UTC'"), moment), _ISO_FORMAT), _constant(".000000Z"), _constant("Z")
    )


def _item(rows: FromClause, shown: ShownJson) -> ColumnElement[str]:
    """A row of ``rows`` (a subquery of the :data:`SHOWN` columns) as the JSON text of ``shown``: the fields as
    ``row_to_json`` writes a row of them, in their order, without spaces (uuids, text, dates, arrays and numbers as
    pydantic writes them, the moments formatted as it does)."""
    organisation = bindparam("moves_organisation", type_=_REFERRAL.c.sender_organisation_id.type)
    moves = case(
        (
            bindparam("moves_sender", type_=Boolean) & (rows.c.sender_organisation_id == organisation),
            _moves(rows, shown.sender_moves),
        ),
        (
            bindparam("moves_partner", type_=Boolean) & (rows.c.partner_organisation_id == organisation),
            _moves(rows, shown.partner_moves),
        ),
        else_=_statuses(()),
    )

    def value(name: str) -> ColumnElement[Any]:
        if name == shown.moves_field:
            return moves
        column = cast(ColumnElement[Any], rows.c[name])
        return _iso(column) if isinstance(column.type, DateTime) else column

    fields = select(*(value(name).label(name) for name in shown.fields)).correlate(rows).lateral("shown")
    return cast(ColumnElement[str], func.row_to_json(fields.table_valued(), type_=Text).cast(Text))


def _as_json(rows: Select[Any], shown: ShownJson, *keys: str) -> tuple[FromClause, Select[Any]]:
    """``rows`` (of the :data:`SHOWN` columns) as a subquery, and the statement selecting each row's ``keys`` and
    ``item``, the row written as JSON (:func:`_item`)."""
    page = rows.subquery("page")
    return page, select(*(page.c[key] for key in keys), _item(page, shown).label("item")).select_from(page)


@cache
def _page_json(
    filters: frozenset[str], *, sent_only: bool, after: bool, recorded: bool, shown: ShownJson
) -> Select[*tuple[Any, ...]]:
    """:func:`_page` with each referral written as JSON (:class:`ShownJson`): rows of ``created_at`` and ``id`` (the
    key of the page's cursor) and ``item``, the referral's JSON text. With ``recorded``, an audit record's ``INSERT``
    in the same statement (:func:`polku_kit.audit.with_record`)."""
    page, query = _as_json(_page(filters, sent_only=sent_only, after=after), shown, "created_at", "id")
    query = query.order_by(page.c.created_at.desc(), page.c.id.desc())
    return with_record(query) if recorded else query


def _movers(*, organisation: uuid.UUID, sender: bool, partner: bool) -> dict[str, object]:
    return {"moves_organisation": organisation, "moves_sender": sender, "moves_partner": partner}


async def page(
    statement: OneStatement,
    *,
    sender: uuid.UUID | None,
    partner: uuid.UUID | None,
    status: str | None,
    client_id: uuid.UUID | None,
    service_id: uuid.UUID | None,
    limit: int,
    after: SortKey | None,
    shown: ShownJson,
    reader: uuid.UUID,
    reader_sender: bool,
    reader_partner: bool,
    sent_only: bool = False,
    changed_since: datetime | None = None,
    sender_subject: str | None = None,
    audit: dict[str, object] | None = None,
) -> Sequence[Row[Any]]:
    """Newest first, up to ``limit + 1`` referrals written as JSON (``shown``, the moves open to a reader of
    organisation ``reader`` who may be its sender or its partner, ``reader_sender`` and ``reader_partner``), rows of
    ``created_at``, ``id`` and ``item`` (:meth:`Keyset.page_json` makes the page). ``sent_only`` leaves drafts out (a
    partner's view); ``changed_since`` keeps those changed at or after that moment, ``sender_subject`` those one
    person sent. ``audit``: the parameters of an audit record (:func:`polku_kit.audit.record_parameters`) written by
    the same statement, found or not."""
    values: dict[str, object] = {
        name: value
        for name, value in (
            ("sender", sender),
            ("partner", partner),
            ("status", status),
            ("client_id", client_id),
            ("service_id", service_id),
            ("changed_since", changed_since),
            ("sender_subject", sender_subject),
        )
        if value is not None
    }
    query = _page_json(
        frozenset(values), sent_only=sent_only, after=after is not None, recorded=audit is not None, shown=shown
    )
    if after is not None:
        values["after_at"], values["after_id"] = after
    values["rows"] = limit + 1
    values |= _movers(organisation=reader, sender=reader_sender, partner=reader_partner)
    return (await statement.execute(query, values | (audit or {}))).all()


async def history(session: AsyncSession, *, referral_id: uuid.UUID) -> list[ReferralTransition]:
    query = (
        select(ReferralTransition)
        .where(ReferralTransition.referral_id == referral_id)
        .order_by(ReferralTransition.occurred_at, ReferralTransition.id)
    )
    return list((await session.scalars(query)).all())


# The open statuses written into the statement, as the partial indexes' predicate (``status IN ('requested',
# 'received')``) is: an expanding parameter was rendered anew on every execution, and a plan PostgreSQL keeps for
# the prepared statement could not prove the predicate from parameters.
_OPEN = _REFERRAL.c.status.in_([literal_column(f"'{status.value}'") for status in OPEN_STATUSES])


@cache
def _open_for_sender(*, one_sender: bool, shown: ShownJson) -> Select[*tuple[Any, ...]]:
    table = _REFERRAL
    rows = select(*SHOWN).where(
        table.c.sender_organisation_id == bindparam("sender"),
        _OPEN,
        table.c.due_on <= bindparam("until"),
    )
    if one_sender:
        rows = rows.where(table.c.sender_subject == bindparam("subject"))
    page, query = _as_json(rows, shown, "due_on")
    return query.order_by(page.c.due_on, page.c.sent_at, page.c.id)


async def open_for_sender(
    statement: OneStatement,
    *,
    sender: uuid.UUID,
    until: date,
    shown: ShownJson,
    reader_sender: bool,
    reader_partner: bool,
    subject: str | None = None,
) -> Sequence[Row[Any]]:
    """The sender organisation's unanswered referrals by due day, rows of ``due_on`` and ``item``, the referral written
    as JSON (``shown``, the moves open to a reader of the sender's organisation as :func:`page`'s); with
    ``subject``, only those that person sent (filtered here, not after loading: an authority has thousands open at a
    time)."""
    values: dict[str, object] = {"sender": sender, "until": until}
    if subject is not None:
        values["subject"] = subject
    values |= _movers(organisation=sender, sender=reader_sender, partner=reader_partner)
    return (await statement.execute(_open_for_sender(one_sender=subject is not None, shown=shown), values)).all()


async def overdue(session: AsyncSession, *, before: date, limit: int) -> list[Referral]:
    """Open referrals whose due day has passed, locked for the expiry job (other replicas skip them)."""
    query = (
        select(Referral)
        .where(Referral.status.in_(OPEN_STATUSES), Referral.due_on < before)
        .order_by(Referral.due_on, Referral.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.scalars(query)).all())


async def joint(
    session: AsyncSession, *, organisation_id: uuid.UUID, joint_id: uuid.UUID
) -> tuple[JointReferral, list[Referral]] | None:
    found = await session.scalar(
        select(JointReferral).where(
            JointReferral.id == joint_id, JointReferral.sender_organisation_id == organisation_id
        )
    )
    if found is None:
        return None
    referrals = await session.scalars(
        select(Referral)
        .where(Referral.joint_referral_id == joint_id)
        .order_by(Referral.created_at, Referral.id)
        .with_for_update()
    )
    return found, list(referrals.all())
