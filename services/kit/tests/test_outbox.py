"""Writing events: in the caller's transaction, with the service as source, as CloudEvents."""

import json
import uuid
from datetime import UTC, date, datetime

import httpx
import pytest
import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.actor import Actor, set_actor
from polku_kit.inbox import parse
from polku_kit.outbox import OutboxEvent, emit
from polku_kit.testing import KELA, LAHTI, TestIssuer


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
            # Who acted, from the token at the time (polku_kit.actor), as CloudEvents extension attributes.
            "polkuactor": event.actor["subject"],
            "polkuactorname": "Test Person",
            "polkuactororg": str(LAHTI),
        }
        assert envelope["time"].endswith("Z") and event.fanned_out_at is None

    async def test_the_actor_names_the_person_and_organisation_from_the_token(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        headers = test_issuer.headers(subject="partner-liisa", name="Liisa Kumppani", org_name="Harjulan Setlementti")
        note_id = (await client.post("/v1/notes", json={"text": "hi"}, headers=headers)).json()["id"]
        event = await db_session.scalar(select(OutboxEvent).where(OutboxEvent.subject == f"notes/{note_id}"))
        assert event is not None
        assert event.actor == {
            "subject": "partner-liisa",
            "name": "Liisa Kumppani",
            "organisation_id": str(LAHTI),
            "organisation_name": "Harjulan Setlementti",
        }
        received = parse(json.dumps(event.envelope()).encode())
        assert received.actor == Actor("partner-liisa", "Liisa Kumppani", str(LAHTI), "Harjulan Setlementti")

    async def test_a_job_acts_as_itself_and_an_event_without_an_actor_has_none(self, db_session: AsyncSession) -> None:
        set_actor(Actor("coach-aino", "Aino Valmentaja"))  # left over from an earlier request in this context
        with structlog.contextvars.bound_contextvars(subject="system:overdue-notice"):
            event = await emit(
                db_session, source="/polku/test", type="fi.polku.thing.happened.v1", subject=None, data={}
            )
        assert event.actor == {"subject": "system:overdue-notice"}
        assert event.envelope()["polkuactor"] == "system:overdue-notice" and "polkuactorname" not in event.envelope()
        structlog.contextvars.clear_contextvars()
        quiet = await emit(db_session, source="/polku/test", type="fi.polku.thing.happened.v1", subject=None, data={})
        assert quiet.actor is None and "polkuactor" not in quiet.envelope()
        assert parse(json.dumps(quiet.envelope()).encode()).actor is None
        set_actor(None)

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
