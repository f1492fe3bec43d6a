"""The authorization matrix, generated from the OpenAPI document: every route with an id in its path, called
by every role, from the organisation that owns the resource and from another one.

- A role the route does not let through gets 403 (the roles come from the route's ``require_roles``).
- A role it lets through, from another organisation, gets 404: another organisation's referral, service,
  organisation record, document, joint referral or webhook subscription is never seen, nor changed.
- The same role from the owning organisation gets neither (the route is reachable, so the 404 above means
  something).

A new route with an id joins the matrix by itself; if it needs a request body, add one to ``BODIES``. Routes for
other services only (a ``require_scope``) are not in it: no person's role opens them, and their own tests name the
scope, the person asked for and the organisation (tests/privacy).
"""

from __future__ import annotations

import importlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi.dependencies.utils import get_dependant
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.outbox import emit
from polku_kit.testing import KELA, LAHTI, MIKKELI, WELLBEING_COUNTY
from polku_kit.webhooks.models import WebhookDelivery
from polku_kit.webhooks.queue import fan_out
from referrals_api.main import create_app
from referrals_api.referral.models import JointReferral, Referral, ReferralDocument
from referrals_api.seed import SERVICES, seed_services

ROLES = ("coach", "manager", "admin", "employer_services", "partner", "service", "platform")
ROUTER_MODULES = (
    "referrals_api.organisation.router",
    "referrals_api.directory.router",
    "referrals_api.referral.router",
    "referrals_api.report.router",
    "referrals_api.privacy.router",
    "polku_kit.webhooks.router",
)
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("patch", "/v1/organisations/{organisation_id}"): {"json": {"name": "Päijät-Hämeen hyvinvointialue"}},
    ("patch", "/v1/services/{service_id}"): {"json": {"capacity_seats": 21}},
    ("patch", "/v1/referrals/{referral_id}"): {"json": {"reason": "Uusi perustelu"}},
    ("post", "/v1/referrals/{referral_id}/transitions"): {"json": {"status": "received"}},
    ("post", "/v1/referrals/{referral_id}/progress-reports"): {"json": {"note": "Edistyy hyvin"}},
    ("put", "/v1/referrals/{referral_id}/feedback"): {"json": {"score": 4}},
    ("post", "/v1/referrals/{referral_id}/messages"): {"json": {"body": "Asiakas aloittaa maanantaina."}},
    ("post", "/v1/referrals/{referral_id}/documents"): {
        "params": {"filename": "muistio.txt"},
        "content": b"Muistio",
        "headers": {"Content-Type": "text/plain"},
    },
    ("patch", "/v1/webhook-subscriptions/{subscription_id}"): {"json": {"description": "Lähetteet"}},
    ("post", "/v1/webhook-subscriptions/{subscription_id}/replay"): {"json": {"since": "2026-01-01T00:00:00Z"}},
}


def _dependencies(endpoint: Any, path: str) -> list[Any]:
    found = []
    pending = [get_dependant(path=path, call=endpoint)]
    while pending:
        dependant = pending.pop()
        for dependency in dependant.dependencies:
            found.append(dependency.call)
            pending.append(dependency)
    return found


def _roles_of(endpoint: Any, path: str) -> frozenset[str]:
    """The roles the route's ``require_roles`` dependency lets through (every role when it has none)."""
    found: set[str] = set()
    for call in _dependencies(endpoint, path):
        found |= getattr(call, "roles", frozenset())
    return frozenset(found) or frozenset(ROLES)


def _for_services_only(endpoint: Any, path: str) -> bool:
    return any(getattr(call, "scope", None) is not None for call in _dependencies(endpoint, path))


def _routes() -> list[tuple[str, str, frozenset[str]]]:
    document = create_app().openapi()
    endpoints = {
        name: getattr(module, name) for module in map(importlib.import_module, ROUTER_MODULES) for name in dir(module)
    }
    routes = []
    for path, operations in document["paths"].items():
        if not path.startswith("/v1/") or "{" not in path:
            continue
        for method, operation in operations.items():
            endpoint = endpoints[operation["operationId"]]
            if not _for_services_only(endpoint, path):
                routes.append((method, path, _roles_of(endpoint, path)))
    return sorted(routes)


ROUTES = _routes()


def owner_of(role: str) -> uuid.UUID:
    return WELLBEING_COUNTY if role == "partner" else LAHTI


def stranger_of(role: str) -> uuid.UUID:
    return KELA if role == "partner" else MIKKELI


@pytest.fixture
async def ids(  # type: ignore[no-untyped-def]
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
        json={
            "personal_identity_code": "131052-308T",
            "first_names": "Matti",
            "last_name": "Meikäläinen",
            "home_municipality": "398",
            "job_search_started_on": (now - timedelta(days=30)).date().isoformat(),
        },
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


async def call(
    client: httpx.AsyncClient, method: str, path: str, ids: dict[str, str], headers: dict[str, str]
) -> httpx.Response:
    extra = BODIES.get((method, path), {})
    return await client.request(
        method.upper(),
        path.format(**ids),
        params=extra.get("params"),
        json=extra.get("json"),
        content=extra.get("content"),
        headers={**headers, **extra.get("headers", {})},
    )


@pytest.mark.parametrize(("method", "path", "roles"), ROUTES, ids=[f"{m.upper()} {p}" for m, p, _ in ROUTES])
async def test_other_organisations_get_404_and_other_roles_403(
    client: httpx.AsyncClient,
    as_,
    clients_api,
    ids: dict[str, dict[str, str]],
    method: str,
    path: str,  # type: ignore[no-untyped-def]
    roles: frozenset[str],
) -> None:
    seen: dict[tuple[str, str], int] = {}
    for role in ROLES:
        side = ids["partner" if role == "partner" else "staff"]
        stranger = await call(client, method, path, side, as_(role, org=stranger_of(role)))
        seen[(role, "other organisation")] = stranger.status_code
        wrong = await call(client, method, path, side, as_(role, org=owner_of(role)))
        seen[(role, "own organisation")] = wrong.status_code
    expected = {}
    for role in ROLES:
        expected[(role, "other organisation")] = 404 if role in roles else 403
        expected[(role, "own organisation")] = "reachable" if role in roles else 403
    actual = {
        key: ("reachable" if expected[key] == "reachable" and status not in (403, 404) else status)
        for key, status in seen.items()
    }
    assert actual == expected


def test_the_matrix_covers_every_kind_of_resource() -> None:
    parameters = {part for _, path, _ in ROUTES for part in path.split("/") if part.startswith("{")}
    assert parameters == {
        "{organisation_id}",
        "{service_id}",
        "{referral_id}",
        "{document_id}",
        "{joint_id}",
        "{subscription_id}",
        "{delivery_id}",
    }
    assert len(ROUTES) >= 20
