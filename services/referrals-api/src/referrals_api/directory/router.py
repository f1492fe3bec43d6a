"""``/v1/services``: the service directory (*palvelutarjotin*), and ``/v1/directory/hsds``, its export."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response, status

from polku_kit import versioning
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.pagination import Cursor, Limit, Page
from polku_kit.types import Text
from referrals_api.directory import service
from referrals_api.directory.models import Channel, ProductionModel, ServiceStatus, ServiceTargetGroup
from referrals_api.directory.repository import Filters
from referrals_api.directory.schemas import ServiceCreate, ServiceRead, ServiceUpdate
from referrals_api.organisation.models import OrganisationType

Reader = Annotated[Principal, Depends(require_roles(Role.coach, Role.manager, Role.admin, Role.partner))]
Maintainer = Annotated[Principal, Depends(require_roles(Role.partner, Role.admin))]
Staff = Annotated[Principal, Depends(require_roles(Role.coach, Role.manager, Role.admin))]
router = APIRouter(tags=["service directory"], responses=problem_responses(401, 403))


@router.post(
    "/services",
    status_code=status.HTTP_201_CREATED,
    response_model=ServiceRead,
    responses=problem_responses(404, 422),
    summary="Publish a service (a partner its own; an administrator one of the network's partners')",
)
async def create_service(data: ServiceCreate, session: SessionDep, principal: Maintainer) -> ServiceRead:
    return await service.create(session=session, principal=principal, data=data)


@router.get(
    "/services",
    response_model=Page[ServiceRead],
    responses=problem_responses(400, 404, 422),
    summary="Search the directory: text, municipality, target group, language, client age and more",
)
async def search_services(
    session: SessionDep,
    principal: Reader,
    q: Annotated[Text | None, Query(max_length=100, description="Part of a name or description (fi, sv, en)")] = None,
    municipality: Annotated[
        str | None,
        Query(
            pattern=r"^\d{3}$",
            description="Only services taking clients from this municipality (Statistics Finland's code, e.g. 398), "
            "or naming none (the whole network)",
        ),
    ] = None,
    target_group: Annotated[
        ServiceTargetGroup | None, Query(description="Only services for this group, or naming none (everyone)")
    ] = None,
    language: Annotated[
        str | None,
        Query(pattern=r"^[a-z]{2,3}$", description="Only services given in this language (ISO 639, e.g. sv)"),
    ] = None,
    age: Annotated[int | None, Query(ge=0, le=120, description="The client's age fits the age range")] = None,
    organisation_id: uuid.UUID | None = None,
    organisation_type: Annotated[
        OrganisationType | None, Query(description="Only services of partners of this kind")
    ] = None,
    channel: Annotated[Channel | None, Query(description="Only services delivered this way")] = None,
    production_model: Annotated[
        ProductionModel | None, Query(description="Only services the authority arranges this way")
    ] = None,
    status_filter: Annotated[
        ServiceStatus | None, Query(alias="status", description="Only services in this status")
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[ServiceRead]:
    filters = Filters(
        text=q,
        municipality=municipality,
        target_group=target_group,
        language=language,
        age=age,
        organisation_id=organisation_id,
        organisation_type=organisation_type,
        channel=channel,
        production_model=production_model,
        status=status_filter,
    )
    return await service.search(session=session, principal=principal, filters=filters, limit=limit, cursor=cursor)


@router.get(
    "/services/{service_id}",
    response_model=ServiceRead,
    responses=problem_responses(404, 422),
    summary="One service; its ETag is what a change must send back in If-Match",
)
async def get_service(service_id: uuid.UUID, session: SessionDep, principal: Reader, response: Response) -> ServiceRead:
    found = await service.read(session=session, principal=principal, service_id=service_id)
    response.headers["ETag"] = versioning.etag(found)
    return found


@router.patch(
    "/services/{service_id}",
    response_model=ServiceRead,
    responses=problem_responses(404, 412, 422, 428),
    summary="Change a service, a partner its own only (If-Match: the ETag of the version edited)",
)
async def update_service(
    service_id: uuid.UUID,
    data: ServiceUpdate,
    session: SessionDep,
    principal: Maintainer,
    response: Response,
    if_match: versioning.IfMatch = None,
) -> ServiceRead:
    changed = await service.update(
        session=session, principal=principal, service_id=service_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = versioning.etag(changed)
    return changed


@router.get(
    "/directory/hsds",
    response_model=list[dict[str, Any]],
    summary="The whole directory as Open Referral HSDS 3.0 service objects (organization embedded)",
)
async def export_directory_hsds(session: SessionDep, principal: Staff) -> list[dict[str, Any]]:
    return await service.export_hsds(session=session, principal=principal)
