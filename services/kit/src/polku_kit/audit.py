"""The audit trail: who read or changed whose personal data, when, and why.

Services call :func:`record` inside the request's transaction, so an audit row exists exactly when the
read or change it describes happened. A read whose whole work is one statement carries its record in that statement
instead (:func:`audited`), which PostgreSQL runs as one transaction. The table refuses updates and deletes (a
database trigger).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, cast

import structlog
from pydantic_core import to_jsonable_python
from sqlalchemy import (
    ColumnElement,
    DateTime,
    FromClause,
    Insert,
    Select,
    Table,
    Text,
    bindparam,
    func,
    insert,
    null,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from polku_kit.auth import Principal
from polku_kit.db import KitBase


class AuditAction(StrEnum):
    read = "read"
    create = "create"
    update = "update"
    delete = "delete"
    export = "export"
    search = "search"


class AuditRecord(KitBase):
    __tablename__ = "audit_record"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor_subject: Mapped[str] = mapped_column(Text)
    actor_roles: Mapped[list[str]] = mapped_column(ARRAY(Text))
    actor_organisation_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(Text)
    resource_type: Mapped[str] = mapped_column(Text)
    resource_id: Mapped[str | None] = mapped_column(Text)
    data_subject_id: Mapped[uuid.UUID | None]
    purpose: Mapped[str] = mapped_column(Text)
    request_id: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)


_AUDIT_TABLE = cast(Table, AuditRecord.__table__)
# Built once: a statement made with ``.values(...)`` on every record cost more to build and to key for the
# statement cache than to send; the values go as the execution's parameters.
_INSERT_AUDIT = insert(_AUDIT_TABLE)


def _values(
    *,
    actor: Principal,
    action: AuditAction,
    resource_type: str,
    purpose: str,
    resource_id: object | None,
    data_subject_id: uuid.UUID | None,
    details: dict[str, Any] | None,
) -> dict[str, Any]:
    """One audit row's columns, as :func:`record` inserts them and :func:`audited` binds them."""
    return {
        "id": uuid.uuid4(),
        # The moment itself, not the transaction's start (now()): records of one transaction keep their order.
        "occurred_at": datetime.now(UTC),
        "actor_subject": actor.subject,
        "actor_roles": sorted(actor.roles),
        "actor_organisation_id": actor.organisation_id,
        "action": action.value,
        "resource_type": resource_type,
        "resource_id": None if resource_id is None else str(resource_id),
        "data_subject_id": data_subject_id,
        "purpose": purpose,
        "request_id": structlog.contextvars.get_contextvars().get("request_id"),
        "details": to_jsonable_python(details or {}),  # dates, UUIDs and models become JSON
    }


