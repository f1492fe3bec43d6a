"""Across services, through the gateway with the real issuer: the data protection officer's personal-data export
is one export, with what referrals-api holds on the person (asked by clients-api with svc-clients' scope and the
officer's own token), and the gateway lets no caller from outside name a person for a service."""

from __future__ import annotations

from datetime import timedelta

import httpx

from polku_dev.devstack import Stack
from polku_kit.calendar import today
from tests.support import client_credentials_token, user_token
from tests.system.test_referral_timeline import WELLBEING_COUNTY, WORK_ABILITY_ASSESSMENT, identity_code


def referred_client(gateway: httpx.Client, coach: dict[str, str]) -> tuple[str, str]:
    registered = gateway.post(
        "/api/clients/v1/clients",
        headers=coach,
        json={
            "personal_identity_code": identity_code(),
            "first_names": "Testi",
            "last_name": "Tarkastettava",
            "home_municipality": "398",
            "job_search_started_on": (today() - timedelta(days=40)).isoformat(),
        },
    )
    assert registered.status_code == 201, registered.text
    client_id = registered.json()["id"]
    consent = gateway.post(
        f"/api/clients/v1/clients/{client_id}/consents",
        headers=coach,
        json={
            "recipient_organisation_id": WELLBEING_COUNTY,
            "categories": ["contact_details"],
            "purpose": "Työkyvyn arviointi",
            "valid_from": today().isoformat(),
        },
    )
    assert consent.status_code == 201, consent.text
    draft = gateway.post(
        "/api/referrals/v1/referrals",
        headers=coach,
        json={
            "client_id": client_id,
            "service_id": WORK_ABILITY_ASSESSMENT,
            "categories": ["contact_details"],
            "reason": "Työkyvyn arviointi, tarkastuspyyntö",
        },
    )
    assert draft.status_code == 201, draft.text
    referral_id = draft.json()["id"]
    sent = gateway.post(f"/api/referrals/v1/referrals/{referral_id}/send", headers=coach)
    assert sent.status_code == 200, sent.text
    return client_id, referral_id


def test_the_officers_export_holds_the_referral(stack: Stack, gateway: httpx.Client) -> None:
    coach = {"Authorization": f"Bearer {user_token(stack, 'coach')}"}
    client_id, referral_id = referred_client(gateway, coach)
    officer = {"Authorization": f"Bearer {user_token(stack, 'dpo')}"}
    response = gateway.get(f"/api/clients/v1/clients/{client_id}/personal-data-export", headers=officer)
    assert response.status_code == 200, response.text
    export = response.json()
    assert export["format"] == "polku.clients-api.personal-data/2"
    part = export["sources"]["referrals-api"]
    assert [row["id"] for row in part["records"]["referral"]] == [referral_id]
    assert part["records"]["referral"][0]["reason"] == "Työkyvyn arviointi, tarkastuspyyntö"
    assert [row["to_status"] for row in part["records"]["referral_transition"]] == ["draft", "requested"]
    assert ("create", "referral") in {(row["action"], row["resource_type"]) for row in part["audit_trail"]}


def test_the_gateway_drops_a_person_named_from_outside(stack: Stack, gateway: httpx.Client) -> None:
    """With svc-clients' own token (and so its scope) from outside, the officer's token in Polku-On-Behalf-Of
    still never reaches referrals-api: a service is reached with a person only from inside."""
    coach = {"Authorization": f"Bearer {user_token(stack, 'coach')}"}
    client_id, _ = referred_client(gateway, coach)
    machine = {
        "Authorization": f"Bearer {client_credentials_token(gateway, 'svc-clients')}",
        "Polku-On-Behalf-Of": user_token(stack, "dpo"),
    }
    response = gateway.get(f"/api/referrals/v1/data-subjects/{client_id}/personal-data", headers=machine)
    assert response.status_code == 403, response.text
    assert response.json()["type"].endswith("/on-behalf-of-required")
    assert "tarkastuspyyntö" not in response.text
