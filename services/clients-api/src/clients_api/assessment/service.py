"""Saving and reading initial assessments. Like plans, a save names the version it started from
(``If-Match``); a newer one gives 412 instead of a lost update. Health and social notes are written and read
only by those :func:`may_read_special_category` allows, each read audited on its own."""

from __future__ import annotations

import hashlib
import json
import uuid
from functools import lru_cache

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.service import PURPOSE, client_in_scope, may_read_special_category
from clients_api.assessment import repository
from clients_api.assessment.models import AssessmentVersion, SpecialCategoryNote, highest_level, more_support_needed
from clients_api.assessment.schemas import (
    AssessmentRead,
    AssessmentWrite,
    IntegrationPeriod,
    MunicipalityRead,
    OccupationRead,
    SpecialCategoryRead,
)
from clients_api.client.models import Client
from clients_api.reactions import assessment_changed
from polku_classifications import isco08 as occupations
from polku_classifications import municipalities
from polku_classifications.isco08 import IscoLevel
from polku_kit import versioning
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.calendar import today
from polku_kit.errors import FieldError, Forbidden, NotFound, PreconditionFailed, Unprocessable
from polku_kit.outbox import emit
from polku_kit.pii import PersonalDataVault

NOTES_CONTEXT = b"assessment.special_category"
SPECIAL_PURPOSE = "employment services case work: special-category data (GDPR art. 9)"


class AssessmentNotFound(NotFound):
    slug = "assessment-not-found"
    title = "The client has no assessment yet"


class AssessmentChanged(PreconditionFailed):
    slug = "assessment-changed"
    title = "The assessment was changed by someone else"


class SpecialCategoryForbidden(Forbidden):
    slug = "special-category-forbidden"
    title = "Only the client's coach may write health and social notes"


def etag(version: int) -> str:
    return f'"assessment-v{version}"'


def _read(row: AssessmentVersion, special: SpecialCategoryRead | None, hidden: bool) -> AssessmentRead:
    period = (
        IntegrationPeriod(starts_on=row.integration_starts_on, ends_on=row.integration_ends_on)
        if row.integration_starts_on and row.integration_ends_on
        else None
    )
    return AssessmentRead.model_validate(
        {
            "client_id": row.client_id,
            "version": row.version,
            "assessed_on": row.assessed_on,
            "education": row.education,
            "work_history": row.work_history,
            "occupations": row.occupations,
            "competences": row.competences,
            "languages": row.languages,
            "driving_licences": row.driving_licences,
            "service_needs": row.service_needs,
            "more_support_needed": more_support_needed(row.service_needs),
            "supplementary_interviews": row.supplementary_interviews,
            "work_ability": row.work_ability,
            "work_ability_description": row.work_ability_description,
            "integration_period": period,
            "special_category": special,
            "special_category_hidden": hidden,
            "created_by": row.created_by,
            "created_by_name": row.created_by_name,
            "created_at": row.created_at,
        }
    )


async def _special(
    session: AsyncSession, principal: Principal, client: Client, vault: PersonalDataVault
) -> tuple[SpecialCategoryRead | None, bool]:
    """The notes in force, if any and if the caller may read them (that read audited apart); and whether
    notes exist that were withheld."""
    note = await repository.current_note(session, client_id=client.id)
    if note is None:
        return None, False
    if not await may_read_special_category(session, principal, client):
        return None, True
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="assessment_special_category",
        resource_id=note.id,
        data_subject_id=client.id,
        purpose=SPECIAL_PURPOSE,
        details={"special_category": True},
    )
    return _decrypt(note, vault), False


def _decrypt(note: SpecialCategoryNote, vault: PersonalDataVault) -> SpecialCategoryRead:
    notes = json.loads(vault.decrypt(note.notes_encrypted, context=NOTES_CONTEXT))
    return SpecialCategoryRead(**notes, recorded_by=note.recorded_by, recorded_at=note.recorded_at)


async def current_without_notes(session: AsyncSession, *, client_id: uuid.UUID) -> AssessmentRead | None:
    """The current assessment as shared with a partner: never the notes, nor a hint that notes exist.
    The caller has checked the consent and audits the sharing."""
    row = await repository.current(session, client_id=client_id)
    return None if row is None else _read(row, None, False)


async def notes_for_sharing(
    session: AsyncSession,
    principal: Principal,
    client: Client,
    vault: PersonalDataVault,
    *,
    purpose: str,
    recipient: uuid.UUID,
    channel: str | None = None,
) -> SpecialCategoryRead | None:
    """The notes in force, shared under the client's explicit consent to the recipient (the caller checked
    it: GDPR art. 9(2)(a)) and to a reader within the art. 9 circle (the caller checked that too); the read is
    audited apart, as every read of the notes is, naming the service it went through as the channel."""
    note = await repository.current_note(session, client_id=client.id)
    if note is None:
        return None
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="assessment_special_category",
        resource_id=note.id,
        data_subject_id=client.id,
        purpose=purpose,
        details={"special_category": True, "recipient": str(recipient), **({"channel": channel} if channel else {})},
    )
    return _decrypt(note, vault)


async def read(
    *, session: AsyncSession, principal: Principal, vault: PersonalDataVault, client_id: uuid.UUID
) -> AssessmentRead:
    client = await client_in_scope(session, principal, client_id)
    row = await repository.current(session, client_id=client.id)
    if row is None:
        raise AssessmentNotFound(f"Client {client_id} has no assessment yet")
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="assessment",
        resource_id=row.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    special, hidden = await _special(session, principal, client, vault)
    return _read(row, special, hidden)


