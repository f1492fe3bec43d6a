"""``/v1/staff``: the staff of the caller's organisation who have used employer-api, by name, so that an employer's
account manager is picked by name rather than by the subject of a sign-in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from employer_api.roles import EmployerReader, Sightings
from employer_api.staff import service
from employer_api.staff.schemas import StaffRead, StaffRole
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses

router = APIRouter(tags=["staff"], responses=problem_responses(401, 403))


@router.get(
    "/staff",
    response_model=list[StaffRead],
    responses=problem_responses(422),
    summary="The organisation's staff who have used the service, by name: whom an employer's account manager is "
    "picked from",
)
async def list_staff(
    session: SessionDep,
    principal: EmployerReader,
    sightings: Sightings,
    role: Annotated[
        StaffRole, Query(description="Only the staff with this role among those of their token")
    ] = StaffRole.employer_services,
) -> list[StaffRead]:
    return await service.list_staff(session=session, principal=principal, sightings=sightings, role=role)
