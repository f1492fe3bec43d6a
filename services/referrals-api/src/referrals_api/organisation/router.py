"""``/v1/organisations``: the partner organisations of an employment authority's network."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from polku_kit import versioning
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses
from polku_kit.pagination import Cursor, Limit, Page
from referrals_api.organisation import service
from referrals_api.organisation.models import OrganisationType
from referrals_api.organisation.schemas import OrganisationCreate, OrganisationRead, OrganisationUpdate

Admin = Annotated[Principal, Depends(require_roles(Role.admin))]
Reader = Annotated[Principal, Depends(require_roles(Role.coach, Role.manager, Role.admin, Role.partner))]
router = APIRouter(prefix="/organisations", tags=["organisations"], responses=problem_responses(401, 403))


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=OrganisationRead,
    responses=problem_responses(409, 422),
    summary="Register a partner organisation in the administrator's network",
)
async def create_organisation(data: OrganisationCreate, session: SessionDep, principal: Admin) -> OrganisationRead:
    return await service.create(session=session, principal=principal, data=data)


@router.get(
    "",
    response_model=Page[OrganisationRead],
    responses=problem_responses(400, 422),
    summary="The network's partner organisations (a partner sees only its own)",
)
async def list_organisations(
    session: SessionDep,
    principal: Reader,
    organisation_type: Annotated[
        OrganisationType | None, Query(alias="type", description="Only partners of this kind")
    ] = None,
    municipality: Annotated[str | None, Query(pattern=r"^\d{3}$", description="Serves this municipality")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[OrganisationRead]:
    return await service.search(
        session=session,
        principal=principal,
        organisation_type=organisation_type,
        municipality=municipality,
        limit=limit,
        cursor=cursor,
    )


@router.get(
    "/{organisation_id}",
    response_model=OrganisationRead,
    responses=problem_responses(404, 422),
    summary="One partner organisation; its ETag is what a change must send back in If-Match",
)
async def get_organisation(
    organisation_id: uuid.UUID, session: SessionDep, principal: Reader, response: Response
) -> OrganisationRead:
    found = await service.read(session=session, principal=principal, organisation_id=organisation_id)
    response.headers["ETag"] = versioning.etag(found)
    return found


@router.patch(
    "/{organisation_id}",
    response_model=OrganisationRead,
    responses=problem_responses(404, 409, 412, 422, 428),
    summary="Change a partner organisation's details (If-Match: the ETag of the version edited)",
)
async def update_organisation(
    organisation_id: uuid.UUID,
    data: OrganisationUpdate,
    session: SessionDep,
    principal: Admin,
    response: Response,
    if_match: versioning.IfMatch = None,
) -> OrganisationRead:
    changed = await service.update(
        session=session, principal=principal, organisation_id=organisation_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = versioning.etag(changed)
    return changed
