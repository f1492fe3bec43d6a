"""The authorization matrix of referrals-api (:class:`polku_kit.contract_tests.AuthorizationMatrix`): every route,
called by every role, from the organisation that owns the resource and from another one; another
organisation's referral, service, organisation record, document, joint referral or webhook subscription is never
seen, nor changed. A new route joins the matrix by itself; if it needs a request body, add one to ``BODIES``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.contract_tests import AuthorizationMatrix, matrix_routes
from polku_kit.outbox import emit
from polku_kit.testing import LAHTI, WELLBEING_COUNTY
from polku_kit.webhooks.models import WebhookDelivery
from polku_kit.webhooks.queue import fan_out
from referrals_api.main import create_app
from referrals_api.referral.models import JointReferral, Referral, ReferralDocument
from referrals_api.seed import SERVICES, seed_services

from .factories import registration

BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("patch", "/v1/organisations/{organisation_id}"): {"json": {"name": "Päijät-Hämeen hyvinvointialue"}},
    ("patch", "/v1/services/{service_id}"): {"json": {"capacity_seats": 21}},
    ("patch", "/v1/referrals/{referral_id}"): {"json": {"reason": "Uusi perustelu"}},
    ("post", "/v1/referrals/{referral_id}/transitions"): {"json": {"status": "received"}},
    ("post", "/v1/referrals/{referral_id}/progress-reports"): {"json": {"note": "Edistyy hyvin"}},
    ("put", "/v1/referrals/{referral_id}/feedback"): {"json": {"score": 4}},
    ("post", "/v1/referrals/{referral_id}/documents"): {
        "params": {"filename": "muistio.txt"},
        "content": b"Muistio",
        "headers": {"Content-Type": "text/plain"},
    },
    ("patch", "/v1/webhook-subscriptions/{subscription_id}"): {"json": {"description": "Lähetteet"}},
    ("post", "/v1/webhook-subscriptions/{subscription_id}/replay"): {"json": {"since": "2026-01-01T00:00:00Z"}},
}


@pytest.fixture
async def matrix_ids(  # type: ignore[no-untyped-def]
    client: httpx.AsyncClient, db_session: AsyncSession, network: None, as_, clients_api
) -> dict[str, dict[str, str]]:
    """One of everything, owned by Lahti (sender) and the wellbeing county (partner). Ids by path parameter,
    for the staff side and the partner side. The client is Lahti's in clients-api, in the caseload of the coach
    who calls (so that routes asking clients-api for that coach are reachable)."""
    await seed_services(db_session)
    service_id = SERVICES[0]["id"]
    now = datetime.now(UTC)
    registered = await clients_api.http.post(
        "/v1/clients",
        headers=as_("coach"),
        json=registration(),
    )
    assert registered.status_code == 201, registered.text
    referral = Referral(
        id=uuid.uuid4(),
        client_id=uuid.UUID(registered.json()["id"]),
        service_id=service_id,
        partner_organisation_id=WELLBEING_COUNTY,
        sender_organisation_id=LAHTI,
        sender_subject="coach-aino",
        status="requested",
        categories=["assessment"],
        reason="Työkyvyn arviointi",
        sent_at=now,
        due_on=(now + timedelta(days=7)).date(),
    )
    joint = JointReferral(
        id=uuid.uuid4(),
        client_id=referral.client_id,
        sender_organisation_id=LAHTI,
        sender_subject="coach-aino",
        team_name="TYP-tiimi",
        decided_on=now.date(),
        decision="Ok.",
    )
    db_session.add_all([referral, joint])
    await db_session.flush()
    db_session.add(
        Referral(
            id=uuid.uuid4(),
            client_id=referral.client_id,
            service_id=service_id,
            partner_organisation_id=WELLBEING_COUNTY,
            sender_organisation_id=LAHTI,
            sender_subject="coach-aino",
            joint_referral_id=joint.id,
            status="requested",
            categories=["assessment"],
            reason="Yhteislähete",
            sent_at=now,
            due_on=now.date(),
        )
    )
    document = ReferralDocument(
        referral_id=referral.id,
        filename="a.txt",
        media_type="text/plain",
        size_bytes=1,
        sha256="0" * 64,
        content=b"a",
        uploaded_by="coach-aino",
        uploader_organisation_id=LAHTI,
    )
    db_session.add(document)
    await db_session.flush()
    subscriptions = {}
    for side, headers in (("staff", as_("admin")), ("partner", as_("partner", org=WELLBEING_COUNTY))):
        created = await client.post(
            "/v1/webhook-subscriptions",
            headers=headers,
            json={"url": f"https://{side}.example.fi/events", "event_types": ["fi.polku.referral.*"]},
        )
        assert created.status_code == 201, created.text
        subscriptions[side] = created.json()["id"]
    await emit(
        db_session,
        type="fi.polku.referral.sent.v1",
        subject=f"referrals/{referral.id}",
        source="/polku/referrals-api",
        audience=[LAHTI, WELLBEING_COUNTY],
        data={"referral_id": referral.id},
    )
    await fan_out(db_session, limit=10)
    deliveries = {str(row.subscription_id): str(row.id) for row in (await db_session.scalars(select(WebhookDelivery)))}
    common = {
        "organisation_id": str(WELLBEING_COUNTY),
        "service_id": str(service_id),
        "referral_id": str(referral.id),
        "document_id": str(document.id),
        "joint_id": str(joint.id),
    }
    return {
        side: {**common, "subscription_id": subscriptions[side], "delivery_id": deliveries[subscriptions[side]]}
        for side in ("staff", "partner")
    }


class TestAuthorizationMatrix(AuthorizationMatrix):
    app_factory = staticmethod(create_app)
    bodies = BODIES


def test_the_matrix_covers_every_kind_of_resource() -> None:
    routes = matrix_routes(create_app())
    parameters = {parameter for route in routes for parameter in route.parameters}
    assert parameters == {
        "organisation_id",
        "service_id",
        "referral_id",
        "document_id",
        "joint_id",
        "subscription_id",
        "delivery_id",
    }
    assert len([route for route in routes if route.parameters]) >= 20
