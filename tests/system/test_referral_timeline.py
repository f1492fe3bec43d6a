"""Across services, through the gateway: a coach refers a client, the partner answers, and the referral's
events reach the client's timeline in clients-api over the signed internal webhook (the real dispatchers)."""

from __future__ import annotations

import time
import uuid

import httpx

from polku_dev.devstack import Stack
from tests.support import (
    LAHTI,
    WELLBEING_COUNTY,
    client_credentials_token,
    consenting_client,
    referral_body,
    user_token,
)


def timeline_types(gateway: httpx.Client, coach: dict[str, str], client_id: str, until: set[str]) -> list[str]:
    deadline = time.monotonic() + 30
    while True:
        response = gateway.get(
            f"/api/clients/v1/clients/{client_id}/timeline", headers=coach, params={"source": "/polku/referrals-api"}
        )
        assert response.status_code == 200, response.text
        types = [entry["type"] for entry in response.json()["items"]]
        if until <= set(types) or time.monotonic() > deadline:
            return types
        time.sleep(0.5)


def test_a_referral_and_the_partners_answer_reach_the_clients_timeline(stack: Stack, gateway: httpx.Client) -> None:
    coach = {"Authorization": f"Bearer {user_token(stack, 'coach')}"}
    client_id = consenting_client(gateway, coach, "Lähetettävä", ["contact_details", "assessment"])

    draft = gateway.post(
        "/api/referrals/v1/referrals",
        headers=coach,
        json=referral_body(client_id, "Työkyvyn arviointi ennen suunnitelmaa"),
    )
    assert draft.status_code == 201, draft.text
    referral_id = draft.json()["id"]
    sent = gateway.post(f"/api/referrals/v1/referrals/{referral_id}/send", headers=coach)
    assert sent.status_code == 200, sent.text

    partner = {"Authorization": f"Bearer {client_credentials_token(gateway, 'partner-hyvinvointialue')}"}
    for status in ("received", "accepted"):
        moved = gateway.post(
            f"/api/referrals/v1/referrals/{referral_id}/transitions", headers=partner, json={"status": status}
        )
        assert moved.status_code == 200, moved.text

    wanted = {"fi.polku.referral.sent.v1", "fi.polku.referral.received.v1", "fi.polku.referral.accepted.v1"}
    assert wanted <= set(timeline_types(gateway, coach, client_id, until=wanted))

    # referrals-api asks clients-api for the caller, with the issuer's real tokens (svc-referrals' scopes and the
    # caller's own token): the partner reads what the consent covers, a Mikkeli coach can refer nobody of Lahti's.
    shared = gateway.get(f"/api/referrals/v1/referrals/{referral_id}/client-data", headers=partner)
    assert shared.status_code == 200, shared.text
    assert shared.json()["categories"] == ["contact_details"] and shared.json()["identity"] is None
    mikkeli = {"Authorization": f"Bearer {user_token(stack, 'coach2')}"}
    foreign = gateway.post(
        "/api/referrals/v1/referrals", headers=mikkeli, json=referral_body(client_id, "Työkyvyn arviointi")
    )
    assert foreign.status_code == 404, foreign.text


def test_a_machine_client_calls_only_the_internal_routes_it_was_given(stack: Stack, gateway: httpx.Client) -> None:
    coach = user_token(stack, "coach")
    # employer-api checks consents and reach for introductions and candidates, but never reads shared data.
    refused = {
        "svc-metrics": (
            "/api/clients/v1/consent-checks",
            f"/api/clients/v1/clients/{uuid.uuid4()}/shared-data",
            f"/api/clients/v1/clients/{uuid.uuid4()}/access",
            "/api/clients/v1/client-reach",
        ),
        "svc-employer": (f"/api/clients/v1/clients/{uuid.uuid4()}/shared-data",),
    }
    for client_id, paths in refused.items():
        machine = {
            "Authorization": f"Bearer {client_credentials_token(gateway, client_id)}",
            "Polku-On-Behalf-Of": coach,
        }
        for path in paths:
            response = gateway.get(
                path,
                headers=machine,
                params={
                    "client_id": str(uuid.uuid4()),
                    "recipient_organisation_id": WELLBEING_COUNTY,
                    "organisation_id": LAHTI,
                    "categories": ["identity"],
                },
            )
            assert response.status_code == 403, (client_id, path, response.text)
