"""Rules for partner organisations: administrators of an employment authority register and maintain the
partners of their network; staff of the authority read them; a partner reads only its own records (one in each
network it belongs to). Each authority's record of a partner is its own (decision 16)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit import versioning
from polku_kit.auth import Principal, Role
from polku_kit.errors import Conflict, NotFound
from polku_kit.pagination import Page, start_after
from referrals_api.organisation import repository
from referrals_api.organisation.models import Organisation, OrganisationType
from referrals_api.organisation.schemas import OrganisationCreate, OrganisationRead, OrganisationUpdate


class OrganisationNotFound(NotFound):
    slug = "organisation-not-found"
    title = "Organisation not found"


class OrganisationAlreadyRegistered(Conflict):
    slug = "organisation-already-registered"
    title = "The organisation is already registered"


def scope(principal: Principal) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """``(authority_id, own)``: staff see their authority's network, a partner only itself."""
    if principal.is_partner and not principal.has_any(*Role.staff):
        return None, principal.organisation()
    return principal.organisation(), None


async def visible(
    session: AsyncSession, principal: Principal, organisation_id: uuid.UUID, *, network: uuid.UUID | None = None
) -> Organisation:
    """The organisation's record that the caller sees: staff, their own network's; a partner, its own record in
    ``network`` (an authority), or the first registered when it names none."""
    authority_id, own = scope(principal)
    found = await repository.visible(
        session, organisation_id=organisation_id, authority_id=authority_id, own=own, network=network
    )
    if found is None:
        raise OrganisationNotFound(f"No organisation {organisation_id}")
    return found


async def create(*, session: AsyncSession, principal: Principal, data: OrganisationCreate) -> OrganisationRead:
    """Register a partner in the administrator's network. Only the network's own records are compared: a partner
    that other authorities have registered too is registered here without a conflict or a word about them."""
    authority_id = principal.organisation()
    if await repository.get(session, authority_id=authority_id, organisation_id=data.id) is not None:
        raise OrganisationAlreadyRegistered(
            f"Organisation {data.id} is already registered", existing=f"/v1/organisations/{data.id}"
        )
    same = await repository.by_business_id(session, authority_id=authority_id, business_id=data.business_id)
    if same is not None:
        raise OrganisationAlreadyRegistered(
            f"Business id {data.business_id} is already registered", existing=f"/v1/organisations/{same.id}"
        )
    organisation = Organisation(
        id=data.id,
        authority_id=authority_id,
        name=data.name,
        type=data.type.value,
        business_id=data.business_id,
        email=str(data.email) if data.email else None,
        website=data.website,
        municipalities=data.municipalities,
        contacts=[contact.model_dump(mode="json") for contact in data.contacts],
        changed_by=principal.subject,
        changed_by_name=principal.name,
    )
    if not await repository.add(session, organisation):
        raise OrganisationAlreadyRegistered(
            f"Organisation {data.id} or business id {data.business_id} is already registered in your network"
        )
    await session.refresh(organisation)
    return OrganisationRead.model_validate(organisation)


async def read(*, session: AsyncSession, principal: Principal, organisation_id: uuid.UUID) -> OrganisationRead:
    return OrganisationRead.model_validate(await visible(session, principal, organisation_id))


async def update(
    *,
    session: AsyncSession,
    principal: Principal,
    organisation_id: uuid.UUID,
    data: OrganisationUpdate,
    if_match: str | None,
) -> OrganisationRead:
    organisation = await visible(session, principal, organisation_id)
    await session.refresh(organisation, with_for_update=True)
    versioning.check(organisation, if_match, current=f"/v1/organisations/{organisation.id}")
    changes = data.model_dump(exclude_unset=True, mode="json")
    if "business_id" in changes and changes["business_id"] != organisation.business_id:
        same = await repository.by_business_id(
            session, authority_id=organisation.authority_id, business_id=changes["business_id"]
        )
        if same is not None:
            raise OrganisationAlreadyRegistered(
                f"Business id {changes['business_id']} is already registered", existing=f"/v1/organisations/{same.id}"
            )
    for field, value in changes.items():
        if value is None and field in ("name", "type", "business_id", "municipalities", "contacts"):
            continue
        setattr(organisation, field, value)
    organisation.changed_by, organisation.changed_by_name = principal.subject, principal.name
    versioning.bump(organisation)
    await session.flush()
    await session.refresh(organisation)
    return OrganisationRead.model_validate(organisation)


async def search(
    *,
    session: AsyncSession,
    principal: Principal,
    organisation_type: OrganisationType | None,
    municipality: str | None,
    limit: int,
    cursor: str | None,
) -> Page[OrganisationRead]:
    authority_id, own = scope(principal)
    rows = await repository.page(
        session,
        authority_id=authority_id,
        own=own,
        organisation_type=organisation_type,
        municipality=municipality,
        limit=limit,
        after=start_after(cursor),
    )
    return repository.pages(own).page(rows, limit=limit, item=OrganisationRead.model_validate)
