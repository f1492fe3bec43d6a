"""The SQL statements of the coach's hot endpoints, counted: a change that adds a round trip to the due list, the
search, a client's page or a plan save fails here (in milliseconds, on any machine) before it shows in a load
test. The audit record of a read is one of them: it stays in the read's transaction. With ``transactions=True`` the
request's BEGIN and COMMIT are counted too (in a test, the savepoint that stands for them)."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from polku_kit.calendar import HELSINKI
from polku_kit.calendar import today as calendar_today
from polku_kit.testing import LAHTI, TestIssuer, sql_statements

from .conftest import TeamOf

COACH = "coach-aino"


def explain(statements: list[str]) -> str:
    return "\n---\n".join(statements)


@pytest.fixture
def coach(test_issuer: TestIssuer) -> dict[str, str]:
    return test_issuer.headers(subject=COACH, roles=["coach"], org=LAHTI)


@pytest.fixture
async def client_id(client: httpx.AsyncClient, coach: dict[str, str]) -> str:
    response = await client.post(
        "/v1/clients",
        headers=coach,
        json={
            "personal_identity_code": "131052-308T",
            "first_names": "Matti",
            "last_name": "Meikäläinen",
            "home_municipality": "398",
            "job_search_started_on": (calendar_today() - timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


PLAN = {
    "goals": ["Work in logistics within six months"],
    "applications_per_period": 4,
    "period_months": 1,
    "next_review_on": (calendar_today() + timedelta(days=90)).isoformat(),
}


async def test_due_list(app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], client_id: str) -> None:
    with sql_statements(app, transactions=True) as statements:
        response = await client.get("/v1/due-list", headers=coach)
    assert response.status_code == 200 and response.json()["items"], response.text
    # One statement and nothing around it (decision 0067): the caseload's freshness, its stored deadlines, the open
    # statement requests and the audit record as a CTE, sent without BEGIN and COMMIT. The code before counted five
    # (BEGIN, the freshness with the deadlines, the statement requests, the record, COMMIT).
    assert len(statements) == 1, explain(statements)
    assert statements[0].startswith("WITH") and "INSERT INTO audit_record" in statements[0], explain(statements)


async def test_due_list_of_a_colleague(
    app: FastAPI,
    client: httpx.AsyncClient,
    test_issuer: TestIssuer,
    team_of: TeamOf,
    coach: dict[str, str],
    client_id: str,
) -> None:
    await team_of(COACH, "coach-mari")
    mari = test_issuer.headers(subject="coach-mari", roles=["coach"], org=LAHTI)
    with sql_statements(app, transactions=True) as statements:
        response = await client.get("/v1/due-list", params={"coach": COACH}, headers=mari)
    assert response.status_code == 200 and response.json()["items"], response.text
    # The caller's colleagues are an array in the same statement: still one, where the code before read the teams
    # in a statement of their own (six with BEGIN and COMMIT).
    assert len(statements) == 1, explain(statements)


async def test_search(app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], client_id: str) -> None:
    with sql_statements(app, transactions=True) as statements:
        response = await client.post("/v1/clients/search", json={"limit": 20}, headers=coach)
    assert response.status_code == 200 and [item["id"] for item in response.json()["items"]] == [client_id]
    # One statement and nothing around it: the caller's teams as arrays in it, the page of clients with their status
    # histories and assessments, and the audit record naming the clients shown as a CTE, sent without BEGIN and
    # COMMIT. The code before counted five (BEGIN, the teams, the page, the record, COMMIT).
    assert len(statements) == 1, explain(statements)
    assert statements[0].startswith("WITH") and "INSERT INTO audit_record" in statements[0], explain(statements)


async def test_search_by_target_group(
    app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], client_id: str
) -> None:
    with sql_statements(app, transactions=True) as statements:
        response = await client.post(
            "/v1/clients/search",
            json={"limit": 20, "target_groups": ["newly_unemployed", "immigrant_in_integration_period"]},
            headers=coach,
        )
    assert response.status_code == 200, response.text
    # The target groups are judged in the same statement (they were computed in Python over batches of rows).
    assert len(statements) == 1, explain(statements)


async def test_client_read(app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], client_id: str) -> None:
    with sql_statements(app, transactions=True) as statements:
        response = await client.get(f"/v1/clients/{client_id}", headers=coach)
    assert response.status_code == 200, response.text
    # One statement and nothing around it (decision 0057): the client with its status history and assessment, the
    # reach in SQL with the caller's teams (decision 0050), and the audit record as a CTE of the same statement, sent
    # without BEGIN and COMMIT (PostgreSQL makes it a transaction of its own). One round trip.
    assert len(statements) == 1, explain(statements)
    assert statements[0].startswith("WITH found AS") and "INSERT INTO audit_record" in statements[0]


async def test_plan_save(app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], client_id: str) -> None:
    first = await client.put(f"/v1/clients/{client_id}/plan", json=PLAN, headers=coach)
    assert first.status_code == 200, first.text
    with sql_statements(app, transactions=True) as statements:
        response = await client.put(
            f"/v1/clients/{client_id}/plan", json=PLAN, headers={**coach, "If-Match": first.headers["etag"]}
        )
    assert response.status_code == 200 and response.json()["version"] == 2, response.text
    # One statement and nothing around it: the client locked with the caller's teams, its latest version and the
    # If-Match check, the new version, the plan's up-to-date status stored on the client, the audit record, the event
    # and its timeline entry, as CTEs. The code before counted six (and BEGIN and COMMIT around them).
    assert len(statements) == 1, explain(statements)
    assert statements[0].startswith("WITH target AS"), explain(statements)
    for table in ("plan_version", "audit_record", "outbox_event", "timeline_entry"):
        assert f"INSERT INTO {table}" in statements[0], table


async def test_caseload_balance(
    app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, coach: dict[str, str], client_id: str
) -> None:
    manager = test_issuer.headers(subject="manager-pekka", roles=["manager"], org=LAHTI)
    team = await client.post("/v1/teams", json={"name": "Tiimi"}, headers=manager)
    await client.post(
        f"/v1/teams/{team.json()['id']}/members", headers=manager, json={"coach_subject": COACH, "display_name": "Aino"}
    )
    with sql_statements(app) as statements:
        response = await client.get("/v1/caseloads", headers=manager)
    assert response.status_code == 200 and response.json()["coaches"][0]["active_clients"] == 1, response.text
    # The deadlines' freshness, every count in one statement (per coach, per team, the organisation's), the teams
    # and their members (for names): not a row per client, however many the organisation has.
    assert len(statements) == 4, explain(statements)


async def _one_audited_statement(app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], url: str) -> Any:
    """The page's read at ``url``: answered, and one statement with its audit record in it and nothing around it."""
    with sql_statements(app, transactions=True) as statements:
        response = await client.get(url, headers=coach)
    assert response.status_code == 200, response.text
    # The client with the caller's reach, the read's audit record and the client's rows as CTEs of one statement, sent
    # without BEGIN and COMMIT (decision 0082).
    assert len(statements) == 1, explain(statements)
    assert statements[0].startswith("WITH") and "INSERT INTO audit_record" in statements[0], explain(statements)
    return response.json()