async def save(
    *,
    session: AsyncSession,
    principal: Principal,
    vault: PersonalDataVault,
    client_id: uuid.UUID,
    data: AssessmentWrite,
    if_match: str | None,
) -> AssessmentRead:
    client = await client_in_scope(session, principal, client_id)
    if data.assessed_on > today():
        raise Unprocessable(
            "An assessment is recorded on or after the day it is made",
            errors=[FieldError(field="body.assessed_on", message="is in the future", code="future_date").model_dump()],
        )
    if data.special_category is not None and not await may_read_special_category(session, principal, client):
        raise SpecialCategoryForbidden("Health and social notes are kept by the client's coach; leave them out")
    await repository.lock_client(session, client_id=client.id)
    latest = await repository.current(session, client_id=client.id)
    versioning.check_latest(
        latest,
        if_match,
        what="assessment",
        current=f"/v1/clients/{client.id}/assessment",
        tag=etag,
        changed=AssessmentChanged,
    )
    row = AssessmentVersion(
        client_id=client.id,
        version=(latest.version if latest else 0) + 1,
        assessed_on=data.assessed_on,
        education=[item.model_dump(mode="json") for item in data.education],
        work_history=[item.model_dump(mode="json") for item in data.work_history],
        occupations=list(dict.fromkeys(data.occupations)),
        competences=[item.model_dump(mode="json") for item in data.competences],
        languages=[item.model_dump(mode="json") for item in data.languages],
        driving_licences=sorted({licence.value for licence in data.driving_licences}),
        service_needs=sorted({need.value for need in data.service_needs}),
        supplementary_interviews=data.supplementary_interviews,
        work_ability=data.work_ability.value,
        work_ability_description=data.work_ability_description,
        integration_starts_on=data.integration_period.starts_on if data.integration_period else None,
        integration_ends_on=data.integration_period.ends_on if data.integration_period else None,
        created_by=principal.subject,
        created_by_name=principal.name,
    )
    session.add(row)
    await session.flush()
    await session.refresh(row)
    # The service need it records is one of the things the statutory schedule is computed from.
    await assessment_changed(session, [client.id], today())
    await record(
        session,
        actor=principal,
        action=AuditAction.update if latest else AuditAction.create,
        resource_type="assessment",
        resource_id=row.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"version": row.version},
    )
    if data.special_category is not None:
        note = SpecialCategoryNote(
            client_id=client.id,
            assessment_version=row.version,
            recorded_by=principal.subject,
            notes_encrypted=vault.encrypt(json.dumps(data.special_category.model_dump()), context=NOTES_CONTEXT),
        )
        session.add(note)
        await session.flush()
        await record(
            session,
            actor=principal,
            action=AuditAction.update,
            resource_type="assessment_special_category",
            resource_id=note.id,
            data_subject_id=client.id,
            purpose=SPECIAL_PURPOSE,
            details={"special_category": True, "version": row.version},
        )
    # What employer-api's candidate profile matches on (codes only: occupations and competences as ISCO-08 codes,
    # languages, driving licences); never the notes, the work ability, the service needs (health-related) or any
    # free text.
    await emit(
        session,
        type="fi.polku.client.assessment_updated.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={
            "client_id": str(client.id),
            "organisation_id": str(client.organisation_id),
            "version": row.version,
            "assessed_on": row.assessed_on.isoformat(),
            "occupations": list(row.occupations),
            "competences": list(dict.fromkeys(item["occupation"] for item in row.competences)),
            "languages": [{"language": item["language"], "level": item["level"]} for item in row.languages],
            "driving_licences": list(row.driving_licences),
            # For metrics-api's share of job seekers without post-basic education: the highest level only.
            "education_level": highest_level(row.education),
        },
    )
    special, hidden = await _special(session, principal, client, vault)
    return _read(row, special, hidden)


async def history(*, session: AsyncSession, principal: Principal, client_id: uuid.UUID) -> list[AssessmentRead]:
    """Every version, without the notes (they have their own trail)."""
    client = await client_in_scope(session, principal, client_id)
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="assessment_history",
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    return [_read(row, None, False) for row in await repository.versions(session, client_id=client.id)]


def search_occupations(
    *, query: str | None, language: str | None, level: IscoLevel | None, limit: int
) -> list[OccupationRead]:
    return [
        OccupationRead(code=o.code, level=o.level, fi=o.label("fi"), sv=o.label("sv"), en=o.en)
        for o in occupations.search(query, language=language, level=level, limit=limit)
    ]


@lru_cache(maxsize=1)
def municipality_list() -> tuple[list[MunicipalityRead], str]:
    """Every municipality of the classification with its region's names, and the ETag of that list (the
    classification's version and a digest of the answer, so a new data file is a new tag)."""
    regions = municipalities.regions()
    rows = [
        MunicipalityRead(
            code=m.code,
            fi=m.fi,
            sv=m.sv,
            region=m.region,
            region_fi=regions[m.region]["fi"],
            region_sv=regions[m.region]["sv"],
            sub_region=m.sub_region,
        )
        for m in municipalities.municipalities()
    ]
    digest = hashlib.sha256(json.dumps([row.model_dump() for row in rows]).encode()).hexdigest()[:16]
    return rows, f'"municipalities-{municipalities.VERSION.split()[0]}-{digest}"'
