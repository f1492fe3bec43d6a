"""Queries of partner organisations. Every read is scoped in SQL to what the caller may see."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.pagination import Keyset, SortKey
from referrals_api.organisation.models import Organisation

IN_NETWORK = Keyset(Organisation.created_at, Organisation.id)
OWN_RECORDS = Keyset(Organisation.created_at, Organisation.authority_id)


async def get(session: AsyncSession, *, authority_id: uuid.UUID, organisation_id: uuid.UUID) -> Organisation | None:
    """The organisation's record in ``authority_id``'s network."""
    return await session.scalar(
        select(Organisation).where(Organisation.authority_id == authority_id, Organisation.id == organisation_id)
    )


async def visible(
    session: AsyncSession,
    *,
    organisation_id: uuid.UUID,
    authority_id: uuid.UUID | None,
    own: uuid.UUID | None,
    network: uuid.UUID | None = None,
) -> Organisation | None:
    """The organisation's record in ``authority_id``'s network, or the caller's own (``own``). A partner in several
    networks has a record in each: ``network`` names one, otherwise the first registered is the one."""
    query = select(Organisation).where(Organisation.id == organisation_id)
    if authority_id is not None:
        query = query.where(Organisation.authority_id == authority_id)
    if own is not None:
        query = query.where(Organisation.id == own)
    if network is not None:
        query = query.where(Organisation.authority_id == network)
    return await session.scalar(query.order_by(Organisation.created_at, Organisation.authority_id).limit(1))


async def add(session: AsyncSession, organisation: Organisation) -> bool:
    """Insert a new record; False, and nothing inserted, when the network has the id or the business id already
    (a registration at the same moment: the constraints decide)."""
    try:
        async with session.begin_nested():
            session.add(organisation)
            await session.flush()
    except IntegrityError as exc:
        if getattr(getattr(exc.orig, "__cause__", None), "constraint_name", None) not in (
            "pk_organisation",
            "uq_organisation_authority_id_business_id",
        ):
            raise
        return False
    return True


async def networks_of(session: AsyncSession, *, organisation_id: uuid.UUID) -> list[uuid.UUID]:
    """The authorities whose networks have a record of the organisation."""
    return list(
        (await session.scalars(select(Organisation.authority_id).where(Organisation.id == organisation_id))).all()
    )


async def by_business_id(session: AsyncSession, *, authority_id: uuid.UUID, business_id: str) -> Organisation | None:
    """The organisation of ``authority_id``'s network with this business id."""
    return await session.scalar(
        select(Organisation).where(Organisation.authority_id == authority_id, Organisation.business_id == business_id)
    )


async def page(
    session: AsyncSession,
    *,
    authority_id: uuid.UUID | None,
    own: uuid.UUID | None,
    organisation_type: str | None,
    municipality: str | None,
    limit: int,
    after: SortKey | None,
) -> list[Organisation]:
    query = select(Organisation)
    if authority_id is not None:
        query = query.where(Organisation.authority_id == authority_id)
    if own is not None:
        query = query.where(Organisation.id == own)
    if organisation_type is not None:
        query = query.where(Organisation.type == organisation_type)
    if municipality is not None:
        query = query.where(Organisation.municipalities.contains([municipality]))
    return list((await session.scalars(pages(own).select(query, limit=limit, after=after))).all())


def pages(own: uuid.UUID | None) -> Keyset:
    """Pages are keyed by (created_at, id) in a network; a partner's own records (one id) by (created_at,
    authority)."""
    return OWN_RECORDS if own is not None else IN_NETWORK


async def names(session: AsyncSession, *, authority_id: uuid.UUID, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The names ``authority_id``'s network knows the organisations by."""
    if not ids:
        return {}
    rows = await session.execute(
        select(Organisation.id, Organisation.name).where(
            Organisation.authority_id == authority_id, Organisation.id.in_(ids)
        )
    )
    return {row.id: row.name for row in rows}
