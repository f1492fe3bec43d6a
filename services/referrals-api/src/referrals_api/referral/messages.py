"""Messages between the sender's staff and the partner on a referral: a short thread, each message attributed
to the person and organisation from their token at the time, audited as a record about the client, with an unread
count per reader.

Both parties of the referral write and read (a partner never sees a draft's thread, as it never sees the draft);
an administrator does not: a message may say something about the client. The event
``fi.polku.referral.message_posted.v1`` carries ids only, never the text."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.outbox import emit
from referrals_api.referral.models import Referral, ReferralMessage, ReferralMessageReceipt, ReferralStatus
from referrals_api.referral.schemas import MessageCreate, MessageRead, MessageThread, UnreadMessages
from referrals_api.referral.service import PURPOSE, SOURCE, visible


async def _mark_read(session: AsyncSession, *, referral_id: uuid.UUID, reader: str, at: datetime) -> None:
    statement = insert(ReferralMessageReceipt).values(referral_id=referral_id, reader_subject=reader, read_at=at)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["referral_id", "reader_subject"],
            set_={"read_at": func.greatest(ReferralMessageReceipt.read_at, statement.excluded.read_at)},
        )
    )


async def post(
    *, session: AsyncSession, principal: Principal, referral_id: uuid.UUID, data: MessageCreate
) -> MessageRead:
    referral, _ = await visible(session, principal, referral_id)
    message = ReferralMessage(
        referral_id=referral.id,
        author_subject=principal.subject,
        author_name=principal.name,
        author_organisation_id=principal.organisation(),
        author_organisation_name=principal.organisation_name,
        body=data.body,
        # The moment itself, not the transaction's start: the unread count compares messages with read marks.
        created_at=datetime.now(UTC),
    )
    session.add(message)
    await session.flush()
    # The writer has read what they answered.
    await _mark_read(session, referral_id=referral.id, reader=principal.subject, at=message.created_at)
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="referral_message",
        resource_id=message.id,
        data_subject_id=referral.client_id,
        purpose=PURPOSE,
    )
    if referral.status != ReferralStatus.draft:
        await emit(
            session,
            type="fi.polku.referral.message_posted.v1",
            subject=f"referrals/{referral.id}",
            source=SOURCE,
            audience=[referral.sender_organisation_id, referral.partner_organisation_id],
            data={
                "referral_id": referral.id,
                "message_id": message.id,
                "client_id": referral.client_id,
                "author_organisation_id": message.author_organisation_id,
                "sender_organisation_id": referral.sender_organisation_id,
                "partner_organisation_id": referral.partner_organisation_id,
            },
        )
    return MessageRead.model_validate(message)


async def thread(*, session: AsyncSession, principal: Principal, referral_id: uuid.UUID) -> MessageThread:
    """The thread, and how much of it was unread; reading it marks it read for the reader."""
    referral, _ = await visible(session, principal, referral_id)
    rows = list(
        (
            await session.scalars(
                select(ReferralMessage)
                .where(ReferralMessage.referral_id == referral.id)
                .order_by(ReferralMessage.created_at, ReferralMessage.id)
            )
        ).all()
    )
    read_at = await session.scalar(
        select(ReferralMessageReceipt.read_at).where(
            ReferralMessageReceipt.referral_id == referral.id,
            ReferralMessageReceipt.reader_subject == principal.subject,
        )
    )
    unread = sum(
        1 for row in rows if row.author_subject != principal.subject and (read_at is None or row.created_at > read_at)
    )
    if rows:
        await _mark_read(session, referral_id=referral.id, reader=principal.subject, at=rows[-1].created_at)
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="referral_message",
        resource_id=referral.id,
        data_subject_id=referral.client_id,
        purpose=PURPOSE,
    )
    return MessageThread(items=[MessageRead.model_validate(row) for row in rows], unread=unread)


async def unread(*, session: AsyncSession, principal: Principal) -> list[UnreadMessages]:
    """The referrals with messages from others that the caller has not read, most recent first: those the caller
    sent, and on the partner's side every sent referral to the caller's organisation."""
    organisation = principal.organisation()
    sees = or_(
        and_(Referral.sender_organisation_id == organisation, Referral.sender_subject == principal.subject),
        and_(Referral.partner_organisation_id == organisation, Referral.status != ReferralStatus.draft),
    )
    receipt = and_(
        ReferralMessageReceipt.referral_id == ReferralMessage.referral_id,
        ReferralMessageReceipt.reader_subject == principal.subject,
    )
    query = (
        select(ReferralMessage.referral_id, func.count(), func.max(ReferralMessage.created_at))
        .join(Referral, Referral.id == ReferralMessage.referral_id)
        .outerjoin(ReferralMessageReceipt, receipt)
        .where(
            sees,
            ReferralMessage.author_subject != principal.subject,
            or_(ReferralMessageReceipt.read_at.is_(None), ReferralMessage.created_at > ReferralMessageReceipt.read_at),
        )
        .group_by(ReferralMessage.referral_id)
        .order_by(func.max(ReferralMessage.created_at).desc())
        .limit(200)
    )
    return [
        UnreadMessages(referral_id=referral_id, unread=count)
        for referral_id, count, _ in (await session.execute(query)).all()
    ]


__all__ = ["post", "thread", "unread"]
