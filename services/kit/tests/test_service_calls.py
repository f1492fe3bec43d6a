"""A route for other services: the role service and the route's scope (claim ``scope``), and the person the call
is made for, whose own token (``Polku-On-Behalf-Of``) is verified like any bearer token."""

from __future__ import annotations

import httpx
import pytest

from polku_kit.service_client import ON_BEHALF_OF_HEADER
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer


def call(
    issuer: TestIssuer,
    scope: object = "other:thing sample:internal",
    roles: tuple[str, ...] = ("service",),
    person: str | None = None,
) -> dict[str, str]:
    headers = issuer.headers(subject="svc-test", roles=list(roles), org=LAHTI, scope=scope)
    person = person if person is not None else issuer.token(subject="aino", roles=["coach"], org=MIKKELI)
    return {**headers, ON_BEHALF_OF_HEADER: person} if person else headers


class TestScope:
    @pytest.mark.parametrize("scope", ["sample:internal", "other:thing sample:internal", ["sample:internal"]])
    async def test_the_routes_scope_in_a_string_or_a_list_lets_through(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, scope: object
    ) -> None:
        response = await client.get("/v1/internal", headers=call(test_issuer, scope=scope))
        assert response.status_code == 200, response.text
        assert response.json() == {"channel": "svc-test", "person": "aino", "organisation": str(MIKKELI)}

    @pytest.mark.parametrize(
        ("scope", "roles"),
        [
            (None, ("service",)),
            ("sample:other", ("service",)),
            ("sample:internal-more", ("service",)),
            ("sample:internal", ("coach",)),
            ("sample:internal", ("platform",)),
        ],
    )
    async def test_another_scope_or_role_is_403(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, scope: object, roles: tuple[str, ...]
    ) -> None:
        response = await client.get("/v1/internal", headers=call(test_issuer, scope=scope, roles=roles))
        assert response.status_code == 403

    async def test_a_malformed_scope_claim_refuses_the_token(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        response = await client.get("/v1/internal", headers=call(test_issuer, scope={"sample:internal": True}))
        assert response.status_code == 401


class TestOnBehalfOf:
    async def test_the_person_is_required_and_must_be_someone_of_an_organisation(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        missing = await client.get("/v1/internal", headers=call(test_issuer, person=""))
        assert missing.status_code == 403 and missing.json()["type"].endswith("/on-behalf-of-required")
        for person in (
            test_issuer.token(subject="aino", roles=["coach"], org=None),
            test_issuer.token(subject="svc-other", roles=["service"], org=LAHTI),
            test_issuer.token(subject="national", roles=["platform"], org=LAHTI),
        ):
            response = await client.get("/v1/internal", headers=call(test_issuer, person=person))
            assert response.status_code == 403, response.text

    async def test_the_persons_token_is_verified(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        expired = test_issuer.sign(test_issuer.claims(subject="aino", org=LAHTI, lifetime=-60))
        foreign = TestIssuer().token(subject="aino", org=LAHTI)
        wrong_audience = test_issuer.sign(test_issuer.claims(subject="aino", org=LAHTI, aud="another-api"))
        for person in (expired, foreign, wrong_audience, "not-a-token"):
            response = await client.get("/v1/internal", headers=call(test_issuer, person=person))
            assert response.status_code == 401, response.text
