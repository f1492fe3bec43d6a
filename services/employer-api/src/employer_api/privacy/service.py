"""The access export's part held by employer-api, for a data protection officer of the authority, asked by
clients-api for that officer (decision 18): the candidate profile kept from clients-api's events, the job offers,
introductions and supports naming the person, and employer-api's audit records about them.

employer-api keeps no register of clients, so another organisation's officer gets an empty answer, which says
nothing about other organisations."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.privacy import repository
from employer_api.privacy.schemas import AuditRecordRead, PersonalData
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal, Role
from polku_kit.errors import Forbidden

PURPOSE = "data protection: the data subject's rights and supervision of processing"
EXPORT_FORMAT = "polku.employer-api.personal-data/1"


class NotADataProtectionOfficer(Forbidden):
    slug = "not-a-data-protection-officer"
    title = "Only a data protection officer's access request opens a person's data"


def _row(row: Any) -> dict[str, Any]:
    return {column: to_jsonable_python(value) for column, value in row._mapping.items()}


async def personal_data(
    *, session: AsyncSession, channel: Principal, person: Principal, client_id: uuid.UUID
) -> PersonalData:
    if Role.dpo not in person.roles:
        raise NotADataProtectionOfficer("The person asked for must be a data protection officer")
    organisation_id = person.organisation()
    found = await repository.rows_naming(session, organisation_id=organisation_id, client_id=client_id)
    resource_ids = [str(row.id) for name in ("job_offer", "introduction", "support") for row in found[name]]
    trail = await repository.audit_records(
        session, organisation_id=organisation_id, client_id=client_id, resource_ids=resource_ids
    )
    records = {name: [_row(row) for row in rows] for name, rows in found.items()}
    # Written after the reads: the officer's export is the next export's news.
    await record(
        session,
        actor=person,
        action=AuditAction.export,
        resource_type="personal_data",
        data_subject_id=client_id,
        purpose=PURPOSE,
        details={
            "channel": channel.client_id or channel.subject,
            "counts": {name: len(rows) for name, rows in records.items()},
        },
    )
    return PersonalData(
        format=EXPORT_FORMAT,
        exported_at=datetime.now(UTC),
        client_id=client_id,
        organisation_id=organisation_id,
        records=records,
        audit_trail=[AuditRecordRead.model_validate(row) for row in trail],
    )
