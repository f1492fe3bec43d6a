"""The staff employer-api has seen: noted in memory by every staff route (no statement on a read), written in the
background, listed by name for employer services, managers and administrators of the same organisation only, and
the only account managers an employer may be given."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.staff.models import KnownStaff
from employer_api.staff.service import name_order
from employer_api.staff.sightings import StaffSightings, keep_writing, write
from polku_kit.auth import Principal
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer, sql_statements

from ..factories import new_employer

ES = "employer_services"


def person(issuer: TestIssuer, subject: str, name: str | None, role: str = ES, org: uuid.UUID = LAHTI) -> dict:
    return issuer.headers(subject=subject, roles=[role], org=org, name=name)


async def seen(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    """The person uses the service (reads the register)."""
    response = await client.get("/v1/employers", headers=headers)
    assert response.status_code == 200, response.text


async def staff(client: httpx.AsyncClient, headers: dict[str, str], **params: str) -> list[dict]:
    response = await client.get("/v1/staff", headers=headers, params=params)
    assert response.status_code == 200, response.text
    return response.json()


class TestList:
    async def test_employer_services_are_listed_by_name_in_the_finnish_order(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        # SFS 4600: å, ä and ö come after z, in that order; case does not count.
        for index, name in enumerate(["Öhman Örjan", "ärväs Äijä", "Zetterberg Zoe", "Åkerlund Åsa", "Aalto Aino"]):
            await seen(client, person(test_issuer, f"es-{index}", name))
        await seen(client, person(test_issuer, "coach-1", "Koski Kalle", role="coach"))
        manager = person(test_issuer, "manager-1", "Mäki Maija", role="manager")
        expected = ["Aalto Aino", "Zetterberg Zoe", "Åkerlund Åsa", "ärväs Äijä", "Öhman Örjan"]

        # Before the background write: what this process has seen.
        assert [row["name"] for row in await staff(client, manager)] == expected
        assert await db_session.scalar(select(KnownStaff).limit(1)) is None

        # After it: the same, from the table, with their roles and when they were seen.
        assert await write(app.state.staff_sightings, app.state.database.sessionmaker) == 7
        app.state.staff_sightings.forget()
        listed = await staff(client, manager)
        assert [row["name"] for row in listed] == expected
        assert listed[0]["subject"] == "es-4" and listed[0]["roles"] == [ES] and listed[0]["last_seen_at"]
        assert [row["name"] for row in await staff(client, manager, role="coach")] == ["Koski Kalle"]
        assert [row["name"] for row in await staff(client, manager, role="manager")] == ["Mäki Maija"]

    async def test_a_person_without_a_name_is_listed_by_subject(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await seen(client, person(test_issuer, "b-subject", None))
        await seen(client, person(test_issuer, "a-named", "Virtanen Ville"))
        listed = await staff(client, person(test_issuer, "admin-1", "Admin", role="admin"))
        assert [(row["subject"], row["name"]) for row in listed] == [("b-subject", None), ("a-named", "Virtanen Ville")]

    async def test_another_organisations_staff_are_not_listed(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await seen(client, person(test_issuer, "es-lahti", "Lahtelainen Liisa"))
        await seen(client, person(test_issuer, "es-mikkeli", "Mikkeliläinen Mikko", org=MIKKELI))
        for stage in ("seen", "written"):
            lahti = await staff(client, person(test_issuer, "es-lahti", "Lahtelainen Liisa"))
            mikkeli = await staff(client, person(test_issuer, "manager-m", "Manageri", role="manager", org=MIKKELI))
            assert [row["subject"] for row in lahti] == ["es-lahti"], stage
            assert [row["subject"] for row in mikkeli] == ["es-mikkeli"], stage
            await write(app.state.staff_sightings, app.state.database.sessionmaker)

    @pytest.mark.parametrize("role", ["coach", "partner", "dpo", "service"])
    async def test_other_roles_are_refused(self, client: httpx.AsyncClient, test_issuer: TestIssuer, role: str) -> None:
        response = await client.get("/v1/staff", headers=person(test_issuer, f"{role}-1", "Joku", role=role))
        assert response.status_code == 403

    async def test_an_unknown_role_is_a_field_error(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await client.get("/v1/staff", headers=person(test_issuer, "es-1", "E"), params={"role": "partner"})
        assert response.status_code == 422
        assert [error["field"] for error in response.json()["errors"]] == ["query.role"]

    async def test_a_partner_is_never_noted(self, app: FastAPI, client: httpx.AsyncClient, test_issuer) -> None:
        await client.get("/v1/employers", headers=person(test_issuer, "partner-1", "Kumppani", role="partner"))
        assert app.state.staff_sightings.take() == []


class TestNoting:
    async def test_a_read_sends_no_statement_to_note_its_caller(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await seen(client, person(test_issuer, "es-known", "Tuttu"))
        with sql_statements(app, transactions=True) as known:
            await seen(client, person(test_issuer, "es-known", "Tuttu"))
        with sql_statements(app, transactions=True) as new:
            await seen(client, person(test_issuer, "es-new", "Uusi"))
        assert len(new) == len(known), new
        assert not [statement for statement in new if "known_staff" in statement and "INSERT" in statement]
        assert {sighting.subject for sighting in app.state.staff_sightings.take()} == {"es-known", "es-new"}

    async def test_a_person_is_noted_again_when_the_token_changes_or_after_an_hour(self) -> None:
        now = [0.0]
        sightings = StaffSightings(clock=lambda: now[0])
        es = Principal(subject="s", roles=frozenset({ES}), organisation_id=LAHTI, name="Nimi")
        sightings.see(es)
        assert len(sightings.take()) == 1
        now[0] = 3599.0
        sightings.see(es)
        assert sightings.take() == []
        sightings.see(es.model_copy(update={"name": "Uusi Nimi"}))
        assert [sighting.name for sighting in sightings.take()] == ["Uusi Nimi"]
        sightings.see(es.model_copy(update={"name": "Uusi Nimi", "roles": frozenset({ES, "manager"})}))
        assert [sorted(sighting.roles) for sighting in sightings.take()] == [[ES, "manager"]]
        now[0] = 3599.0 + 3600.1
        sightings.see(es.model_copy(update={"name": "Uusi Nimi", "roles": frozenset({ES, "manager"})}))
        assert len(sightings.take()) == 1

    async def test_a_write_updates_a_known_person_and_a_failed_one_keeps_them(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        sightings: StaffSightings = app.state.staff_sightings
        await seen(client, person(test_issuer, "es-1", "Vanha Nimi"))
        await write(sightings, app.state.database.sessionmaker)
        await seen(client, person(test_issuer, "es-1", "Uusi Nimi", role="manager"))

        def broken() -> None:
            raise ConnectionError("the database is away")

        assert await write(sightings, broken) == 0  # type: ignore[arg-type]
        assert await write(sightings, app.state.database.sessionmaker) == 1
        row = await db_session.get(KnownStaff, (LAHTI, "es-1"), populate_existing=True)
        assert row is not None and (row.name, row.roles) == ("Uusi Nimi", ["manager"])
        assert row.first_seen_at < row.last_seen_at

    async def test_the_background_writer_writes_what_was_seen(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        await seen(client, person(test_issuer, "es-1", "Taustalla"))
        writer = asyncio.create_task(
            keep_writing(app.state.staff_sightings, lambda: app.state.database.sessionmaker, every=0.01)
        )
        for _ in range(200):
            await asyncio.sleep(0.01)
            if not app.state.staff_sightings.pending(LAHTI):
                break
        await asyncio.sleep(0.3)  # taken: the write it was taken for ends (the next have nothing to write)
        writer.cancel()
        with pytest.raises(asyncio.CancelledError):
            await writer
        assert [row.name for row in (await db_session.scalars(select(KnownStaff))).all()] == ["Taustalla"]


class TestAccountManager:
    async def register(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, manager: str | None, **kw
    ) -> httpx.Response:
        return await client.post(
            "/v1/employers",
            json=new_employer(account_manager_subject=manager, **kw),
            headers=person(test_issuer, "es-me", "Minä Itse"),
        )

    async def test_the_caller_is_an_account_manager(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await self.register(client, test_issuer, "es-me")
        assert response.status_code == 201, response.text
        assert response.json()["account_manager_name"] == "Minä Itse"

    async def test_a_colleague_seen_before_or_after_the_write_is_one(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await seen(client, person(test_issuer, "es-colleague", "Kollega Kaisa"))
        response = await self.register(client, test_issuer, "es-colleague")
        assert response.status_code == 201, response.text
        assert response.json()["account_manager_name"] == "Kollega Kaisa"
        await write(app.state.staff_sightings, app.state.database.sessionmaker)
        app.state.staff_sightings.forget()
        again = await self.register(client, test_issuer, "es-colleague", business_id="0246246-0")
        assert again.status_code == 201, again.text
        assert again.json()["account_manager_name"] == "Kollega Kaisa"
        # Every reader sees the name, a coach too.
        read = await client.get(f"/v1/employers/{again.json()['id']}", headers=person(test_issuer, "c", "C", "coach"))
        assert read.json()["account_manager_name"] == "Kollega Kaisa"
        listed = await client.get("/v1/employers", headers=person(test_issuer, "c", "C", "coach"))
        assert {row["account_manager_name"] for row in listed.json()["items"]} == {"Kollega Kaisa"}

    @pytest.mark.parametrize("stage", ["seen", "written"])
    async def test_a_stranger_or_another_organisations_staff_member_is_a_field_error(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, stage: str
    ) -> None:
        await seen(client, person(test_issuer, "es-mikkeli", "Mikkeliläinen", org=MIKKELI))
        if stage == "written":
            await write(app.state.staff_sightings, app.state.database.sessionmaker)
        for manager in ("es-mikkeli", "nobody-known"):
            response = await self.register(client, test_issuer, manager)
            assert response.status_code == 422, response.text
            problem = response.json()
            assert problem["type"].endswith("/unknown-account-manager")
            assert [(error["field"], error["code"]) for error in problem["errors"]] == [
                ("body.account_manager_subject", "unknown_staff")
            ]

    async def test_a_change_is_checked_and_the_manager_saved_is_kept(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        created = (await self.register(client, test_issuer, "es-me")).json()
        url, me = f"/v1/employers/{created['id']}", person(test_issuer, "es-me", "Minä Itse")
        refused = await client.patch(
            url, json={"account_manager_subject": "nobody"}, headers={**me, "If-Match": '"v1"'}
        )
        assert refused.status_code == 422
        assert [error["field"] for error in refused.json()["errors"]] == ["body.account_manager_subject"]

        # A manager saved before the check (who has since left, say) stays through an edit of other fields.
        from employer_api.employer.models import Employer

        employer = await db_session.get(Employer, uuid.UUID(created["id"]))
        assert employer is not None
        employer.account_manager_subject = "left-long-ago"
        await db_session.flush()
        kept = await client.patch(
            url,
            json={"name": "Uusi Nimi Oy", "account_manager_subject": "left-long-ago"},
            headers={**me, "If-Match": '"v1"'},
        )
        assert kept.status_code == 200, kept.text
        assert (kept.json()["account_manager_subject"], kept.json()["account_manager_name"]) == ("left-long-ago", None)

        cleared = await client.patch(url, json={"account_manager_subject": None}, headers={**me, "If-Match": '"v2"'})
        assert cleared.status_code == 200 and cleared.json()["account_manager_subject"] is None
        mine = await client.patch(url, json={"account_manager_subject": "es-me"}, headers={**me, "If-Match": '"v3"'})
        assert mine.status_code == 200 and mine.json()["account_manager_name"] == "Minä Itse"


def test_names_sort_in_the_finnish_order() -> None:
    names = ["öljy", "Äiti", "zeta", "Åke", "aamu", "Ypsilon"]
    assert sorted(names, key=name_order) == ["aamu", "Ypsilon", "zeta", "Åke", "Äiti", "öljy"]
