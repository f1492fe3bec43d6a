"""A later version of a plan is saved in one statement (``plan.repository.save_later_version``): it writes what the
transaction's way writes (the version, the stored up-to-date status, the audit record, the event and its timeline
entry), and leaves to the transaction's way every save it does not make."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import Client
from clients_api.plan.models import PlanVersion
from clients_api.plan.service import ONE_NUMBER_PER_VERSION
from clients_api.plan.status import PlanFacts, up_to_date_until
from clients_api.timeline.models import TimelineEntry
from polku_kit.audit import AuditRecord
from polku_kit.calendar import local_date, today
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, TestIssuer, sql_statements

from ..factories import coach
from .test_router import plan


async def _written(db_session: AsyncSession, client_id: str, version: int) -> dict[str, Any]:
    subject = uuid.UUID(client_id)
    records = (
        await db_session.scalars(
            select(AuditRecord).where(AuditRecord.data_subject_id == subject, AuditRecord.resource_type == "plan")
        )
    ).all()
    events = (
        await db_session.scalars(
            select(OutboxEvent).where(
                OutboxEvent.subject == f"clients/{client_id}",
                OutboxEvent.type == "fi.polku.client.plan_version_created.v1",
            )
        )
    ).all()
    event = next(event for event in events if event.data["version"] == version)
    record = next(record for record in records if record.details == {"version": version})
    entry = await db_session.scalar(select(TimelineEntry).where(TimelineEntry.event_id == str(event.id)))
    return {"record": record, "event": event, "entry": entry}


async def test_a_later_version_writes_what_the_transaction_writes(
    app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
) -> None:
    url = f"/v1/clients/{client_id}/plan"
    held = await client.post(
        f"/v1/clients/{client_id}/interviews",
        headers=coach(test_issuer),
        json={"held_on": today().isoformat(), "channel": "phone"},
    )
    assert held.status_code == 201, held.text
    first = await client.put(url, json=plan(), headers=coach(test_issuer))  # the first: the transaction's way
    assert first.status_code == 200, first.text
    with sql_statements(app, transactions=True) as statements:
        second = await client.put(
            url, json=plan(goals=["Sales"]), headers={**coach(test_issuer), "If-Match": first.headers["etag"]}
        )
    assert second.status_code == 200, second.text
    assert len(statements) == 1, statements
    saved = second.json()
    assert saved["version"] == 2 and saved["goals"] == ["Sales"] and second.headers["etag"] == '"plan-v2"'

    one, two = await _written(db_session, client_id, 1), await _written(db_session, client_id, 2)
    # The audit record: the same columns as the transaction's (an update, naming the version and the person).
    assert (two["record"].action, one["record"].action) == ("update", "create")
    for column in ("actor_subject", "actor_roles", "actor_organisation_id", "resource_type", "purpose"):
        assert getattr(two["record"], column) == getattr(one["record"], column), column
    version_id = await db_session.scalar(
        select(PlanVersion.id).where(PlanVersion.client_id == uuid.UUID(client_id), PlanVersion.version == 2)
    )
    assert two["record"].resource_id == str(version_id) and two["record"].data_subject_id == uuid.UUID(client_id)
    # The event and its timeline entry, as emit() and the timeline's recorder write them.
    assert two["event"].data == {
        "client_id": client_id,
        "version": 2,
        "plan_type": saved["plan_type"],
        "next_review_on": saved["next_review_on"],
    }
    assert two["event"].audience == [LAHTI] and two["event"].source == one["event"].source
    assert two["event"].actor == one["event"].actor and two["event"].specversion == "1.0"
    assert two["entry"] is not None and two["entry"].data == two["event"].data
    assert (two["entry"].actor_subject, two["entry"].type) == (one["entry"].actor_subject, one["entry"].type)
    # The stored up-to-date status: the plan rule on the version's day and the interview held today.
    stored = await db_session.scalar(
        select(Client.plan_up_to_date_until)
        .where(Client.id == uuid.UUID(client_id))
        .execution_options(populate_existing=True)
    )
    version_day = local_date(two["event"].time)
    assert stored == up_to_date_until(
        PlanFacts(
            plan_reviewed_on=version_day,
            applications_per_period=4,
            period_months=1,
            obligation_reduction_reason=None,
            latest_mandatory_interview_on=today(),
        )
    )
    assert stored is not None


async def test_an_if_match_of_an_older_version_writes_nothing_and_is_412(
    client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
) -> None:
    url = f"/v1/clients/{client_id}/plan"
    first = await client.put(url, json=plan(), headers=coach(test_issuer))
    second = await client.put(url, json=plan(), headers={**coach(test_issuer), "If-Match": first.headers["etag"]})
    assert second.status_code == 200
    stale = await client.put(url, json=plan(), headers={**coach(test_issuer), "If-Match": first.headers["etag"]})
    assert stale.status_code == 412 and stale.json()["current_version"] == 2
    versions = await client.get(f"{url}/versions", headers=coach(test_issuer))
    assert [version["version"] for version in versions.json()] == [1, 2]


async def test_any_version_and_a_compressed_etag_are_saved_in_one_statement(
    app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
) -> None:
    url = f"/v1/clients/{client_id}/plan"
    await client.put(url, json=plan(), headers=coach(test_issuer))
    for if_match, version in (("*", 2), ('W/"plan-v2-gzip"', 3)):
        with sql_statements(app, transactions=True) as statements:
            saved = await client.put(url, json=plan(), headers={**coach(test_issuer), "If-Match": if_match})
        assert saved.status_code == 200 and saved.json()["version"] == version, saved.text
        assert len(statements) == 1, statements


async def test_a_client_out_of_reach_is_404_and_nothing_is_written(
    client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
) -> None:
    url = f"/v1/clients/{client_id}/plan"
    first = await client.put(url, json=plan(), headers=coach(test_issuer))
    other = await client.put(
        url, json=plan(), headers={**coach(test_issuer, "coach-of-another-team"), "If-Match": first.headers["etag"]}
    )
    assert other.status_code == 404
    versions = await client.get(f"{url}/versions", headers=coach(test_issuer))
    assert [version["version"] for version in versions.json()] == [1]


async def _client_row(db_session: AsyncSession, client_id: str) -> tuple[str, Any]:
    """The client's row version (its ctid: an UPDATE, even one to the same values, writes a new one) and stored
    up-to-date status."""
    row = (
        await db_session.execute(
            text("SELECT ctid::text, plan_up_to_date_until FROM client WHERE id = :id"), {"id": uuid.UUID(client_id)}
        )
    ).one()
    return row[0], row[1]


async def _interviewed_today_with_a_plan(
    client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
) -> httpx.Response:
    """An interview held today and the client's first plan saved: the answer of the save."""
    held = await client.post(
        f"/v1/clients/{client_id}/interviews",
        headers=coach(test_issuer),
        json={"held_on": today().isoformat(), "channel": "phone"},
    )
    assert held.status_code == 201, held.text
    return await client.put(f"/v1/clients/{client_id}/plan", json=plan(), headers=coach(test_issuer))


