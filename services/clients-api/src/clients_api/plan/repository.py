"""Queries of plan versions."""

from __future__ import annotations

import typing
import uuid
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    FromClause,
    Insert,
    Integer,
    Interval,
    Row,
    Select,
    Table,
    Text,
    Update,
    Uuid,
    any_,
    bindparam,
    case,
    cast,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from clients_api.access.repository import CLIENT_FOUND, ORGANISATION, client_rows_statements, reached_by_coach
from clients_api.client.models import JOB_SEEKING_SQL, Client
from clients_api.plan.models import PlanVersion
from clients_api.plan.status import INTERVIEW_AT_MOST_MONTHS, PlanFacts
from clients_api.schedule.models import ClientDeadline
from clients_api.timeline.models import TimelineEntry
from polku_kit.audit import record_insert
from polku_kit.calendar import HELSINKI, local_date
from polku_kit.db import OneStatement
from polku_kit.outbox import emitted


async def lock_client(session: AsyncSession, *, client_id: uuid.UUID) -> None:
    """Serialise plan saves of one client: the second of two concurrent saves waits, then sees the first."""
    await session.execute(select(Client.id).where(Client.id == client_id).with_for_update())


async def current(session: AsyncSession, *, client_id: uuid.UUID) -> PlanVersion | None:
    query = select(PlanVersion).where(PlanVersion.client_id == client_id).order_by(PlanVersion.version.desc()).limit(1)
    return await session.scalar(query)


def _current(client_id: ColumnElement[uuid.UUID]) -> Select[Any]:
    """The client's current plan version (its newest), every column (``PlanRead``'s and its id)."""
    return (
        select(*typing.cast(Table, PlanVersion.__table__).c)
        .where(PlanVersion.client_id == client_id)
        .order_by(PlanVersion.version.desc())
        .limit(1)
    )


# Built once (by whether the caller's reach is asked): the client's current plan version (none: no plan yet) and its
# read's record naming the version and the client, no plan no record (read with ``access.service.read_client_rows``).
CURRENT = client_rows_statements(_current, order=("version",), resource="id")


# The statements of a plan save, built once and executed with the save's values (decision 50).
_plan = typing.cast(Table, PlanVersion.__table__)
_client = typing.cast(Table, Client.__table__)
_CLIENT_ID = bindparam("client_id", type_=Uuid())
_LATEST = (
    select(_plan.c.version, _plan.c.created_at)
    .where(_plan.c.client_id == _CLIENT_ID)
    .order_by(_plan.c.version.desc())
    .limit(1)
)
# A new version's columns (all but created_at, which the database sets), as the INSERT's parameters name them.
VERSION_COLUMNS = (
    "id",
    "client_id",
    "version",
    "plan_type",
    "goals",
    "tasks",
    "applications_per_period",
    "period_months",
    "obligation_reduction_reason",
    "next_review_on",
    "created_by",
    "created_by_name",
)


def _insert() -> Insert:
    return (
        insert(_plan)
        .values({name: bindparam(f"new_{name}", type_=_plan.c[name].type) for name in VERSION_COLUMNS})
        .returning(_plan.c.created_at)
    )


_INSERT = _insert()


class LatestVersion(NamedTuple):
    """What a save needs of the newest version: its number (the ETag) and when it was made (which job-search
    period's plan deadline it met)."""

    version: int
    created_at: datetime


async def latest_version(session: AsyncSession, *, client_id: uuid.UUID) -> LatestVersion | None:
    row = (await session.execute(_LATEST, {"client_id": client_id})).one_or_none()
    return None if row is None else LatestVersion(row.version, row.created_at)


def _new(values: dict[str, Any]) -> dict[str, Any]:
    return {f"new_{name}": values[name] for name in VERSION_COLUMNS}


async def add(session: AsyncSession, values: dict[str, Any]) -> datetime:
    """Insert a plan version (``values``: :data:`VERSION_COLUMNS`); when it was made, from the INSERT's
    ``RETURNING``."""
    created_at: datetime = (await session.execute(_INSERT, _new(values))).scalar_one()
    return created_at


async def versions(session: AsyncSession, *, client_id: uuid.UUID) -> list[PlanVersion]:
    query = select(PlanVersion).where(PlanVersion.client_id == client_id).order_by(PlanVersion.version)
    return list((await session.scalars(query)).all())


def _versions(client_id: ColumnElement[uuid.UUID]) -> Select[Any]:
    """The client's plan versions, every column (``PlanRead``'s and its id)."""
    return select(*typing.cast(Table, PlanVersion.__table__).c).where(PlanVersion.client_id == client_id)


