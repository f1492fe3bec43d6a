"""Sharing a client's data with a partner organisation for a referral. Only what one consent in force today
covers for that recipient is shared (consent: EU 2016/679 art. 6(1)(a) and art. 7; for health and social notes,
explicit consent, art. 9(2)(a); DOMAIN.md "Data protection": partners see only what the client has consented to
share for the referral); anything less is a 409 naming the missing categories. Every sharing is audited with
the recipient and the categories (art. 5(2), accountability).

Another service asks for someone (:class:`~clients_api.sharing.caller.ServiceCall`), and the answer is what
that person may see. Staff of the client's organisation: a client within their reach (the client read's own
rule, :func:`~clients_api.client.service.client_in_scope`), and the health and social notes only within the art.
9 circle (:func:`~clients_api.assessment.access.may_read_special_category`), whatever the consent says. A partner:
only as the recipient the consent names, its own organisation. Anyone else: the same 404 as a missing client.
The audit trail names the person as the actor and the service as the channel."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.caller import ServiceCall
from clients_api.access.service import ClientNotFound, client_in_scope, may_read_special_category, reach
from clients_api.assessment import service as assessment_service
from clients_api.client import repository as client_repository
from clients_api.client.models import Client
from clients_api.client.schemas import StatusChangeRead
from clients_api.client.service import IDENTITY_CONTEXT
from clients_api.consent.models import DataCategory
from clients_api.consent.service import best_consent
from clients_api.plan import repository as plan_repository
from clients_api.plan.schemas import PlanRead
from clients_api.sharing.schemas import (
    ClientAccess,
    ClientReach,
    SharedClientData,
    SharedContactDetails,
    SharedIdentity,
)
from polku_classifications.municipalities import MUNICIPALITIES
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Role
from polku_kit.errors import Conflict
from polku_kit.pii import PersonalDataVault

PURPOSE = "referral to a partner's service: client data shared under the client's consent"
ACCESS_PURPOSE = "referral to a partner's service: whether the staff member reaches the client"


class ConsentMissing(Conflict):
    slug = "consent-missing"
    title = "The client has not consented to share this data with the recipient"


# The roles that read a client in clients-api (the client read's own), and so may be asked for.
STAFF = (Role.coach, Role.manager, Role.admin)


async def _reachable(
    session: AsyncSession, call: ServiceCall, client_id: uuid.UUID, organisation_id: uuid.UUID, recipient: uuid.UUID
) -> tuple[Client, bool]:
    """The client as the person asked for reaches them, and whether they may read the art. 9 notes. The data is
    read for one organisation (a referral's sender), and the client must be that organisation's."""
    person = call.person
    if person.has_any(*STAFF) and person.organisation_id == organisation_id:
        client = await client_in_scope(session, person, client_id)
        return client, await may_read_special_category(session, person, client)
    if person.is_partner and person.organisation_id == recipient:
        shared = await client_repository.get_any(session, client_id=client_id)
        if shared is not None and shared.organisation_id == organisation_id:
            # Shared with the recipient under the client's explicit consent to it (art. 9(2)(a)), checked below.
            return shared, True
    raise ClientNotFound(f"No client {client_id}")


async def access(*, session: AsyncSession, call: ServiceCall, client_id: uuid.UUID) -> ClientAccess:
    """Whether the staff member asked for reaches the client (404 if not), and whether they are within the
    circle that reads its special-category data: referrals-api asks before a referral is drafted and before
    a referral's documents are given out."""
    if not call.person.has_any(*STAFF):
        raise ClientNotFound(f"No client {client_id}")
    client = await client_in_scope(session, call.person, client_id)
    special = await may_read_special_category(session, call.person, client)
    await record(
        session,
        actor=call.person,
        action=AuditAction.read,
        resource_type="client_access_check",
        resource_id=client.id,
        data_subject_id=client.id,
        purpose=ACCESS_PURPOSE,
        details=call.audit_details(special_category=special),
    )
    return ClientAccess(client_id=client.id, organisation_id=client.organisation_id, special_category=special)


async def shared_data(
    *,
    session: AsyncSession,
    call: ServiceCall,
    vault: PersonalDataVault,
    client_id: uuid.UUID,
    organisation_id: uuid.UUID,
    recipient: uuid.UUID,
    categories: list[DataCategory],
) -> SharedClientData:
    client, special = await _reachable(session, call, client_id, organisation_id, recipient)
    wanted = set(categories)
    best = await best_consent(session, client_id=client.id, recipient=recipient, categories=wanted)
    missing = sorted(wanted if best is None else best[1])
    if best is None or missing:
        raise ConsentMissing(
            "No consent in force today covers sharing " + ", ".join(missing) + " with this recipient",
            missing_categories=missing,
            recipient_organisation_id=str(recipient),
        )
    consent, _ = best
    withheld = [] if special else sorted(wanted & {DataCategory.health_and_social})
    shared = sorted(wanted - set(withheld))
    await record(
        session,
        actor=call.person,
        action=AuditAction.export,
        resource_type="client_shared_data",
        resource_id=client.id,
        data_subject_id=client.id,
        purpose=PURPOSE,
        details=call.audit_details(
            recipient=str(recipient), categories=shared, withheld=withheld, consent_id=str(consent.id)
        ),
    )
    data = SharedClientData(
        client_id=client.id,
        recipient_organisation_id=recipient,
        consent_id=consent.id,
        categories=sorted(wanted),
        withheld_categories=withheld,
    )
    if DataCategory.identity in wanted:
        data.identity = SharedIdentity(
            first_names=client.first_names,
            last_name=client.last_name,
            birth_date=client.birth_date,
            personal_identity_code=vault.decrypt(client.identity_code_encrypted, context=IDENTITY_CONTEXT),
        )
    if DataCategory.contact_details in wanted:
        data.contact_details = SharedContactDetails(
            email=client.email,
            phone=client.phone,
            home_municipality=client.home_municipality,
            home_municipality_name=MUNICIPALITIES.get(client.home_municipality),
            languages=client.languages,
        )
    if DataCategory.assessment in wanted:
        data.assessment = await assessment_service.current_without_notes(session, client_id=client.id)
    if DataCategory.plan in wanted:
        plan = await plan_repository.current(session, client_id=client.id)
        data.plan = None if plan is None else PlanRead.model_validate(plan)
    if DataCategory.job_search_history in wanted:
        rows = await client_repository.status_history(session, client_id=client.id)
        data.job_search_history = [StatusChangeRead.model_validate(row) for row in rows]
    if DataCategory.health_and_social in wanted and special:
        data.health_and_social = await assessment_service.notes_for_sharing(
            session,
            call.person,
            client,
            vault,
            purpose=PURPOSE,
            recipient=recipient,
            channel=str(call.audit_details()["channel"]),
        )
    return data


# Employer services match the organisation's job seekers to vacancies (employer-api): they ask which candidates
# they reach, by profile and without names (decision 29).
REACH_ASKERS = (*STAFF, Role.employer_services)


async def reach_of(*, session: AsyncSession, call: ServiceCall, client_ids: list[uuid.UUID]) -> ClientReach:
    """Which of ``client_ids`` the person asked for reaches, by the same rules as their own requests: their
    organisation's clients, a coach only their caseload and their team's. employer-api asks before it shows a
    list of candidates; one question for the whole list."""
    if not call.person.has_any(*REACH_ASKERS):
        return ClientReach(client_ids=[])
    conditions = client_repository.search_conditions(
        organisation_id=call.person.organisation(),
        visible=(await reach(session, call.person)).condition(),
        name=None,
        identity_hash=None,
        status=None,
        coach_subject=None,
        municipality=None,
        client_ids=client_ids,
    )
    # In the order asked: the database returns them in any order, and the record and the answer say the same.
    order = {client_id: place for place, client_id in enumerate(client_ids)}
    found = sorted(await client_repository.matching_ids(session, conditions), key=order.__getitem__)
    await record(
        session,
        actor=call.person,
        action=AuditAction.search,
        resource_type="client_reach_check",
        purpose=ACCESS_PURPOSE,
        details=call.audit_details(asked=len(client_ids), reached=[str(client_id) for client_id in found]),
    )
    return ClientReach(client_ids=found)
