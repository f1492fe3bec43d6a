"""``/v1/indicators`` (the definitions) and ``/v1/figures`` (an indicator's figures with its definition)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from metrics_api.indicator import service
from metrics_api.indicator.definitions import Group, IndicatorCode
from metrics_api.indicator.schemas import DefinitionRead, Figures
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.calendar import today
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses

router = APIRouter(tags=["indicators"])

Reader = Annotated[Principal, Depends(require_roles(Role.manager, Role.admin, Role.coach, Role.partner))]
# A month of the statistics' era (1900–2099): a year the calendar and the months around it can represent.
MONTH = r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$"


@router.get(
    "/indicators",
    response_model=list[DefinitionRead],
    responses=problem_responses(401, 403),
    summary="The definitions of the indicators the caller may read, in the versions in force today",
)
async def list_indicators(principal: Reader) -> list[DefinitionRead]:
    return service.definitions(principal=principal, day=today())


@router.get(
    "/figures",
    response_model=Figures,
    responses=problem_responses(401, 403, 422),
    summary="An indicator's figures by month, municipality and group, with its definition; small cells withheld",
)
async def read_figures(
    session: SessionDep,
    principal: Reader,
    indicator: Annotated[IndicatorCode, Query(description="The indicator's code (GET /v1/indicators)")],
    first: Annotated[str, Query(alias="from", pattern=MONTH, description="The first month, YYYY-MM")],
    last: Annotated[str, Query(alias="to", pattern=MONTH, description="The last month, YYYY-MM")],
    group: Annotated[Group, Query(description="The group of job seekers")] = Group.all,
    municipality: Annotated[
        str | None, Query(pattern=r"^[0-9]{3}$", description="Statistics Finland's municipality code, e.g. 398")
    ] = None,
) -> Figures:
    return await service.figures(
        session=session,
        principal=principal,
        indicator=indicator.value,
        first=first,
        last=last,
        group=group,
        municipality=municipality,
    )
