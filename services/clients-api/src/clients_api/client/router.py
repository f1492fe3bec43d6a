"""``/v1/clients``: registration, reading, search and status of job seekers. Staff of the employment
authority only: partners never reach a client through this API (they see what a referral shares)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status
from starlette.convertors import StringConvertor, register_url_convertor

from clients_api.access.dependencies import Staff, Vault
from clients_api.client import service
from clients_api.client.models import ClientStatus
from clients_api.client.schemas import (
    ClientCreate,
    ClientNames,
    ClientRead,
    ClientSearch,
    ClientSummary,
    StatusChange,
    StatusChangeRead,
)
from clients_api.client.target_groups import TargetGroup
from polku_kit.auth import Principal, require_roles
from polku_kit.db import Database, SessionDep, StatementDep
from polku_kit.errors import Unprocessable, problem_responses
from polku_kit.idempotency import IdempotencyDep
from polku_kit.pagination import Cursor, Limit, Page
from polku_kit.types import Text


class _ClientIdSegment(StringConvertor):
    """A path segment that may name a client: anything but the literal ``search``. ``GET /v1/clients/search`` is
    then the search's 405 (it has POST only), while a malformed id still gets the 422 of its validation."""

    regex = r"(?!search$)[^/]+"


register_url_convertor("client_id", _ClientIdSegment())


router = APIRouter(prefix="/clients", tags=["clients"], responses=problem_responses(401, 403))
names_router = APIRouter(prefix="/client-names", tags=["clients"], responses=problem_responses(401, 403))
NameReader = Annotated[Principal, Depends(require_roles(*service.NAME_READERS))]


@names_router.get(
    "",
    response_model=ClientNames,
    responses=problem_responses(422),
    summary="The names behind a list of client ids (at most 100), of the clients the caller may see",
)
async def get_client_names(
    session: SessionDep,
    principal: NameReader,
    client_ids: Annotated[
        list[uuid.UUID],
        Query(
            alias="id", min_length=1, max_length=100, description="The clients' ids, 1 to 100 (repeat the parameter)"
        ),
    ],
) -> ClientNames:
    """One request for the names of a list such as a referral board's or a vacancy's candidates. A coach, manager
    or administrator gets the clients within their reach; employer services the organisation's job seekers
    (unemployed or in an activating service). Other ids are left out, as missing ones; every name given is
    audited naming its person. Nothing else of the client is given."""
    return await service.names(session=session, principal=principal, client_ids=client_ids)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ClientRead,
    summary="Register a job seeker; a second registration of the same person is a 409 naming the client",
    responses=problem_responses(409, 422),
)
async def register_client(
    data: ClientCreate, session: SessionDep, principal: Staff, vault: Vault, idempotency: IdempotencyDep
) -> ClientRead:
    registered = await service.register(session=session, principal=principal, vault=vault, data=data)
    return await idempotency.remember(registered, status_code=status.HTTP_201_CREATED)


