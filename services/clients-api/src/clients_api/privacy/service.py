"""The audit trail of one client and the GDPR access export, for the data protection officer.

Both are limited to the officer's own organisation (another organisation's client is a 404), and both are
themselves audited: the trail shows who looked at the trail.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import client_in_scope
from clients_api.assessment.service import NOTES_CONTEXT
from clients_api.client.service import IDENTITY_CONTEXT
from clients_api.models import Base
from clients_api.privacy import sources as other_sources
from clients_api.privacy.schemas import AuditRecordRead, PersonalDataExport
from polku_kit.audit import AuditAction, AuditRecord, record
from polku_kit.auth import Principal
from polku_kit.pagination import Keyset, Page, start_after
from polku_kit.pii import PersonalDataVault
from polku_kit.service_client import ServiceClient

PURPOSE = "data protection: the data subject's rights and supervision of processing"
EXPORT_FORMAT = "polku.clients-api.personal-data/2"
# Columns that are means, not data about the person: the encrypted code is exported decrypted instead.
INTERNAL_COLUMNS = frozenset({"identity_code_hash", "identity_code_encrypted", "deadlines_valid_until"})
# Encrypted columns, exported in clear under another name: (table, column) -> (name, encryption context).
ENCRYPTED_JSON_COLUMNS = {("assessment_special_note", "notes_encrypted"): ("notes", NOTES_CONTEXT)}
# A client's audit trail is paged newest first.
AUDIT_PAGES = Keyset(AuditRecord.occurred_at, AuditRecord.id, newest_first=True)


async def audit_trail(
    *,
    session: AsyncSession,
    principal: Principal,
    client_id: uuid.UUID,
    since: datetime | None,
    until: datetime | None,
    actor: str | None,
    limit: int,
    cursor: str | None,
) -> Page[AuditRecordRead]:
    client = await client_in_scope(session, principal, client_id)
    query = select(AuditRecord).where(AuditRecord.data_subject_id == client.id)
    if since is not None:
        query = query.where(AuditRecord.occurred_at >= since)
    if until is not None:
        query = query.where(AuditRecord.occurred_at < until)
    if actor is not None:
        query = query.where(AuditRecord.actor_subject == actor)
    rows = list((await session.scalars(AUDIT_PAGES.select(query, limit=limit, after=start_after(cursor)))).all())
    # Written after the query, so the officer's own look is the next page's news, not this page's noise.
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="audit_trail",
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"since": since, "until": until, "actor": actor} if since or until or actor else None,
    )
    return AUDIT_PAGES.page(rows, limit=limit, item=AuditRecordRead.model_validate)


def client_tables() -> list[Table]:
    """Every table of clients-api with rows about one client (a ``client_id`` column)."""
    return [table for table in Base.metadata.sorted_tables if "client_id" in table.columns]


def _row(table: Table, row: Any, vault: PersonalDataVault | None = None) -> dict[str, Any]:
    exported: dict[str, Any] = {}
    for column, value in row._mapping.items():
        if column in INTERNAL_COLUMNS or column not in table.columns:
            continue
        if (table.name, column) in ENCRYPTED_JSON_COLUMNS and vault is not None:
            name, context = ENCRYPTED_JSON_COLUMNS[(table.name, column)]
            exported[name] = json.loads(vault.decrypt(value, context=context))
        else:
            exported[column] = to_jsonable_python(value)
    return exported


async def export(
    *,
    session: AsyncSession,
    principal: Principal,
    vault: PersonalDataVault,
    client_id: uuid.UUID,
    sources: list[ServiceClient],
    token: str,
) -> PersonalDataExport:
    client = await client_in_scope(session, principal, client_id)
    # The other services first: if one cannot answer, there is no export (a 503), not a partial one.
    parts = await other_sources.collect(sources, token=token, client_id=client.id)
    client_table = Base.metadata.tables["client"]
    client_row = _row(
        client_table, (await session.execute(select(client_table).where(client_table.c.id == client.id))).one()
    )
    client_row["personal_identity_code"] = vault.decrypt(client.identity_code_encrypted, context=IDENTITY_CONTEXT)
    records: dict[str, list[dict[str, Any]]] = {}
    for table in client_tables():
        order = [table.c[name] for name in ("recorded_at", "created_at", "occurred_at") if name in table.c][:1]
        result = await session.execute(
            select(table).where(table.c.client_id == client.id).order_by(*order, *table.primary_key.columns)
        )
        records[table.name] = [_row(table, row, vault) for row in result]
    trail = (
        await session.scalars(
            select(AuditRecord)
            .where(AuditRecord.data_subject_id == client.id)
            .order_by(AuditRecord.occurred_at, AuditRecord.id)
        )
    ).all()
    await record(
        session,
        actor=principal,
        action=AuditAction.export,
        resource_type="client",
        resource_id=client.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"tables": sorted(records), "sources": sorted(parts)},
    )
    return PersonalDataExport(
        format=EXPORT_FORMAT,
        exported_at=datetime.now(UTC),
        client_id=client.id,
        client=client_row,
        records=records,
        audit_trail=[AuditRecordRead.model_validate(row) for row in trail],
        sources=parts,
    )
