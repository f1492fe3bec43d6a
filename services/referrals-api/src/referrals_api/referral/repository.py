"""Queries of referrals. Every read is scoped in SQL: the sender's organisation or the partner's."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.pagination import Keyset, SortKey
from referrals_api.referral.models import OPEN_STATUSES, JointReferral, Referral, ReferralTransition

# Referrals are listed newest first.
NEWEST_FIRST = Keyset(Referral.created_at, Referral.id, newest_first=True)


def _scoped(organisation_id: uuid.UUID) -> Select[Referral]:
    return select(Referral).where(
        or_(Referral.sender_organisation_id == organisation_id, Referral.partner_organisation_id == organisation_id)
    )


async def get(
    session: AsyncSession, *, organisation_id: uuid.UUID, referral_id: uuid.UUID, for_update: bool = False
) -> Referral | None:
    query = _scoped(organisation_id).where(Referral.id == referral_id)
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def page(
    session: AsyncSession,
    *,
    sender: uuid.UUID | None,
    partner: uuid.UUID | None,
    status: str | None,
    client_id: uuid.UUID | None,
    service_id: uuid.UUID | None,
    limit: int,
    after: SortKey | None,
    sent_only: bool = False,
    changed_since: datetime | None = None,
    sender_subject: str | None = None,
) -> list[Referral]:
    """Newest first. ``sent_only`` leaves drafts out (a partner's view); ``changed_since`` keeps those changed at or
    after that moment, ``sender_subject`` those one person sent."""
    query = select(Referral)
    if changed_since is not None:
        query = query.where(Referral.updated_at >= changed_since)
    if sender_subject is not None:
        query = query.where(Referral.sender_subject == sender_subject)
    if sent_only:
        query = query.where(Referral.status != "draft")
    if sender is not None:
        query = query.where(Referral.sender_organisation_id == sender)
    if partner is not None:
        query = query.where(Referral.partner_organisation_id == partner)
    for column, value in (
        (Referral.status, status),
        (Referral.client_id, client_id),
        (Referral.service_id, service_id),
    ):
        if value is not None:
            query = query.where(column == value)
    return list((await session.scalars(NEWEST_FIRST.select(query, limit=limit, after=after))).all())


async def history(session: AsyncSession, *, referral_id: uuid.UUID) -> list[ReferralTransition]:
    query = (
        select(ReferralTransition)
        .where(ReferralTransition.referral_id == referral_id)
        .order_by(ReferralTransition.occurred_at, ReferralTransition.id)
    )
    return list((await session.scalars(query)).all())


async def open_for_sender(
    session: AsyncSession, *, sender: uuid.UUID, until: date, subject: str | None = None
) -> list[Referral]:
    """The sender organisation's unanswered referrals by due day; with ``subject``, only those that person sent
    (filtered here, not after loading: an authority has thousands open at a time)."""
    query = (
        select(Referral)
        .where(Referral.sender_organisation_id == sender, Referral.status.in_(OPEN_STATUSES), Referral.due_on <= until)
        .order_by(Referral.due_on, Referral.sent_at, Referral.id)
    )
    if subject is not None:
        query = query.where(Referral.sender_subject == subject)
    return list((await session.scalars(query)).all())


async def overdue(session: AsyncSession, *, before: date, limit: int) -> list[Referral]:
    """Open referrals whose due day has passed, locked for the expiry job (other replicas skip them)."""
    query = (
        select(Referral)
        .where(Referral.status.in_(OPEN_STATUSES), Referral.due_on < before)
        .order_by(Referral.due_on, Referral.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.scalars(query)).all())


async def joint(
    session: AsyncSession, *, organisation_id: uuid.UUID, joint_id: uuid.UUID
) -> tuple[JointReferral, list[Referral]] | None:
    found = await session.scalar(
        select(JointReferral).where(
            JointReferral.id == joint_id, JointReferral.sender_organisation_id == organisation_id
        )
    )
    if found is None:
        return None
    referrals = await session.scalars(
        select(Referral)
        .where(Referral.joint_referral_id == joint_id)
        .order_by(Referral.created_at, Referral.id)
        .with_for_update()
    )
    return found, list(referrals.all())
