"""Recording, withdrawing and checking consents. A consent is in force from ``valid_from`` to
``valid_until`` (inclusive, Europe/Helsinki days) unless withdrawn; other services ask before they share."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.caller import ServiceCall
from clients_api.access.service import PURPOSE, ClientNotFound, client_in_scope, read_client_rows
from clients_api.consent import repository
from clients_api.consent.models import Consent, DataCategory
from clients_api.consent.schemas import ConsentCheck, ConsentCreate, ConsentRead
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal, Role
from polku_kit.calendar import today
from polku_kit.db import OneStatement
from polku_kit.errors import Conflict, NotFound
from polku_kit.outbox import emit


class ConsentNotFound(NotFound):
    slug = "consent-not-found"
    title = "Consent not found"


class ConsentAlreadyWithdrawn(Conflict):
    slug = "consent-already-withdrawn"
    title = "The consent is already withdrawn"


def in_force(consent: Consent | Row[Any], day: date) -> bool:
    return (
        consent.withdrawn_at is None
        and consent.valid_from <= day
        and (consent.valid_until is None or day <= consent.valid_until)
    )


def _read(consent: Consent | Row[Any]) -> ConsentRead:
    return ConsentRead.model_validate(
        {
            **{c: getattr(consent, c) for c in ConsentRead.model_fields if c != "in_force"},
            "in_force": in_force(consent, today()),
        }
    )


async def give(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, data: ConsentCreate
) -> ConsentRead:
    client = await client_in_scope(session, principal, client_id)
    consent = Consent(
        client_id=client.id,
        recipient_organisation_id=data.recipient_organisation_id,
        categories=sorted(category.value for category in set(data.categories)),
        purpose=data.purpose,
        valid_from=data.valid_from,
        valid_until=data.valid_until,
        recorded_by=principal.subject,
    )
    session.add(consent)
    await session.flush()
    await session.refresh(consent)
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="consent",
        resource_id=consent.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
    )
    await emit(
        session,
        type="fi.polku.client.consent_given.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={
            "client_id": str(client.id),
            "consent_id": str(consent.id),
            "recipient_organisation_id": str(consent.recipient_organisation_id),
            "categories": consent.categories,
        },
    )
    return _read(consent)


async def list_for_client(*, statement: OneStatement, principal: Principal, client_id: uuid.UUID) -> list[ConsentRead]:
    """The client's consents, withdrawn ones included, if the caller reaches the client (the same 404 as a missing one
    otherwise), and the read's audit record, in one statement (decision 82)."""
    rows = await read_client_rows(statement, principal, client_id, repository.CONSENTS, resource_type="consent")
    return [_read(row) for row in rows]


async def withdraw(
    *, session: AsyncSession, principal: Principal, client_id: uuid.UUID, consent_id: uuid.UUID
) -> ConsentRead:
    client = await client_in_scope(session, principal, client_id)
    # Locked: of two withdrawals at once, the second waits and then gets the answer a withdrawn consent gets.
    consent = await repository.get(session, client_id=client.id, consent_id=consent_id, for_update=True)
    if consent is None:
        raise ConsentNotFound(f"No consent {consent_id} for this client")
    if consent.withdrawn_at is not None:
        raise ConsentAlreadyWithdrawn(f"Withdrawn at {consent.withdrawn_at.isoformat()}")
    consent.withdrawn_at = datetime.now(UTC)
    consent.withdrawn_by = principal.subject
    await session.flush()
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="consent",
        resource_id=consent.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details={"withdrawn": True},
    )
    await emit(
        session,
        type="fi.polku.client.consent_withdrawn.v1",
        subject=f"clients/{client.id}",
        source="/polku/clients-api",
        audience=[client.organisation_id],
        data={"client_id": str(client.id), "consent_id": str(consent.id)},
    )
    return _read(consent)


async def best_consent(
    session: AsyncSession, *, client_id: uuid.UUID, recipient: uuid.UUID, categories: set[DataCategory]
) -> tuple[Consent, set[DataCategory]] | None:
    """The consent in force today that leaves the fewest of ``categories`` uncovered, with those it leaves;
    None when no consent to this recipient is in force."""
    day = today()
    best: tuple[Consent, set[DataCategory]] | None = None
    for consent in await repository.for_recipient(session, client_id=client_id, recipient=recipient):
        if not in_force(consent, day):
            continue
        missing = categories - {DataCategory(category) for category in consent.categories}
        if best is None or len(missing) < len(best[1]):
            best = (consent, missing)
    return best


async def check(
    *,
    session: AsyncSession,
    principal: Principal | ServiceCall,
    client_id: uuid.UUID,
    recipient: uuid.UUID,
    categories: list[DataCategory],
) -> ConsentCheck:
    """Whether one consent in force today covers every category. Staff may ask about the clients within their
    reach; a service (referrals-api at send time) asks for a staff member, and only about the clients within
    theirs: a partner, or another organisation's staff, gets the same 404 as for a missing client."""
    person = principal.person if isinstance(principal, ServiceCall) else principal
    # Employer services ask through employer-api before introducing a candidate to an employer (decision 29).
    askers = (Role.coach, Role.manager, Role.admin, Role.employer_services)
    if not person.has_any(*askers):
        raise ClientNotFound(f"No client {client_id}")
    client = await client_in_scope(session, person, client_id)
    wanted = set(categories)
    best = await best_consent(session, client_id=client.id, recipient=recipient, categories=wanted)
    details: dict[str, object] = {"recipient": str(recipient), "categories": sorted(wanted)}
    await record(
        session,
        actor=person,
        action=AuditAction.read,
        resource_type="consent_check",
        data_subject_id=client.id,
        purpose="consent check before sharing",
        details=principal.audit_details(**details) if isinstance(principal, ServiceCall) else details,
    )
    if best is None:
        return ConsentCheck(holds=False, missing_categories=sorted(wanted))
    consent, missing = best
    return ConsentCheck(holds=not missing, consent_id=consent.id, missing_categories=sorted(missing))
