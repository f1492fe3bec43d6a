"""The client page's reads, each one statement with its audit record (decision 82): the record is the one the
request's transaction wrote before (the action, the resource, the person, the reader, the purpose), a client beyond the
caller's reach or of another organisation is the same 404 as a missing one with no record, and a record the database
refuses is a failed read, never the rows without their record."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from clients_api.access.service import PURPOSE
from clients_api.client.models import Client
from clients_api.meeting.models import Meeting
from clients_api.plan.models import PlanVersion
from polku_kit.audit import AuditRecord
from polku_kit.calendar import HELSINKI
from polku_kit.calendar import today as calendar_today
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer, sql_statements

from .conftest import TeamOf
from .factories import AINO, coach, register
from .plan.test_router import plan

# Each read: its path under the client, the record's resource type, and the record's resource (as each read's record
# named it before): the client, none, or the row read (ROW: found by ``row_of``). The page's seven, then the plan's
# versions, one meeting (``MEETING``: the meeting booked by ``prepare``) and the plan's status.
ROW = "row"
MEETING = "meetings/{meeting}"
READS = [
    ("status-history", "client_status_history", "client"),
    ("timeline", "timeline", None),
    ("plan", "plan", ROW),
    ("consents", "consent", None),
    ("interviews", "interview", None),
    ("meetings", "meeting", None),
    ("schedule", "schedule", None),
    ("plan/versions", "plan_history", None),
    (MEETING, "meeting", ROW),
    ("plan/status", "plan_status", None),
]


async def prepare(client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, path: str) -> str:
    """What a read needs to answer 200 besides the registered client (a plan to read, a meeting to read); the read's
    path under the client."""
    if path in ("plan", "plan/versions", "plan/status"):
        for _ in range(2 if path == "plan/versions" else 1):
            current = await client.get(f"/v1/clients/{client_id}/plan", headers=coach(test_issuer))
            edited = {"If-Match": current.headers["etag"]} if current.status_code == 200 else {}
            response = await client.put(
                f"/v1/clients/{client_id}/plan", json=plan(), headers={**coach(test_issuer), **edited}
            )
            assert response.status_code == 200, response.text
    if path == MEETING:
        return path.format(meeting=await book_meeting(client, test_issuer, client_id))
    return path


async def book_meeting(client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str) -> str:
    """A meeting booked tomorrow for the client's initial interview; its id."""
    starts = datetime.combine(calendar_today() + timedelta(days=1), time(10), HELSINKI)
    booking = {"deadline_kind": "initial_interview", "deadline_number": 1, "starts_at": starts.isoformat()}
    response = await client.post(
        f"/v1/clients/{client_id}/meetings", json={**booking, "channel": "phone"}, headers=coach(test_issuer)
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def row_of(db_session: AsyncSession, client_id: str, path: str) -> str:
    """The id of the row a read's record names: the client's current plan version, or its meeting."""
    if path == MEETING:
        return str(await db_session.scalar(select(Meeting.id).where(Meeting.client_id == uuid.UUID(client_id))))
    assert path == "plan", path
    query = select(PlanVersion.id).where(PlanVersion.client_id == uuid.UUID(client_id))
    return str(await db_session.scalar(query.order_by(PlanVersion.version.desc()).limit(1)))


async def reads_of(db_session: AsyncSession, client_id: str, resource_type: str) -> list[AuditRecord]:
    query = select(AuditRecord).where(
        AuditRecord.data_subject_id == uuid.UUID(client_id),
        AuditRecord.action == "read",
        AuditRecord.resource_type == resource_type,
    )
    return list((await db_session.scalars(query.order_by(AuditRecord.occurred_at))).all())


@pytest.mark.parametrize(("path", "resource_type", "resource"), READS)
async def test_the_record_names_the_person_and_the_reader(
    client: httpx.AsyncClient,
    test_issuer: TestIssuer,
    db_session: AsyncSession,
    client_id: str,
    team_of: TeamOf,
    path: str,
    resource_type: str,
    resource: str | None,
) -> None:
    await team_of(AINO, "coach-2")
    read = await prepare(client, test_issuer, client_id, path)
    before = datetime.now(UTC)
    response = await client.get(
        f"/v1/clients/{client_id}/{read}", headers=test_issuer.headers(subject="coach-2", roles=["coach"], org=LAHTI)
    )
    after = datetime.now(UTC)
    assert response.status_code == 200, response.text
    (audit,) = await reads_of(db_session, client_id, resource_type)
    assert (audit.actor_subject, audit.actor_roles, audit.actor_organisation_id) == ("coach-2", ["coach"], LAHTI)
    named = (
        {"client": client_id, None: None}[resource] if resource != ROW else await row_of(db_session, client_id, path)
    )
    assert (audit.resource_id, audit.data_subject_id) == (named, uuid.UUID(client_id))
    assert (audit.purpose, audit.details) == (PURPOSE, {})
    assert audit.request_id == response.headers["x-request-id"]
    assert before <= audit.occurred_at <= after
    assert audit.id.version == 4


@pytest.mark.parametrize(("path", "resource_type", "resource"), READS)
async def test_a_client_not_found_or_beyond_reach_is_not_recorded(
    client: httpx.AsyncClient,
    test_issuer: TestIssuer,
    db_session: AsyncSession,
    client_id: str,
    path: str,
    resource_type: str,
    resource: str | None,
) -> None:
    read = await prepare(client, test_issuer, client_id, path)
    for headers in (
        test_issuer.headers(subject="coach-other", roles=["coach"], org=LAHTI),  # not within this coach's reach
        test_issuer.headers(subject="admin-1", roles=["admin"], org=MIKKELI),  # another organisation
    ):
        response = await client.get(f"/v1/clients/{client_id}/{read}", headers=headers)
        assert response.status_code == 404 and response.json()["detail"] == f"No client {client_id}", response.text
    missing = str(uuid.uuid4())
    response = await client.get(f"/v1/clients/{missing}/{read}", headers=coach(test_issuer))
    assert response.status_code == 404 and response.json()["detail"] == f"No client {missing}", response.text
    assert await reads_of(db_session, client_id, resource_type) == []
    assert await reads_of(db_session, missing, resource_type) == []


@pytest.mark.parametrize(("path", "resource_type", "resource"), READS)
async def test_a_record_refused_is_a_failed_read(
    client: httpx.AsyncClient,
    test_issuer: TestIssuer,
    db_connection: AsyncConnection,
    client_id: str,
    path: str,
    resource_type: str,
    resource: str | None,
) -> None:
    # The database refuses the record of this read (only in this test's transaction, rolled back after it).
    await db_connection.execute(
        text(
            "ALTER TABLE audit_record ADD CONSTRAINT refuse_page_reads "
            f"CHECK (NOT (action = 'read' AND resource_type = '{resource_type}')) NOT VALID"
        )
    )
    read = await prepare(client, test_issuer, client_id, path)
    savepoint = await db_connection.begin_nested()
    response = await client.get(f"/v1/clients/{client_id}/{read}", headers=coach(test_issuer))
    await savepoint.rollback()  # the failed statement failed the transaction it was sent in
    assert response.status_code == 500, response.text
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_cursor_not_given_out_is_a_404_for_a_client_not_found(
    client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession, client_id: str
) -> None:
    # As when the client was looked up before the cursor was read: a client not found is not found whatever the cursor.
    url = f"/v1/clients/{client_id}/timeline?cursor=not-a-cursor"
    beyond = test_issuer.headers(subject="coach-other", roles=["coach"], org=LAHTI)
    assert (await client.get(url, headers=beyond)).status_code == 404
    refused = await client.get(url, headers=coach(test_issuer))
    assert refused.status_code == 400 and refused.json()["type"].endswith("invalid-cursor"), refused.text
    assert await reads_of(db_session, client_id, "timeline") == []


async def test_a_type_prefix_is_matched_as_written(
    client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
) -> None:
    # LIKE's wildcards in a prefix match only themselves (the registration's type has no "_" after "client.").
    url = f"/v1/clients/{client_id}/timeline"
    found = await client.get(url, params={"type_prefix": "fi.polku.client.reg"}, headers=coach(test_issuer))
    assert [item["type"] for item in found.json()["items"]] == ["fi.polku.client.registered.v1"], found.text
    for prefix in ("fi.polku.client.re_", "fi.polku.client.%", "fi/polku"):
        none = await client.get(url, params={"type_prefix": prefix}, headers=coach(test_issuer))
        assert none.status_code == 200 and none.json() == {"items": [], "next_cursor": None}, (prefix, none.text)


async def test_a_client_without_a_plan_is_a_404_of_its_own_and_no_record(
    client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession, client_id: str
) -> None:
    response = await client.get(f"/v1/clients/{client_id}/plan", headers=coach(test_issuer))
    assert response.status_code == 404 and response.json()["type"].endswith("plan-not-found"), response.text
    assert await reads_of(db_session, client_id, "plan") == []


async def test_a_schedule_out_of_date_is_refreshed_answered_and_recorded_once(
    app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession, client_id: str
) -> None:
    headers = coach(test_issuer)
    waived = await client.post(
        f"/v1/clients/{client_id}/schedule/waivers",
        json={"kind": "initial_interview", "number": 1, "reason": "Työssä"},
        headers=headers,
    )
    assert waived.status_code == 201, waived.text
    current = await client.get(f"/v1/clients/{client_id}/schedule", headers=headers)
    assert current.status_code == 200, current.text
    # The stored deadlines out of date (as after a bulk load): the statement reads and records nothing, and the
    # schedule is refreshed, read and recorded in a transaction of its own, with the same answer.
    await db_session.execute(update(Client).where(Client.id == uuid.UUID(client_id)).values(deadlines_valid_until=None))
    with sql_statements(app, transactions=True) as statements:
        refreshed = await client.get(f"/v1/clients/{client_id}/schedule", headers=headers)
    assert refreshed.status_code == 200 and refreshed.json() == current.json(), refreshed.text
    assert len(statements) > 1 and "BEGIN" in statements, statements
    assert len(await reads_of(db_session, client_id, "schedule")) == 2
    # Refreshed: the next read is one statement again, the same answer, the waiver's reason in it.
    with sql_statements(app, transactions=True) as statements:
        again = await client.get(f"/v1/clients/{client_id}/schedule", headers=headers)
    assert again.json() == current.json() and len(statements) == 1, statements
    (initial,) = (d for d in again.json()["deadlines"] if d["kind"] == "initial_interview")
    assert (initial["status"], initial["waiver_reason"]) == ("waived", "Työssä")
    assert len(await reads_of(db_session, client_id, "schedule")) == 3


async def test_a_meeting_missing_or_of_another_client_is_a_404_of_its_own_and_no_record(
    client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession, client_id: str
) -> None:
    other = await register(client, coach(test_issuer), personal_identity_code="010101-123N")
    others = await book_meeting(client, test_issuer, other)
    for meeting in (others, str(uuid.uuid4())):
        response = await client.get(f"/v1/clients/{client_id}/meetings/{meeting}", headers=coach(test_issuer))
        assert response.status_code == 404 and response.json()["type"].endswith("meeting-not-found"), response.text
        assert response.json()["detail"] == f"No meeting {meeting} for this client", response.text
    assert await reads_of(db_session, client_id, "meeting") == []
    assert await reads_of(db_session, other, "meeting") == []


async def test_a_meeting_is_answered_with_its_etag(
    client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
) -> None:
    meeting = await book_meeting(client, test_issuer, client_id)
    url = f"/v1/clients/{client_id}/meetings/{meeting}"
    moved = datetime.combine(calendar_today() + timedelta(days=1), time(14), HELSINKI).isoformat()
    changed = await client.patch(url, json={"starts_at": moved}, headers={**coach(test_issuer), "If-Match": '"v1"'})
    assert changed.status_code == 200, changed.text
    response = await client.get(url, headers=coach(test_issuer))
    assert response.status_code == 200 and response.headers["etag"] == '"v2"', response.text
    listed = (await client.get(f"/v1/clients/{client_id}/meetings", headers=coach(test_issuer))).json()
    assert response.json() == listed[0], response.text
    assert datetime.fromisoformat(response.json()["starts_at"]) == datetime.fromisoformat(moved)


async def test_the_plans_versions_are_answered_oldest_first_and_none_recorded_too(
    client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession, client_id: str
) -> None:
    url = f"/v1/clients/{client_id}/plan/versions"
    none = await client.get(url, headers=coach(test_issuer))
    assert none.status_code == 200 and none.json() == [], none.text
    (recorded,) = await reads_of(db_session, client_id, "plan_history")
    assert (recorded.resource_id, recorded.data_subject_id) == (None, uuid.UUID(client_id))
    await prepare(client, test_issuer, client_id, "plan/versions")
    versions = (await client.get(url, headers=coach(test_issuer))).json()
    current = (await client.get(f"/v1/clients/{client_id}/plan", headers=coach(test_issuer))).json()
    assert [version["version"] for version in versions] == [1, 2] and versions[-1] == current, versions
    assert len(await reads_of(db_session, client_id, "plan_history")) == 2


async def test_a_plan_status_out_of_date_is_refreshed_answered_and_recorded_once(
    app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession, client_id: str
) -> None:
    headers = coach(test_issuer)
    await prepare(client, test_issuer, client_id, "plan/status")
    held = {"held_on": calendar_today().isoformat(), "channel": "phone"}
    assert (await client.post(f"/v1/clients/{client_id}/interviews", json=held, headers=headers)).status_code == 201
    url = f"/v1/clients/{client_id}/plan/status"
    current = await client.get(url, headers=headers)
    assert current.status_code == 200 and current.json()["latest_mandatory_interview_on"] == held["held_on"]
    assert current.json()["plan_reviewed_on"] == calendar_today().isoformat() and current.json()["up_to_date"]
    # The stored deadlines out of date: the statement reads and records nothing, and the status is refreshed, read and
    # recorded in a transaction of its own, with the same answer (as the schedule).
    await db_session.execute(update(Client).where(Client.id == uuid.UUID(client_id)).values(deadlines_valid_until=None))
    with sql_statements(app, transactions=True) as statements:
        refreshed = await client.get(url, headers=headers)
    assert refreshed.status_code == 200 and refreshed.json() == current.json(), refreshed.text
    assert len(statements) > 1 and "BEGIN" in statements, statements
    assert len(await reads_of(db_session, client_id, "plan_status")) == 2
    with sql_statements(app, transactions=True) as statements:
        again = await client.get(url, headers=headers)
    assert again.json() == current.json() and len(statements) == 1, statements
    assert len(await reads_of(db_session, client_id, "plan_status")) == 3