async def test_status_history(app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], client_id: str) -> None:
    history = await _one_audited_statement(app, client, coach, f"/v1/clients/{client_id}/status-history")
    # The code before counted five: BEGIN, the client with the caller's reach, the record, the history, COMMIT.
    assert [change["status"] for change in history] == ["unemployed"]


async def test_timeline(app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], client_id: str) -> None:
    assert (await client.put(f"/v1/clients/{client_id}/plan", json=PLAN, headers=coach)).status_code == 200
    first = await _one_audited_statement(app, client, coach, f"/v1/clients/{client_id}/timeline?limit=1")
    assert len(first["items"]) == 1 and first["next_cursor"], first
    # The next page, filtered: its cursor and criteria are parameters of the same one statement. The code before
    # counted five (BEGIN, the client with the caller's reach, the page, the record, COMMIT).
    url = f"/v1/clients/{client_id}/timeline?limit=20&type_prefix=fi.polku.client.&cursor={first['next_cursor']}"
    following = await _one_audited_statement(app, client, coach, url)
    types = [item["type"] for item in following["items"]]
    assert types[-1] == "fi.polku.client.registered.v1" and first["items"][0] not in following["items"], following


async def test_plan_read(app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], client_id: str) -> None:
    assert (await client.put(f"/v1/clients/{client_id}/plan", json=PLAN, headers=coach)).status_code == 200
    plan = await _one_audited_statement(app, client, coach, f"/v1/clients/{client_id}/plan")
    # The code before counted five: BEGIN, the client with the caller's reach, the plan, the record, COMMIT.
    assert plan["version"] == 1 and plan["goals"] == PLAN["goals"], plan


