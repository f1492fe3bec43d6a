"""Typed factories for employer-api's tests: the bodies that register an employer and record a contact."""

from __future__ import annotations

from datetime import timedelta

from polku_kit.calendar import today
from polku_kit.testing import LAHTI

ACCOUNT_MANAGER = f"employer_services-{LAHTI}"


def new_employer(**changes: object) -> dict[str, object]:
    """Lahden Konepaja Oy, a manufacturer (TOL 25620, machining: main class C) in Lahti and Hollola."""
    return {
        "business_id": "1234567-1",
        "name": "Lahden Konepaja Oy",
        "industry_code": "25620",
        "size_class": "small",
        "municipalities": ["398", "098"],
        "contact_people": [{"name": "Riikka Rekrytoija", "role": "HR", "email": "riikka@example.fi"}],
        "account_manager_subject": ACCOUNT_MANAGER,
        "consents_to_contact": True,
        "network_member": True,
        **changes,
    }


def new_contact(**changes: object) -> dict[str, object]:
    return {
        "kind": "visit",
        "contacted_on": today().isoformat(),
        "topic": "Kesätyöpaikat",
        "outcome": "Kaksi paikkaa tulossa",
        "next_step": "Lähetä kesäsetelin ohjeet",
        "next_step_due": (today() + timedelta(days=7)).isoformat(),
        **changes,
    }
