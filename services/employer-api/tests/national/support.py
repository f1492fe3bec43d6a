"""Helpers of the national platform tests: simulated time, a posting body, what the simulator received."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from polku_dev.platform_sim.app import Simulator
from polku_kit.calendar import today

BUSINESS_ID = "1234567-1"  # Lahden Konepaja Oy of the factories


class Clock:
    def __init__(self) -> None:
        self.slept = 0.0

    async def sleep(self, seconds: float) -> None:
        self.slept += seconds


def posting(isco: str = "7212", municipality: str = "398", **changes: Any) -> dict[str, Any]:
    """A P67/P66 body of a posting made on the platform: a welder in Lahti, fixed term."""
    return {
        "externalReference": changes.pop("externalReference", "platform-made"),
        "employerName": changes.pop("employerName", "Hämeen Hitsaus Oy"),
        "title": {"fi": "Hitsaaja", "sv": "Svetsare"},
        "description": {"fi": "MIG-hitsausta."},
        "occupation": {"iscoCode": isco},
        "location": {"municipalityCode": municipality, "remote": False},
        "employment": {
            "type": "FIXED_TERM",
            "workingTime": "FULL_TIME",
            "startDate": (today() + timedelta(days=20)).isoformat(),
            "endDate": (today() + timedelta(days=200)).isoformat(),
        },
        "applicationPeriod": {"end": (today() + timedelta(days=10)).isoformat()},
        "positions": 1,
        "languages": ["fi"],
        **changes,
    }


def received(sim: Simulator, method: str | None = None, status: int | None = None) -> list[Any]:
    return [
        r
        for r in sim.state.received
        if (method is None or r.method == method) and (status is None or r.status == status)
    ]
