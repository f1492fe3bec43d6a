"""Asking clients-api about a referral's client, always for the person (or partner system) whose request it
serves: referrals-api's own machine token (role ``service``, with the scope of each route) and the caller's own
token beside it (:class:`~polku_kit.service_client.OnBehalfOf`). clients-api answers by its own rules for that
person: their organisation, their caseload reach, the art. 9 circle.

- ``GET /v1/clients/{client_id}/access``: does the staff member reach the client, and read its special-category
  data? (a referral is drafted only for a client within reach; its documents go to the circle only);
- ``GET /v1/consent-checks``: does the client's consent cover what the referral carries? (at send time);
- ``GET /v1/clients/{client_id}/shared-data``: the data it carries (on each read)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from polku_kit.errors import NotFound
from polku_kit.service_client import OnBehalfOf, UpstreamUnavailable


class ClientNotFound(NotFound):
    slug = "client-not-found"
    title = "Client not found"


@dataclass(frozen=True)
class ClientAccess:
    organisation_id: uuid.UUID
    special_category: bool


async def access(clients_api: OnBehalfOf, *, client_id: uuid.UUID) -> ClientAccess:
    """How the caller reaches the client; :class:`ClientNotFound` when they do not (another organisation's client,
    one outside their caseload and team, or none at all: clients-api does not tell them apart, nor do we)."""
    response = await clients_api.get(f"/v1/clients/{client_id}/access")
    if response.status_code == 404:
        raise ClientNotFound(f"No client {client_id} within your reach")
    if response.status_code != 200:
        raise UpstreamUnavailable(f"clients-api answered the access check with {response.status_code}")
    body = response.json()
    return ClientAccess(
        organisation_id=uuid.UUID(body["organisation_id"]), special_category=bool(body["special_category"])
    )


@dataclass(frozen=True)
class ConsentAnswer:
    holds: bool
    consent_id: uuid.UUID | None
    missing_categories: list[str]


async def check(
    clients_api: OnBehalfOf, *, client_id: uuid.UUID, recipient: uuid.UUID, categories: Sequence[str]
) -> ConsentAnswer:
    response = await clients_api.get(
        "/v1/consent-checks",
        params={
            "client_id": str(client_id),
            "recipient_organisation_id": str(recipient),
            "categories": list(categories),
        },
    )
    if response.status_code == 404:
        raise ClientNotFound(f"No client {client_id} within your reach")
    if response.status_code != 200:
        raise UpstreamUnavailable(f"clients-api answered the consent check with {response.status_code}")
    body = response.json()
    consent_id = body.get("consent_id")
    return ConsentAnswer(
        holds=bool(body["holds"]),
        consent_id=uuid.UUID(consent_id) if consent_id else None,
        missing_categories=list(body.get("missing_categories", [])),
    )


@dataclass(frozen=True)
class SharedData:
    """clients-api's answer: the data (``body``), or the categories no consent in force covers any more."""

    body: dict[str, Any] | None
    missing_categories: list[str]


async def shared_data(
    clients_api: OnBehalfOf,
    *,
    client_id: uuid.UUID,
    organisation_id: uuid.UUID,
    recipient: uuid.UUID,
    categories: Sequence[str],
) -> SharedData | None:
    """``GET /v1/clients/{client_id}/shared-data``; None when clients-api gives the caller no such client (it
    holds it no more, or it is outside the caller's reach)."""
    response = await clients_api.get(
        f"/v1/clients/{client_id}/shared-data",
        params={
            "organisation_id": str(organisation_id),
            "recipient_organisation_id": str(recipient),
            "categories": list(categories),
        },
    )
    if response.status_code == 404:
        return None
    if response.status_code == 409:
        return SharedData(body=None, missing_categories=list(response.json().get("missing_categories", [])))
    if response.status_code != 200:
        raise UpstreamUnavailable(f"clients-api answered the shared-data read with {response.status_code}")
    return SharedData(body=response.json(), missing_categories=[])
