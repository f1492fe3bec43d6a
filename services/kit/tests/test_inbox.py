"""Receiving: a signed event is handled once; a bad or stale signature is refused."""

import json
import uuid
from datetime import UTC, datetime, timedelta

import httpx

from polku_kit.webhooks import sign

from services.kit.tests.sample_service.app import INBOX_SECRET


def signed(event_id: str | None = None, *, secret: str = INBOX_SECRET, at: datetime | None = None):
    event_id = event_id or str(uuid.uuid4())
    body = json.dumps({"specversion": "1.0", "id": event_id, "source": "/polku/referrals-api",
                       "type": "fi.polku.referral.accepted.v1", "data": {"referral": "r-1"}})
    return body, sign(secret, event_id, body, at)


class TestReceive:
    async def test_an_event_is_handled_once(self, client: httpx.AsyncClient) -> None:
        body, headers = signed()
        first = await client.post("/v1/inbox", content=body, headers=headers)
        assert first.status_code == 202 and first.json() == {"handled": True}
        again = await client.post("/v1/inbox", content=body, headers=headers)
        assert again.status_code == 202 and again.json() == {"handled": False}

    async def test_unknown_event_types_are_acknowledged(self, client: httpx.AsyncClient) -> None:
        event_id = str(uuid.uuid4())
        body = json.dumps({"specversion": "1.0", "id": event_id, "source": "/elsewhere", "type": "x.unknown.v9"})
        response = await client.post("/v1/inbox", content=body, headers=sign(INBOX_SECRET, event_id, body))
        assert response.status_code == 202

    async def test_wrong_secret_is_refused(self, client: httpx.AsyncClient) -> None:
        body, headers = signed(secret="whsec_" + "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC0zMmJ5dGVz")
        response = await client.post("/v1/inbox", content=body, headers=headers)
        assert response.status_code == 401
        assert response.json()["type"].endswith("/invalid-webhook-signature")

    async def test_tampered_body_is_refused(self, client: httpx.AsyncClient) -> None:
        body, headers = signed()
        response = await client.post("/v1/inbox", content=body.replace("r-1", "r-2"), headers=headers)
        assert response.status_code == 401

    async def test_stale_timestamp_is_refused(self, client: httpx.AsyncClient) -> None:
        body, headers = signed(at=datetime.now(UTC) - timedelta(minutes=10))
        response = await client.post("/v1/inbox", content=body, headers=headers)
        assert response.status_code == 401

    async def test_mismatched_ids_are_refused(self, client: httpx.AsyncClient) -> None:
        body, headers = signed()
        other = str(uuid.uuid4())
        response = await client.post("/v1/inbox", content=body, headers=sign(INBOX_SECRET, other, body))
        assert response.status_code == 400