# Built once (by whether the caller's reach is asked): every version of the client's plan, oldest first (none: an empty
# list), and one record of their read naming the client as the person and no resource, as the transaction wrote it
# (read with ``access.service.read_client_rows``).
VERSIONS = client_rows_statements(_versions, order=("version",), resource=None)


# A client's id in a statement: a bound or outer query's column, or the client table's own (correlated).
_ClientId = ColumnElement[uuid.UUID] | InstrumentedAttribute[uuid.UUID]


def _latest_version(client_id: _ClientId) -> Select[datetime, int, int, str | None]:
    """The client's latest plan version, what its status is computed from (:func:`plan_facts`, :func:`_facts`)."""
    return (
        select(
            PlanVersion.created_at,
            PlanVersion.applications_per_period,
            PlanVersion.period_months,
            PlanVersion.obligation_reduction_reason,
        )
        .where(PlanVersion.client_id == client_id)
        .order_by(PlanVersion.version.desc())
        .limit(1)
    )


def _latest_interview_held(client_id: _ClientId, organisation_id: Any) -> Select[Any]:
    """The latest mandatory interview held as the client's stored deadlines of the organisation record it (one row,
    NULL when none)."""
    return select(func.max(ClientDeadline.held_on).label("latest_mandatory_interview_on")).where(
        ClientDeadline.client_id == client_id,
        ClientDeadline.organisation_id == organisation_id,
        ClientDeadline.held_on.is_not(None),
        ClientDeadline.kind != "employment_plan",
    )


def _facts(client_id: ColumnElement[uuid.UUID]) -> Select[Any]:
    """What :func:`plan_facts` reads of one client, as one row (the plan's columns NULL when it has no plan): its
    latest plan version and the latest mandatory interview held as its stored deadlines of ``ORGANISATION`` record it
    (an aggregate, so one row whatever is found)."""
    held = _latest_interview_held(client_id, ORGANISATION).subquery("held")
    latest = _latest_version(client_id).subquery("latest")
    return select(held.c.latest_mandatory_interview_on, *latest.c).select_from(held.outerjoin(latest, true()))


def _deadlines_up_to_date(client: FromClause) -> ColumnElement[bool]:
    """The client's stored deadlines are its schedule on ``day`` (``schedule.stored.is_stale`` does not hold)."""
    return client.c.deadlines_valid_until >= bindparam("day", type_=Date())


# Built once (by whether the caller's reach is asked): the client's ``deadlines_valid_until`` and, when its stored
# deadlines are up to date on the bound ``day``, what its plan's status is computed from (:func:`_facts`) and the
# read's record naming the client (read with ``access.service.read_client_rows``, every row: one, its facts NULL and
# nothing recorded when the deadlines are out of date).
FACTS = client_rows_statements(
    _facts,
    order=(CLIENT_FOUND,),
    resource=None,
    client_columns=("deadlines_valid_until",),
    when=_deadlines_up_to_date,
)


def plan_facts_query(*, organisation_id: uuid.UUID, client_ids: list[uuid.UUID] | None = None) -> Select[Any]:
    """The query behind :func:`plan_facts`. Each client's latest plan version and latest interview held are looked
    up per client (through the (client, version) key and the deadlines' primary key), so the cost follows the
    organisation's clients, not every plan version and deadline in the database."""
    latest = _latest_version(Client.id).lateral()
    held = _latest_interview_held(Client.id, organisation_id).correlate(Client).scalar_subquery()
    query = (
        select(
            Client.id,
            latest.c.created_at,
            latest.c.applications_per_period,
            latest.c.period_months,
            latest.c.obligation_reduction_reason,
            held,
        )
        .outerjoin(latest, true())
        .where(Client.organisation_id == organisation_id)
    )
    return query.where(text(JOB_SEEKING_SQL) if client_ids is None else Client.id.in_(client_ids))


async def plan_facts(
    session: AsyncSession, *, organisation_id: uuid.UUID, client_ids: list[uuid.UUID] | None = None
) -> dict[uuid.UUID, PlanFacts]:
    """What the up-to-date status of a plan is computed from (:mod:`clients_api.plan.status`), for the given
    clients of the organisation, or for all its clients in the job search: the latest plan version, and the
    latest mandatory interview held as the stored deadlines of the current job-search period record it."""
    query = plan_facts_query(organisation_id=organisation_id, client_ids=client_ids)
    return {
        row[0]: PlanFacts(
            plan_reviewed_on=None if row[1] is None else local_date(row[1]),
            applications_per_period=row[2],
            period_months=row[3],
            obligation_reduction_reason=row[4],
            latest_mandatory_interview_on=row[5],
        )
        for row in (await session.execute(query)).all()
    }


