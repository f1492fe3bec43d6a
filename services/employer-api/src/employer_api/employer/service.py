"""Rules for employers and the log of contacts with them: employer services register and maintain the employers
of their authority and record every contact; coaches and managers read them; another authority's employer is
not found. A business id (*Y-tunnus*) is registered once in an authority."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.acting import name_of, stamp
from employer_api.employer import repository
from employer_api.employer.models import Employer, EmployerContact
from employer_api.employer.schemas import (
    EmployerContactCreate,
    EmployerContactRead,
    EmployerContactUpdate,
    EmployerCreate,
    EmployerRead,
    EmployerUpdate,
    NextStepDue,
)
from employer_api.staff import service as staff
from employer_api.staff.sightings import StaffSightings
from polku_classifications import tol2008
from polku_kit import versioning
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.calendar import today
from polku_kit.errors import Conflict, NotFound
from polku_kit.outbox import emit
from polku_kit.pagination import Page, start_after

PURPOSE = "employer services: the employer register and its contact people"


class EmployerNotFound(NotFound):
    slug = "employer-not-found"
    title = "Employer not found"


class EmployerContactNotFound(NotFound):
    slug = "employer-contact-not-found"
    title = "Employer contact not found"


class EmployerAlreadyRegistered(Conflict):
    slug = "employer-already-registered"
    title = "The employer is already registered"


async def visible(
    session: AsyncSession, principal: Principal, employer_id: uuid.UUID, *, named: bool = False
) -> Employer:
    """The employer of the caller's authority; another authority's, or none, is the same 404. ``named``: with its
    account manager's name."""
    found = await repository.get(session, authority_id=principal.organisation(), employer_id=employer_id, named=named)
    if found is None:
        raise EmployerNotFound(f"No employer {employer_id}")
    return found


def _already(employer: Employer) -> EmployerAlreadyRegistered:
    return EmployerAlreadyRegistered(
        f"Business id {employer.business_id} is already registered as {employer.name}",
        existing=f"/v1/employers/{employer.id}",
        existing_name=employer.name,
    )


def _read(employer: Employer, account_manager_name: str | None) -> EmployerRead:
    return EmployerRead.model_validate(employer).model_copy(update={"account_manager_name": account_manager_name})


async def create(
    *, session: AsyncSession, principal: Principal, sightings: StaffSightings, data: EmployerCreate
) -> EmployerRead:
    authority_id = principal.organisation()
    manager_name = None
    if data.account_manager_subject is not None:
        manager_name = await staff.account_manager_name(
            session=session,
            principal=principal,
            sightings=sightings,
            organisation_id=authority_id,
            subject=data.account_manager_subject,
        )
    same = await repository.by_business_id(session, authority_id=authority_id, business_id=data.business_id)
    if same is not None:
        raise _already(same)
    employer = Employer(
        id=uuid.uuid4(),
        authority_id=authority_id,
        business_id=data.business_id,
        name=data.name,
        industry_code=data.industry_code,
        industry_main_class=tol2008.main_class_of(data.industry_code),
        size_class=data.size_class,
        municipalities=data.municipalities,
        contact_people=[person.model_dump(mode="json") for person in data.contact_people],
        account_manager_subject=data.account_manager_subject,
        consents_to_contact=data.consents_to_contact,
        network_member=data.network_member,
        created_by=principal.subject,
        created_by_name=name_of(principal),
        created_by_organisation_name=principal.organisation_name,
    )
    if not await repository.add(session, employer):
        same = await repository.by_business_id(session, authority_id=authority_id, business_id=data.business_id)
        raise _already(same) if same is not None else EmployerAlreadyRegistered()
    await session.refresh(employer)
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="employer",
        resource_id=employer.id,
        purpose=PURPOSE,
        details={"contact_people": len(employer.contact_people)},
    )
    return _read(employer, manager_name)


async def read(*, session: AsyncSession, principal: Principal, employer_id: uuid.UUID) -> EmployerRead:
    employer = await visible(session, principal, employer_id, named=True)
    if employer.contact_people:  # the names and details of the employer's people are personal data
        await record(
            session,
            actor=principal,
            action=AuditAction.read,
            resource_type="employer",
            resource_id=employer.id,
            purpose=PURPOSE,
        )
    return EmployerRead.model_validate(employer)


async def update(
    *,
    session: AsyncSession,
    principal: Principal,
    sightings: StaffSightings,
    employer_id: uuid.UUID,
    data: EmployerUpdate,
    if_match: str | None,
) -> EmployerRead:
    employer = await visible(session, principal, employer_id, named=True)
    manager_name = employer.account_manager_name
    await session.refresh(employer, with_for_update=True)
    versioning.check(employer, if_match, current=f"/v1/employers/{employer.id}")
    changes = data.model_dump(exclude_unset=True, mode="json")
    # A new account manager must be a known staff member; the one saved stays, known or not (nor is it a change).
    manager = changes.get("account_manager_subject")
    if "account_manager_subject" in changes and manager != employer.account_manager_subject:
        manager_name = (
            await staff.account_manager_name(
                session=session,
                principal=principal,
                sightings=sightings,
                organisation_id=employer.authority_id,
                subject=manager,
            )
            if manager is not None
            else None
        )
    if changes.get("business_id") not in (None, employer.business_id):
        same = await repository.by_business_id(
            session, authority_id=employer.authority_id, business_id=changes["business_id"]
        )
        if same is not None:
            raise _already(same)
    required = ("business_id", "name", "industry_code", "municipalities", "contact_people")
    for field, value in changes.items():
        if value is None and field in (*required, "consents_to_contact", "network_member"):
            continue
        setattr(employer, field, value)
    if "industry_code" in changes and changes["industry_code"] is not None:
        employer.industry_main_class = str(tol2008.main_class_of(changes["industry_code"]))
    stamp(employer, "changed_by", principal)
    versioning.bump(employer)
    await session.flush()
    await session.refresh(employer)
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="employer",
        resource_id=employer.id,
        purpose=PURPOSE,
        details={"fields": sorted(changes)},
    )
    return _read(employer, manager_name)


