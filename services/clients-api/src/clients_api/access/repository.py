"""The queries behind access checks: a client of the caller's organisation, a coach's teams and colleagues."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Row,
    Select,
    Text,
    Uuid,
    and_,
    any_,
    bindparam,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from clients_api.caseload.models import KnownCoach, Team, TeamMember
from clients_api.client.models import Client
from polku_kit.audit import record_insert
from polku_kit.db import OneStatement

# The caller's organisation and a coach's subject, as the statements below name them: each statement is built once,
# when the module is imported, and executed with the request's values (building and keying a statement for
# SQLAlchemy's cache each request cost more than sending it).
ORGANISATION = bindparam("organisation_id", type_=Uuid())
REACHED_BY = bindparam("reached_by", type_=Text())


def _teams_of_coach() -> Select[uuid.UUID]:
    """The teams the coach ``REACHED_BY`` belongs to in the organisation ``ORGANISATION``."""
    return (
        select(TeamMember.team_id)
        .join(Team, Team.id == TeamMember.team_id)
        .where(Team.organisation_id == ORGANISATION, TeamMember.coach_subject == REACHED_BY)
    )


def reached_by_coach() -> ColumnElement[bool]:
    """The client is within the reach of the coach ``REACHED_BY`` (``access.service.Reach``): assigned to nobody,
    to them or to a coach they share a team with, or to one of their teams. The coach's teams are subqueries of the
    statement, not a round trip of their own."""
    teams = _teams_of_coach()
    colleagues = select(TeamMember.coach_subject).where(TeamMember.team_id.in_(teams))
    return or_(
        and_(Client.coach_subject.is_(None), Client.team_id.is_(None)),
        Client.coach_subject == REACHED_BY,
        Client.coach_subject.in_(colleagues),
        Client.team_id.in_(teams),
    )


def reached_by_coach_in_arrays() -> ColumnElement[bool]:
    """:func:`reached_by_coach` for a list over the caseload: the coach's teams and colleagues as arrays, each read once
    (an init plan) and compared with ``= ANY``, which the planner matches against the client indexes as it does a list
    of values (decision 38), where it cannot an ``IN`` of subqueries under ``OR``. No round trip before the list's
    statement."""
    teams = _teams_of_coach()
    colleagues = select(TeamMember.coach_subject).where(TeamMember.team_id.in_(_teams_of_coach()))
    return or_(
        and_(Client.coach_subject.is_(None), Client.team_id.is_(None)),
        Client.coach_subject == REACHED_BY,
        Client.coach_subject == any_(func.array(colleagues.scalar_subquery())),
        Client.team_id == any_(func.array(teams.scalar_subquery())),
    )


def colleague_of_coach(coach: ColumnElement[str]) -> ColumnElement[bool]:
    """``coach`` shares a team with the coach ``REACHED_BY`` in the organisation ``ORGANISATION`` (whose caseload
    ``access.service.check_caseload_reach`` lets them look at), the colleagues an array read once (an init plan)."""
    colleagues = select(TeamMember.coach_subject).where(TeamMember.team_id.in_(_teams_of_coach()))
    return coach == any_(func.array(colleagues.scalar_subquery()))


def _client_query(*, reach: bool, lock: bool) -> Select[Client]:
    query = select(Client).where(
        Client.id == bindparam("client_id", type_=Uuid()), Client.organisation_id == ORGANISATION
    )
    if reach:
        query = query.where(reached_by_coach())
    if lock:
        query = query.with_for_update(of=Client)
    return query


# By (whether the caller's reach is asked, whether the row is locked).
_CLIENT = {(reach, lock): _client_query(reach=reach, lock=lock) for reach in (False, True) for lock in (False, True)}


def reach_parameters(*, organisation_id: uuid.UUID, reached_by: str | None) -> dict[str, object]:
    """The values of ``ORGANISATION`` and (for a coach) ``REACHED_BY`` in a statement built with them."""
    if reached_by is None:
        return {"organisation_id": organisation_id}
    return {"organisation_id": organisation_id, "reached_by": reached_by}


async def get(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    client_id: uuid.UUID,
    reached_by: str | None = None,
    lock: bool = False,
) -> Client | None:
    """The client; with ``reached_by`` (a coach's subject) only if that coach reaches it (:func:`reached_by_coach`),
    decided in the same statement. ``lock``: the client's row locked until the transaction ends (``FOR UPDATE``),
    in the same statement too."""
    return await session.scalar(
        _CLIENT[(reached_by is not None, lock)],
        {"client_id": client_id, **reach_parameters(organisation_id=organisation_id, reached_by=reached_by)},
    )


# The column of a client page's statement (:func:`client_rows_statement`) holding the id of the client found.
CLIENT_FOUND = "client_found"


def client_rows_statement(
    rows: Callable[[ColumnElement[uuid.UUID]], Select[Any]],
    *,
    reach: bool,
    order: tuple[str, ...],
    descending: bool = False,
    resource: str | None,
    client_columns: tuple[str, ...] = (),
    when: Callable[[FromClause], ColumnElement[bool]] | None = None,
    key: str = "id",
) -> Select[Any]:
    """A read of one client's rows (its status history, its timeline, its plan, ...) with the read's audit record, in
    one statement (decision 82, as decision 57's client read): the client ``client_id`` of ``ORGANISATION`` (with
    ``reach``, only if the coach ``REACHED_BY`` reaches it, :func:`reached_by_coach`) is a CTE, ``rows`` of the
    client's id (a select with a column ``key`` never NULL, ``id`` unless said) is joined to it laterally, and the
    audit ``INSERT`` is a data-modifying CTE selecting from them, naming the client as the person:

    - ``resource`` None: one record of the client found, its resource the bound ``audit_resource_id``;
    - ``CLIENT_FOUND``: one record of the client found, naming it as the resource too;
    - a column of ``rows``: one record of each row, naming the row's column as the resource (no row, no record).

    So nothing is recorded of a client not found. The statement's rows are ``CLIENT_FOUND``, the client's columns
    ``client_columns`` and ``rows``' columns, ordered by the columns ``order``: none when no client was found, one with
    ``rows``' column ``key`` (never NULL in a row of ``rows``) NULL when the client has no rows. With ``when`` (a
    condition on the client's CTE), the client's rows are joined and the records written only if it holds: otherwise
    the statement answers the client found alone and writes nothing (to be answered another way, which records it).
    Built once, like the statements it is made of; executed with :func:`client_rows`."""
    target = select(Client.id, *(Client.__table__.c[name] for name in client_columns)).where(
        Client.id == bindparam("client_id", type_=Uuid()), Client.organisation_id == ORGANISATION
    )
    if reach:
        target = target.where(reached_by_coach())
    client = target.cte("target")
    answered = None if when is None else when(client)
    joined = rows(client.c.id).lateral("rows")
    found = (
        select(client.c.id.label(CLIENT_FOUND), *(client.c[name] for name in client_columns), *joined.c)
        .select_from(client.outerjoin(joined, true() if answered is None else answered))
        .cte("found")
    )
    if resource is None or resource == CLIENT_FOUND:
        logged = record_insert(client, resource=None if resource is None else "id", subject="id", when=answered)
    else:
        logged = record_insert(found, resource=resource, subject=CLIENT_FOUND, when=found.c[key].is_not(None))
    columns = [found.c[name] for name in order]
    return (
        select(*found.c)
        .add_cte(logged.cte("logged"))
        .order_by(*(column.desc() if descending else column for column in columns))
    )


def client_rows_statements(
    rows: Callable[[ColumnElement[uuid.UUID]], Select[Any]],
    *,
    order: tuple[str, ...],
    descending: bool = False,
    resource: str | None,
    client_columns: tuple[str, ...] = (),
    when: Callable[[FromClause], ColumnElement[bool]] | None = None,
    key: str = "id",
) -> dict[bool, Select[Any]]:
    """A read's statements of :func:`client_rows_statement`, by whether a coach's reach is asked: the table a
    repository keeps for :func:`client_rows`, each built once, when the module is imported."""
    return {
        reach: client_rows_statement(
            rows,
            reach=reach,
            order=order,
            descending=descending,
            resource=resource,
            client_columns=client_columns,
            when=when,
            key=key,
        )
        for reach in (False, True)
    }


# A read's statements by whether a coach's reach is asked: a table of :func:`client_rows_statements`, or a function
# giving the one built for it (a statement built once for each shape of a request's criteria).
ByReach = Mapping[bool, Select[Any]] | Callable[[bool], Select[Any]]


async def client_rows(
    statement: OneStatement,
    statements: ByReach,
    *,
    organisation_id: uuid.UUID,
    client_id: uuid.UUID,
    reached_by: str | None,
    audit: dict[str, Any],
    values: dict[str, Any] | None = None,
    key: str | None = "id",
) -> list[Row[Any]] | None:
    """The rows of a statement of :func:`client_rows_statement` (of ``statements``, the one built for whether a
    coach's reach is asked), with the read's record (``audit``: ``polku_kit.audit.record_parameters``) and the rows'
    own parameters (``values``): None when the client is not found (missing, another organisation's, beyond the
    coach's reach: nothing recorded), else the client's rows, in order (none: an empty list, recorded): those whose
    column ``key`` is not NULL (``key`` None: every row found, the client's own columns on each)."""
    reach = reached_by is not None
    result = await statement.execute(
        statements[reach] if isinstance(statements, Mapping) else statements(reach),
        {
            "client_id": client_id,
            **reach_parameters(organisation_id=organisation_id, reached_by=reached_by),
            **audit,
            **(values or {}),
        },
    )
    found = list(result.all())
    if not found:
        return None
    if key is None:
        return found
    return [row for row in found if row._mapping[key] is not None]


# By whether the caller's reach is asked: the client's id, if found (no record: nothing of the client is read).
_REACHED = {reach: _client_query(reach=reach, lock=False).with_only_columns(Client.id) for reach in (False, True)}


async def reached(
    statement: OneStatement, *, organisation_id: uuid.UUID, client_id: uuid.UUID, reached_by: str | None
) -> bool:
    """Whether the client is found, as :func:`get` finds it, on a request of one statement: for a read refused for its
    request's own fault (a cursor not given out), which answers 404 before that fault for a client not found."""
    result = await statement.execute(
        _REACHED[reached_by is not None],
        {"client_id": client_id, **reach_parameters(organisation_id=organisation_id, reached_by=reached_by)},
    )
    return result.first() is not None


async def member(session: AsyncSession, *, team_id: uuid.UUID, coach_subject: str) -> TeamMember | None:
    return await session.get(TeamMember, (team_id, coach_subject))


_REACH = select(TeamMember.team_id, TeamMember.coach_subject).where(TeamMember.team_id.in_(_teams_of_coach()))


async def reach(session: AsyncSession, *, organisation_id: uuid.UUID, subject: str) -> tuple[set[uuid.UUID], set[str]]:
    """The teams a coach belongs to in the organisation, and every coach of those teams."""
    rows = (await session.execute(_REACH, {"organisation_id": organisation_id, "reached_by": subject})).all()
    return {row.team_id for row in rows}, {row.coach_subject for row in rows}


async def shares_team(session: AsyncSession, *, organisation_id: uuid.UUID, subject_a: str, subject_b: str) -> bool:
    first, second = aliased(TeamMember), aliased(TeamMember)
    query = (
        select(first.team_id)
        .join(second, second.team_id == first.team_id)
        .join(Team, Team.id == first.team_id)
        .where(
            Team.organisation_id == organisation_id, first.coach_subject == subject_a, second.coach_subject == subject_b
        )
        .limit(1)
    )
    return await session.scalar(query) is not None


class SeenCoach(Protocol):
    @property
    def organisation_id(self) -> uuid.UUID: ...
    @property
    def subject(self) -> str: ...
    @property
    def name(self) -> str | None: ...
    @property
    def at(self) -> datetime: ...


async def note_coaches(session: AsyncSession, seen: Sequence[SeenCoach]) -> None:
    """These coaches have used the service, each at ``at`` with the name ``name`` in their token: one upsert, in key
    order (two writers lock the rows in the same order)."""
    if not seen:
        return
    rows = [
        {
            "organisation_id": coach.organisation_id,
            "subject": coach.subject,
            "name": coach.name,
            "first_seen_at": coach.at,
            "last_seen_at": coach.at,
        }
        for coach in sorted(seen, key=lambda coach: (coach.organisation_id, coach.subject))
    ]
    statement = insert(KnownCoach).values(rows)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[KnownCoach.organisation_id, KnownCoach.subject],
            set_={"name": statement.excluded.name, "last_seen_at": statement.excluded.last_seen_at},
        )
    )