async def test_consents(app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], client_id: str) -> None:
    given = {
        "recipient_organisation_id": str(uuid.uuid4()),
        "categories": ["contact_details"],
        "purpose": "Referral to a work ability assessment",
        "valid_from": calendar_today().isoformat(),
    }
    assert (await client.post(f"/v1/clients/{client_id}/consents", json=given, headers=coach)).status_code == 201
    consents = await _one_audited_statement(app, client, coach, f"/v1/clients/{client_id}/consents")
    # The code before counted five: BEGIN, the client with the caller's reach, the record, the consents, COMMIT.
    assert [(consent["purpose"], consent["in_force"]) for consent in consents] == [(given["purpose"], True)]


async def test_interviews(app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], client_id: str) -> None:
    held = {"held_on": calendar_today().isoformat(), "channel": "phone"}
    assert (await client.post(f"/v1/clients/{client_id}/interviews", json=held, headers=coach)).status_code == 201
    interviews = await _one_audited_statement(app, client, coach, f"/v1/clients/{client_id}/interviews")
    # The code before counted five: BEGIN, the client with the caller's reach, the record, the interviews, COMMIT.
    assert [(interview["held_on"], interview["channel"]) for interview in interviews] == [tuple(held.values())]


async def test_meetings(app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], client_id: str) -> None:
    starts = datetime.combine(calendar_today() + timedelta(days=1), time(10), HELSINKI)
    booking = {"deadline_kind": "initial_interview", "deadline_number": 1, "starts_at": starts.isoformat()}
    booked = await client.post(f"/v1/clients/{client_id}/meetings", json={**booking, "channel": "phone"}, headers=coach)
    assert booked.status_code == 201, booked.text
    meetings = await _one_audited_statement(app, client, coach, f"/v1/clients/{client_id}/meetings")
    # The code before counted five: BEGIN, the client with the caller's reach, the record, the meetings, COMMIT.
    assert [meeting["id"] for meeting in meetings] == [booked.json()["id"]]


async def test_plan_versions(app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], client_id: str) -> None:
    first = await client.put(f"/v1/clients/{client_id}/plan", json=PLAN, headers=coach)
    assert first.status_code == 200, first.text
    second = await client.put(
        f"/v1/clients/{client_id}/plan", json=PLAN, headers={**coach, "If-Match": first.headers["etag"]}
    )
    assert second.status_code == 200, second.text
    versions = await _one_audited_statement(app, client, coach, f"/v1/clients/{client_id}/plan/versions")
    # Not a read of the page, the same way: the code before counted five (BEGIN, the client with the caller's reach,
    # the record, the versions, COMMIT).
    assert [version["version"] for version in versions] == [1, 2], versions


async def test_one_meeting(app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], client_id: str) -> None:
    starts = datetime.combine(calendar_today() + timedelta(days=1), time(10), HELSINKI)
    booking = {"deadline_kind": "initial_interview", "deadline_number": 1, "starts_at": starts.isoformat()}
    booked = await client.post(f"/v1/clients/{client_id}/meetings", json={**booking, "channel": "phone"}, headers=coach)
    assert booked.status_code == 201, booked.text
    url = f"/v1/clients/{client_id}/meetings/{booked.json()['id']}"
    meeting = await _one_audited_statement(app, client, coach, url)
    # Not a read of the page, the same way: the code before counted five (BEGIN, the client with the caller's reach,
    # the meeting, the record, COMMIT).
    assert meeting == booked.json(), meeting


async def test_plan_status(app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], client_id: str) -> None:
    assert (await client.put(f"/v1/clients/{client_id}/plan", json=PLAN, headers=coach)).status_code == 200
    status = await _one_audited_statement(app, client, coach, f"/v1/clients/{client_id}/plan/status")
    # The stored deadlines are up to date (as the schedule): the latest version and interview held read in the same
    # statement as the record. The code before counted five: BEGIN, the client with the caller's reach, the facts, the
    # record, COMMIT.
    assert status["reasons"] == ["no_mandatory_interview"], status


async def test_schedule(app: FastAPI, client: httpx.AsyncClient, coach: dict[str, str], client_id: str) -> None:
    schedule = await _one_audited_statement(app, client, coach, f"/v1/clients/{client_id}/schedule")
    # The stored deadlines are up to date (registration stored them): read with the waivers' reasons in the same
    # statement as the record. The code before counted five: BEGIN, the client with the caller's reach, the stored
    # deadlines, the record, COMMIT (and the waivers' reasons too when one was waived).
    assert schedule["deadlines"] and schedule["deadlines"][0]["kind"] == "initial_interview", schedule
