"""Writing events: in the caller's transaction, with the service as source, as CloudEvents."""

import uuid
from datetime import UTC, date, datetime

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.outbox import OutboxEvent, emit
from polku_kit.testing import KELA, TestIssuer


class TestEmit:
    async def test_inside_a_request_the_source_is_the_service(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        response = await client.post("/v1/notes", json={"text": "hello"}, headers=test_issuer.headers())
        note_id = response.json()["id"]
        event = await db_session.scalar(select(OutboxEvent).where(OutboxEvent.subject == f"notes/{note_id}"))
        assert event is not None
        envelope = event.envelope()
        assert envelope == {
            "specversion": "1.0",
            "id": str(event.id),
            "source": "/polku/sample-api",
            "type": "fi.polku.note.created.v1",
            "subject": f"notes/{note_id}",
            "time": envelope["time"],
            "datacontenttype": "application/json",
            "data": {"id": note_id, "text": "hello"},
        }
        assert envelope["time"].endswith("Z") and event.fanned_out_at is None

    async def test_data_is_stored_as_json(self, db_session: AsyncSession) -> None:
        some_id = uuid.uuid4()
        event = await emit(
            db_session,
            source="/polku/test",
            type="fi.polku.thing.happened.v2",
            subject=None,
            data={"id": some_id, "on": date(2026, 12, 6), "at": datetime(2026, 11, 24, 8, tzinfo=UTC)},
            audience=[KELA, KELA],
        )
        await db_session.refresh(event)
        assert event.data == {"id": str(some_id), "on": "2026-12-06", "at": "2026-11-24T08:00:00Z"}
        assert event.audience == [KELA] and event.sequence > 0
        assert "subject" not in event.envelope()

    @pytest.mark.parametrize(
        "event_type", ["note.created", "fi.polku.note.created", "fi.polku.Note.created.v1", "com.example.x.v1"]
    )
    async def test_the_type_follows_the_naming_convention(self, db_session: AsyncSession, event_type: str) -> None:
        with pytest.raises(ValueError, match=r"fi\.polku"):
            await emit(db_session, source="/polku/test", type=event_type, subject=None, data={})

    async def test_outside_a_request_the_source_must_be_given(self, db_session: AsyncSession) -> None:
        with pytest.raises(ValueError, match="source"):
            await emit(db_session, type="fi.polku.note.created.v1", subject=None, data={})