def _add_storing_up_to_date_until(*, obligation_recorded: bool) -> Update:
    """The INSERT of a new version (a CTE) and the UPDATE of its client's ``plan_up_to_date_until``, in one statement
    returning the version's ``created_at``: :func:`clients_api.plan.status.up_to_date_until` of a version reviewed on
    its day (in Helsinki) against the latest mandatory interview held as the stored deadlines record it."""
    added = _INSERT.cte("added")
    interview = (
        select(func.max(ClientDeadline.held_on))
        .where(
            ClientDeadline.client_id == _CLIENT_ID,
            ClientDeadline.held_on.is_not(None),
            ClientDeadline.kind != "employment_plan",
        )
        .scalar_subquery()
    )
    # PostgreSQL's month arithmetic keeps a shorter month's last day as polku_kit.calendar.add_months does.
    months = literal_column(f"interval '{INTERVIEW_AT_MOST_MONTHS} months'", Interval)
    created_at = select(added.c.created_at).scalar_subquery()
    reviewed_on = cast(func.timezone(HELSINKI.key, created_at), Date)
    until = case((interview <= reviewed_on, cast(interview + months, Date))) if obligation_recorded else None
    return (
        update(_client)
        .add_cte(added)
        .where(_client.c.id == _CLIENT_ID)
        .values(plan_up_to_date_until=until, updated_at=_client.c.updated_at)
        .returning(created_at)
    )


# By whether the plan records the job-search obligation.
_ADD_STORING_UP_TO_DATE_UNTIL = {
    recorded: _add_storing_up_to_date_until(obligation_recorded=recorded) for recorded in (False, True)
}


async def add_storing_up_to_date_until(
    session: AsyncSession, values: dict[str, Any], *, obligation_recorded: bool
) -> datetime:
    """:func:`add`, and store the new version's up-to-date status on its client (``client.plan_up_to_date_until``,
    which the caseload balance counts) in the same statement; ``obligation_recorded``: whether the version sets the
    job-search obligation or records its reduction (:func:`clients_api.plan.status.obligation_recorded`)."""
    statement = _ADD_STORING_UP_TO_DATE_UNTIL[obligation_recorded]
    created_at: datetime = (
        await session.execute(statement, {"client_id": values["client_id"], **_new(values)})
    ).scalar_one()
    return created_at


# A later version saved in one statement (decision 57's way, for a write): the client locked and found within the
# caller's reach, its latest version, and, when that is the version the save names and was made in the current
# job-search period, the new version, the client's stored up-to-date status, the audit record, the event and its
# timeline entry, as data-modifying CTEs. Its parameters: the client's (``client_id``, the reach's), the versions the
# save's If-Match names (``accepted``; ``any_version`` for ``*``), the new version's (``new_*``), whether its
# job-search obligation is recorded, and those of polku_kit.audit.record_parameters and
# polku_kit.outbox.event_parameters.
_ACCEPTED = bindparam("accepted", type_=ARRAY(Integer()))
_ANY_VERSION = bindparam("any_version", type_=Boolean())
_timeline = typing.cast(Table, TimelineEntry.__table__)