async def search(
    *,
    session: AsyncSession,
    principal: Principal,
    municipality: str | None,
    industry_main_class: str | None,
    account_manager_subject: str | None,
    name: str | None,
    limit: int,
    cursor: str | None,
) -> Page[EmployerRead]:
    rows = await repository.page(
        session,
        authority_id=principal.organisation(),
        municipality=municipality,
        industry_main_class=industry_main_class,
        account_manager_subject=account_manager_subject,
        name=name,
        limit=limit,
        after=start_after(cursor),
    )
    return repository.EMPLOYERS.page(rows, limit=limit, item=EmployerRead.model_validate)


async def record_contact(
    *, session: AsyncSession, principal: Principal, employer_id: uuid.UUID, data: EmployerContactCreate
) -> EmployerContactRead:
    employer = await visible(session, principal, employer_id)
    contact = EmployerContact(
        id=uuid.uuid4(),
        employer_id=employer.id,
        authority_id=employer.authority_id,
        kind=data.kind,
        contacted_on=data.contacted_on,
        staff_subject=principal.subject,
        staff_name=name_of(principal),
        staff_organisation_name=principal.organisation_name,
        topic=data.topic,
        outcome=data.outcome,
        next_step=data.next_step,
        next_step_due=data.next_step_due,
    )
    session.add(contact)
    await session.flush()
    await session.refresh(contact)
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="employer_contact",
        resource_id=contact.id,
        purpose=PURPOSE,
        details={"employer_id": employer.id, "kind": contact.kind.value},
    )
    # What metrics counts (visits a year, by industry and municipality): no topic, no names.
    await emit(
        session,
        type="fi.polku.employer_contact.recorded.v1",
        subject=f"employers/{employer.id}",
        audience=[employer.authority_id],
        data={
            "contact_id": contact.id,
            "employer_id": employer.id,
            "authority_id": employer.authority_id,
            "kind": contact.kind.value,
            "contacted_on": contact.contacted_on,
            "industry_main_class": employer.industry_main_class,
            "municipalities": employer.municipalities,
            "network_member": employer.network_member,
            "next_step_due": contact.next_step_due,
        },
    )
    return EmployerContactRead.model_validate(contact)


async def update_contact(
    *,
    session: AsyncSession,
    principal: Principal,
    employer_id: uuid.UUID,
    contact_id: uuid.UUID,
    data: EmployerContactUpdate,
    if_match: str | None,
) -> EmployerContactRead:
    employer = await visible(session, principal, employer_id)
    contact = await repository.contact(
        session, authority_id=employer.authority_id, employer_id=employer.id, contact_id=contact_id
    )
    if contact is None:
        raise EmployerContactNotFound(f"No contact {contact_id} with employer {employer_id}")
    await session.refresh(contact, with_for_update=True)
    versioning.check(contact, if_match, current=f"/v1/employers/{employer.id}/contacts/{contact.id}")
    changes = data.model_dump(exclude_unset=True)
    for field in ("outcome", "next_step", "next_step_due"):
        if field in changes:
            setattr(contact, field, changes[field])
    if changes.get("next_step_done") is True and contact.next_step_done_at is None:
        contact.next_step_done_at = datetime.now(UTC)
        stamp(contact, "next_step_done_by", principal)
    elif changes.get("next_step_done") is False:
        contact.next_step_done_at = None
        stamp(contact, "next_step_done_by", None)
    stamp(contact, "changed_by", principal)
    versioning.bump(contact)
    await session.flush()
    await session.refresh(contact)
    await record(
        session,
        actor=principal,
        action=AuditAction.update,
        resource_type="employer_contact",
        resource_id=contact.id,
        purpose=PURPOSE,
        details={"fields": sorted(changes)},
    )
    return EmployerContactRead.model_validate(contact)


async def contacts(
    *, session: AsyncSession, principal: Principal, employer_id: uuid.UUID, limit: int, cursor: str | None
) -> Page[EmployerContactRead]:
    employer = await visible(session, principal, employer_id)
    rows = await repository.contacts(
        session, authority_id=employer.authority_id, employer_id=employer.id, limit=limit, after=start_after(cursor)
    )
    return repository.CONTACTS.page(rows, limit=limit, item=EmployerContactRead.model_validate)


async def next_steps_due(
    *, session: AsyncSession, principal: Principal, account_manager_subject: str | None, limit: int
) -> list[NextStepDue]:
    """The open next steps with the employers the account manager (the caller unless named) looks after,
    overdue first."""
    day = today()
    rows = await repository.next_steps_due(
        session,
        authority_id=principal.organisation(),
        account_manager_subject=account_manager_subject or principal.subject,
        until=None,
        limit=limit,
    )
    return [
        NextStepDue(
            contact_id=contact.id,
            employer_id=contact.employer_id,
            employer_name=name,
            next_step=contact.next_step or "",
            next_step_due=contact.next_step_due,
            overdue=contact.next_step_due < day,
            contacted_on=contact.contacted_on,
            staff_subject=contact.staff_subject,
            staff_name=contact.staff_name,
            staff_organisation_name=contact.staff_organisation_name,
            version=contact.version,
        )
        for contact, name in rows
        if contact.next_step_due is not None
    ]
