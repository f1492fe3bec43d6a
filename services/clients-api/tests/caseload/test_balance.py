"""The caseload balance (``GET /v1/caseloads``) is counted in one SQL statement from stored figures: they must equal a
plain recount of the stored rows, made here in Python with the plan rule of :mod:`clients_api.plan.status`, after
every kind of write that changes them (registration, assignment and reassignment, a team assignment, closing and
reopening a job search, an interview, a first and a later plan version, a team member removed) over several coaches
and teams, one coach in two teams."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.caseload.models import Team, TeamMember
from clients_api.client.models import Client, ClientStatus
from clients_api.plan.models import PlanVersion
from clients_api.plan.repository import plan_facts
from clients_api.plan.status import not_up_to_date
from clients_api.schedule.models import ClientDeadline
from polku_kit.calendar import add_months, today
from polku_kit.testing import LAHTI, MIKKELI

from ..plan.test_router import plan
from .conftest import Register
from .test_caseload import Headers, status, years_ago

ACTIVE = {ClientStatus.unemployed, ClientStatus.in_activating_service}


async def recount(session: AsyncSession) -> dict[str, Any]:
    """The balance counted the plain way: every client of the organisation read, one by one."""
    day = today()
    clients = [
        row
        for row in (await session.scalars(select(Client).where(Client.organisation_id == LAHTI))).all()
        if ClientStatus(row.status) in ACTIVE
    ]
    overdue: dict[uuid.UUID, int] = defaultdict(int)
    for deadline in (await session.scalars(select(ClientDeadline))).all():
        if deadline.held_on is None and not deadline.waived and deadline.due_on < day:
            overdue[deadline.client_id] += 1
    facts = await plan_facts(session, organisation_id=LAHTI, client_ids=[row.id for row in clients])
    current = {row.id for row in clients if row.id in facts and not not_up_to_date(facts[row.id], day)}
    teams = (await session.scalars(select(Team).where(Team.organisation_id == LAHTI))).all()
    members = (await session.scalars(select(TeamMember))).all()

    def sizes(group: list[Client]) -> dict[str, int]:
        return {
            "active_clients": len(group),
            "overdue_deadlines": sum(overdue[row.id] for row in group),
            "clients_with_overdue_deadlines": sum(overdue[row.id] > 0 for row in group),
            "up_to_date_plans": sum(row.id in current for row in group),
            "plan_debt": sum(row.id not in current for row in group),
        }

    subjects = {row.coach_subject for row in clients if row.coach_subject} | {
        member.coach_subject for member in members
    }
    coaches = {subject: sizes([row for row in clients if row.coach_subject == subject]) for subject in subjects}
    by_team = {}
    for team in teams:
        mine = {member.coach_subject for member in members if member.team_id == team.id}
        group = [row for row in clients if row.coach_subject in mine or row.team_id == team.id]
        counted = sizes(group)
        del counted["clients_with_overdue_deadlines"]
        by_team[str(team.id)] = {"name": team.name, "members": len(mine), **counted}
    unassigned = [row for row in clients if row.coach_subject is None]
    whole = sizes(clients)
    return {
        "coaches": coaches,
        "teams": by_team,
        "unassigned_clients": len(unassigned),
        "under_25_without_named_coach": sum(row.birth_date > add_months(day, -12 * 25) for row in unassigned),
        "up_to_date_plans": whole["up_to_date_plans"],
        "plan_debt": whole["plan_debt"],
    }


async def balance(client: httpx.AsyncClient, headers: dict[str, str]) -> dict[str, Any]:
    response = await client.get("/v1/caseloads", headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    return {
        "coaches": {
            row.pop("coach_subject"): {key: value for key, value in row.items() if key != "display_name"}
            for row in body["coaches"]
        },
        "teams": {row.pop("team_id"): row for row in body["teams"]},
        **{
            key: body[key]
            for key in ("unassigned_clients", "under_25_without_named_coach", "up_to_date_plans", "plan_debt")
        },
    }


async def test_the_balance_equals_a_recount_after_every_kind_of_write(
    client: httpx.AsyncClient, as_: Headers, register: Register, db_session: AsyncSession
) -> None:
    manager = as_("manager-pekka", "manager")
    day = today()

    async def matches() -> dict[str, Any]:
        counted = await balance(client, manager)
        assert counted == await recount(db_session)
        return counted

    async def team(name: str, *coaches: str) -> str:
        made = (await client.post("/v1/teams", json={"name": name}, headers=manager)).json()["id"]
        for subject in coaches:
            added = await client.post(
                f"/v1/teams/{made}/members", headers=manager, json={"coach_subject": subject, "display_name": subject}
            )
            assert added.status_code == 201, added.text
        return str(made)

    async def assign(client_id: str, coach: str | None, team_id: str | None = None) -> None:
        body = {"coach_subject": coach, "team_id": team_id, "reason": "Tasataan työkuormaa"}
        response = await client.post(f"/v1/clients/{client_id}/assignments", headers=manager, json=body)
        assert response.status_code == 201, response.text

    async def interview(client_id: str, coach: str, held_on: Any) -> None:
        body = {"held_on": held_on.isoformat(), "channel": "in_person"}
        response = await client.post(f"/v1/clients/{client_id}/interviews", headers=as_(coach), json=body)
        assert response.status_code == 201, response.text

    async def save_plan(client_id: str, coach: str, **changes: object) -> None:
        current = await client.get(f"/v1/clients/{client_id}/plan", headers=as_(coach))
        headers = as_(coach) if current.status_code == 404 else {**as_(coach), "If-Match": current.headers["etag"]}
        response = await client.put(f"/v1/clients/{client_id}/plan", json=plan(**changes), headers=headers)
        assert response.status_code == 200, response.text

    east = await team("Itä", "coach-aino", "coach-bob")
    west = await team("Länsi", "coach-aino", "coach-carl")
    overdue_one = await register(as_("coach-aino"), started=day - timedelta(days=60))
    fresh = await register(as_("coach-aino"), started=day - timedelta(days=5))
    stale = await register(as_("coach-bob"), started=day - timedelta(days=130))
    closing = await register(as_("coach-bob"), started=day - timedelta(days=40))
    carls = await register(as_("coach-carl"), started=day - timedelta(days=20))
    young, sign = years_ago(20)
    pooled = await register(manager, started=day - timedelta(days=3), born=young, sign=sign)
    await register(manager, started=day - timedelta(days=3))
    await register(as_("coach-m", "coach", MIKKELI), started=day - timedelta(days=60))  # another organisation's
    first = await matches()
    assert first["coaches"]["coach-aino"]["active_clients"] == 2
    assert first["coaches"]["coach-aino"]["clients_with_overdue_deadlines"] == 1
    assert first["unassigned_clients"] == 2 and first["under_25_without_named_coach"] == 1

    await interview(fresh, "coach-aino", day)
    await save_plan(fresh, "coach-aino")  # up to date: reviewed at an interview of today
    await interview(stale, "coach-bob", day - timedelta(days=125))
    await save_plan(stale, "coach-bob")  # reviewed at an interview more than three months old
    await save_plan(carls, "coach-carl")  # a plan, but no interview held yet
    counted = await matches()
    assert counted["up_to_date_plans"] == 1 and counted["coaches"]["coach-aino"]["up_to_date_plans"] == 1
    assert counted["teams"][east]["up_to_date_plans"] == counted["teams"][west]["up_to_date_plans"] == 1

    # Carl's plan was made ten days ago, before the interview held five days ago: not reviewed at it; a new version
    # today reviews it.
    await db_session.execute(
        update(PlanVersion)
        .where(PlanVersion.client_id == uuid.UUID(carls))
        .values(created_at=PlanVersion.created_at - timedelta(days=10))
    )
    await interview(carls, "coach-carl", day - timedelta(days=5))
    counted = await matches()
    assert counted["coaches"]["coach-carl"]["up_to_date_plans"] == 0
    await save_plan(carls, "coach-carl", applications_per_period=2, obligation_reduction_reason="Osa-aikatyö")
    counted = await matches()
    assert counted["coaches"]["coach-carl"]["up_to_date_plans"] == 1 and counted["up_to_date_plans"] == 2

    carl_before = counted["coaches"]["coach-carl"]
    await assign(overdue_one, "coach-carl")  # reassigned: Aino's overdue client moves to Carl
    counted = await matches()
    assert counted["coaches"]["coach-aino"]["clients_with_overdue_deadlines"] == 0
    carl = counted["coaches"]["coach-carl"]
    assert carl["clients_with_overdue_deadlines"] == carl_before["clients_with_overdue_deadlines"] + 1
    assert carl["overdue_deadlines"] > carl_before["overdue_deadlines"]

    await assign(pooled, None, west)  # the young one assigned to a team, still without a named coach
    counted = await matches()
    assert counted["teams"][west]["active_clients"] == 4 and counted["under_25_without_named_coach"] == 1

    await status(client, as_("coach-bob"), closing, "employed", day)  # closed
    counted = await matches()
    assert counted["coaches"]["coach-bob"]["active_clients"] == 1

    await status(client, as_("coach-bob"), closing, "unemployed", day)  # reopened
    counted = await matches()
    assert counted["coaches"]["coach-bob"]["active_clients"] == 2

    await assign(carls, "coach-carl", west)  # assigned to the coach's own team: counted once in it
    await assign(closing, "coach-bob", east)
    counted = await matches()
    assert (counted["teams"][west]["active_clients"], counted["teams"][east]["active_clients"]) == (4, 3)

    await assign(stale, "coach-aino")  # Bob's client to Aino, a member of both teams
    await client.delete(f"/v1/teams/{east}/members/coach-bob", headers=manager)
    counted = await matches()  # Bob's client assigned to the team stays in it without him
    assert counted["teams"][east]["members"] == 1
    assert (counted["teams"][west]["active_clients"], counted["teams"][east]["active_clients"]) == (5, 3)
