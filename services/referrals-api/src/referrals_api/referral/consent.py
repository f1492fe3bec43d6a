"""Asking clients-api whether the client's consent covers what a referral carries (``GET
/v1/consent-checks``, role ``service``) and reading the data it carries (``GET
/v1/clients/{client_id}/shared-data``), with referrals-api's own machine token."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from polku_kit.errors import NotFound
from polku_kit.service_client import ServiceClient, UpstreamUnavailable


class ClientNotFound(NotFound):
    slug = "client-not-found"
    title = "Client not found"


@dataclass(frozen=True)
class ConsentAnswer:
    holds: bool
    consent_id: uuid.UUID | None
    missing_categories: list[str]


async def check(
    clients_api: ServiceClient, *, client_id: uuid.UUID, recipient: uuid.UUID, categories: Sequence[str]
) -> ConsentAnswer:
    response = await clients_api.get("/v1/consent-checks", params={
        "client_id": str(client_id), "recipient_organisation_id": str(recipient), "categories": list(categories)})
    if response.status_code == 404:
        raise ClientNotFound(f"clients-api knows no client {client_id}")
    if response.status_code != 200:
        raise UpstreamUnavailable(f"clients-api answered the consent check with {response.status_code}")
    body = response.json()
    consent_id = body.get("consent_id")
    return ConsentAnswer(holds=bool(body["holds"]), consent_id=uuid.UUID(consent_id) if consent_id else None,
                         missing_categories=list(body.get("missing_categories", [])))


@dataclass(frozen=True)
class SharedData:
    """clients-api's answer: the data (``body``), or the categories no consent in force covers any more."""

    body: dict[str, Any] | None
    missing_categories: list[str]


async def shared_data(
    clients_api: ServiceClient, *, client_id: uuid.UUID, recipient: uuid.UUID, categories: Sequence[str]
) -> SharedData | None:
    """``GET /v1/clients/{client_id}/shared-data``; None when clients-api knows the client no more."""
    response = await clients_api.get(f"/v1/clients/{client_id}/shared-data", params={
        "recipient_organisation_id": str(recipient), "categories": list(categories)})
    if response.status_code == 404:
        return None
    if response.status_code == 409:
        return SharedData(body=None, missing_categories=list(response.json().get("missing_categories", [])))
    if response.status_code != 200:
        raise UpstreamUnavailable(f"clients-api answered the shared-data read with {response.status_code}")
    return SharedData(body=response.json(), missing_categories=[])
