"""Short documents on a referral: a work-ability statement, a course summary. Both parties may attach them and
list them; the size and the types are limited, and the content must be what its type says.

A document may carry special-category data (health, social circumstances: GDPR art. 9), so its content goes to
the same circle as the client's health and social notes: the receiving partner, and of the sender's staff the
client's coach and their team, as clients-api decides for the caller (``/v1/clients/{id}/access``). A manager or
an administrator of the sender gets 403, as does a coach outside the client's reach."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from polku_kit.audit import AuditAction, record
from polku_kit.auth import Principal
from polku_kit.errors import Forbidden, NotFound, ProblemError
from polku_kit.service_client import OnBehalfOf
from referrals_api.referral import consent
from referrals_api.referral.lifecycle import Party
from referrals_api.referral.models import ReferralDocument
from referrals_api.referral.schemas import DocumentRead
from referrals_api.referral.service import PURPOSE, visible

MAX_BYTES = 1024 * 1024
# Media type → how the content starts (text is checked by decoding).
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "text/plain": (),
}
# Letters of any script, digits, and . _ - ( ) and space; at least one letter or digit, so that no name is only
# dots (``..``) or spaces. Length: 1 to FILENAME_MAX.
FILENAME = re.compile(r"^[\w.\- ()]*\w[\w.\- ()]*$")
FILENAME_MAX = 120
_NOT_PLAIN_ASCII = re.compile(r"[^A-Za-z0-9._\- ()]")


class DocumentNotFound(NotFound):
    slug = "document-not-found"
    title = "Document not found"


class OutsideSpecialCategoryCircle(Forbidden):
    slug = "outside-special-category-circle"
    title = "Only the client's coach and their team read this"


class DocumentTooLarge(ProblemError):
    status, slug, title = 413, "document-too-large", "The document is too large"


class UnsupportedDocumentType(ProblemError):
    status, slug, title = 415, "unsupported-document-type", "This type of document is not accepted"


def content_disposition(filename: str) -> str:
    """``attachment`` with the name as given, in UTF-8 (RFC 6266 ``filename*``, RFC 8187), and a plain-ASCII
    ``filename`` for clients that read no other: accents dropped (``työ`` → ``tyo``), other letters ``_``.
    A header is Latin-1 on the wire, so the name as given cannot go there itself."""
    decomposed = unicodedata.normalize("NFKD", filename)
    fallback = _NOT_PLAIN_ASCII.sub("_", "".join(char for char in decomposed if not unicodedata.combining(char)))
    if not fallback.strip("._ "):
        fallback = "document"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def check(media_type: str, content: bytes) -> None:
    if len(content) > MAX_BYTES:
        raise DocumentTooLarge(f"At most {MAX_BYTES} bytes", max_bytes=MAX_BYTES)
    if media_type not in SIGNATURES:
        raise UnsupportedDocumentType(f"Accepted types: {', '.join(sorted(SIGNATURES))}", accepted=sorted(SIGNATURES))
    if not content:
        raise UnsupportedDocumentType("The document is empty", accepted=sorted(SIGNATURES))
    if media_type == "text/plain":
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            raise UnsupportedDocumentType("Plain text must be UTF-8", accepted=sorted(SIGNATURES)) from None
    elif not content.startswith(SIGNATURES[media_type]):
        raise UnsupportedDocumentType(f"The content is not {media_type}", accepted=sorted(SIGNATURES))


async def attach(
    *,
    session: AsyncSession,
    principal: Principal,
    referral_id: uuid.UUID,
    filename: str,
    media_type: str,
    content: bytes,
) -> DocumentRead:
    referral, _ = await visible(session, principal, referral_id)
    check(media_type, content)
    document = ReferralDocument(
        referral_id=referral.id,
        filename=filename,
        media_type=media_type,
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        uploaded_by=principal.subject,
        uploader_organisation_id=principal.organisation_id,
    )
    session.add(document)
    await session.flush()
    await session.refresh(document)
    await record(
        session,
        actor=principal,
        action=AuditAction.create,
        resource_type="referral_document",
        resource_id=document.id,
        data_subject_id=referral.client_id,
        purpose=PURPOSE,
    )
    return DocumentRead.model_validate(document)


async def list_for(*, session: AsyncSession, principal: Principal, referral_id: uuid.UUID) -> list[DocumentRead]:
    referral, _ = await visible(session, principal, referral_id)
    rows = await session.scalars(
        select(ReferralDocument)
        .where(ReferralDocument.referral_id == referral.id)
        .order_by(ReferralDocument.created_at, ReferralDocument.id)
    )
    return [DocumentRead.model_validate(row) for row in rows]


async def content(
    *,
    session: AsyncSession,
    principal: Principal,
    referral_id: uuid.UUID,
    document_id: uuid.UUID,
    clients_api: OnBehalfOf,
) -> ReferralDocument:
    referral, party = await visible(session, principal, referral_id)
    if party == Party.sender:
        try:
            access = await consent.access(clients_api, client_id=referral.client_id)
        except consent.ClientNotFound:
            access = None
        if access is None or not access.special_category:
            raise OutsideSpecialCategoryCircle(
                "A referral's documents may carry health or social data (GDPR art. 9): of the sender's staff, only "
                "the client's coach and their team read them"
            )
    document = await session.scalar(
        select(ReferralDocument)
        .options(undefer(ReferralDocument.content))
        .where(ReferralDocument.id == document_id, ReferralDocument.referral_id == referral.id)
    )
    if document is None:
        raise DocumentNotFound(f"No document {document_id} on this referral")
    await record(
        session,
        actor=principal,
        action=AuditAction.read,
        resource_type="referral_document",
        resource_id=document.id,
        data_subject_id=referral.client_id,
        purpose=PURPOSE,
    )
    return document
