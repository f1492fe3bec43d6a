"""Receiving: a signed event is handled once; a bad or stale signature is refused; the inbox row is part of the
handler's transaction."""

import json
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.errors import ProblemError
from polku_kit.inbox import InboxEvent, InvalidSignature, receive
from polku_kit.webhooks import new_secret, sign
from services.kit.tests.sample_service.app import HANDLED, INBOX_SECRET


def signed(
    event_id: str | None = None, *, secret: str = INBOX_SECRET, at: datetime | None = None, **data: object
) -> tuple[str, dict[str, str]]:
    event_id = event_id or str(uuid.uuid4())
    body = json.dumps(
        {
            "specversion": "1.0",
            "id": event_id,
            "source": "/polku/referrals-api",
            "type": "fi.polku.referral.accepted.v1",
            "time": "2026-11-24T10:00:00Z",
            "data": {"referral": "r-1", **data},
        }
    )
    return body, sign(secret, event_id, body, at)


class TestReceive:
    async def test_an_event_is_handled_once(self, client: httpx.AsyncClient) -> None:
        body, headers = signed()
        first = await client.post("/v1/inbox", content=body, headers=headers)
        assert first.status_code == 202 and first.json() == {"handled": True}
        again = await client.post("/v1/inbox", content=body, headers=sign(INBOX_SECRET, headers["webhook-id"], body))
        assert again.status_code == 202 and again.json() == {"handled": False}
        assert HANDLED.count(headers["webhook-id"]) == 1

    async def test_unknown_event_types_are_recorded_and_acknowledged(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        event_id = str(uuid.uuid4())
        body = json.dumps({"specversion": "1.0", "id": event_id, "source": "/elsewhere", "type": "x.unknown.v9"})
        response = await client.post("/v1/inbox", content=body, headers=sign(INBOX_SECRET, event_id, body))
        assert response.status_code == 202
        row = await db_session.get(InboxEvent, event_id)
        assert row is not None and (row.source, row.type) == ("/elsewhere", "x.unknown.v9")

    async def test_a_failing_handler_leaves_no_inbox_row_so_the_retry_is_handled(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        body, headers = signed(fail=True)
        response = await client.post("/v1/inbox", content=body, headers=headers)
        assert response.status_code == 500  # the sender will retry
        assert await db_session.get(InboxEvent, headers["webhook-id"]) is None

    async def test_the_event_is_parsed(self, db_session: AsyncSession) -> None:
        body, headers = signed()
        event = await receive(db_session, secrets=INBOX_SECRET, headers=headers, body=body.encode())
        assert event is not None
        assert (event.id, event.source, event.type) == (
            headers["webhook-id"],
            "/polku/referrals-api",
            "fi.polku.referral.accepted.v1",
        )
        assert event.time == datetime(2026, 11, 24, 10, tzinfo=UTC) and event.data == {"referral": "r-1"}

    async def test_any_of_several_secrets_verifies(self, db_session: AsyncSession) -> None:
        """A receiver holds the old and the new secret while the sender rotates."""
        body, headers = signed()
        event = await receive(db_session, secrets=[new_secret(), INBOX_SECRET], headers=headers, body=body)
        assert event is not None


class TestRefused:
    async def _refused(self, client: httpx.AsyncClient, body: str, headers: dict[str, str], status: int = 401) -> dict:
        response = await client.post("/v1/inbox", content=body, headers=headers)
        assert response.status_code == status, response.text
        assert response.headers["content-type"] == "application/problem+json"
        return response.json()  # type: ignore[no-any-return]

    async def test_wrong_secret(self, client: httpx.AsyncClient) -> None:
        body, headers = signed(secret=new_secret())
        problem = await self._refused(client, body, headers)
        assert problem["type"].endswith("/invalid-webhook-signature")

    async def test_tampered_body(self, client: httpx.AsyncClient) -> None:
        body, headers = signed()
        await self._refused(client, body.replace("r-1", "r-2"), headers)

    @pytest.mark.parametrize("minutes", [-10, 10])
    async def test_stale_or_future_timestamp(self, client: httpx.AsyncClient, minutes: int) -> None:
        body, headers = signed(at=datetime.now(UTC) + timedelta(minutes=minutes))
        await self._refused(client, body, headers)

    @pytest.mark.parametrize(
        "change",
        [
            {"webhook-signature": "garbage"},
            {"webhook-signature": "v1,@@@"},
            {"webhook-timestamp": "soon"},
            {"webhook-id": ""},
        ],
    )
    async def test_malformed_headers(self, client: httpx.AsyncClient, change: dict[str, str]) -> None:
        body, headers = signed()
        await self._refused(client, body, {**headers, **change})

    async def test_missing_headers(self, client: httpx.AsyncClient) -> None:
        body, _ = signed()
        await self._refused(client, body, {"content-type": "application/json"})

    async def test_mismatched_ids(self, client: httpx.AsyncClient) -> None:
        body, _ = signed()
        problem = await self._refused(client, body, sign(INBOX_SECRET, str(uuid.uuid4()), body), status=400)
        assert problem["type"].endswith("/invalid-event")

    @pytest.mark.parametrize(
        "body",
        [
            "not json",
            "[1, 2]",
            '{"id": "x", "source": "/s", "type": "t"}',
            '{"specversion": "0.3", "id": "x", "source": "/s", "type": "t"}',
        ],
    )
    async def test_signed_but_not_a_cloudevent(self, client: httpx.AsyncClient, body: str) -> None:
        await self._refused(client, body, sign(INBOX_SECRET, "x", body), status=400)

    async def test_no_inbox_row_for_a_refused_event(self, db_session: AsyncSession) -> None:
        body, headers = signed(secret=new_secret())
        with pytest.raises(InvalidSignature):
            await receive(db_session, secrets=[INBOX_SECRET], headers=headers, body=body)
        assert await db_session.scalar(select(InboxEvent).where(InboxEvent.id == headers["webhook-id"])) is None
        assert issubclass(InvalidSignature, ProblemError) and InvalidSignature.status == 401
