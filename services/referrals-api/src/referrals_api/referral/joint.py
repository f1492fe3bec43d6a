"""Joint referrals (*yhteislähete*): one decision of the weekly team (*viikkotiimi*) sends the client to
several partners at once, for example in the multi-sectoral joint service (TYP). All are sent, or none."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal, Role
from polku_kit.errors import NotFound
from polku_kit.service_client import OnBehalfOf
from referrals_api.referral import consent, repository
from referrals_api.referral.models import JointReferral, Referral, ReferralStatus
from referrals_api.referral.schemas import JointReferralCreate, JointReferralRead
from referrals_api.referral.service import (
    PURPOSE,
    ConsentMissing,
    IllegalTransition,
    add_draft,
    client_for_referral,
    new_draft,
    referral_read,
    send_checked,
    service_for_referral,
)


class JointReferralNotFound(NotFound):
    slug = "joint-referral-not-found"
    title = "Joint referral not found"


def _read(joint: JointReferral, referrals: list[Referral], principal: Principal) -> JointReferralRead:
    return JointReferralRead(
        id=joint.id,
        client_id=joint.client_id,
        sender_organisation_id=joint.sender_organisation_id,
        sender_subject=joint.sender_subject,
        team_name=joint.team_name,
        decided_on=joint.decided_on,
        decision=joint.decision,
        created_at=joint.created_at,
        referrals=[referral_read(row, principal) for row in referrals],
    )


async def create(
    *, session: AsyncSession, principal: Principal, data: JointReferralCreate, clients_api: OnBehalfOf
) -> JointReferralRead:
    services = [await service_for_referral(session, principal, service_id) for service_id in data.service_ids]
    await client_for_referral(principal, data.client_id, clients_api)
    joint = JointReferral(
        id=uuid.uuid4(),
        client_id=data.client_id,
        sender_organisation_id=principal.organisation(),
        sender_subject=principal.subject,
        team_name=data.team.team_name,
        decided_on=data.team.decided_on,
        decision=data.team.decision,
    )
    session.add(joint)
    await session.flush()
    referrals = []
    for service in services:
        referral = new_draft(
            principal,
            service,
            client_id=data.client_id,
            categories=[c.value for c in data.categories],
            reason=data.reason,
            joint_referral_id=joint.id,
        )
        await add_draft(session, principal, referral)
        referrals.append(referral)
    await session.refresh(joint)
    for referral in referrals:
        await session.refresh(referral)
    return _read(joint, referrals, principal)


async def _joint(
    session: AsyncSession, principal: Principal, joint_id: uuid.UUID
) -> tuple[JointReferral, list[Referral]]:
    if not principal.has_any(Role.coach, Role.manager, Role.admin):
        raise JointReferralNotFound(f"No joint referral {joint_id}")
    found = await repository.joint(session, organisation_id=principal.organisation(), joint_id=joint_id)
    if found is None:
        raise JointReferralNotFound(f"No joint referral {joint_id}")
    return found


async def read(*, session: AsyncSession, principal: Principal, joint_id: uuid.UUID) -> JointReferralRead:
    joint, referrals = await _joint(session, principal, joint_id)
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="joint_referral",
        resource_id=joint.id,
        data_subject_id=joint.client_id,
        purpose=PURPOSE,
    )
    return _read(joint, referrals, principal)


async def send(
    *, session: AsyncSession, principal: Principal, joint_id: uuid.UUID, clients_api: OnBehalfOf
) -> JointReferralRead:
    """Send every draft of the joint referral, or none: each partner's consent is checked first."""
    joint, referrals = await _joint(session, principal, joint_id)
    drafts = [row for row in referrals if row.status == ReferralStatus.draft]
    if not drafts:
        raise IllegalTransition(
            "Nothing to send: every referral of the joint referral has been sent or closed", current="sent", allowed=[]
        )
    answers = {}
    missing: dict[str, list[str]] = {}
    for referral in drafts:
        answer = await consent.check(
            clients_api,
            client_id=referral.client_id,
            recipient=referral.partner_organisation_id,
            categories=referral.categories,
        )
        answers[referral.id] = answer
        if not answer.holds:
            missing[str(referral.partner_organisation_id)] = answer.missing_categories
    if missing:
        raise ConsentMissing(
            "The client's consent does not cover every partner: "
            + "; ".join(f"{org}: {', '.join(categories)}" for org, categories in missing.items()),
            missing_by_organisation=missing,
        )
    for referral in drafts:
        service = await service_for_referral(session, principal, referral.service_id)
        await send_checked(session, principal, referral, answers[referral.id].consent_id, service)
    return _read(joint, referrals, principal)