async def test_a_later_version_leaves_the_clients_row_alone_when_its_stored_status_is_unchanged(
    client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
) -> None:
    url = f"/v1/clients/{client_id}/plan"
    first = await _interviewed_today_with_a_plan(client, test_issuer, client_id)
    second = await client.put(url, json=plan(), headers={**coach(test_issuer), "If-Match": first.headers["etag"]})
    assert second.status_code == 200, second.text
    before = await _client_row(db_session, client_id)
    assert before[1] is not None
    third = await client.put(
        url, json=plan(goals=["Sales"]), headers={**coach(test_issuer), "If-Match": second.headers["etag"]}
    )
    assert third.status_code == 200 and third.json()["version"] == 3, third.text
    # The same day, obligation and interview: the status stored is the status the version has, so the client's row is
    # not rewritten (the code before wrote a new row version of the client on every save).
    assert await _client_row(db_session, client_id) == before


async def test_a_later_version_stores_a_status_that_differs(
    client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
) -> None:
    url = f"/v1/clients/{client_id}/plan"
    first = await _interviewed_today_with_a_plan(client, test_issuer, client_id)
    expected = (await _client_row(db_session, client_id))[1]
    assert expected is not None
    await db_session.execute(
        text("UPDATE client SET plan_up_to_date_until = NULL WHERE id = :id"), {"id": uuid.UUID(client_id)}
    )
    second = await client.put(url, json=plan(), headers={**coach(test_issuer), "If-Match": first.headers["etag"]})
    assert second.status_code == 200, second.text
    assert (await _client_row(db_session, client_id))[1] == expected


async def test_a_version_number_taken_is_refused_by_the_key_the_save_reads(
    client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
) -> None:
    """Of two saves of one version at once, the second's INSERT is refused by the plan's (client, version) key, and
    the save answers by the transaction's way only when the constraint refusing it is that key
    (``service.ONE_NUMBER_PER_VERSION``); any other is an error."""
    first = await client.put(f"/v1/clients/{client_id}/plan", json=plan(), headers=coach(test_issuer))
    assert first.status_code == 200, first.text
    with pytest.raises(IntegrityError) as refused:
        async with db_session.begin_nested():
            await db_session.execute(
                text(
                    "INSERT INTO plan_version (id, client_id, version, plan_type, goals, tasks,"
                    " applications_per_period, period_months, next_review_on, created_by)"
                    " VALUES (gen_random_uuid(), :client_id, 1, 'employment', '[]', '[]', 4, 1, CURRENT_DATE, 'x')"
                ),
                {"client_id": uuid.UUID(client_id)},
            )
    assert refused.value.orig.__cause__.constraint_name == ONE_NUMBER_PER_VERSION  # type: ignore[union-attr]


async def test_plan_versions_and_timeline_entries_have_no_index_of_their_own_ids(db_session: AsyncSession) -> None:
    """Nothing reads a plan version or a timeline entry by its id: a plan save writes an index entry for its version's
    (client, version) key and the timeline entry's event and client, none for either id (migration clients_0029)."""
    indexes = {
        row[0]: row[1]
        for row in (
            await db_session.execute(
                text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('plan_version', 'timeline_entry')")
            )
        ).all()
    }
    assert indexes == {
        "pk_plan_version": (
            "CREATE UNIQUE INDEX pk_plan_version ON public.plan_version USING btree (client_id, version)"
        ),
        "pk_timeline_entry": "CREATE UNIQUE INDEX pk_timeline_entry ON public.timeline_entry USING btree (event_id)",
        "ix_timeline_entry_client": (
            "CREATE INDEX ix_timeline_entry_client ON public.timeline_entry USING btree (client_id, occurred_at, id)"
        ),
    }
