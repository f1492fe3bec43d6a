"""Across services, through the gateway: clients-api's events reach metrics-api's read model over the signed
internal webhook (the real dispatchers), the demo data's too, and a manager reads the figure they make."""

from __future__ import annotations

import random
import time
from datetime import timedelta
from typing import Any

import httpx

from polku_dev.devstack import Stack
from polku_kit.calendar import today
from tests.support import user_token

ALPHABET = "0123456789ABCDEFHJKLMNPRSTUVWXY"
TAMPERE = "837"  # no demo client lives there


def identity_code() -> str:
    birth, individual = (
        f"{random.randint(1, 28):02d}0{random.randint(1, 9)}8{random.randint(0, 9)}",
        random.randint(2, 899),
    )
    return f"{birth}-{individual:03d}{ALPHABET[int(f'{birth}{individual:03d}') % 31]}"


def job_seekers(gateway: httpx.Client, manager: dict[str, str], until: Any) -> dict[str | None, Any]:
    month = today().strftime("%Y-%m")
    deadline = time.monotonic() + 60
    while True:
        response = gateway.get(
            "/api/metrics/v1/figures",
            headers=manager,
            params={"indicator": "job_seekers", "from": month, "to": month},
        )
        assert response.status_code == 200, response.text
        cells = {cell["municipality"]: cell["value"] for cell in response.json()["cells"]}
        if until(cells) or time.monotonic() > deadline:
            return cells
        time.sleep(0.5)


def test_registrations_reach_the_managers_figures(stack: Stack, gateway: httpx.Client) -> None:
    coach = {"Authorization": f"Bearer {user_token(stack, 'coach')}"}
    manager = {"Authorization": f"Bearer {user_token(stack, 'manager')}"}
    for n in range(5):
        registered = gateway.post(
            "/api/clients/v1/clients",
            headers=coach,
            json={
                "personal_identity_code": identity_code(),
                "first_names": "Testi",
                "last_name": f"Tamperelainen {n}",
                "home_municipality": TAMPERE,
                "job_search_started_on": (today() - timedelta(days=10)).isoformat(),
            },
        )
        assert registered.status_code == 201, registered.text
    cells = job_seekers(gateway, manager, lambda cells: cells.get(TAMPERE) == 5)
    assert cells.get(TAMPERE) == 5
    # the demo clients (registered before the stack served) arrived too: the organisation counts more than these five
    assert (cells.get(None) or 0) > 5
