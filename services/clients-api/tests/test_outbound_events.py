"""The events the national platform subscribes to, thin (decision 0042): an interview held, a plan saved, a
statement issued and a job-search period ended reach a thin subscriber on 127.0.0.1 with none of the client's
personal data, and the platform fetches each whole with its own token, audited as a read of that client's data."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks import Webhook

from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer
from polku_kit.webhooks import Dispatcher
from polku_kit.webhooks.queue import claim, events_url, fan_out

from .factories import AINO, MATTI, register
from .plan.test_router import plan
from .statement.test_router import drafted, heard_and_issued

PLATFORM_TYPES = [
    "fi.polku.client.interview_held.v1",
    "fi.polku.client.plan_version_created.v1",
    "fi.polku.statement.issued.v1",
    "fi.polku.client.job_search_period.ended.v1",
]
COACH_NAME = "Aino Virtanen"
# Matti's identity code and names (factories.registration), and free text written about him.
PERSONAL = [MATTI, "Matti", "Meikäläinen", "Ei saapunut", "Olin sairaana", "Forklift card", COACH_NAME]


class _Recorder(BaseHTTPRequestHandler):
    received: list[tuple[dict[str, str], bytes]]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["content-length"]))
        self.received.append(({key.lower(): value for key, value in self.headers.items()}, body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[tuple[dict[str, str], bytes]]]]:
    """A webhook receiver on 127.0.0.1 (a free port) that records what it is sent."""
    received: list[tuple[dict[str, str], bytes]] = []
    handler = type("Recorder", (_Recorder,), {"received": received})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/events", received
    finally:
        server.shutdown()
        server.server_close()


def platform(issuer: TestIssuer, org: uuid.UUID = LAHTI) -> dict[str, str]:
    return issuer.headers(subject="national-platform", roles=["platform"], org=org, name=None)


def fetch_path(dataref: str) -> str:
    return urlsplit(dataref).path.removeprefix("/api/clients")


@pytest.fixture
async def subscription(client: httpx.AsyncClient, test_issuer: TestIssuer, receiver: tuple[str, list]) -> dict:
    """Lahti's administrator subscribes the platform's endpoint to the four types, thin."""
    response = await client.post(
        "/v1/webhook-subscriptions",
        json={"url": receiver[0], "event_types": PLATFORM_TYPES, "payload": "thin"},
        headers=test_issuer.headers(roles=["admin"], org=LAHTI),
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def what_the_coach_did(client: httpx.AsyncClient, test_issuer: TestIssuer) -> str:
    """Matti registered; his interview held, his plan saved, a statement issued and his job search ended."""
    coach = test_issuer.headers(subject=AINO, roles=["coach"], org=LAHTI, name=COACH_NAME)
    client_id = await register(client, coach, started=date(2025, 6, 1))
    url = f"/v1/clients/{client_id}"
    held = await client.post(
        f"{url}/interviews", json={"held_on": today().isoformat(), "channel": "phone"}, headers=coach
    )
    assert held.status_code == 201, held.text
    saved = await client.put(f"{url}/plan", json=plan(), headers=coach)
    assert saved.status_code in (200, 201), saved.text
    neglected = today() - timedelta(days=5)
    statement = await drafted(client, coach, client_id, neglected)
    await heard_and_issued(client, coach, client_id, statement, neglected + timedelta(days=1), today())
    [period] = (await client.get(f"{url}/job-search-periods", headers=coach)).json()
    ended = await client.post(
        f"{url}/job-search-periods/{period['id']}/end",
        json={"ended_on": today().isoformat(), "reason": "employed"},
        headers={**coach, "If-Match": "*"},
    )
    assert ended.status_code == 200, ended.text
    return client_id


class TestThinEventsForThePlatform:
    async def test_the_platform_is_sent_no_personal_data_and_fetches_each_event_audited(
        self,
        client: httpx.AsyncClient,
        app: FastAPI,
        db_session: AsyncSession,
        test_issuer: TestIssuer,
        receiver: tuple[str, list[tuple[dict[str, str], bytes]]],
        subscription: dict,
    ) -> None:
        client_id = await what_the_coach_did(client, test_issuer)
        settings = app.state.settings.model_copy(update={"public_url": "https://polku.example.fi"})
        event_url = events_url(settings.public_url, settings.root_path)
        await fan_out(db_session, limit=100)
        claimed = await claim(db_session, limit=100, lease_seconds=60, event_url=event_url)
        sender = Dispatcher(app.state.database.engine, allow_private_targets=True, require_https=False)
        try:
            for item in claimed:
                assert await sender.send(item) == (204, None)
        finally:
            await sender.close()

        _, received = receiver
        events = [Webhook(subscription["secret"]).verify(body, headers) for headers, body in received]
        assert sorted(event["type"] for event in events) == sorted(PLATFORM_TYPES)
        for (_, body), event in zip(received, events, strict=True):
            text = body.decode()
            assert [value for value in PERSONAL if value in text] == [], event["type"]
            assert set(event) == {"specversion", "id", "source", "type", "subject", "time", "dataref"}
            assert event["dataref"] == f"https://polku.example.fi/api/clients/v1/webhook-events/{event['id']}"

        full = {}
        for event in events:
            response = await client.get(fetch_path(event["dataref"]), headers=platform(test_issuer))
            assert response.status_code == 200, response.text
            assert (response.json()["id"], response.json()["type"]) == (event["id"], event["type"])
            full[event["type"]] = response.json()
        assert full["fi.polku.client.interview_held.v1"]["data"]["client_id"] == client_id
        assert full["fi.polku.client.interview_held.v1"]["polkuactorname"] == COACH_NAME
        assert full["fi.polku.statement.issued.v1"]["data"]["recipient"] == "kela"
        audits = (
            await db_session.scalars(select(AuditRecord).where(AuditRecord.resource_type == "webhook_event"))
        ).all()
        assert sorted(audit.resource_id for audit in audits) == sorted(event["id"] for event in events)
        # The statement's event names no client: the audit still names the client it concerns.
        assert {audit.data_subject_id for audit in audits} == {uuid.UUID(client_id)}
        assert {audit.actor_subject for audit in audits} == {"national-platform"}


class TestFetchRules:
    @pytest.fixture
    async def interview(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer, subscription: dict
    ) -> OutboxEvent:
        await what_the_coach_did(client, test_issuer)
        event = await db_session.scalar(
            select(OutboxEvent).where(OutboxEvent.type == "fi.polku.client.interview_held.v1")
        )
        assert event is not None
        return event

    @pytest.mark.parametrize("role", ["coach", "manager", "admin", "employer_services", "dpo", "service"])
    async def test_wrong_role(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, interview: OutboxEvent, role: str
    ) -> None:
        headers = test_issuer.headers(roles=[role], org=LAHTI)
        response = await client.get(f"/v1/webhook-events/{interview.id}", headers=headers)
        assert response.status_code == 403
        assert response.headers["content-type"] == "application/problem+json"

    async def test_wrong_organisation(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, interview: OutboxEvent
    ) -> None:
        response = await client.get(f"/v1/webhook-events/{interview.id}", headers=platform(test_issuer, MIKKELI))
        assert response.status_code == 404
        assert response.json()["type"] == "https://polku.fi/problems/webhook-event-not-found"

    async def test_a_type_the_platform_does_not_subscribe_to(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer, interview: OutboxEvent
    ) -> None:
        registered = await db_session.scalar(
            select(OutboxEvent).where(OutboxEvent.type == "fi.polku.client.registered.v1")
        )
        assert registered is not None and registered.audience == [LAHTI]
        response = await client.get(f"/v1/webhook-events/{registered.id}", headers=platform(test_issuer))
        assert response.status_code == 404
        assert MATTI not in response.text

    async def test_unknown_id(self, client: httpx.AsyncClient, test_issuer: TestIssuer, interview: OutboxEvent) -> None:
        response = await client.get(f"/v1/webhook-events/{uuid.uuid4()}", headers=platform(test_issuer))
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == "https://polku.fi/problems/webhook-event-not-found"
