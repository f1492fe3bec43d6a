"""The organisation's coaches by name: noted when a coach uses the service, listed for managers and admins."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access import repository as access_repository
from clients_api.access import seen
from clients_api.access.dependencies import forget_noted_coaches
from clients_api.caseload.models import KnownCoach
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer, sql_statements

from .conftest import WRONG_ROLES
from .test_teams import new_team

Headers = Callable[..., dict[str, str]]


@pytest.fixture(autouse=True)
def _forget() -> None:
    # The process notes a coach once an hour; each test's database starts without them.
    forget_noted_coaches()


def person(
    test_issuer: TestIssuer, name: str, role: str = "coach", org: uuid.UUID = LAHTI, subject: str | None = None
) -> dict[str, str]:
    return test_issuer.headers(subject=subject or f"{role}-{uuid.uuid4()}", roles=[role], org=org, name=name)


class TestCoaches:
    async def test_a_coach_who_used_the_service_is_listed_by_the_name_of_their_token(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, as_: Headers
    ) -> None:
        ville_subject = f"coach-{uuid.uuid4()}"
        ville = person(test_issuer, "Ville Heinonen", subject=ville_subject)
        aino = person(test_issuer, "Aino Virtanen")
        for coach in (ville, aino):
            assert (await client.get("/v1/teams", headers=coach)).status_code == 200
        # A manager using the service is no coach; a member added by hand is one, by the name the team shows.
        manager = person(test_issuer, "Pekka Nieminen", role="manager")
        team_id = await new_team(client, manager)
        added = await client.post(
            f"/v1/teams/{team_id}/members",
            headers=manager,
            json={"coach_subject": ville_subject, "display_name": "V. Heinonen"},
        )
        assert added.status_code == 201, added.text
        member = {"coach_subject": "coach-bob", "display_name": "Bob Berg"}
        assert (await client.post(f"/v1/teams/{team_id}/members", headers=manager, json=member)).status_code == 201

        listed = await client.get("/v1/coaches", headers=manager)
        assert listed.status_code == 200, listed.text
        coaches = listed.json()
        # Sorted by name; the token's name wins over the team's.
        assert [coach["name"] for coach in coaches] == ["Aino Virtanen", "Bob Berg", "Ville Heinonen"]
        by_name = {coach["name"]: coach for coach in coaches}
        assert by_name["Ville Heinonen"]["coach_subject"] == ville_subject
        assert by_name["Ville Heinonen"]["team_ids"] == [team_id]
        assert by_name["Ville Heinonen"]["last_seen_at"] is not None
        assert by_name["Bob Berg"]["last_seen_at"] is None and by_name["Aino Virtanen"]["team_ids"] == []

    async def test_a_new_name_in_the_token_replaces_the_old(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        subject = f"coach-{uuid.uuid4()}"
        for name in ("Aino Virtanen", "Aino Lehto"):
            headers = test_issuer.headers(subject=subject, roles=["coach"], org=LAHTI, name=name)
            assert (await client.get("/v1/teams", headers=headers)).status_code == 200
        listed = await client.get("/v1/coaches", headers=person(test_issuer, "Ilona Admin", role="admin"))
        assert [(c["coach_subject"], c["name"]) for c in listed.json()] == [(subject, "Aino Lehto")]

    async def test_another_organisations_coaches_are_not_listed(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await client.get("/v1/teams", headers=person(test_issuer, "Mikko Laine", org=MIKKELI))
        await new_team(client, person(test_issuer, "Manager", role="manager", org=MIKKELI))
        lahti = await client.get("/v1/coaches", headers=person(test_issuer, "Pekka Nieminen", role="manager"))
        assert lahti.status_code == 200 and lahti.json() == []
        mikkeli = await client.get("/v1/coaches", headers=person(test_issuer, "M", role="manager", org=MIKKELI))
        assert [coach["name"] for coach in mikkeli.json()] == ["Mikko Laine"]

    @pytest.mark.parametrize("role", ["coach", *WRONG_ROLES])
    async def test_only_managers_and_admins_list_them(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, role: str
    ) -> None:
        assert (await client.get("/v1/coaches", headers=person(test_issuer, "X", role=role))).status_code == 403

    async def test_teams_say_which_is_the_initial_service_team(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        manager = person(test_issuer, "Pekka Nieminen", role="manager")
        initial = await new_team(client, manager, "Alkupalvelu")
        await new_team(client, manager, "Omavalmennus")
        marked = await client.put(
            f"/v1/teams/{initial}/initial-service", headers=manager, json={"initial_service": True}
        )
        assert marked.status_code == 200, marked.text
        teams = (await client.get("/v1/teams", headers=manager)).json()
        assert [(team["name"], team["initial_service"]) for team in teams] == [
            ("Alkupalvelu", True),
            ("Omavalmennus", False),
        ]
        one = await client.get(f"/v1/teams/{initial}", headers=manager)
        assert one.json()["initial_service"] is True


class TestNotedOffTheRequestPath:
    """A staff route notes the coach in memory; the process's writer (or the coaches' list) writes the notes."""

    async def test_a_coach_seen_first_costs_their_request_no_statement(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        coach = person(test_issuer, "Aino Virtanen", subject="coach-first-seen")
        with sql_statements(app, transactions=True) as statements:
            response = await client.get("/v1/due-list", headers=coach)
        assert response.status_code == 200, response.text
        assert not any("known_coach" in statement for statement in statements), statements
        assert [(noted.subject, noted.name) for noted in seen.waiting()] == [("coach-first-seen", "Aino Virtanen")]

    async def test_the_writer_writes_the_notes_waiting_in_one_statement(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        for name in ("Aino Virtanen", "Ville Heinonen"):
            assert (await client.get("/v1/teams", headers=person(test_issuer, name))).status_code == 200
        assert len(seen.waiting()) == 2
        writer = asyncio.create_task(seen.keep_writing(app.state.database, after=0))
        try:
            with sql_statements(app) as statements:
                for _ in range(100):
                    if not seen.waiting():
                        break
                    await asyncio.sleep(0.01)
                await asyncio.sleep(0.05)
        finally:
            writer.cancel()
        assert len(statements) == 1 and statements[0].startswith("INSERT INTO known_coach"), statements
        names = (await db_session.scalars(select(KnownCoach.name).order_by(KnownCoach.name))).all()
        assert names == ["Aino Virtanen", "Ville Heinonen"]

    async def test_a_note_whose_write_fails_waits_for_the_next(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        assert (await client.get("/v1/teams", headers=person(test_issuer, "Aino Virtanen"))).status_code == 200

        class Refused(Exception):
            pass

        async def refuse(*_: object) -> None:
            raise Refused

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(access_repository, "note_coaches", refuse)
            with pytest.raises(Refused):
                await seen.write_waiting(db_session)
        assert [noted.name for noted in seen.waiting()] == ["Aino Virtanen"]
        assert await seen.write_waiting(db_session) == 1 and seen.waiting() == []

    async def test_the_same_coach_is_not_noted_again_within_the_hour(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        aino = person(test_issuer, "Aino Virtanen", subject="coach-aino-once")
        assert (await client.get("/v1/teams", headers=aino)).status_code == 200
        assert await seen.write_waiting(db_session) == 1
        assert (await client.get("/v1/teams", headers=aino)).status_code == 200
        assert seen.waiting() == []
