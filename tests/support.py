"""Helpers for the cross-service tests: tokens from the real issuer, and the request bodies that register a client,
record a consent and draft a referral (the same shapes in the system, fault and integration tests)."""

from __future__ import annotations

import random
import subprocess
import uuid
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import httpx

from polku_dev.devstack import Stack
from polku_kit.calendar import today

LAHTI = "0b0c8f6e-6f1a-4c36-9d55-000000000001"
WELLBEING_COUNTY = "0b0c8f6e-6f1a-4c36-9d55-000000000002"
WORK_ABILITY_ASSESSMENT = "5e7a1c00-0000-4000-8000-000000000001"  # the county's service in the demo data
_CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def user_token(stack: Stack, username: str) -> str:
    """A token for a demo user, from the issuer's own command (as a developer would get one)."""
    result = subprocess.run(
        ["polku-identity", "token", username], env=stack.env(), capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def client_credentials_token(gateway: httpx.Client, client_id: str) -> str:
    response = gateway.post(
        "/auth/token",
        data={"grant_type": "client_credentials"},
        auth=(client_id, f"{client_id}-secret"),
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def identity_code() -> str:
    """A random valid personal identity code of the 1980s (a new person for each test on a shared stack)."""
    birth, individual = (
        f"{random.randint(1, 28):02d}0{random.randint(1, 9)}8{random.randint(0, 9)}",
        random.randint(2, 899),
    )
    return f"{birth}-{individual:03d}{_CHECK_CHARACTERS[int(f'{birth}{individual:03d}') % 31]}"


def registration_body(
    last_name: str,
    *,
    first_names: str = "Testi",
    personal_identity_code: str | None = None,
    searching_days: int = 40,
    **more: Any,
) -> dict[str, Any]:
    """``POST /v1/clients``: a Lahti client whose job search started ``searching_days`` ago."""
    return {
        "personal_identity_code": personal_identity_code or identity_code(),
        "first_names": first_names,
        "last_name": last_name,
        "home_municipality": "398",
        "job_search_started_on": (today() - timedelta(days=searching_days)).isoformat(),
        **more,
    }


def consent_body(
    categories: Iterable[str], *, recipient: str | uuid.UUID = WELLBEING_COUNTY, purpose: str = "Työkyvyn arviointi"
) -> dict[str, Any]:
    """``POST /v1/clients/{id}/consents``: sharing ``categories`` with ``recipient`` from today."""
    return {
        "recipient_organisation_id": str(recipient),
        "categories": list(categories),
        "purpose": purpose,
        "valid_from": today().isoformat(),
    }


def referral_body(
    client_id: str,
    reason: str,
    *,
    categories: Iterable[str] = ("contact_details",),
    service_id: str | uuid.UUID = WORK_ABILITY_ASSESSMENT,
) -> dict[str, Any]:
    """``POST /v1/referrals``: a draft to ``service_id`` carrying ``categories``."""
    return {"client_id": client_id, "service_id": str(service_id), "categories": list(categories), "reason": reason}


def consenting_client(http: httpx.Client, coach: dict[str, str], last_name: str, categories: Iterable[str]) -> str:
    """Registers a client of the coach's through ``http`` (the gateway) who consents to share ``categories`` with
    the wellbeing county; the client's id."""
    registered = http.post("/api/clients/v1/clients", headers=coach, json=registration_body(last_name))
    assert registered.status_code == 201, registered.text
    client_id = str(registered.json()["id"])
    given = http.post(f"/api/clients/v1/clients/{client_id}/consents", headers=coach, json=consent_body(categories))
    assert given.status_code == 201, given.text
    return client_id


async def give_consent(
    clients: httpx.AsyncClient,
    coach: dict[str, str],
    client_id: str,
    recipient: str | uuid.UUID,
    categories: Iterable[str],
    *,
    purpose: str = "Lähete kumppanille",
) -> None:
    """The coach records the client's consent to share ``categories`` with ``recipient``, through clients-api."""
    given = await clients.post(
        f"/v1/clients/{client_id}/consents",
        headers=coach,
        json=consent_body(categories, recipient=recipient, purpose=purpose),
    )
    assert given.status_code == 201, given.text
