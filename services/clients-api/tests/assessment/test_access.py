"""Who may read special-category notes: the client's own coach, and nobody else (the team rule comes later)."""

from __future__ import annotations

import uuid

import pytest

from clients_api.assessment.access import may_read_special_category
from clients_api.client.models import Client
from polku_kit.auth import Principal
from polku_kit.testing import LAHTI, MIKKELI


def person(subject: str, role: str, org: uuid.UUID = LAHTI) -> Principal:
    return Principal(subject=subject, roles=frozenset({role}), organisation_id=org)


@pytest.mark.parametrize(
    ("principal", "allowed"),
    [
        (person("coach-aino", "coach"), True),
        (person("coach-other", "coach"), False),
        (person("coach-aino", "coach", MIKKELI), False),
        (person("coach-aino", "manager"), False),
        (person("coach-aino", "partner"), False),
        (person("admin", "admin"), False),
    ],
)
async def test_only_the_clients_coach(principal: Principal, allowed: bool) -> None:
    client = Client(organisation_id=LAHTI, coach_subject="coach-aino")
    assert await may_read_special_category(None, principal, client) is allowed  # type: ignore[arg-type]


async def test_a_client_without_a_coach_has_no_reader() -> None:
    client = Client(organisation_id=LAHTI, coach_subject=None)
    assert await may_read_special_category(None, person("coach-aino", "coach"), client) is False  # type: ignore[arg-type]
