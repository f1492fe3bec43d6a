"""The webhook subscription API: who may do what, what a target may be, and what a caller sees."""

import uuid

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
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
            f"/v1/webhook-subscriptions/{created['id']}",
            json={"url": "https://10.0.0.1/x"},
            headers={**admin(test_issuer), "If-Match": "*"},
        )
        assert response.status_code == 422

    async def test_production_requires_https(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        original = app.state.settings
        app.state.settings = original.model_copy(update={"env": Environment.production})
        try:
            response = await client.post(
                "/v1/webhook-subscriptions",
                json={**SUBSCRIPTION, "url": "http://193.166.3.2/hook"},
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
        for response in (
            await client.get("/v1/webhook-subscriptions"),
            await client.post("/v1/webhook-subscriptions", json=SUBSCRIPTION),
            await client.post(f"/v1/webhook-deliveries/{uuid.uuid4()}/replay"),
        ):
            assert response.status_code == 401
            assert response.headers["content-type"] == "application/problem+json"

    async def test_another_organisation_sees_nothing(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
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
        assert own["organisation_id"] == str(KELA)
        lahti = await create(client, admin(test_issuer))
        listing = (await client.get("/v1/webhook-subscriptions", headers=kela)).json()
        ids = [item["id"] for item in listing["items"]]
        assert own["id"] in ids and lahti["id"] not in ids
        assert (await client.get(f"/v1/webhook-subscriptions/{lahti['id']}", headers=kela)).status_code == 404
        changed = await client.patch(
            f"/v1/webhook-subscriptions/{own['id']}", json={"active": False}, headers={**kela, "If-Match": "*"}
        )
        assert changed.status_code == 200

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


class TestChanges:
    async def test_the_secret_is_never_shown_again(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        created = await create(client, admin(test_issuer))
        path = f"/v1/webhook-subscriptions/{created['id']}"
        responses = [
            await client.get(path, headers=admin(test_issuer)),
            await client.patch(path, json={"description": "x"}, headers={**admin(test_issuer), "If-Match": "*"}),
            await client.get("/v1/webhook-subscriptions", headers=admin(test_issuer)),
        ]
        for response in responses:
            assert response.status_code == 200, response.text
            assert created["secret"] not in response.text and 'secret":' not in response.text

    async def test_update_changes_only_what_is_given(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        created = await create(client, admin(test_issuer), description="first")
        path = f"/v1/webhook-subscriptions/{created['id']}"
        etag = (await client.get(path, headers=admin(test_issuer))).headers["etag"]
        response = await client.patch(
            path,
            json={"event_types": ["fi.polku.referral.accepted.v1", "*", "*"], "active": False},
            headers={**admin(test_issuer), "If-Match": etag},
        )
        assert response.status_code == 200, response.text
        assert response.headers["etag"] != etag and response.json()["version"] == created["version"] + 1
        updated = response.json()
        assert updated["event_types"] == ["*", "fi.polku.referral.accepted.v1"]
        assert (updated["active"], updated["description"], updated["url"]) == (False, "first", created["url"])

    async def test_two_changes_from_one_version_the_second_gets_412(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        created = await create(client, admin(test_issuer))
        path = f"/v1/webhook-subscriptions/{created['id']}"
        etag = (await client.get(path, headers=admin(test_issuer))).headers["etag"]
        missing = await client.patch(path, json={"active": False}, headers=admin(test_issuer))
        assert missing.status_code == 428
        first = await client.patch(path, json={"active": False}, headers={**admin(test_issuer), "If-Match": etag})
        assert first.status_code == 200
        second = await client.patch(
            path, json={"description": "toinen"}, headers={**admin(test_issuer), "If-Match": etag}
        )
        assert second.status_code == 412 and second.json()["current_version"] == first.json()["version"]
        assert (await client.get(path, headers=admin(test_issuer))).json()["description"] != "toinen"

    async def test_unknown_fields_are_refused(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await client.post(
            "/v1/webhook-subscriptions", json={**SUBSCRIPTION, "secret": "whsec_mine"}, headers=admin(test_issuer)
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "body.secret"

    async def test_delete(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        created = await create(client, admin(test_issuer))
        path = f"/v1/webhook-subscriptions/{created['id']}"
        assert (await client.delete(path, headers=admin(test_issuer))).status_code == 204
        assert (await client.get(path, headers=admin(test_issuer))).status_code == 404

    async def test_rotation_keeps_the_old_secret_signing_for_a_while(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        created = await create(client, admin(test_issuer))
        path = f"/v1/webhook-subscriptions/{created['id']}/rotate-secret"
        graceful = (await client.post(path, headers=admin(test_issuer))).json()
        assert graceful["previous_secret_expires_at"] is not None
        at_once = await client.post(path, json={"previous_secret_valid_seconds": 0}, headers=admin(test_issuer))
        assert at_once.status_code == 200
        assert at_once.json()["previous_secret_expires_at"] is None
        assert len({created["secret"], graceful["secret"], at_once.json()["secret"]}) == 3

    async def test_changes_are_audited(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        headers = test_issuer.headers(subject="admin-9", roles=["admin"], org=LAHTI)
        created = await create(client, headers)
        await client.post(f"/v1/webhook-subscriptions/{created['id']}/rotate-secret", headers=headers)
        rows = (
            await db_session.scalars(
                select(AuditRecord).where(AuditRecord.resource_id == created["id"]).order_by(AuditRecord.occurred_at)
            )
        ).all()
        assert [(row.action, row.actor_subject) for row in rows] == [("create", "admin-9"), ("update", "admin-9")]
        assert rows[0].resource_type == "webhook_subscription" and rows[0].details["url"] == SUBSCRIPTION["url"]
        assert created["secret"] not in str([row.details for row in rows])

    async def test_replay_needs_a_time_with_an_offset(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        created = await create(client, admin(test_issuer))
        path = f"/v1/webhook-subscriptions/{created['id']}/replay"
        naive = await client.post(path, json={"since": "2026-11-24T10:00:00"}, headers=admin(test_issuer))
        assert naive.status_code == 422 and naive.json()["errors"][0]["field"] == "body.since"
        aware = await client.post(path, json={"since": "2026-11-24T10:00:00+02:00"}, headers=admin(test_issuer))
        assert aware.status_code == 200 and aware.json() == {"queued": 0}
        for beyond in ("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"):
            response = await client.post(path, json={"since": beyond}, headers=admin(test_issuer))
            assert response.status_code == 422, response.text

    async def test_a_delivery_status_filter_must_be_known(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        created = await create(client, admin(test_issuer))
        response = await client.get(
            f"/v1/webhook-subscriptions/{created['id']}/deliveries",
            params={"status": "lost"},
            headers=admin(test_issuer),
        )
        assert response.status_code == 422


class TestContract:
    async def test_every_webhook_route_documents_its_errors(self, client: httpx.AsyncClient) -> None:
        document = (await client.get("/openapi.json")).json()
        routes = {
            (method, path): operation
            for path, operations in document["paths"].items()
            if path.startswith("/v1/webhook-")
            for method, operation in operations.items()
        }
        assert len(routes) == 11  # the subscriptions, deliveries and the fetch of an event
        for (method, path), operation in routes.items():
            assert {"401", "403", "404", "422"} <= set(operation["responses"]), f"{method} {path}"
            assert operation["responses"]["404"]["content"].keys() == {"application/problem+json"}
            assert operation.get("security"), f"{method} {path}"
