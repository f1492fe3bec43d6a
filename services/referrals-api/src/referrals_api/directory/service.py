"""Rules for the service directory: partners publish and maintain their own services, an authority's
administrators those of their network's partners; coaches search the network's directory."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit import versioning
from polku_kit.auth import Principal, Role
from polku_kit.errors import FieldError, NotFound, Unprocessable
from polku_kit.pagination import Page, start_after
from referrals_api.directory import hsds, repository
from referrals_api.directory.models import Service
from referrals_api.directory.repository import Filters, Scope
from referrals_api.directory.schemas import ServiceCreate, ServiceRead, ServiceUpdate
from referrals_api.organisation import repository as organisation_repository
from referrals_api.organisation import service as organisation_service
from referrals_api.organisation.models import Organisation
from referrals_api.organisation.service import OrganisationNotFound


class ServiceNotFound(NotFound):
    slug = "service-not-found"
    title = "Service not found"


def scope_of(principal: Principal) -> Scope:
    authority_id, own = organisation_service.scope(principal)
    return Scope(authority_id=authority_id, own=own)


def read_model(service: Service, organisation: Organisation) -> ServiceRead:
    fields: dict[str, Any] = {
        name: getattr(service, name)
        for name in ServiceRead.model_fields
        if not name.startswith("organisation_") or name == "organisation_id"
    }
    return ServiceRead.model_validate(
        {**fields, "organisation_name": organisation.name, "organisation_type": organisation.type}
    )


async def visible(session: AsyncSession, principal: Principal, service_id: uuid.UUID) -> tuple[Service, Organisation]:
    found = await repository.get(session, scope=scope_of(principal), service_id=service_id)
    if found is None:
        raise ServiceNotFound(f"No service {service_id}")
    return found


async def create(*, session: AsyncSession, principal: Principal, data: ServiceCreate) -> ServiceRead:
    organisation_id = data.organisation_id
    if organisation_id is None:
        organisation_id = principal.organisation()
    if (
        data.authority_id is None
        and principal.is_partner
        and not principal.has_any(*Role.staff)
        and len(await organisation_repository.networks_of(session, organisation_id=organisation_id)) > 1
    ):
        raise Unprocessable(
            "The organisation is in several authorities' networks: name the one",
            errors=[
                FieldError(
                    field="body.authority_id", message="is required for a partner in several networks", code="missing"
                ).model_dump()
            ],
        )
    organisation = await organisation_service.visible(session, principal, organisation_id, network=data.authority_id)
    values = data.model_dump(exclude={"organisation_id", "authority_id"})
    service = Service(
        authority_id=organisation.authority_id,
        organisation_id=organisation.id,
        **{key: value.value if hasattr(value, "value") else value for key, value in values.items()},
        changed_by=principal.subject,
        changed_by_name=principal.name,
    )
    session.add(service)
    await session.flush()
    await session.refresh(service)
    return read_model(service, organisation)


async def read(*, session: AsyncSession, principal: Principal, service_id: uuid.UUID) -> ServiceRead:
    return read_model(*await visible(session, principal, service_id))


async def update(
    *, session: AsyncSession, principal: Principal, service_id: uuid.UUID, data: ServiceUpdate, if_match: str | None
) -> ServiceRead:
    service, organisation = await visible(session, principal, service_id)
    await session.refresh(service, with_for_update=True)
    versioning.check(service, if_match, current=f"/v1/services/{service.id}")
    changes = data.model_dump(exclude_unset=True, mode="json")
    required = {
        "name_fi",
        "name_sv",
        "description_fi",
        "description_sv",
        "target_groups",
        "municipalities",
        "languages",
        "channel",
        "capacity_period",
        "production_model",
        "status",
        "response_days",
    }
    for field, value in changes.items():
        if value is None and field in required:
            continue
        setattr(service, field, value)
    low, high = service.minimum_age, service.maximum_age
    if low is not None and high is not None and high < low:
        raise Unprocessable(
            "maximum_age is below minimum_age",
            errors=[
                FieldError(field="body.maximum_age", message="is below minimum_age", code="value_error").model_dump()
            ],
        )
    service.changed_by, service.changed_by_name = principal.subject, principal.name
    versioning.bump(service)
    await session.flush()
    await session.refresh(service)
    return read_model(service, organisation)


async def search(
    *, session: AsyncSession, principal: Principal, filters: Filters, limit: int, cursor: str | None
) -> Page[ServiceRead]:
    if (
        filters.organisation_id is not None
        and principal.is_partner
        and not principal.has_any(*Role.staff)
        and filters.organisation_id != principal.organisation()
    ):
        raise OrganisationNotFound(f"No organisation {filters.organisation_id}")
    rows = await repository.page(
        session,
        scope=scope_of(principal),
        filters=filters,
        limit=limit,
        after=start_after(cursor),
    )
    return repository.OLDEST_FIRST.page(rows, limit=limit, item=lambda row: read_model(*row), entity=lambda row: row[0])


async def export_hsds(*, session: AsyncSession, principal: Principal) -> list[dict[str, Any]]:
    return [hsds.service(*row) for row in await repository.everything(session, scope=scope_of(principal))]
