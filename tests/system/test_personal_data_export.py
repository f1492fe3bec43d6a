"""Across services, through the gateway with the real issuer: the data protection officer's personal-data export
is one export, with what referrals-api holds on the person (asked by clients-api with svc-clients' scope and the
officer's own token), and the gateway lets no caller from outside name a person for a service."""

from __future__ import annotations

import httpx

from polku_dev.devstack import Stack
from tests.support import client_credentials_token, consenting_client, referral_body, user_token


def referred_client(gateway: httpx.Client, coach: dict[str, str]) -> tuple[str, str]:
    client_id = consenting_client(gateway, coach, "Tarkastettava", ["contact_details"])
    draft = gateway.post(
        "/api/referrals/v1/referrals",
        headers=coach,
        json=referral_body(client_id, "Työkyvyn arviointi, tarkastuspyyntö"),
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
    # employer-api's part is asked for too (offers, introductions, supports naming the person): none here.
    employer = export["sources"]["employer-api"]
    assert employer["format"] == "polku.employer-api.personal-data/1" and employer["client_id"] == client_id
    assert set(employer["records"]) == {
        "candidate_profile",
        "candidate_episode",
        "job_offer",
        "introduction",
        "support",
    }


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
