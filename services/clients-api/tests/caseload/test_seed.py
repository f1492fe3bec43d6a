"""The demo seed's caseload part: one youth team with the demo coach, young clients moved into it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.schemas import ClientRead
from clients_api.seed import DEMO_COACH, ensure_demo_team, place_in_caseload
from polku_kit.calendar import today

from .conftest import Register

Headers = Callable[..., dict[str, str]]


async def test_the_team_is_made_once_and_young_clients_join_it(
    client: httpx.AsyncClient, as_: Headers, register: Register, db_session: AsyncSession
) -> None:
    first = await ensure_demo_team(db_session)
    assert await ensure_demo_team(db_session) == first
    aino = as_(DEMO_COACH.subject)
    teams = (await client.get("/v1/teams", headers=aino)).json()
    assert [(t["name"], [m["coach_subject"] for m in t["members"]]) for t in teams] == [
        ("Lahden nuorten tiimi", [DEMO_COACH.subject])
    ]

    young = await register(aino, started=today() - timedelta(days=30), born="051104", sign="B", last_name="Nieminen")
    read = ClientRead.model_validate((await client.get(f"/v1/clients/{young}", headers=aino)).json())
    await place_in_caseload(db_session, read)
    history = (await client.get(f"/v1/clients/{young}/assignments", headers=aino)).json()
    assert [(row["action"], row["team_id"]) for row in history] == [("assigned", None), ("reassigned", str(first))]
    after = (await client.get(f"/v1/clients/{young}", headers=aino)).json()
    assert (after["coach_subject"], after["waiting_on"]) == (DEMO_COACH.subject, "client")
