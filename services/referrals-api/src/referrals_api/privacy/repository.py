"""Queries of the access export: one person's rows, of referrals one organisation sent. Scoped in SQL."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Table, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from referrals_api.models import Base


def table(name: str) -> Table:
    return Base.metadata.tables[name]


async def rows(session: AsyncSession, name: str, *, where: Any, order: tuple[str, ...]) -> list[Any]:
    found = table(name)
    result = await session.execute(select(found).where(where).order_by(*(found.c[column] for column in order)))
    return list(result)


async def referral_rows(
    session: AsyncSession, *, organisation_id: uuid.UUID, client_id: uuid.UUID
) -> dict[str, list[Any]]:
    """The joint referrals and referrals the organisation sent about the client, their transitions and
    documents (content included)."""
    joint, referral = table("joint_referral"), table("referral")
    joints = await rows(
        session,
        "joint_referral",
        order=("created_at", "id"),
        where=((joint.c.client_id == client_id) & (joint.c.sender_organisation_id == organisation_id)),
    )
    referrals = await rows(
        session,
        "referral",
        order=("created_at", "id"),
        where=((referral.c.client_id == client_id) & (referral.c.sender_organisation_id == organisation_id)),
    )
    ids = [row.id for row in referrals]
    transition, document = table("referral_transition"), table("referral_document")
    return {
        "joint_referral": joints,
        "referral": referrals,
        "referral_transition": await rows(
            session, "referral_transition", where=transition.c.referral_id.in_(ids), order=("occurred_at", "id")
        ),
        "referral_document": await rows(
            session, "referral_document", where=document.c.referral_id.in_(ids), order=("created_at", "id")
        ),
    }


async def audit_records(
    session: AsyncSession, *, organisation_id: uuid.UUID, client_id: uuid.UUID, resource_ids: list[str]
) -> list[AuditRecord]:
    query = (
        select(AuditRecord)
        .where(
            AuditRecord.data_subject_id == client_id,
            or_(AuditRecord.actor_organisation_id == organisation_id, AuditRecord.resource_id.in_(resource_ids)),
        )
        .order_by(AuditRecord.occurred_at, AuditRecord.id)
    )
    return list((await session.scalars(query)).all())
