"""Helpers of the national platform tests: simulated time and a posting body (the simulator itself:
:mod:`polku_kit.testing_platform`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from polku_kit.calendar import today
from polku_kit.testing_platform import API_KEY, PlatformControl, running_simulator

BUSINESS_ID = "1234567-1"  # Lahden Konepaja Oy of the factories

__all__ = ["API_KEY", "BUSINESS_ID", "Clock", "PlatformControl", "posting", "running_simulator"]


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
