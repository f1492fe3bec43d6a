"""The audit trail: who read or changed whose personal data, when, and why.

Services call :func:`record` inside the request's transaction, so an audit row exists exactly when the
read or change it describes happened. The table refuses updates and deletes (a database trigger).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, cast

import structlog
from pydantic_core import to_jsonable_python
from sqlalchemy import DateTime, Table, Text, func, insert
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
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    values = {
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
        "request_id": request_id,
        "details": to_jsonable_python(details or {}),  # dates, UUIDs and models become JSON
    }
    # What the request changed before is written first (a failed write fails here, as it did when this was an ORM
    # flush); the record itself is one Core INSERT: the unit of work cost a read more than the statement.
    if session.new or session.dirty or session.deleted:
        await session.flush()
    await session.execute(_INSERT_AUDIT, values)
