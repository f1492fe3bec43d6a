"""Typed factories for employer-api's tests: the bodies that register an employer and record a contact."""

from __future__ import annotations

import uuid
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


def new_vacancy(employer_id: str, **changes: object) -> dict[str, object]:
    """A welder (ISCO-08 7212) in Lahti, fixed term for six months, fitting a pay subsidy."""
    return {
        "employer_id": employer_id,
        "title_fi": "Hitsaaja",
        "title_sv": "Svetsare",
        "description": "MIG/MAG-hitsausta konepajassa.",
        "occupation_code": "7212",
        "municipality": "398",
        "address": "Niemenkatu 73, Lahti",
        "working_time": "full_time",
        "employment_type": "fixed_term",
        "starts_on": (today() + timedelta(days=30)).isoformat(),
        "ends_on": (today() + timedelta(days=210)).isoformat(),
        "application_deadline": (today() + timedelta(days=14)).isoformat(),
        "languages": ["fi"],
        "driving_licences": ["B"],
        "competences": ["7233"],
        "supports": ["pay_subsidy"],
        "positions": 2,
        **changes,
    }


def client_event(event_type: str, data: dict[str, object], *, at: str = "2026-12-01T10:00:00Z") -> dict[str, object]:
    """A CloudEvent of clients-api as its dispatcher delivers it."""
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": "/polku/clients-api",
        "type": event_type,
        "subject": f"clients/{data['client_id']}",
        "time": at,
        "datacontenttype": "application/json",
        "data": data,
    }
