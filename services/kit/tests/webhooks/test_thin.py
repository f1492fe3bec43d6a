"""Thin payloads (decision 0042): what a thin subscriber is sent, as a real receiver on 127.0.0.1 gets it, and the
audited fetch of the whole event, with the rules the service applies to whoever asks."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import structlog
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from standardwebhooks import Webhook

from polku_kit.actor import Actor, set_actor
from polku_kit.audit import AuditRecord
from polku_kit.outbox import OutboxEvent, emit
from polku_kit.testing import KELA, LAHTI, MIKKELI, WELLBEING_COUNTY, TestIssuer
from polku_kit.webhooks.queue import fan_out
from services.kit.tests.receiver import Receiver
from services.kit.tests.webhooks.support import SOURCE, Admin, dispatcher

EVENTS_URL = "https://polku.example.fi/api/sample/v1/webhook-events/"
NOTE = "fi.polku.note.created.v1"
# What an event about a person may hold, and a thin delivery must not.
PERSON = {
    "first_names": "Maija Liisa",
    "last_name": "Meikäläinen",
    "personal_identity_code": "131052-308T",
    "note": "Kertoi selkävaivoistaan",
}
COACH_NAME = "Aino Virtanen"


def platform(issuer: TestIssuer, org: uuid.UUID = LAHTI) -> dict[str, str]:
    return issuer.headers(subject="national-platform", roles=["platform"], org=org)


async def emit_about_a_person(session: AsyncSession, client_id: uuid.UUID, **options: object) -> OutboxEvent:
    """A note naming a person and written by a named coach, as a careless event would carry them."""
    set_actor(Actor(subject="coach-1", name=COACH_NAME, organisation_id=str(LAHTI)))
    structlog.contextvars.bind_contextvars(subject="coach-1")
    try:
        return await emit(
            session,
            source=SOURCE,
            type=str(options.pop("type", NOTE)),
            subject=f"notes/{uuid.uuid4()}",
            data={"client_id": client_id, **PERSON},
            **options,  # type: ignore[arg-type]
        )
    finally:
        structlog.contextvars.unbind_contextvars("subject")
        set_actor(None)


class TestThinDelivery:
    async def test_a_thin_delivery_carries_no_personal_data_and_points_to_the_event(
        self, engine: AsyncEngine, admin: Admin, api: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        client_id = uuid.uuid4()
        async with Receiver() as thin_receiver, Receiver() as full_receiver:
            thin = await admin.api.post(
                "/v1/webhook-subscriptions",
                json={"url": thin_receiver.url, "event_types": ["fi.polku.note.*"], "payload": "thin"},
                headers=admin.headers,
            )
            assert thin.status_code == 201, thin.text
            assert thin.json()["payload"] == "thin"
            full = await admin.subscribe(full_receiver.url)
            assert full["payload"] == "full"
            async with async_sessionmaker(engine)() as session, session.begin():
                event_id = str((await emit_about_a_person(session, client_id)).id)
            worker = dispatcher(engine, event_url=EVENTS_URL)
            assert await worker.run_once() == 2
            await worker.close()

        [received] = thin_receiver.requests
        delivered = Webhook(thin.json()["secret"]).verify(received.body, received.headers)
        assert delivered == {
            "specversion": "1.0",
            "id": event_id,
            "source": SOURCE,
            "type": NOTE,
            "subject": delivered["subject"],
            "time": delivered["time"],
            "dataref": f"{EVENTS_URL}{event_id}",
        }
        assert delivered["subject"].startswith("notes/")
        body = received.body.decode()
        for value in [*PERSON.values(), COACH_NAME]:
            assert value not in body
        assert '"data"' not in body
        # The same event as a full subscriber gets it: the data the thin one is spared.
        full_body = full_receiver.requests[0].body.decode()
        assert all(value in full_body for value in [*PERSON.values(), COACH_NAME])

        fetched = await api.get(f"/v1/webhook-events/{event_id}", headers=platform(test_issuer))
        assert fetched.status_code == 200, fetched.text
        assert fetched.json() == {**json.loads(full_body), "subject": delivered["subject"]}
        async with async_sessionmaker(engine)() as session:
            [audit] = await session.scalars(select(AuditRecord).where(AuditRecord.resource_id == event_id))
        assert (audit.action, audit.resource_type, audit.data_subject_id) == ("read", "webhook_event", client_id)
        assert (audit.actor_subject, audit.actor_organisation_id) == ("national-platform", LAHTI)
        assert audit.details["subscription_id"] in (thin.json()["id"], full["id"])

    async def test_a_dispatcher_from_settings_points_to_the_public_fetch(
        self, engine: AsyncEngine, app: FastAPI
    ) -> None:
        from polku_kit.webhooks import Dispatcher

        settings = app.state.settings.model_copy(
            update={"public_url": "https://polku.example.fi/", "root_path": "/api/x"}
        )
        worker = Dispatcher.from_settings(settings, engine)
        try:
            assert worker.event_url == "https://polku.example.fi/api/x/v1/webhook-events/"
        finally:
            await worker.close()


async def subscribe(
    client: httpx.AsyncClient, headers: dict[str, str], event_types: list[str], payload: str = "thin"
) -> dict:
    response = await client.post(
        "/v1/webhook-subscriptions",
        json={"url": "https://platform.example.fi/events", "event_types": event_types, "payload": payload},
        headers=headers,
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


class TestFetch:
    """Lahti's administrator subscribed the platform's endpoint to notes; the platform's token acts for Lahti."""

    @pytest.fixture
    async def event(self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer) -> OutboxEvent:
        await subscribe(client, test_issuer.headers(roles=["admin"], org=LAHTI), ["fi.polku.note.*"])
        return await emit_about_a_person(db_session, uuid.uuid4(), audience=[LAHTI])

    async def test_the_subscribing_organisation_gets_the_whole_event_audited(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer, event: OutboxEvent
    ) -> None:
        response = await client.get(f"/v1/webhook-events/{event.id}", headers=platform(test_issuer))
        assert response.status_code == 200, response.text
        assert response.json()["data"] == {**event.data}
        assert response.json()["polkuactorname"] == COACH_NAME
        [audit] = await db_session.scalars(select(AuditRecord).where(AuditRecord.resource_id == str(event.id)))
        assert audit.data_subject_id == uuid.UUID(event.data["client_id"])

    async def test_a_partner_system_with_a_subscription_gets_it_too(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        partner = test_issuer.headers(subject="partner-hva", roles=["partner"], org=WELLBEING_COUNTY)
        await subscribe(client, partner, [NOTE])
        event = await emit_about_a_person(db_session, uuid.uuid4(), audience=[WELLBEING_COUNTY])
        assert (await client.get(f"/v1/webhook-events/{event.id}", headers=partner)).status_code == 200

    @pytest.mark.parametrize("role", ["coach", "manager", "admin", "employer_services", "dpo", "service"])
    async def test_other_roles_are_forbidden(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, event: OutboxEvent, role: str
    ) -> None:
        response = await client.get(
            f"/v1/webhook-events/{event.id}", headers=test_issuer.headers(roles=[role], org=LAHTI)
        )
        assert response.status_code == 403
        assert response.headers["content-type"] == "application/problem+json"

    async def test_another_organisation_does_not_see_it(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, event: OutboxEvent
    ) -> None:
        await subscribe(client, test_issuer.headers(roles=["admin"], org=MIKKELI), ["*"])  # subscribed, not audience
        for org in (MIKKELI, KELA):
            response = await client.get(f"/v1/webhook-events/{event.id}", headers=platform(test_issuer, org))
            assert response.status_code == 404, org
            assert response.json()["type"] == "https://polku.fi/problems/webhook-event-not-found"

    async def test_a_type_not_subscribed_to_is_not_found(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer, event: OutboxEvent
    ) -> None:
        other = await emit_about_a_person(db_session, uuid.uuid4(), type="fi.polku.referral.sent.v1", audience=[LAHTI])
        response = await client.get(f"/v1/webhook-events/{other.id}", headers=platform(test_issuer))
        assert response.status_code == 404
        assert PERSON["last_name"] not in response.text

    async def test_an_unknown_id_is_a_404_problem(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, event: OutboxEvent
    ) -> None:
        response = await client.get(f"/v1/webhook-events/{uuid.uuid4()}", headers=platform(test_issuer))
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == "https://polku.fi/problems/webhook-event-not-found"
        malformed = await client.get("/v1/webhook-events/not-an-id", headers=platform(test_issuer))
        assert malformed.status_code == 422

    async def test_an_event_from_before_the_subscription_only_once_replayed_to_it(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        before = await emit_about_a_person(db_session, uuid.uuid4(), audience=[LAHTI])
        before.created_at = before.time = datetime.now(UTC) - timedelta(days=1)
        await db_session.flush()
        await fan_out(db_session, limit=10)  # nobody subscribed then
        admin_headers = test_issuer.headers(roles=["admin"], org=LAHTI)
        subscription = await subscribe(client, admin_headers, [NOTE])
        path = f"/v1/webhook-events/{before.id}"
        assert (await client.get(path, headers=platform(test_issuer))).status_code == 404
        since = (datetime.now(UTC) - timedelta(days=2)).isoformat()
        replayed = await client.post(
            f"/v1/webhook-subscriptions/{subscription['id']}/replay", json={"since": since}, headers=admin_headers
        )
        assert replayed.json() == {"queued": 1}
        assert (await client.get(path, headers=platform(test_issuer))).status_code == 200

    async def test_a_subscription_no_longer_wanting_the_type_cannot_fetch_it(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, event: OutboxEvent
    ) -> None:
        admin_headers = test_issuer.headers(roles=["admin"], org=LAHTI)
        [subscription] = (await client.get("/v1/webhook-subscriptions", headers=admin_headers)).json()["items"]
        changed = await client.patch(
            f"/v1/webhook-subscriptions/{subscription['id']}",
            json={"event_types": ["fi.polku.referral.*"], "payload": "full"},
            headers={**admin_headers, "If-Match": f'"v{subscription["version"]}"'},
        )
        assert changed.status_code == 200, changed.text
        assert changed.json()["payload"] == "full"
        assert (await client.get(f"/v1/webhook-events/{event.id}", headers=platform(test_issuer))).status_code == 404


class TestThinNotOffered:
    async def test_a_service_without_the_fetch_refuses_thin_subscriptions(
        self, client: httpx.AsyncClient, app: FastAPI, test_issuer: TestIssuer, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(type(app.state.settings), "serves_webhook_events", False)
        response = await client.post(
            "/v1/webhook-subscriptions",
            json={"url": "https://platform.example.fi/events", "event_types": [NOTE], "payload": "thin"},
            headers=test_issuer.headers(roles=["admin"], org=LAHTI),
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "body.payload"
        assert response.json()["type"] == "https://polku.fi/problems/webhook-thin-payload-not-offered"

    async def test_payload_is_full_or_thin(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await client.post(
            "/v1/webhook-subscriptions",
            json={"url": "https://platform.example.fi/events", "event_types": [NOTE], "payload": "names"},
            headers=test_issuer.headers(roles=["admin"], org=LAHTI),
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "body.payload"
