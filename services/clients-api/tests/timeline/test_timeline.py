"""The client's timeline: this service's events as they happen, the other services' through the signed inbox."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks import Webhook

from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

from ..factories import coach

SECRET = "whsec_" + "c2VjcmV0LW9mLXJlZmVycmFscy1hcGktZm9yLXRlc3Rz"


@pytest.fixture
def inbound_secret(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> str:
    from pydantic import SecretStr

    monkeypatch.setattr(app.state.settings, "inbound_webhook_secrets", [SecretStr(SECRET)])
    return SECRET


def signed(event: dict[str, object], secret: str = SECRET) -> tuple[dict[str, str], bytes]:
    body = json.dumps(event).encode()
    timestamp = datetime.now(UTC)
    signature = Webhook(secret).sign(str(event["id"]), timestamp, body.decode())
    headers = {
        "webhook-id": str(event["id"]),
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": signature,
        "content-type": "application/json",
    }
    return headers, body


def referral_event(client_id: str, verb: str = "accepted", **changes: object) -> dict[str, object]:
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": "/polku/referrals-api",
        "type": f"fi.polku.referral.{verb}.v1",
        "subject": f"referrals/{uuid.uuid4()}",
        "time": datetime.now(UTC).isoformat(),
        "datacontenttype": "application/json",
        "data": {"client_id": client_id, "referral_id": str(uuid.uuid4()), "sender_organisation_id": str(LAHTI)},
        **changes,
    }


async def timeline(client: httpx.AsyncClient, issuer: TestIssuer, client_id: str, **params: object) -> httpx.Response:
    return await client.get(f"/v1/clients/{client_id}/timeline", headers=coach(issuer), params=params)


class TestOwnEvents:
    async def test_what_the_coach_does_is_on_the_timeline_newest_first(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        held = await client.post(
            f"/v1/clients/{client_id}/interviews",
            headers=coach(test_issuer),
            json={"held_on": today().isoformat(), "channel": "phone"},
        )
        assert held.status_code == 201, held.text
        changed = await client.post(
            f"/v1/clients/{client_id}/status",
            headers=coach(test_issuer),
            json={"status": "employed", "changed_on": today().isoformat(), "reason": "Found work"},
        )
        assert changed.status_code == 200, changed.text

        response = await timeline(client, test_issuer, client_id)
        assert response.status_code == 200
        entries = response.json()["items"]
        assert [entry["type"] for entry in entries] == [
            "fi.polku.client.status_changed.v1",
            "fi.polku.client.interview_held.v1",
            # the interview met the initial interview's deadline, announced in the same transaction
            "fi.polku.client.deadline_met.v1",
            "fi.polku.client.registered.v1",
        ]
        assert {entry["actor_subject"] for entry in entries} == {"coach-aino"}
        # The person by name, from the token at the time: never "the system" for a person's act.
        assert {entry["actor_name"] for entry in entries} == {"Test Person"}
        assert all(entry["source"] == "/polku/clients-api" for entry in entries)
        assert "Matti" not in response.text and "131052" not in response.text

    async def test_pages_follow_each_other_without_gaps(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        for status in ("in_activating_service", "unemployed", "in_education"):
            await client.post(
                f"/v1/clients/{client_id}/status",
                headers=coach(test_issuer),
                json={"status": status, "changed_on": today().isoformat()},
            )
        seen: list[str] = []
        cursor = None
        while True:
            params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
            page = (await timeline(client, test_issuer, client_id, **params)).json()
            seen += [entry["id"] for entry in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        everything = (await timeline(client, test_issuer, client_id)).json()["items"]
        assert seen == [entry["id"] for entry in everything] and len(seen) == 4

    async def test_reading_it_is_audited(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        await timeline(client, test_issuer, client_id)
        rows = (
            await db_session.scalars(
                select(AuditRecord).where(
                    AuditRecord.resource_type == "timeline", AuditRecord.data_subject_id == uuid.UUID(client_id)
                )
            )
        ).all()
        assert [(row.action, row.actor_subject) for row in rows] == [("read", "coach-aino")]


class TestOtherServicesEvents:
    async def test_a_referral_event_lands_once_however_often_it_is_delivered(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, inbound_secret: str
    ) -> None:
        headers, body = signed(referral_event(client_id, "completed"))
        first = await client.post("/v1/events", headers=headers, content=body)
        again = await client.post("/v1/events", headers=headers, content=body)
        assert (first.status_code, first.json()) == (202, {"handled": True})
        assert (again.status_code, again.json()) == (202, {"handled": False})

        entries = (await timeline(client, test_issuer, client_id, source="/polku/referrals-api")).json()["items"]
        assert [entry["type"] for entry in entries] == ["fi.polku.referral.completed.v1"]
        assert entries[0]["data"]["client_id"] == client_id

    async def test_the_partners_worker_who_acted_is_named_with_their_organisation(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, inbound_secret: str
    ) -> None:
        event = referral_event(
            client_id,
            "accepted",
            polkuactor="partner-liisa",
            polkuactorname="Liisa Kumppani",
            polkuactororg=str(uuid.uuid4()),
            polkuactororgname="Harjulan Setlementti",
        )
        headers, body = signed(event)
        assert (await client.post("/v1/events", headers=headers, content=body)).status_code == 202
        [entry] = (await timeline(client, test_issuer, client_id, source="/polku/referrals-api")).json()["items"]
        assert (entry["actor_subject"], entry["actor_name"], entry["actor_organisation_name"]) == (
            "partner-liisa",
            "Liisa Kumppani",
            "Harjulan Setlementti",
        )

    async def test_an_unknown_type_naming_our_client_is_kept_and_one_naming_nobody_is_acknowledged(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, inbound_secret: str
    ) -> None:
        headers, body = signed(referral_event(client_id, type="fi.polku.training.started.v1"))
        assert (await client.post("/v1/events", headers=headers, content=body)).json() == {"handled": True}
        stranger = referral_event(str(uuid.uuid4()))
        headers, body = signed(stranger)
        assert (await client.post("/v1/events", headers=headers, content=body)).json() == {"handled": False}
        headers, body = signed(referral_event(client_id, data={"note": "no client here"}))
        assert (await client.post("/v1/events", headers=headers, content=body)).json() == {"handled": False}

        types = [
            e["type"]
            for e in (await timeline(client, test_issuer, client_id, type_prefix="fi.polku.training.")).json()["items"]
        ]
        assert types == ["fi.polku.training.started.v1"]

    async def test_an_event_of_another_organisation_never_lands_on_our_clients_timeline(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, inbound_secret: str
    ) -> None:
        mikkeli = referral_event(client_id, "sent")
        mikkeli["data"] = {**mikkeli["data"], "sender_organisation_id": str(MIKKELI)}  # type: ignore[dict-item]
        unnamed = referral_event(client_id, "received", data={"client_id": client_id})
        for event in (mikkeli, unnamed):
            headers, body = signed(event)
            response = await client.post("/v1/events", headers=headers, content=body)
            assert (response.status_code, response.json()) == (202, {"handled": False})
        ours = referral_event(client_id, "accepted", data={"client_id": client_id, "organisation_id": str(LAHTI)})
        headers, body = signed(ours)
        assert (await client.post("/v1/events", headers=headers, content=body)).json() == {"handled": True}
        entries = (await timeline(client, test_issuer, client_id, source="/polku/referrals-api")).json()["items"]
        assert [entry["type"] for entry in entries] == ["fi.polku.referral.accepted.v1"]

    async def test_a_forged_or_unconfigured_signature_is_refused(
        self, client: httpx.AsyncClient, client_id: str, app: FastAPI, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        headers, body = signed(referral_event(client_id))
        assert (await client.post("/v1/events", headers=headers, content=body)).status_code == 401  # none configured
        from pydantic import SecretStr

        monkeypatch.setattr(
            app.state.settings,
            "inbound_webhook_secrets",
            [SecretStr("whsec_" + "b3RoZXItc2VjcmV0LW9mLXNvbWVib2R5LWVsc2U=")],
        )
        refused = await client.post("/v1/events", headers=headers, content=body)
        assert refused.status_code == 401
        assert refused.headers["content-type"] == "application/problem+json"


class TestAccess:
    @pytest.mark.parametrize("role", ["partner", "employer_services", "service", "platform", "dpo"])
    async def test_other_roles_are_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, role: str
    ) -> None:
        headers = test_issuer.headers(subject="someone", roles=[role], org=LAHTI)
        assert (await client.get(f"/v1/clients/{client_id}/timeline", headers=headers)).status_code == 403

    async def test_another_organisation_gets_not_found(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        response = await client.get(f"/v1/clients/{client_id}/timeline", headers=coach(test_issuer, org=MIKKELI))
        assert response.status_code == 404


def test_production_refuses_the_development_events_secret() -> None:
    from pydantic import ValidationError

    from clients_api.settings import Settings
    from polku_kit.settings import DEVELOPMENT_EVENTS_SECRET
    from polku_kit.testing import PRODUCTION_SETTINGS

    with pytest.raises(ValidationError, match="POLKU_INBOUND_WEBHOOK_SECRETS"):
        Settings(**PRODUCTION_SETTINGS, inbound_webhook_secrets=[DEVELOPMENT_EVENTS_SECRET])
    assert (
        Settings(
            **PRODUCTION_SETTINGS, inbound_webhook_secrets=[SECRET], clients_client_secret="a-secret-of-its-own"
        ).env
        == "production"
    )


def test_production_refuses_the_development_client_secret() -> None:
    from pydantic import ValidationError

    from clients_api.settings import Settings
    from polku_kit.testing import PRODUCTION_SETTINGS

    with pytest.raises(ValidationError, match="POLKU_CLIENTS_CLIENT_SECRET"):
        Settings(**PRODUCTION_SETTINGS)
    assert Settings(**PRODUCTION_SETTINGS, personal_data_sources=[]).env == "production"
