"""The webhook subscription API: who may do what, what a target may be, and what a caller sees."""

import uuid

import httpx
import pytest
from fastapi import FastAPI

from polku_kit.settings import Environment
from polku_kit.testing import KELA, LAHTI, MIKKELI, TestIssuer

SUBSCRIPTION = {"url": "https://receiver.example.fi/hooks", "event_types": ["fi.polku.note.*"]}


def admin(issuer: TestIssuer, org: uuid.UUID = LAHTI) -> dict[str, str]:
    return issuer.headers(roles=["admin"], org=org)


async def create(client: httpx.AsyncClient, headers: dict[str, str], **changes: object) -> dict:
    response = await client.post("/v1/webhook-subscriptions", json={**SUBSCRIPTION, **changes}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


class TestCreate:
    async def test_secret_is_shown_once(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        created = await create(client, admin(test_issuer))
        assert created["secret"].startswith("whsec_")
        assert created["organisation_id"] == str(LAHTI)
        read = await client.get(f"/v1/webhook-subscriptions/{created['id']}", headers=admin(test_issuer))
        assert read.status_code == 200
        assert "secret" not in read.json()

    async def test_rotation_gives_a_new_secret(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        created = await create(client, admin(test_issuer))
        rotated = await client.post(
            f"/v1/webhook-subscriptions/{created['id']}/rotate-secret", headers=admin(test_issuer)
        )
        assert rotated.status_code == 200
        assert rotated.json()["secret"] not in ("", created["secret"])

    @pytest.mark.parametrize("event_types", [[], ["Not An Event"], ["fi..polku"]])
    async def test_event_types_are_validated(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, event_types: list[str]
    ) -> None:
        response = await client.post(
            "/v1/webhook-subscriptions", json={**SUBSCRIPTION, "event_types": event_types}, headers=admin(test_issuer)
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"].startswith("body.event_types")


class TestTargets:
    @pytest.fixture
    def strict(self, app: FastAPI):
        original = app.state.settings
        app.state.settings = original.model_copy(update={"webhooks_allow_private_targets": False})
        yield
        app.state.settings = original

    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1:8080/hook",
            "https://localhost/hook",
            "https://10.1.2.3/hook",
            "https://192.168.1.10/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/hook",
            "https://[::ffff:127.0.0.1]/hook",
            "https://0.0.0.0/hook",
        ],
    )
    async def test_private_and_loopback_targets_are_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, strict: None, url: str
    ) -> None:
        response = await client.post(
            "/v1/webhook-subscriptions", json={**SUBSCRIPTION, "url": url}, headers=admin(test_issuer)
        )
        assert response.status_code == 422, response.text
        body = response.json()
        assert body["type"].endswith("/webhook-target-not-allowed")
        assert body["errors"][0]["field"] == "body.url"

    async def test_a_public_address_is_accepted(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, strict: None
    ) -> None:
        await create(client, admin(test_issuer), url="https://193.166.3.2/hook")

    async def test_changing_the_url_is_checked_too(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, strict: None
    ) -> None:
        created = await create(client, admin(test_issuer), url="https://193.166.3.2/hook")
        response = await client.patch(
            f"/v1/webhook-subscriptions/{created['id']}", json={"url": "https://10.0.0.1/x"},
            headers=admin(test_issuer),
        )
        assert response.status_code == 422

    async def test_production_requires_https(self, app: FastAPI, client: httpx.AsyncClient,
                                             test_issuer: TestIssuer) -> None:
        original = app.state.settings
        app.state.settings = original.model_copy(update={"env": Environment.production})
        try:
            response = await client.post(
                "/v1/webhook-subscriptions", json={**SUBSCRIPTION, "url": "http://193.166.3.2/hook"},
                headers=admin(test_issuer),
            )
        finally:
            app.state.settings = original
        assert response.status_code == 422
        assert "https" in response.json()["errors"][0]["message"]


class TestAccess:
    @pytest.mark.parametrize("role", ["coach", "manager", "employer_services", "service", "platform"])
    async def test_other_roles_are_forbidden(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, role: str
    ) -> None:
        headers = test_issuer.headers(roles=[role])
        assert (await client.get("/v1/webhook-subscriptions", headers=headers)).status_code == 403
        response = await client.post("/v1/webhook-subscriptions", json=SUBSCRIPTION, headers=headers)
        assert response.status_code == 403
        assert response.headers["content-type"] == "application/problem+json"

    async def test_no_token(self, client: httpx.AsyncClient) -> None:
        assert (await client.get("/v1/webhook-subscriptions")).status_code == 401

    async def test_another_organisation_sees_nothing(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        created = await create(client, admin(test_issuer, LAHTI))
        other = admin(test_issuer, MIKKELI)
        base = f"/v1/webhook-subscriptions/{created['id']}"
        assert (await client.get(base, headers=other)).status_code == 404
        assert (await client.patch(base, json={"active": False}, headers=other)).status_code == 404
        assert (await client.post(f"{base}/rotate-secret", headers=other)).status_code == 404
        assert (await client.get(f"{base}/deliveries", headers=other)).status_code == 404
        assert (await client.delete(base, headers=other)).status_code == 404
        listing = (await client.get("/v1/webhook-subscriptions", headers=other)).json()
        assert created["id"] not in [item["id"] for item in listing["items"]]
        assert (await client.get(base, headers=admin(test_issuer, LAHTI))).status_code == 200

    async def test_partner_manages_only_its_own(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        kela = test_issuer.headers(roles=["partner"], org=KELA)
        own = await create(client, kela)
        lahti = await create(client, admin(test_issuer))
        listing = (await client.get("/v1/webhook-subscriptions", headers=kela)).json()
        ids = [item["id"] for item in listing["items"]]
        assert own["id"] in ids and lahti["id"] not in ids

    async def test_unknown_delivery_is_404(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await client.get(f"/v1/webhook-deliveries/{uuid.uuid4()}", headers=admin(test_issuer))
        assert response.status_code == 404


class TestListing:
    async def test_cursor_pages_through_everything_once(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        headers = admin(test_issuer, KELA)
        made = {(await create(client, headers))["id"] for _ in range(5)}
        seen: list[str] = []
        cursor = None
        while True:
            params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
            page = (await client.get("/v1/webhook-subscriptions", params=params, headers=headers)).json()
            seen += [item["id"] for item in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert sorted(seen) == sorted(made)

    async def test_a_forged_cursor_is_a_problem(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await client.get(
            "/v1/webhook-subscriptions", params={"cursor": "not-a-cursor"}, headers=admin(test_issuer)
        )
        assert response.status_code == 400
        assert response.json()["type"].endswith("/invalid-cursor")
