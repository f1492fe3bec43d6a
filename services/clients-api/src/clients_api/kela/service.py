"""Kela's labour-market subsidy day counts: a coach sets one client's, a manager imports the organisation's file.

An import is all or nothing: every row is checked first (a valid personal identity code of a client of the
organisation, a whole number of days, a day not in the future, each person once), and one error anywhere refuses
the whole file with a report naming the row and column of each error. A row whose count is older than the one
held leaves it as it is. Every client whose count changes gets an audit record naming them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import PURPOSE, client_in_scope
from clients_api.kela import csvfile, repository
from clients_api.kela.models import CountSource, ImportStatus, KelaImport, SubsidyDayCount
from clients_api.kela.rules import threshold_reached_on
from clients_api.kela.schemas import ImportRead, SubsidyDaysRead, SubsidyDaysWrite, UploadStart
from polku_kit import versioning
from polku_kit.audit import AuditAction, AuditRecord, record
from polku_kit.auth import Principal
from polku_kit.calendar import today
from polku_kit.errors import Conflict, FieldError, NotFound, Unprocessable
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


class UploadNotFound(NotFound):
    slug = "kela-upload-not-found"
    title = "No such import of the organisation"


class UploadClosed(Conflict):
    slug = "kela-upload-closed"
    title = "The import is done; start a new one"


def _sorted(errors: list[csvfile.RowError]) -> list[csvfile.RowError]:
    return sorted(errors, key=lambda error: (error.row, csvfile.COLUMNS.index(error.column) if error.column else -1))


def _as_json(error: csvfile.RowError) -> dict[str, object]:
    return {"row": error.row, "column": error.column, "code": error.code, "message": error.message}


def _refusal(errors: list[dict[str, Any]], *, errors_total: int, rows_total: int) -> ImportRefused:
    return ImportRefused(
        f"{errors_total} error(s) in the file; fix them and import it again",
        errors=[
            FieldError(
                field=f"body.row[{error['row']}]" + (f".{error['column']}" if error["column"] else ""),
                message=f"row {error['row']}"
                + (f", column {error['column']}" if error["column"] else "")
                + f": {error['message']}",
                code=error["code"],
            ).model_dump()
            for error in errors[:MAX_REPORTED_ERRORS]
        ],
        errors_total=errors_total,
        rows_total=rows_total,
    )


def _read(imported: KelaImport) -> ImportRead:
    expected = imported.rows_expected
    return ImportRead.model_validate(
        {
            **{name: getattr(imported, name) for name in ImportRead.model_fields if name != "received_percent"},
            "received_percent": min(100, imported.rows_total * 100 // expected) if expected else None,
        }
    )


async def _check(
    session: AsyncSession, vault: PersonalDataVault, organisation_id: uuid.UUID, content: bytes, first_row: int
) -> tuple[list[tuple[int, uuid.UUID, int, date]], list[csvfile.RowError], int]:
    """The file's (or part's) valid rows as ``(row, client, days, counted_on)``, its errors, and its row count."""
    parsed = csvfile.read(content, today=today(), first_row=first_row)
    hashes = {row.row: vault.lookup_hash(row.identity_code) for row in parsed.rows}
    clients = await repository.clients_by_identity_hash(
        session, organisation_id=organisation_id, hashes=list(hashes.values())
    )
    errors = parsed.errors + [
        csvfile.RowError(row.row, csvfile.IDENTITY, "not_a_client", "no client of the organisation has this code")
        for row in parsed.rows
        if hashes[row.row] not in clients
    ]
    valid = [
        (row.row, clients[hashes[row.row]], row.days, row.counted_on)
        for row in parsed.rows
        if hashes[row.row] in clients
    ]
    return valid, errors, parsed.rows_total


async def _apply(
    session: AsyncSession,
    principal: Principal,
    imported: KelaImport,
    counts: list[tuple[uuid.UUID, int, date]],
) -> ImportRead:
    """Write the counts, audit each person whose count changed, and mark the import done."""
    changed = await repository.import_counts(
        session,
        organisation_id=imported.organisation_id,
        import_id=imported.id,
        recorded_by=principal.subject,
        counts=counts,
    )
    imported.status = ImportStatus.imported
    imported.rows_imported = len(changed)
    # One audit record per person whose count changed, written together (a file may hold thousands).
    now = datetime.now(UTC)
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    session.add_all(
        AuditRecord(
            occurred_at=now,
            actor_subject=principal.subject,
            actor_roles=sorted(principal.roles),
            actor_organisation_id=imported.organisation_id,
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
        details={"rows": imported.rows_total, "changed": len(changed)},
    )
    await session.flush()
    await session.refresh(imported)
    return _read(imported)


async def import_file(
    *, session: AsyncSession, principal: Principal, vault: PersonalDataVault, content: bytes
) -> ImportRead:
    """A whole file in one request."""
    organisation_id = principal.organisation()
    valid, errors, rows_total = await _check(session, vault, organisation_id, content, first_row=2)
    if errors:
        raise _refusal([_as_json(error) for error in _sorted(errors)], errors_total=len(errors), rows_total=rows_total)
    imported = KelaImport(
        organisation_id=organisation_id,
        status=ImportStatus.uploading,
        rows_total=rows_total,
        imported_by=principal.subject,
    )
    session.add(imported)
    await session.flush()
    return await _apply(session, principal, imported, [(client, days, day) for _row, client, days, day in valid])


async def start_upload(*, session: AsyncSession, principal: Principal, data: UploadStart) -> ImportRead:
    """A file to be sent in parts, so that its progress can be followed, and then imported whole."""
    imported = KelaImport(
        organisation_id=principal.organisation(),
        status=ImportStatus.uploading,
        rows_expected=data.rows_expected,
        imported_by=principal.subject,
    )
    session.add(imported)
    await session.flush()
    await session.refresh(imported)
    return _read(imported)


async def _upload(
    session: AsyncSession, principal: Principal, upload_id: uuid.UUID, *, for_update: bool = False
) -> KelaImport:
    found = await repository.upload(
        session, organisation_id=principal.organisation(), upload_id=upload_id, for_update=for_update
    )
    if found is None:
        raise UploadNotFound(f"No import {upload_id}")
    return found


async def read_upload(*, session: AsyncSession, principal: Principal, upload_id: uuid.UUID) -> ImportRead:
    return _read(await _upload(session, principal, upload_id))


async def add_part(
    *,
    session: AsyncSession,
    principal: Principal,
    vault: PersonalDataVault,
    upload_id: uuid.UUID,
    content: bytes,
    first_row: int,
) -> ImportRead:
    """Check one part (a CSV with the header, its first data row numbered ``first_row`` in the whole file) and
    keep its valid rows; its errors join the import's. A person already in an earlier part is an error here."""
    imported = await _upload(session, principal, upload_id, for_update=True)
    if imported.status != ImportStatus.uploading:
        raise UploadClosed(f"Import {upload_id} is {imported.status}")
    valid, errors, rows_total = await _check(session, vault, imported.organisation_id, content, first_row)
    earlier = await repository.staged_among(
        session, import_id=imported.id, rows=[row for row, *_ in valid], client_ids=[client for _, client, *_ in valid]
    )
    kept = []
    for row, client, days, day in valid:
        if row in earlier.rows:
            errors.append(csvfile.RowError(row, None, "row_sent_twice", "an earlier part has this row"))
        elif client in earlier.clients:
            message = f"the same person as on row {earlier.clients[client]}"
            errors.append(csvfile.RowError(row, csvfile.IDENTITY, "duplicate", message))
        else:
            kept.append((row, client, days, day))
    await repository.stage(session, import_id=imported.id, rows=kept)
    imported.rows_total += rows_total
    imported.errors_total += len(errors)
    room = MAX_REPORTED_ERRORS - len(imported.errors)
    if errors and room > 0:
        imported.errors = sorted([*imported.errors, *map(_as_json, _sorted(errors)[:room])], key=lambda e: e["row"])
    await session.flush()
    await session.refresh(imported)
    return _read(imported)


async def finish_upload(*, session: AsyncSession, principal: Principal, upload_id: uuid.UUID) -> ImportRead:
    """Import every row sent, or none: refused while any part had an error."""
    imported = await _upload(session, principal, upload_id, for_update=True)
    if imported.status != ImportStatus.uploading:
        raise UploadClosed(f"Import {upload_id} is {imported.status}")
    if imported.errors_total:
        raise _refusal(imported.errors, errors_total=imported.errors_total, rows_total=imported.rows_total)
    counts = await repository.staged(session, import_id=imported.id)
    result = await _apply(session, principal, imported, counts)
    await repository.clear_staged(session, import_id=imported.id)
    return result
