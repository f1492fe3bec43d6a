"""Registering, reading, searching and changing the status of clients, as the people who do it would."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import KELA, LAHTI, MIKKELI, TestIssuer

TeamOf = Callable[..., Awaitable[uuid.UUID]]  # the conftest fixture `team_of`

# Valid codes (checksums computed, individual numbers below the temporary range 900–999).
ADULT = "131052-308T"  # born 1952
YOUNG = "010106A024S"  # born 2006, under 25 — the 2000s sign A
NEW_SIGN = "010594Y0108"  # born 1994, the 2023 century sign Y for the 1900s


def registration(code: str = ADULT, **changes: object) -> dict[str, object]:
    return {
        "personal_identity_code": code,
        "first_names": "Matti Juhani",
        "last_name": "Meikäläinen",
        "email": "matti@example.fi",
        "home_municipality": "398",
        "languages": ["fi", "sv"],
        "job_search_started_on": (today() - timedelta(days=30)).isoformat(),
        **changes,
    }


def coach(issuer: TestIssuer, org: uuid.UUID = LAHTI, subject: str = "coach-aino") -> dict[str, str]:
    return issuer.headers(subject=subject, roles=["coach"], org=org)


async def register(client: httpx.AsyncClient, headers: dict[str, str], **changes: object) -> dict:
    response = await client.post("/v1/clients", json=registration(**changes), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


class TestIdentityCodes:
    @pytest.mark.parametrize("code", [ADULT, YOUNG, NEW_SIGN, " 131052-308t "])
    def test_valid_codes_including_the_2023_century_signs(self, code: str) -> None:
        from clients_api.client.identity_code import normalise

        assert normalise(code) == code.strip().upper()

    @pytest.mark.parametrize("code", ["131052-308U", "311352-308T", "131052-901T", "1310523-08T", ""])
    def test_invalid_codes(self, code: str) -> None:
        from clients_api.client.identity_code import InvalidIdentityCode, normalise

        with pytest.raises(InvalidIdentityCode):
            normalise(code)

    def test_a_temporary_code_with_a_right_check_character_is_refused_as_temporary(self) -> None:
        from clients_api.client.identity_code import TemporaryIdentityCode, normalise

        with pytest.raises(TemporaryIdentityCode):
            normalise("131052-9085")  # individual number 908, check character 5: well-formed, but temporary

    async def test_registration_with_a_temporary_code_names_it_temporary(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        response = await client.post("/v1/clients", json=registration("131052-9085"), headers=coach(test_issuer))
        assert response.status_code == 422
        (error,) = response.json()["errors"]
        assert error["field"] == "body.personal_identity_code"
        assert error["code"] == "temporary_identity_code"
        assert "temporary" in error["message"] and "check" not in error["message"]

    def test_birth_date_follows_the_century_sign(self) -> None:
        from clients_api.client.identity_code import birth_date

        assert birth_date(ADULT) == date(1952, 10, 13)
        assert birth_date(YOUNG) == date(2006, 1, 1)
        assert birth_date(NEW_SIGN) == date(1994, 5, 1)


class TestRegister:
    async def test_registration_stores_the_code_encrypted_and_audits(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        created = await register(client, coach(test_issuer))
        assert created["personal_identity_code"] == ADULT
        assert created["personal_identity_code_masked"] == "131052-***T"
        assert created["status"] == "unemployed" and created["coach_subject"] == "coach-aino"
        assert created["home_municipality_name"] == {"fi": "Lahti", "sv": "Lahtis"}
        stored = await db_session.scalar(
            text("SELECT identity_code_encrypted FROM client WHERE id = :id"), {"id": created["id"]}
        )
        assert ADULT.encode() not in stored
        audit = await db_session.scalar(select(AuditRecord).where(AuditRecord.resource_id == created["id"]))
        assert audit is not None and audit.action == "create" and audit.data_subject_id == uuid.UUID(created["id"])
        event = await db_session.scalar(select(OutboxEvent).where(OutboxEvent.subject == f"clients/{created['id']}"))
        assert event is not None and event.type == "fi.polku.client.registered.v1"
        assert ADULT not in str(event.data) and "Meikäläinen" not in str(event.data)
        assert event.data["status"] == "unemployed"  # employer-api's candidate profile starts from it
        # metrics-api counts by organisation, age group and caseload from this event alone
        assert {"organisation_id", "birth_date", "coach_subject"} <= event.data.keys()

    async def test_second_registration_of_the_same_person_is_a_409_naming_the_client(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        first = await register(client, coach(test_issuer))
        again = await client.post("/v1/clients", json=registration(" 131052-308t"), headers=coach(test_issuer))
        assert again.status_code == 409
        assert again.json()["existing"] == f"/v1/clients/{first['id']}"

    async def test_another_authority_may_register_the_same_person(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await register(client, coach(test_issuer, LAHTI))
        await register(client, coach(test_issuer, MIKKELI, "coach-mikko"))

    async def test_field_errors_name_each_field(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await client.post(
            "/v1/clients",
            json=registration("131052-308U", home_municipality="Lahti", email="not-an-address"),
            headers=coach(test_issuer),
        )
        assert response.status_code == 422
        fields = {error["field"] for error in response.json()["errors"]}
        assert fields == {"body.personal_identity_code", "body.home_municipality", "body.email"}

    async def test_job_search_cannot_start_in_the_future(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        tomorrow = (today() + timedelta(days=2)).isoformat()
        response = await client.post(
            "/v1/clients", json=registration(job_search_started_on=tomorrow), headers=coach(test_issuer)
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "body.job_search_started_on"


class TestTargetGroups:
    async def test_under_25_without_a_named_coach_is_flagged(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        manager = test_issuer.headers(roles=["manager"], org=LAHTI)
        created = await register(client, manager, personal_identity_code=YOUNG)
        assert "under_25" in created["target_groups"] and "under_30" in created["target_groups"]
        assert created["coach_subject"] is None and created["needs_named_coach"] is True

    async def test_long_term_unemployment_after_twelve_months(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        started = (today() - timedelta(days=400)).isoformat()
        created = await register(client, coach(test_issuer), job_search_started_on=started)
        assert created["target_groups"] == ["long_term_unemployed"]


class TestReach:
    """A coach reaches their own clients, their team's, and the unassigned ones; managers reach all."""

    async def test_a_coach_outside_the_team_neither_opens_nor_finds_the_client(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, team_of: TeamOf
    ) -> None:
        await team_of("coach-aino", "coach-mari")
        created = await register(client, coach(test_issuer))
        for subject, reaches in (("coach-mari", True), ("coach-outsider", False)):
            opened = await client.get(f"/v1/clients/{created['id']}", headers=coach(test_issuer, subject=subject))
            assert opened.status_code == (200 if reaches else 404)
            found = await client.get(
                "/v1/clients", params={"name": "Meikäläinen"}, headers=coach(test_issuer, subject=subject)
            )
            assert ([item["id"] for item in found.json()["items"]] == [created["id"]]) is reaches
        manager = test_issuer.headers(subject="manager-1", roles=["manager"], org=LAHTI)
        assert (await client.get(f"/v1/clients/{created['id']}", headers=manager)).status_code == 200

    async def test_the_intake_pool_is_reached_by_every_coach_and_a_team_pool_by_the_team(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, team_of: TeamOf
    ) -> None:
        manager = test_issuer.headers(subject="manager-1", roles=["manager"], org=LAHTI)
        pool = await register(client, manager)  # registered by a manager: nobody's yet
        assert pool["coach_subject"] is None
        opened = await client.get(f"/v1/clients/{pool['id']}", headers=coach(test_issuer, subject="coach-new"))
        assert opened.status_code == 200
        youth = await team_of("coach-mari")
        assigned = await client.post(
            f"/v1/clients/{pool['id']}/assignments",
            headers=manager,
            json={"coach_subject": None, "team_id": str(youth), "reason": "For the youth team to take on"},
        )
        assert assigned.status_code in (200, 201), assigned.text
        for subject, status in (("coach-mari", 200), ("coach-new", 404)):
            opened = await client.get(f"/v1/clients/{pool['id']}", headers=coach(test_issuer, subject=subject))
            assert opened.status_code == status


