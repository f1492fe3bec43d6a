"""Helpers of the caseload tests: people with tokens, and clients registered through the API."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from datetime import date

import httpx
import pytest

from clients_api.seed import identity_code
from polku_kit.testing import LAHTI, TestIssuer

from .. import factories

WRONG_ROLES = ["partner", "employer_services", "service", "platform"]
_individual = itertools.count(200, 2)


@pytest.fixture
def as_(test_issuer: TestIssuer) -> Callable[..., dict[str, str]]:
    def headers(subject: str, role: str = "coach", org=LAHTI) -> dict[str, str]:  # type: ignore[no-untyped-def]
        return test_issuer.headers(subject=subject, roles=[role], org=org)

    return headers


Register = Callable[..., Awaitable[str]]


@pytest.fixture
def register(client: httpx.AsyncClient) -> Register:
    async def register(
        headers: dict[str, str], *, started: date, born: str = "150585", sign: str = "-", last_name: str = "Asiakas"
    ) -> str:
        return await factories.register(
            client,
            headers,
            started=started,
            personal_identity_code=identity_code(born, sign, next(_individual)),
            first_names="Testi",
            last_name=last_name,
        )

    return register
