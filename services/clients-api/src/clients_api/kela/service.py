"""Kela's labour-market subsidy day counts: a coach sets one client's, a manager imports the organisation's file.

An import is all or nothing: every row is checked first (a valid personal identity code of a client of the
organisation, a whole number of days, a day not in the future, each person once), and one error anywhere refuses
the whole file with a report naming the row and column of each error. A row whose count is older than the one
held leaves it as it is. Every client whose count changes gets an audit record naming them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import PURPOSE, client_in_scope
from clients_api.kela import csvfile, repository
from clients_api.kela.models import CountSource, KelaImport, SubsidyDayCount
from clients_api.kela.rules import threshold_reached_on
from clients_api.kela.schemas import ImportRead, SubsidyDaysRead, SubsidyDaysWrite
from polku_kit import versioning
from polku_kit.audit import AuditAction, AuditRecord, record
from polku_kit.auth import Principal
from polku_kit.calendar import today
from polku_kit.errors import FieldError, NotFound, Unprocessable
from polku_kit.pii import PersonalDataVault

# The errors a refused import lists (the count of all is given beside them).
MAX_REPORTED_ERRORS = 1000


class CountNotRecorded(NotFound):
    slug = "subsidy-days-not-recorded"
    title = "No labour-market subsidy day count is recorded for the client"


class CountChanged(versioning.RecordChanged):
    slug = "subsidy-days-changed"
    title = "The count was changed by someone else"


class ImportRefused(Unprocessable):
    slug = "kela-import-invalid"
    title = "The file has errors; nothing was imported"


def read_model(count: SubsidyDayCount) -> SubsidyDaysRead:
    return SubsidyDaysRead(
        client_id=count.client_id,
        days=count.days,
        counted_on=count.counted_on,
        source=count.source,
        import_id=count.import_id,
        recorded_by=count.recorded_by,
        version=count.version,
        updated_at=count.updated_at,
        threshold_reached_on=threshold_reached_on(count.days, count.counted_on),
    )


async def read(*, session: AsyncSession, principal: Principal, client_id: uuid.UUID) -> SubsidyDaysRead:
    client = await client_in_scope(session, principal, client_id)
    count = await repository.get(session, client_id=client.id)
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="subsidy_day_count",
        resource_id=client.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    if count is None:
        raise CountNotRecorded(f"No count for client {client.id}")
    return read_model(count)


async def set_count(
    *,
    session: AsyncSession,
    principal: Principal,
    client_id: uuid.UUID,
    data: SubsidyDaysWrite,
    if_match: str | None,
) -> SubsidyDaysRead:
    """Record the count; replacing one needs its version in ``If-Match``."""
    client = await client_in_scope(session, principal, client_id)
    if data.counted_on > today():
        raise Unprocessable(
            "A count cannot be from the future",
            errors=[FieldError(field="body.counted_on", message="is in the future", code="future_date").model_dump()],
        )
    count = await repository.get(session, client_id=client.id, for_update=True)
    before = None
    if count is None:
        count = SubsidyDayCount(client_id=client.id, organisation_id=client.organisation_id, version=1)
        session.add(count)
    else:
        versioning.check(count, if_match, current=f"/v1/clients/{client.id}/subsidy-days", changed=CountChanged)
        before = {"days": count.days, "counted_on": count.counted_on}
        count.version += 1
    count.days = data.days
    count.counted_on = data.counted_on
    count.source = CountSource.coach
    count.import_id = None
    count.recorded_by = principal.subject
    await session.flush()
    await session.refresh(count)
    await record(
        session,
        actor=principal,
        action=AuditAction.create if before is None else AuditAction.update,
        resource_type="subsidy_day_count",
        resource_id=client.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"from": before, "to": {"days": data.days, "counted_on": data.counted_on}},
    )
    return read_model(count)


def _refusal(errors: list[csvfile.RowError], rows_total: int) -> ImportRefused:
    return ImportRefused(
        f"{len(errors)} error(s) in the file; fix them and import it again",
        errors=[
            FieldError(
                field=f"body.row[{error.row}]" + (f".{error.column}" if error.column else ""),
                message=f"row {error.row}"
                + (f", column {error.column}" if error.column else "")
                + f": {error.message}",
                code=error.code,
            ).model_dump()
            for error in errors[:MAX_REPORTED_ERRORS]
        ],
        errors_total=len(errors),
        rows_total=rows_total,
    )


async def import_file(
    *, session: AsyncSession, principal: Principal, vault: PersonalDataVault, content: bytes
) -> ImportRead:
    organisation_id = principal.organisation()
    parsed = csvfile.read(content, today=today())
    rows, errors = parsed.rows, parsed.errors
    hashes = {row.row: vault.lookup_hash(row.identity_code) for row in rows}
    clients = await repository.clients_by_identity_hash(
        session, organisation_id=organisation_id, hashes=list(hashes.values())
    )
    errors.extend(
        csvfile.RowError(row.row, csvfile.IDENTITY, "not_a_client", "no client of the organisation has this code")
        for row in rows
        if hashes[row.row] not in clients
    )
    if errors:
        errors.sort(key=lambda error: (error.row, csvfile.COLUMNS.index(error.column) if error.column else -1))
        raise _refusal(errors, rows_total=parsed.rows_total)
    imported = KelaImport(
        organisation_id=organisation_id,
        status="imported",
        rows_total=len(rows),
        rows_imported=0,
        errors=[],
        imported_by=principal.subject,
    )
    session.add(imported)
    await session.flush()
    changed = await repository.import_counts(
        session,
        organisation_id=organisation_id,
        import_id=imported.id,
        recorded_by=principal.subject,
        counts=[(clients[hashes[row.row]], row.days, row.counted_on) for row in rows],
    )
    imported.rows_imported = len(changed)
    # One audit record per person whose count changed, written together (a file may hold thousands).
    now = datetime.now(UTC)
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    session.add_all(
        AuditRecord(
            occurred_at=now,
            actor_subject=principal.subject,
            actor_roles=sorted(principal.roles),
            actor_organisation_id=organisation_id,
            action=AuditAction.update.value,
            resource_type="subsidy_day_count",
            resource_id=str(client_id),
            data_subject_id=client_id,
            purpose=PURPOSE,
            request_id=request_id,
            details={"import_id": str(imported.id)},
        )
        for client_id in changed
    )
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="kela_import",
        resource_id=imported.id,
        purpose=PURPOSE,
        details={"rows": len(rows), "changed": len(changed)},
    )
    await session.refresh(imported)
    return ImportRead.model_validate(imported)
