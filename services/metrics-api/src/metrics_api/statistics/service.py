"""Importing a file: read and check every row first, then store all of it in the request's transaction, or
nothing (a 422 whose report names the row and column of every error)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.statistics import repository
from metrics_api.statistics.models import BudgetLine, ImportBatch, KelaBenefit, LabourForce
from metrics_api.statistics.schemas import ImportRead, ReportLine
from metrics_api.statistics.tables import XLSX, Kind, read
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.errors import FieldError, ProblemError, Unprocessable

log = structlog.get_logger(__name__)

PURPOSE = "statistics import for the employment authority's indicators"
MODELS: dict[Kind, type[LabourForce | KelaBenefit | BudgetLine]] = {
    Kind.labour_force: LabourForce,
    Kind.kela_benefits: KelaBenefit,
    Kind.budget_lines: BudgetLine,
}
CSV_TYPES = ("text/csv", "application/csv", "text/plain")


class UnsupportedFileType(ProblemError):
    status, slug, title = 415, "unsupported-file-type", "Unsupported file type"


class ImportInvalid(Unprocessable):
    slug = "import-invalid"
    title = "The file has errors; nothing was imported"


async def import_file(
    *,
    session: AsyncSession,
    principal: Principal,
    kind: Kind,
    content_type: str,
    content: bytes,
    vintage: str | None,
) -> ImportRead:
    media = content_type.split(";", 1)[0].strip().lower()
    if media not in (*CSV_TYPES, XLSX):
        raise UnsupportedFileType(f"Send text/csv or {XLSX}")
    organisation = principal.organisation()
    if kind is not Kind.budget_lines and not vintage:
        raise Unprocessable(
            "Name the statistic's vintage (its edition and publication day)",
            errors=[FieldError(field="query.vintage", message="required for this import", code="missing").model_dump()],
        )
    parsed = read(kind, content, xlsx=media == XLSX)
    if parsed.problems:
        raise ImportInvalid(
            f"{len(parsed.problems)} errors in the file",
            errors=[
                FieldError(field=f"body.row[{p.row}].{p.column}", message=p.message, code="invalid").model_dump()
                for p in parsed.problems
            ],
            report=[ReportLine(row=p.row, column=p.column, message=p.message).model_dump() for p in parsed.problems],
        )
    batch = await repository.add_batch(
        session,
        ImportBatch(
            id=uuid.uuid4(),
            organisation_id=organisation,
            kind=kind.value,
            vintage=vintage,
            file_format="xlsx" if media == XLSX else "csv",
            rows=len(parsed.rows),
            imported_by=principal.subject,
        ),
    )
    extra: dict[str, Any] = {"organisation_id": organisation, "batch_id": batch.id}
    if kind is not Kind.budget_lines:
        extra["vintage"] = vintage
    await repository.upsert(session, MODELS[kind], [{**row, **extra} for row in parsed.rows])
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="statistics_import",
        resource_id=batch.id,
        purpose=PURPOSE,
        # The importing person's name as their token gave it: the import list names who acted.
        details={"kind": kind.value, "rows": batch.rows, "vintage": vintage, "imported_by_name": principal.name},
    )
    log.info("statistics_imported", kind=kind.value, rows=batch.rows)
    return ImportRead.model_validate(batch).model_copy(update={"imported_by_name": principal.name})


async def list_imports(*, session: AsyncSession, principal: Principal) -> Sequence[ImportRead]:
    return [
        ImportRead.model_validate(batch).model_copy(update={"imported_by_name": name})
        for batch, name in await repository.batches(session, principal.organisation())
    ]