async def record(
    session: AsyncSession,
    *,
    actor: Principal,
    action: AuditAction,
    resource_type: str,
    purpose: str,
    resource_id: object | None = None,
    data_subject_id: uuid.UUID | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Add one audit row to the current transaction."""
    values = _values(
        actor=actor,
        action=action,
        resource_type=resource_type,
        purpose=purpose,
        resource_id=resource_id,
        data_subject_id=data_subject_id,
        details=details,
    )
    # What the request changed before is written first (a failed write fails here, as it did when this was an ORM
    # flush); the record itself is one Core INSERT: the unit of work cost a read more than the statement.
    if session.new or session.dirty or session.deleted:
        await session.flush()
    await session.execute(_INSERT_AUDIT, values)


# The columns :func:`audited` takes from each row it records (the person read); the others are bound parameters.
_PER_ROW = ("id", "resource_id", "data_subject_id")
_PREFIX = "audit_"


def audited(found: Select[Any], *, subject: str) -> Select[Any]:
    """``found`` and the audit record of each row it finds, in one statement: ``found`` becomes a CTE, the audit
    ``INSERT`` a data-modifying CTE selecting from it, and the statement selects ``found``'s rows (its columns, by
    their names). A row found is a row recorded, naming the row's column ``subject`` as the resource and the person
    (the data subject); no row, no record. PostgreSQL runs the whole statement as one transaction even without
    ``BEGIN`` (``polku_kit.db.OneStatement``): the read and its record commit together or not at all.

    Built once, like the statement it wraps; executed with ``found``'s parameters and :func:`audit_parameters`.
    """
    rows = found.cte("found")
    return select(*rows.c).add_cte(record_each(rows, resource=subject, subject=subject).cte("logged"))


def record_each(rows: FromClause, *, resource: str, subject: str) -> Insert:
    """The audit ``INSERT`` of one record for each row of ``rows`` (a CTE of a read, or of a change's ``RETURNING``),
    naming the row's column ``resource`` as the resource and its column ``subject`` as the person; the other columns
    are the bound parameters of :func:`audit_parameters`. Made a data-modifying CTE of the statement that finds or
    changes the rows, the records commit with it."""
    columns = [column.name for column in _AUDIT_TABLE.columns]
    values = [
        func.gen_random_uuid()
        if name == "id"
        else cast(ColumnElement[Any], rows.c[resource]).cast(Text)
        if name == "resource_id"
        else rows.c[subject]
        if name == "data_subject_id"
        else bindparam(_PREFIX + name, type_=_AUDIT_TABLE.c[name].type)
        for name in columns
    ]
    return insert(_AUDIT_TABLE).from_select(columns, select(*values).select_from(rows))


def with_record(statement: Select[Any]) -> Select[Any]:
    """``statement`` and one audit record, in one statement: the record's ``INSERT`` of bound parameters
    (:func:`record_parameters`) as a data-modifying CTE, which PostgreSQL runs once whatever the statement finds (a
    search recorded with the person searched for, found or not). Built once, like the statement it wraps."""
    values = {name: bindparam(_PREFIX + name, type_=column.type) for name, column in _AUDIT_TABLE.columns.items()}
    return statement.add_cte(insert(_AUDIT_TABLE).values(values).cte("logged"))


def record_parameters(
    *,
    actor: Principal,
    action: AuditAction,
    resource_type: str,
    purpose: str,
    resource_id: object | None = None,
    data_subject_id: uuid.UUID | None = None,
    details: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The parameters of a statement built with :func:`with_record`: every column of the record :func:`record` would
    write."""
    values = _values(
        actor=actor,
        action=action,
        resource_type=resource_type,
        purpose=purpose,
        resource_id=resource_id,
        data_subject_id=data_subject_id,
        details=details,
    )
    return {_PREFIX + name: value for name, value in values.items()}


def logged_once(details: ColumnElement[Any], *, when: ColumnElement[bool] | None = None) -> Insert:
    """The ``INSERT`` of one audit record for a data-modifying CTE, its ``details`` the record's bound details (a JSON
    object) merged with ``details``, an expression over the rest of the statement (the ids a list shows, say): a list's
    one record, naming what it showed, in the list's own statement. No resource and no person of its own (as
    :func:`record` without them); the other columns are the bound parameters of :func:`audit_parameters`.

    ``when``: the record is written only if it holds (a list whose statement finds it cannot answer, and is then
    answered another way that records it, writes none)."""
    columns = [column.name for column in _AUDIT_TABLE.columns]
    values = [
        func.gen_random_uuid()
        if name == "id"
        else null()
        if name in ("resource_id", "data_subject_id")
        else bindparam(_PREFIX + name, type_=JSONB).op("||")(details)
        if name == "details"
        else bindparam(_PREFIX + name, type_=_AUDIT_TABLE.c[name].type)
        for name in columns
    ]
    selected = select(*values)
    return insert(_AUDIT_TABLE).from_select(columns, selected if when is None else selected.where(when))


def audit_parameters(
    *,
    actor: Principal,
    action: AuditAction,
    resource_type: str,
    purpose: str,
    details: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The parameters of a statement built with :func:`audited`: the same values :func:`record` writes, but for the
    resource and the person, which are the found row's."""
    values = record_parameters(
        actor=actor, action=action, resource_type=resource_type, purpose=purpose, details=details
    )
    return {key: value for key, value in values.items() if key.removeprefix(_PREFIX) not in _PER_ROW}
