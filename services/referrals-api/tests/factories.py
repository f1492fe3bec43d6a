"""Typed factories for referrals-api's tests: the bodies that create a partner organisation, a service of the
directory and (in clients-api, for the tests that start it) a client."""

from __future__ import annotations

import uuid
from datetime import timedelta

from polku_kit.calendar import today as calendar_today

NEW_ORG = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-0000000000aa")


def new_organisation(**changes: object) -> dict[str, object]:
    return {
        "id": str(NEW_ORG),
        "name": "Lahden Diakonialaitos",
        "type": "third_sector_workshop",
        "business_id": "1234567-1",
        "email": "info@example.fi",
        "website": "https://example.fi",
        "municipalities": ["398", "098"],
        "contacts": [{"name": "Ville Valmentaja", "role": "Työhönvalmennus", "email": "ville@example.fi"}],
        **changes,
    }


def new_service(**changes: object) -> dict[str, object]:
    return {
        "name_fi": "Kuntouttava työtoiminta",
        "name_sv": "Arbetsverksamhet i rehabiliteringssyfte",
        "description_fi": "Kuntouttavaa työtoimintaa pienryhmissä.",
        "description_sv": "Arbetsverksamhet i rehabiliteringssyfte i små grupper.",
        "minimum_age": 25,
        "maximum_age": 64,
        "target_groups": ["long_term_unemployed"],
        "municipalities": ["398"],
        "languages": ["fi", "sv"],
        "channel": "in_person",
        "capacity_seats": 8,
        "capacity_period": "month",
        "cost_per_client_eur": "12.50",
        "production_model": "partnership",
        **changes,
    }


def registration(**changes: object) -> dict[str, object]:
    """Matti Meikäläinen of Lahti (municipality 398), thirty days into his job search: a client of clients-api."""
    return {
        "personal_identity_code": "131052-308T",
        "first_names": "Matti",
        "last_name": "Meikäläinen",
        "home_municipality": "398",
        "job_search_started_on": (calendar_today() - timedelta(days=30)).isoformat(),
        **changes,
    }
