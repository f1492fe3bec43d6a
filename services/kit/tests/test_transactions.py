"""One transaction per request: the change, its audit record and its event commit together or not at all."""

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import TestIssuer


class TestRequestTransaction:
    async def test_change_audit_and_event_are_written_together(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        response = await client.post(
            "/v1/notes",
            json={"text": "hello"},
            headers=test_issuer.headers(subject="coach-7", roles=["coach"]),
        )
        assert response.status_code == 201
        note_id = response.json()["id"]
        audit = await db_session.scalar(select(AuditRecord).where(AuditRecord.resource_id == note_id))
        assert audit is not None and audit.actor_subject == "coach-7" and audit.action == "create"
        assert audit.request_id == response.headers["x-request-id"]
        event = await db_session.scalar(select(OutboxEvent).where(OutboxEvent.subject == f"notes/{note_id}"))
        assert event is not None and event.type == "fi.polku.note.created.v1"

    async def test_a_failing_request_leaves_nothing(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        response = await client.post(
            "/v1/notes",
            json={"text": "fail after writing"},
            headers=test_issuer.headers(),
        )
        assert response.status_code == 500
        notes = await db_session.scalar(text("SELECT count(*) FROM sample_note WHERE text = 'fail after writing'"))
        assert notes == 0
        events = await db_session.scalar(
            select(OutboxEvent).where(OutboxEvent.data["text"].astext == "fail after writing")
        )
        assert events is None


class TestAuditTrail:
    async def test_audit_records_cannot_be_changed_or_removed(
        self, client: httpx.AsyncClient, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        await client.post("/v1/notes", json={"text": "audited"}, headers=test_issuer.headers())
        for statement in ("UPDATE audit_record SET purpose = 'changed'", "DELETE FROM audit_record"):
            savepoint = await db_session.begin_nested()
            with pytest.raises(DBAPIError, match="append-only"):
                await db_session.execute(text(statement))
            await savepoint.rollback()