@router.get(
    "",
    response_model=Page[ClientSummary],
    responses=problem_responses(422),
    summary="Search the organisation's clients (by identity code: POST /v1/clients/search)",
)
async def search_clients(
    request: Request,
    statement: StatementDep,
    principal: Staff,
    vault: Vault,
    name: Annotated[Text | None, Query(max_length=100, description="Part of a first or last name")] = None,
    personal_identity_code: Annotated[Text | None, Query(include_in_schema=False)] = None,
    status_filter: Annotated[
        ClientStatus | None,
        Query(alias="status", description="Only clients in this position on the labour market (*työmarkkina-asema*)"),
    ] = None,
    coach: Annotated[Text | None, Query(max_length=200, description="The coach's subject")] = None,
    municipality: Annotated[
        str | None,
        Query(
            pattern=r"^\d{3}$",
            description="Only clients living in this municipality (Statistics Finland's code, e.g. 398)",
        ),
    ] = None,
    target_group: Annotated[
        list[TargetGroup] | None, Query(description="Only clients in every one of these (computed) target groups")
    ] = None,
    overdue: Annotated[
        bool | None,
        Query(description="true: only clients with an overdue statutory deadline; false: only those without"),
    ] = None,
    client_id: Annotated[
        list[uuid.UUID] | None,
        Query(
            alias="id",
            max_length=100,
            description="Only these clients (at most 100): the names behind a list of ids, such as a referral board's; "
            "clients beyond the caller's reach are left out as any other",
        ),
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[ClientSummary]:
    """With `target_group` a page may hold fewer than `limit` clients and still have a `next_cursor`: target
    groups are computed per client, and one request reads a bounded number of them. `overdue` is read from the
    stored deadlines and fills whole pages. A personal identity code is searched with `POST /v1/clients/search`:
    in a query string it would be written to access logs and browser histories."""
    if personal_identity_code is not None:
        raise Unprocessable(
            "A personal identity code is not taken in a URL: send it in the body of POST /v1/clients/search",
            errors=[
                {
                    "field": "query.personal_identity_code",
                    "code": "use_post_search",
                    "message": "send the personal identity code in the body of POST /v1/clients/search",
                }
            ],
        )
    if overdue is not None:
        await _refresh_before_overdue_search(
            request, principal, name=name, status=status_filter, coach=coach, municipality=municipality, ids=client_id
        )
    return await service.search(
        statement=statement,
        principal=principal,
        vault=vault,
        name=name,
        personal_identity_code=None,
        status=status_filter,
        coach=coach,
        municipality=municipality,
        target_groups_wanted=target_group,
        overdue=overdue,
        client_ids=client_id,
        limit=limit,
        cursor=cursor,
    )


@router.post(
    "/search",
    response_model=Page[ClientSummary],
    responses=problem_responses(422),
    summary="Search the organisation's clients, the criteria in the body (by personal identity code too)",
)
async def search_clients_by_criteria(
    request: Request, search: ClientSearch, statement: StatementDep, principal: Staff, vault: Vault
) -> Page[ClientSummary]:
    """The same search, reach and audit as `GET /v1/clients`, with the criteria in the body: the personal identity
    code never appears in a URL. Nothing is created; a retry is harmless."""
    if search.overdue is not None:
        await _refresh_before_overdue_search(
            request,
            principal,
            name=search.name,
            status=search.status,
            coach=search.coach,
            municipality=search.municipality,
            ids=search.ids,
        )
    return await service.search(
        statement=statement,
        principal=principal,
        vault=vault,
        name=search.name,
        personal_identity_code=search.personal_identity_code,
        status=search.status,
        coach=search.coach,
        municipality=search.municipality,
        target_groups_wanted=search.target_groups,
        overdue=search.overdue,
        client_ids=search.ids,
        limit=search.limit,
        cursor=search.cursor,
    )


@router.get(
    "/{client_id:client_id}",
    response_model=ClientRead,
    responses=problem_responses(404),
    summary="One client within your reach, with the whole identity code; the read is audited naming the person",
)
async def read_client(client_id: uuid.UUID, statement: StatementDep, principal: Staff, vault: Vault) -> ClientRead:
    return await service.read(statement=statement, principal=principal, vault=vault, client_id=client_id)


@router.post(
    "/{client_id}/status",
    response_model=ClientRead,
    summary="Record a change of labour-market status (kept in the history)",
    responses=problem_responses(404),
)
async def change_client_status(
    client_id: uuid.UUID,
    change: StatusChange,
    session: SessionDep,
    principal: Staff,
    vault: Vault,
    idempotency: IdempotencyDep,
) -> ClientRead:
    changed = await service.change_status(
        session=session, principal=principal, vault=vault, client_id=client_id, change=change
    )
    return await idempotency.remember(changed)


@router.get(
    "/{client_id}/status-history",
    response_model=list[StatusChangeRead],
    responses=problem_responses(404),
    summary="The client's changes of labour-market status, oldest first",
)
async def read_client_status_history(
    client_id: uuid.UUID, statement: StatementDep, principal: Staff
) -> list[StatusChangeRead]:
    return await service.history(statement=statement, principal=principal, client_id=client_id)


async def _refresh_before_overdue_search(
    request: Request,
    principal: Principal,
    *,
    name: str | None,
    status: ClientStatus | None,
    coach: str | None,
    municipality: str | None,
    ids: list[uuid.UUID] | None,
) -> None:
    """A search by ``overdue`` reads the stored deadlines in one statement; the schedules it may find that were
    never computed or are past their horizon are computed first, in a transaction of their own."""
    database: Database = request.app.state.database
    async with database.sessionmaker() as session, session.begin():
        await service.refresh_before_overdue_search(
            session,
            principal=principal,
            name=name,
            status=status,
            coach=coach,
            municipality=municipality,
            client_ids=ids,
        )
