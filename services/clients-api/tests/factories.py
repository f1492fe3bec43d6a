"""Typed factories for clients-api's tests: the people who call the API, and the clients they register through
it (so that every registration goes through the same checks, audit records and events as a real one)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import httpx

from polku_kit.calendar import today as calendar_today
from polku_kit.testing import LAHTI, TestIssuer

AINO = "coach-aino"  # a Lahti coach
MATTI = "131052-308T"  # Matti Meikäläinen's identity code, born 1952


def coach(issuer: TestIssuer, subject: str = AINO, org: uuid.UUID = LAHTI) -> dict[str, str]:
    return issuer.headers(subject=subject, roles=["coach"], org=org)


def registration(*, started: date | None = None, **changes: object) -> dict[str, object]:
    """Matti Meikäläinen of Lahti (municipality 398), ten days into his job search unless ``started`` says
    otherwise; ``changes`` replace or add fields."""
    return {
        "personal_identity_code": MATTI,
        "first_names": "Matti",
        "last_name": "Meikäläinen",
        "home_municipality": "398",
        "job_search_started_on": (started or calendar_today() - timedelta(days=10)).isoformat(),
        **changes,
    }


async def register(
    client: httpx.AsyncClient, headers: dict[str, str], *, started: date | None = None, **changes: object
) -> str:
    """Register a client (:func:`registration`) as ``headers`` say; the new client's id."""
    response = await client.post("/v1/clients", headers=headers, json=registration(started=started, **changes))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])