class TestReadAndSearch:
    async def test_reading_a_client_is_audited(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession, team_of: TeamOf
    ) -> None:
        await team_of("coach-aino", "coach-2")
        created = await register(client, coach(test_issuer))
        response = await client.get(f"/v1/clients/{created['id']}", headers=coach(test_issuer, subject="coach-2"))
        assert response.status_code == 200
        reads = (
            await db_session.scalars(
                select(AuditRecord).where(AuditRecord.resource_id == created["id"], AuditRecord.action == "read")
            )
        ).all()
        assert [row.actor_subject for row in reads] == ["coach-2"]

    async def test_search_by_name_and_by_identity_code(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        matti = await register(client, coach(test_issuer))
        await register(client, coach(test_issuer), personal_identity_code=NEW_SIGN, last_name="Virtanen")
        by_name = (await client.get("/v1/clients", params={"name": "meikä"}, headers=coach(test_issuer))).json()
        assert [item["id"] for item in by_name["items"]] == [matti["id"]]
        assert "personal_identity_code" not in by_name["items"][0]
        by_code = (
            await client.post("/v1/clients/search", json={"personal_identity_code": ADULT}, headers=coach(test_issuer))
        ).json()
        assert [item["id"] for item in by_code["items"]] == [matti["id"]]


class TestHistoryAndAssessmentInTheClientsStatement:
    """A client's page and the search read the status history and the newest assessment in the statement that finds
    the client (decision 0050): what they show follows the whole history and the newest version only, the same as
    the answer to a change (which reads them in statements of their own)."""

    async def test_the_page_and_the_search_follow_the_history_and_the_newest_assessment(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        headers = coach(test_issuer)
        created = await register(client, headers, job_search_started_on=(today() - timedelta(days=400)).isoformat())
        # Unemployed 400 days ago, employed 100 days ago, unemployed again 40 days ago: with no break tolerated,
        # the current unemployment starts 40 days ago (newly unemployed, not long-term).
        for status, days_ago in (("employed", 100), ("unemployed", 40)):
            changed = await client.post(
                f"/v1/clients/{created['id']}/status",
                json={"status": status, "changed_on": (today() - timedelta(days=days_ago)).isoformat()},
                headers=headers,
            )
            assert changed.status_code == 200, changed.text
        answer_to_change = changed.json()
        url = f"/v1/clients/{created['id']}/assessment"
        first = {"assessed_on": today().isoformat(), "work_ability": "partial", "work_ability_description": "Half days"}
        saved = await client.put(url, json=first, headers=headers)
        assert saved.status_code in (200, 201), saved.text

        async def shown() -> tuple[dict, dict]:
            read = await client.get(f"/v1/clients/{created['id']}", headers=headers)
            found = await client.post("/v1/clients/search", json={"ids": [created["id"]]}, headers=headers)
            assert read.status_code == 200 and found.status_code == 200, (read.text, found.text)
            (item,) = found.json()["items"]
            return read.json(), item

        read, item = await shown()
        since = (today() - timedelta(days=40)).isoformat()
        assert answer_to_change["unemployed_since"] == read["unemployed_since"] == item["unemployed_since"] == since
        assert answer_to_change["target_groups"] == ["newly_unemployed"]
        assert read["target_groups"] == item["target_groups"] == ["newly_unemployed", "partial_work_ability"]
        # A newer version with full work ability: only the newest counts.
        newer = await client.put(
            url,
            json={**first, "work_ability": "full", "work_ability_description": None},
            headers={**headers, "If-Match": saved.headers["etag"]},
        )
        assert newer.status_code in (200, 201), newer.text
        read, item = await shown()
        assert read["target_groups"] == item["target_groups"] == ["newly_unemployed"]
        assert read["unemployed_since"] == item["unemployed_since"] == since


class TestTargetGroupsInEvents:
    async def test_registration_and_status_events_carry_the_target_groups_of_their_day(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        # Born in 2006: under 25 (and so under 30); 30 days into the job search: newly unemployed (0–6 months).
        created = await register(client, coach(test_issuer), code=YOUNG)
        subject = f"clients/{created['id']}"
        event = await db_session.scalar(select(OutboxEvent).where(OutboxEvent.subject == subject))
        assert event is not None and event.data["target_groups"] == ["under_25", "under_30", "newly_unemployed"]
        await client.post(
            f"/v1/clients/{created['id']}/status",
            json={"status": "employed", "changed_on": today().isoformat(), "reason": "open labour market"},
            headers=coach(test_issuer),
        )
        changed = await db_session.scalar(
            select(OutboxEvent).where(
                OutboxEvent.subject == subject, OutboxEvent.type == "fi.polku.client.status_changed.v1"
            )
        )
        assert changed is not None and changed.data["target_groups"] == ["under_25", "under_30"]


class TestStatus:
    async def test_status_changes_are_kept_in_history(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        created = await register(client, coach(test_issuer))
        changed = await client.post(
            f"/v1/clients/{created['id']}/status",
            json={"status": "employed", "changed_on": today().isoformat(), "reason": "open labour market"},
            headers=coach(test_issuer),
        )
        assert changed.status_code == 200 and changed.json()["status"] == "employed"
        assert changed.json()["version"] == 2
        history = (await client.get(f"/v1/clients/{created['id']}/status-history", headers=coach(test_issuer))).json()
        assert [entry["status"] for entry in history] == ["unemployed", "employed"]


class TestAccess:
    @pytest.mark.parametrize("role", ["partner", "employer_services", "service", "platform"])
    async def test_roles_outside_case_work_are_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, role: str
    ) -> None:
        created = await register(client, coach(test_issuer))
        headers = test_issuer.headers(roles=[role], org=KELA if role == "partner" else LAHTI)
        assert (await client.get(f"/v1/clients/{created['id']}", headers=headers)).status_code == 403
        assert (await client.get("/v1/clients", headers=headers)).status_code == 403
        assert (await client.post("/v1/clients", json=registration(NEW_SIGN), headers=headers)).status_code == 403

    async def test_another_organisation_sees_no_client(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        created = await register(client, coach(test_issuer, LAHTI))
        other = coach(test_issuer, MIKKELI, "coach-mikko")
        base = f"/v1/clients/{created['id']}"
        assert (await client.get(base, headers=other)).status_code == 404
        assert (await client.get(f"{base}/status-history", headers=other)).status_code == 404
        status_change = {"status": "employed", "changed_on": today().isoformat()}
        assert (await client.post(f"{base}/status", json=status_change, headers=other)).status_code == 404
        listing = (await client.get("/v1/clients", headers=other)).json()
        assert created["id"] not in [item["id"] for item in listing["items"]]

    async def test_no_token(self, client: httpx.AsyncClient) -> None:
        assert (await client.get("/v1/clients")).status_code == 401


class TestDatesAreText:
    async def test_a_number_is_not_a_date(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await client.post(
            "/v1/clients", json=registration(job_search_started_on=0), headers=coach(test_issuer)
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "body.job_search_started_on"
