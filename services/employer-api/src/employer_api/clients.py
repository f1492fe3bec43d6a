"""Asking clients-api about clients, always for the person whose request it serves: employer-api's machine token
(role ``service``, with the scope of each route) and the caller's own token beside it
(:class:`~polku_kit.service_client.OnBehalfOf`). clients-api answers by its own rules for that person.

- ``GET /v1/client-reach``: which of these clients does the person reach? (candidates, offers, introductions);
- ``GET /v1/consent-checks``: does the client's consent cover what an introduction gives the employer?"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from polku_kit.errors import NotFound
from polku_kit.service_client import OnBehalfOf, UpstreamUnavailable, caller_token


class ClientNotFound(NotFound):
    slug = "client-not-found"
    title = "Client not found"


async def _clients_api(request: Request) -> OnBehalfOf:
    return OnBehalfOf(request.app.state.clients_api, caller_token(request))


ClientsApi = Annotated[OnBehalfOf, Depends(_clients_api)]


async def reached(clients_api: OnBehalfOf, client_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """The clients of ``client_ids`` the caller reaches, by clients-api's rules: one request."""
    if not client_ids:
        return set()
    response = await clients_api.get("/v1/client-reach", params={"id": [str(client_id) for client_id in client_ids]})
    if response.status_code != 200:
        raise UpstreamUnavailable(f"clients-api answered the reach check with {response.status_code}")
    return {uuid.UUID(value) for value in response.json()["client_ids"]}


async def within_reach(clients_api: OnBehalfOf, client_id: uuid.UUID) -> None:
    if client_id not in await reached(clients_api, [client_id]):
        raise ClientNotFound(f"No client {client_id} within your reach")


@dataclass(frozen=True)
class ConsentAnswer:
    holds: bool
    consent_id: uuid.UUID | None
    missing_categories: list[str]


async def consent(
    clients_api: OnBehalfOf, *, client_id: uuid.UUID, recipient: uuid.UUID, categories: Sequence[str]
) -> ConsentAnswer:
    response = await clients_api.get(
        "/v1/consent-checks",
        params={"client_id": str(client_id), "recipient_organisation_id": str(recipient), "categories": categories},
    )
    if response.status_code == 404:
        raise ClientNotFound(f"No client {client_id} within your reach")
    if response.status_code != 200:
        raise UpstreamUnavailable(f"clients-api answered the consent check with {response.status_code}")
    body = response.json()
    return ConsentAnswer(
        holds=bool(body["holds"]),
        consent_id=uuid.UUID(body["consent_id"]) if body.get("consent_id") else None,
        missing_categories=list(body.get("missing_categories", [])),
    )
