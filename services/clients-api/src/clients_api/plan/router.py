"""``/v1/clients/{client_id}/plan``: the current plan with its ``ETag``, saving with ``If-Match``, versions."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Request, Response

from clients_api.access.dependencies import Staff
from clients_api.plan import service
from clients_api.plan.schemas import PlanRead, PlanStatusRead, PlanWrite
from polku_kit.db import Database, SessionDep, StatementDep
from polku_kit.errors import problem_responses

router = APIRouter(prefix="/clients/{client_id}/plan", tags=["plans"], responses=problem_responses(401, 403, 404))


@router.get("", response_model=PlanRead, summary="The current plan; its ETag is what a save must send back")
async def read_plan(client_id: uuid.UUID, statement: StatementDep, principal: Staff, response: Response) -> PlanRead:
    plan = await service.read(statement=statement, principal=principal, client_id=client_id)
    response.headers["ETag"] = service.etag(plan.version)
    return plan


@router.put(
    "",
    response_model=PlanRead,
    summary="Save the plan as a new version (If-Match: the ETag of the version edited)",
    responses=problem_responses(412, 422, 428),
)
async def save_plan(
    client_id: uuid.UUID,
    data: PlanWrite,
    statement: StatementDep,
    session: SessionDep,
    principal: Staff,
    response: Response,
    if_match: Annotated[str | None, Header(max_length=100)] = None,
) -> PlanRead:
    plan = await service.save(
        statement=statement, session=session, principal=principal, client_id=client_id, data=data, if_match=if_match
    )
    response.headers["ETag"] = service.etag(plan.version)
    return plan


@router.get(
    "/status",
    response_model=PlanStatusRead,
    summary="Whether the plan is up to date (ajantasainen suunnitelma), why not, and the definition used",
)
async def read_plan_status(
    request: Request, client_id: uuid.UUID, statement: StatementDep, principal: Staff
) -> PlanStatusRead:
    database: Database = request.app.state.database
    return await service.status(
        statement=statement, sessions=database.sessionmaker, principal=principal, client_id=client_id
    )


@router.get("/versions", response_model=list[PlanRead], summary="Every version, oldest first, with who saved it")
async def list_plan_versions(client_id: uuid.UUID, statement: StatementDep, principal: Staff) -> list[PlanRead]:
    return await service.history(statement=statement, principal=principal, client_id=client_id)
