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


_PREFIX = "audit_"


def record_insert(
    rows: FromClause | None = None,
    *,
    resource: str | None = None,
    subject: str | None = None,
    details: ColumnElement[Any] | None = None,
    when: ColumnElement[bool] | None = None,
) -> Insert:
    """The audit ``INSERT`` to make a data-modifying CTE of the statement that reads or changes what it records, so
    that the record commits with it: the one builder of an audit record written in SQL.

    With ``rows`` (a CTE of a read, or of a change's ``RETURNING``), one record for each row, naming the row's column
    ``resource`` as the resource and its column ``subject`` as the person: a row found is a row recorded, no row, no
    record. Without ``rows``, one record whatever the statement finds (a search recorded with the person searched
    for, found or not), its resource and person bound. ``details``, an expression over the rest of the statement (the
    ids a list shows, say), is merged into the record's bound details (a JSON object). Every other column is a bound
    parameter of :func:`record_parameters`; the record's id is made by PostgreSQL. With ``when``, the records are
    written only if it holds (a list whose statement finds it cannot answer, and is then answered another way that
    records it, writes none).
    """
    columns = [column.name for column in _AUDIT_TABLE.columns]

    def value(name: str) -> ColumnElement[Any]:
        if name == "id":
            return func.gen_random_uuid()
        if name == "resource_id" and rows is not None and resource is not None:
            return cast(ColumnElement[Any], rows.c[resource]).cast(Text)
        if name == "data_subject_id" and rows is not None and subject is not None:
            return cast(ColumnElement[Any], rows.c[subject])
        bound = bindparam(_PREFIX + name, type_=_AUDIT_TABLE.c[name].type)
        return bound.op("||")(details) if name == "details" and details is not None else bound

    chosen = select(*(value(name) for name in columns))
    if when is not None:
        chosen = chosen.where(when)
    return insert(_AUDIT_TABLE).from_select(columns, chosen if rows is None else chosen.select_from(rows))


def audited(found: Select[Any], *, subject: str) -> Select[Any]:
    """``found`` and the audit record of each row it finds, in one statement: ``found`` becomes a CTE, the audit
    ``INSERT`` (:func:`record_insert`) a data-modifying CTE selecting from it, and the statement selects ``found``'s
    rows (its columns, by their names), each recorded naming the row's column ``subject`` as the resource and the
    person. PostgreSQL runs the whole statement as one transaction even without ``BEGIN``
    (``polku_kit.db.OneStatement``): the read and its record commit together or not at all.

    Built once, like the statement it wraps; executed with ``found``'s parameters and :func:`record_parameters`.
    """
    rows = found.cte("found")
    return select(*rows.c).add_cte(record_insert(rows, resource=subject, subject=subject).cte("logged"))


def with_record(statement: Select[Any], *, details: ColumnElement[Any] | None = None) -> Select[Any]:
    """``statement`` and one audit record (:func:`record_insert` without rows), in one statement: PostgreSQL runs the
    data-modifying CTE once whatever the statement finds. Built once, like the statement it wraps."""
    return statement.add_cte(record_insert(details=details).cte("logged"))


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
    """The parameters of a statement with an audit record built by :func:`record_insert`: every column of the record
    :func:`record` would write. A record of each row takes its resource and person from the row, not from here."""
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
