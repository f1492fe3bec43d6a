"""Job offers and their outcomes as the national platform subscribes to them, thin (decision 0042): the delivery
names no one and points to the event; the platform fetches it whole with its own token, audited as a read of the
client's data, and nobody else does."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer
from polku_kit.webhooks.queue import claim, fan_out

from .test_router import COACH, MATTI, events, offer_body, published

OFFERS = "fi.polku.job_offer.*"
EVENTS_URL = "https://polku.example.fi/api/employer/v1/webhook-events/"


def platform(issuer: TestIssuer, org: uuid.UUID = LAHTI) -> dict[str, str]:
    return issuer.headers(subject="national-platform", roles=["platform"], org=org)


@pytest.fixture
async def offer_events(client: httpx.AsyncClient, as_, clients_api, db_session: AsyncSession) -> list[OutboxEvent]:
    """Lahti's administrator subscribes the platform to offers, thin; a coach offers a job and the client applies."""
    subscribed = await client.post(
        "/v1/webhook-subscriptions",
        json={"url": "https://platform.example.fi/events", "event_types": [OFFERS], "payload": "thin"},
        headers=as_("admin"),
    )
    assert subscribed.status_code == 201, subscribed.text
    clients_api.reach[COACH] = {str(MATTI)}
    sent = await client.post("/v1/job-offers", json=offer_body(await published(client, as_)), headers=as_("coach"))
    assert sent.status_code == 201, sent.text
    applied = await client.post(
        f"/v1/job-offers/{sent.json()['id']}/outcome",
        json={"outcome": "applied"},
        headers={**as_("coach"), "If-Match": '"v1"'},
    )
    assert applied.status_code == 200, applied.text
    return [
        *await events(db_session, "fi.polku.job_offer.sent.v1"),
        *await events(db_session, "fi.polku.job_offer.outcome.v1"),
    ]


class TestOffersForThePlatform:
    async def test_the_delivery_is_thin_and_the_fetch_whole_and_audited(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer, offer_events: list
    ) -> None:
        await fan_out(db_session, limit=100)
        claimed = await claim(db_session, limit=100, lease_seconds=60, event_url=EVENTS_URL)
        assert sorted(item.event["id"] for item in claimed) == sorted(str(event.id) for event in offer_events)
        for item in claimed:
            assert set(item.event) == {"specversion", "id", "source", "type", "subject", "time", "dataref"}
            assert item.event["dataref"] == f"{EVENTS_URL}{item.event['id']}"
        for event in offer_events:
            response = await client.get(f"/v1/webhook-events/{event.id}", headers=platform(test_issuer))
            assert response.status_code == 200, response.text
            assert response.json()["data"]["job_offer_id"] == event.data["job_offer_id"]
        audits = (
            await db_session.scalars(select(AuditRecord).where(AuditRecord.resource_type == "webhook_event"))
        ).all()
        assert sorted(audit.resource_id for audit in audits) == sorted(str(event.id) for event in offer_events)
        assert {(audit.data_subject_id, audit.actor_subject) for audit in audits} == {(MATTI, "national-platform")}

    @pytest.mark.parametrize("role", ["coach", "employer_services", "manager", "admin", "service"])
    async def test_wrong_role(self, client: httpx.AsyncClient, as_, offer_events: list, role: str) -> None:
        response = await client.get(f"/v1/webhook-events/{offer_events[0].id}", headers=as_(role))
        assert response.status_code == 403

    async def test_wrong_organisation_other_type_and_unknown_id_are_not_found(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer, offer_events: list
    ) -> None:
        [vacancy] = await events(db_session, "fi.polku.vacancy.published.v1")
        for event_id, headers in (
            (offer_events[0].id, platform(test_issuer, MIKKELI)),
            (vacancy.id, platform(test_issuer)),
            (uuid.uuid4(), platform(test_issuer)),
        ):
            response = await client.get(f"/v1/webhook-events/{event_id}", headers=headers)
            assert response.status_code == 404, event_id
            assert response.json()["type"] == "https://polku.fi/problems/webhook-event-not-found"