def _save_later_version(*, reach: bool, obligation_recorded: bool) -> Select[Any]:
    target_query = select(_client.c.id, _client.c.organisation_id, _client.c.job_search_started_on).where(
        _client.c.id == _CLIENT_ID, _client.c.organisation_id == ORGANISATION
    )
    if reach:
        target_query = target_query.where(reached_by_coach())
    target = target_query.with_for_update(of=_client).cte("target")
    newest = select(func.max(_plan.c.version)).where(_plan.c.client_id == _CLIENT_ID).scalar_subquery()
    latest = (
        select(_plan.c.version, _plan.c.created_at)
        .where(_plan.c.client_id == _CLIENT_ID, _plan.c.version == newest)
        .cte("latest")
    )
    go = (
        select(target.c.id, latest.c.version)
        .select_from(target.join(latest, true()))
        .where(
            or_(_ANY_VERSION, latest.c.version == any_(_ACCEPTED)),
            cast(func.timezone(HELSINKI.key, latest.c.created_at), Date) >= target.c.job_search_started_on,
        )
        .cte("go")
    )
    new = {name: bindparam(f"new_{name}", type_=_plan.c[name].type) for name in VERSION_COLUMNS}
    added = (
        insert(_plan)
        .from_select(
            list(VERSION_COLUMNS),
            select(
                *(
                    go.c.id if name == "client_id" else go.c.version + 1 if name == "version" else new[name]
                    for name in VERSION_COLUMNS
                )
            ).select_from(go),
            include_defaults=False,
        )
        .returning(_plan.c.id, _plan.c.client_id, _plan.c.version, _plan.c.created_at)
        .cte("added")
    )
    # The client's stored up-to-date status, as _add_storing_up_to_date_until stores it, written only when it changes:
    # a later version of the same day, obligation and interview stores what is stored already, and rewriting the
    # client's row for it (a new row version, its WAL, a dead version to prune) does nothing the target's lock does
    # not. Written as text: an UPDATE of the client built with SQLAlchemy would take the statement's parameters named
    # like the client's columns (organisation_id) as values to set.
    until = (
        f"CASE WHEN interview.held_on <= (timezone('{HELSINKI.key}', added.created_at))::date "
        f"THEN (interview.held_on + interval '{INTERVIEW_AT_MOST_MONTHS} months')::date END"
        if obligation_recorded
        else "NULL"
    )
    stored = (
        text(
            "UPDATE client SET plan_up_to_date_until = "  # noqa: S608 - constants of this module, no input
            + until
            + ", updated_at = client.updated_at "
            "FROM added, (SELECT max(held_on) AS held_on FROM client_deadline WHERE client_id = :client_id "
            "AND held_on IS NOT NULL AND kind <> 'employment_plan') AS interview "
            "WHERE client.id = added.client_id AND client.plan_up_to_date_until IS DISTINCT FROM "
            + until
            + " RETURNING client.id"
        )
        .bindparams(bindparam("client_id", type_=Uuid()))
        .columns(id=Uuid())
        .cte("stored")
    )
    logged = record_insert(
        added, resource="id", subject="client_id", details=func.jsonb_build_object("version", added.c.version)
    ).cte("logged")

    def data() -> ColumnElement[Any]:
        return func.jsonb_build_object(
            "client_id",
            cast(added.c.client_id, Text),
            "version",
            added.c.version,
            "plan_type",
            bindparam("new_plan_type", type_=Text()),
            "next_review_on",
            cast(bindparam("new_next_review_on", type_=Date()), Text),
        )

    event = emitted(data(), added).cte("event")
    # The timeline entry of the event, as clients_api.timeline.models records one for an event emitted in a session.
    entry = (
        insert(_timeline)
        .from_select(
            [
                "id",
                "client_id",
                "event_id",
                "source",
                "type",
                "occurred_at",
                "actor_subject",
                "actor_name",
                "actor_organisation_name",
                "data",
            ],
            select(
                func.gen_random_uuid(),
                added.c.client_id,
                cast(bindparam("event_id", type_=Uuid()), Text),
                bindparam("event_source", type_=Text()),
                bindparam("event_type", type_=Text()),
                bindparam("event_time", type_=DateTime(timezone=True)),
                bindparam("timeline_actor_subject", type_=Text()),
                bindparam("timeline_actor_name", type_=Text()),
                bindparam("timeline_actor_organisation_name", type_=Text()),
                data(),
            ).select_from(added),
            include_defaults=False,
        )
        .cte("entry")
    )
    return (
        select(
            target.c.id,
            target.c.job_search_started_on,
            latest.c.version.label("latest_version"),
            latest.c.created_at.label("latest_created_at"),
            added.c.version.label("saved_version"),
            added.c.created_at.label("saved_at"),
        )
        .select_from(target.outerjoin(latest, true()).outerjoin(added, true()))
        .add_cte(added, stored, logged, event, entry)
    )


# By (whether the caller's reach is asked, whether the plan records the job-search obligation).
_SAVE_LATER_VERSION = {
    (reach, recorded): _save_later_version(reach=reach, obligation_recorded=recorded)
    for reach in (False, True)
    for recorded in (False, True)
}


async def save_later_version(
    statement: OneStatement, *, reach: bool, obligation_recorded: bool, parameters: dict[str, Any]
) -> Row[Any] | None:
    """:func:`_save_later_version`'s one row: the client (``id``, ``job_search_started_on``), its latest version before
    the save (``latest_version``, ``latest_created_at``; NULL: none) and the version saved (``saved_version``,
    ``saved_at``; NULL: nothing was written, the save takes the transaction's way or is refused). None: no such client
    within the caller's reach."""
    result = await statement.execute(_SAVE_LATER_VERSION[(reach, obligation_recorded)], parameters)
    row: Row[Any] | None = result.one_or_none()
    return row
