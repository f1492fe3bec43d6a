"""One client's read and its audit record are one statement, sent without BEGIN and COMMIT (decision 57): the
record names the person and the reader as a record of the request's transaction did, a client not found is no
record, and a record the database refuses is a failed read, never the client without its record."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import httpx
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from clients_api.access.service import PURPOSE
from polku_kit.audit import AuditRecord
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

from ..factories import AINO, coach

TeamOf = Callable[..., Awaitable[uuid.UUID]]  # the conftest fixture `team_of`


async def reads_of(db_session: AsyncSession, client_id: str) -> list[AuditRecord]:
    query = select(AuditRecord).where(AuditRecord.data_subject_id == uuid.UUID(client_id), AuditRecord.action == "read")
    return list((await db_session.scalars(query.order_by(AuditRecord.occurred_at))).all())


async def test_the_record_names_the_person_and_the_reader(
    client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession, client_id: str, team_of: TeamOf
) -> None:
    await team_of(AINO, "coach-2")
    before = datetime.now(UTC)
    response = await client.get(
        f"/v1/clients/{client_id}", headers=test_issuer.headers(subject="coach-2", roles=["coach"], org=LAHTI)
    )
    after = datetime.now(UTC)
    assert response.status_code == 200 and response.json()["id"] == client_id, response.text
    (audit,) = await reads_of(db_session, client_id)
    assert (audit.actor_subject, audit.actor_roles, audit.actor_organisation_id) == ("coach-2", ["coach"], LAHTI)
    assert (audit.resource_type, audit.resource_id, audit.data_subject_id) == (
        "client",
        client_id,
        uuid.UUID(client_id),
    )
    assert (audit.purpose, audit.details) == (PURPOSE, {})
    assert audit.request_id == response.headers["x-request-id"]
    assert before <= audit.occurred_at <= after
    assert audit.id.version == 4


async def test_a_client_not_found_or_beyond_reach_is_not_recorded(
    client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession, client_id: str
) -> None:
    for headers in (
        test_issuer.headers(subject="coach-other", roles=["coach"], org=LAHTI),  # not within this coach's reach
        test_issuer.headers(subject="admin-1", roles=["admin"], org=MIKKELI),  # another organisation
    ):
        response = await client.get(f"/v1/clients/{client_id}", headers=headers)
        assert response.status_code == 404, response.text
    missing = str(uuid.uuid4())
    assert (await client.get(f"/v1/clients/{missing}", headers=coach(test_issuer))).status_code == 404
    assert await reads_of(db_session, client_id) == []
    assert await reads_of(db_session, missing) == []


async def test_a_record_refused_is_a_failed_read(
    client: httpx.AsyncClient,
    test_issuer: TestIssuer,
    db_session: AsyncSession,
    db_connection: AsyncConnection,
    client_id: str,
) -> None:
    # The database refuses the record of a client's read (only in this test's transaction, rolled back after it).
    await db_connection.execute(
        text(
            "ALTER TABLE audit_record ADD CONSTRAINT refuse_client_reads "
            "CHECK (NOT (action = 'read' AND resource_type = 'client')) NOT VALID"
        )
    )
    savepoint = await db_connection.begin_nested()
    response = await client.get(f"/v1/clients/{client_id}", headers=coach(test_issuer))
    await savepoint.rollback()  # the failed statement failed the transaction it was sent in
    assert response.status_code == 500, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "Meikäläinen" not in response.text and "131052" not in response.text
    assert await reads_of(db_session, client_id) == []
