"""Sharing a client's data with a partner organisation for a referral. Only what one consent in force today
covers for that recipient is shared (consent: EU 2016/679 art. 6(1)(a) and art. 7; for health and social notes,
explicit consent, art. 9(2)(a); DOMAIN.md "Data protection": partners see only what the client has consented to
share for the referral); anything less is a 409 naming the missing categories. Every sharing is audited with
the recipient and the categories (art. 5(2), accountability)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.assessment import service as assessment_service
from clients_api.client import repository as client_repository
from clients_api.client.municipalities import MUNICIPALITIES
from clients_api.client.schemas import StatusChangeRead
from clients_api.client.service import IDENTITY_CONTEXT, ClientNotFound
from clients_api.consent.models import DataCategory
from clients_api.consent.service import best_consent
from clients_api.plan import repository as plan_repository
from clients_api.plan.schemas import PlanRead
from clients_api.sharing.schemas import SharedClientData, SharedContactDetails, SharedIdentity
from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.errors import Conflict
from polku_kit.pii import PersonalDataVault

PURPOSE = "referral to a partner's service: client data shared under the client's consent"


class ConsentMissing(Conflict):
    slug = "consent-missing"
    title = "The client has not consented to share this data with the recipient"


async def shared_data(
    *, session: AsyncSession, principal: Principal, vault: PersonalDataVault, client_id: uuid.UUID,
    recipient: uuid.UUID, categories: list[DataCategory],
) -> SharedClientData:
    client = await client_repository.get_any(session, client_id=client_id)
    if client is None:
        raise ClientNotFound(f"No client {client_id}")
    wanted = set(categories)
    best = await best_consent(session, client_id=client.id, recipient=recipient, categories=wanted)
    missing = sorted(wanted if best is None else best[1])
    if best is None or missing:
        raise ConsentMissing(
            "No consent in force today covers sharing " + ", ".join(missing) + " with this recipient",
            missing_categories=missing, recipient_organisation_id=str(recipient),
        )
    consent, _ = best
    shared = sorted(wanted)
    await record(session, actor=principal, action=AuditAction.export, resource_type="client_shared_data",
                 resource_id=client.id, data_subject_id=client.id, purpose=PURPOSE,
                 details={"recipient": str(recipient), "categories": shared, "consent_id": str(consent.id)})
    data = SharedClientData(client_id=client.id, recipient_organisation_id=recipient, consent_id=consent.id,
                            categories=shared)
    if DataCategory.identity in wanted:
        data.identity = SharedIdentity(
            first_names=client.first_names, last_name=client.last_name, birth_date=client.birth_date,
            personal_identity_code=vault.decrypt(client.identity_code_encrypted, context=IDENTITY_CONTEXT))
    if DataCategory.contact_details in wanted:
        data.contact_details = SharedContactDetails(
            email=client.email, phone=client.phone, home_municipality=client.home_municipality,
            home_municipality_name=MUNICIPALITIES.get(client.home_municipality), languages=client.languages)
    if DataCategory.assessment in wanted:
        data.assessment = await assessment_service.current_without_notes(session, client_id=client.id)
    if DataCategory.plan in wanted:
        plan = await plan_repository.current(session, client_id=client.id)
        data.plan = None if plan is None else PlanRead.model_validate(plan)
    if DataCategory.job_search_history in wanted:
        rows = await client_repository.status_history(session, client_id=client.id)
        data.job_search_history = [StatusChangeRead.model_validate(row) for row in rows]
    if DataCategory.health_and_social in wanted:
        data.health_and_social = await assessment_service.notes_for_sharing(
            session, principal, client, vault, purpose=PURPOSE, recipient=recipient)
    return data
