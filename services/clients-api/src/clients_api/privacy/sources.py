"""The other services' parts of the access export (decision 18). Each is asked for the data protection officer,
with clients-api's machine client (scope ``<service>:personal-data-export``) and the officer's own token in
``Polku-On-Behalf-Of``, and answers by its own rules for the officer's organisation. Every source must answer:
an export missing a part is never presented as complete (503 instead)."""

from __future__ import annotations

import uuid
from typing import Any

from polku_kit.service_client import OnBehalfOf, ServiceClient, UpstreamUnavailable


async def collect(sources: list[ServiceClient], *, token: str, client_id: uuid.UUID) -> dict[str, dict[str, Any]]:
    parts: dict[str, dict[str, Any]] = {}
    for source in sources:
        response = await OnBehalfOf(source, token).get(f"/v1/data-subjects/{client_id}/personal-data")
        if response.status_code != 200:
            raise UpstreamUnavailable(f"{source.name} answered {response.status_code}")
        try:
            part = response.json()
        except ValueError:
            raise UpstreamUnavailable(f"{source.name} answered no JSON") from None
        if not isinstance(part, dict) or str(part.get("client_id")) != str(client_id):
            raise UpstreamUnavailable(f"{source.name} answered about someone else")
        parts[source.name] = part
    return parts
