"""``/v1/indicators`` (the definitions) and ``/v1/figures`` (an indicator's figures with its definition)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from metrics_api.indicator import export, service
from metrics_api.indicator.definitions import Group, IndicatorCode
from metrics_api.indicator.schemas import DefinitionRead, Figures
from polku_kit.auth import Principal, Role, require_roles
from polku_kit.calendar import today
from polku_kit.db import SessionDep
from polku_kit.errors import problem_responses

router = APIRouter(tags=["indicators"])

Reader = Annotated[Principal, Depends(require_roles(Role.manager, Role.admin, Role.coach, Role.partner))]


class Region(StrEnum):
    """What figures are given by: ``municipality``, the job seeker's home municipality on the count date;
    ``employment_area``, the sub-regional unit (*seutukunta*) the municipality belongs to in Statistics Finland's
    classification 2025, ``unplaced`` for a municipality code the classification does not know."""

    municipality = "municipality"
    employment_area = "employment_area"


class FollowUpBy(StrEnum):
    """What the cohorts of the effectiveness follow-up are broken down by: ``service_type``, the type of the service or
    support that ended (or the job offer); ``provider``, the organisation that provided the service;
    ``employer_sector``, the employer's industry, the main class of Statistics Finland's TOL 2008
    (*toimialaluokitus*). A key not known is ``unknown``."""

    service_type = "service_type"
    provider = "provider"
    employer_sector = "employer_sector"


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
    region: Annotated[
        Region,
        Query(
            description="Cells by municipality, or by employment area (sub-regional unit); `municipality` then "
            "picks its area"
        ),
    ] = Region.municipality,
) -> Figures:
    return await service.figures(
        session=session,
        principal=principal,
        indicator=indicator.value,
        first=first,
        last=last,
        group=group,
        municipality=municipality,
        by_area=region is Region.employment_area,
    )


@router.get(
    "/figures/export",
    response_class=Response,
    responses={
        200: {
            "description": "The figures and their definitions as a file; withheld cells carry no number",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                export.XLSX: {"schema": {"type": "string", "format": "binary"}},
            },
        },
        **problem_responses(401, 403, 422),
    },
    summary="Indicators' figures as CSV or XLSX, with their definitions and sources; small cells withheld",
)
async def export_figures(
    session: SessionDep,
    principal: Reader,
    fmt: Annotated[export.Format, Query(alias="format", description="csv or xlsx")],
    indicator: Annotated[
        list[IndicatorCode],
        Query(description="The indicators' codes (GET /v1/indicators), one or more (repeat the parameter)"),
    ],
    first: Annotated[str, Query(alias="from", pattern=MONTH, description="The first month, YYYY-MM")],
    last: Annotated[str, Query(alias="to", pattern=MONTH, description="The last month, YYYY-MM")],
    group: Annotated[Group, Query(description="The group of job seekers")] = Group.all,
    municipality: Annotated[
        str | None, Query(pattern=r"^[0-9]{3}$", description="Statistics Finland's municipality code, e.g. 398")
    ] = None,
    region: Annotated[Region, Query(description="By municipality or by employment area")] = Region.municipality,
) -> Response:
    file = await export.export(
        session=session,
        principal=principal,
        fmt=fmt,
        indicators=[code.value for code in indicator],
        first=first,
        last=last,
        group=group,
        municipality=municipality,
        by_area=region is Region.employment_area,
    )
    return Response(
        content=file.content,
        media_type=file.media_type,
        headers={"Content-Disposition": f'attachment; filename="{file.filename}"'},
    )


@router.get(
    "/effectiveness",
    response_model=Figures,
    responses=problem_responses(401, 403, 422),
    summary="Where clients stand 3, 6 or 12 months after a service, support, referral or job offer, by service "
    "type, provider or employer sector, with the definition; small cells withheld",
)
async def read_effectiveness(
    session: SessionDep,
    principal: Reader,
    first: Annotated[str, Query(alias="from", pattern=MONTH, description="The first cohort month, YYYY-MM")],
    last: Annotated[str, Query(alias="to", pattern=MONTH, description="The last cohort month, YYYY-MM")],
    by: Annotated[FollowUpBy, Query(description="What the cohorts are broken down by")] = FollowUpBy.service_type,
    horizon: Annotated[
        int | None, Query(description="Months after the start: 3, 6 or 12; all three when left out")
    ] = None,
    municipality: Annotated[
        str | None, Query(pattern=r"^[0-9]{3}$", description="Statistics Finland's municipality code, e.g. 398")
    ] = None,
    region: Annotated[Region, Query(description="By municipality or by employment area")] = Region.municipality,
) -> Figures:
    return await service.figures(
        session=session,
        principal=principal,
        indicator="effectiveness_follow_up",
        first=first,
        last=last,
        group=Group.all,
        municipality=municipality,
        by_area=region is Region.employment_area,
        by=by.value,
        horizon=horizon,
    )
