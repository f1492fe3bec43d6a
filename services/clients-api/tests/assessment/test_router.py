"""The initial assessment through the API: versions with ETag/If-Match, ISCO-08 codes checked, health and
social notes for the client's coach only, every read and change audited, an event without personal data."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.assessment.models import SpecialCategoryNote
from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import KELA, LAHTI, MIKKELI, TestIssuer

AINO = "coach-aino"
TeamOf = Callable[..., Awaitable[uuid.UUID]]  # the conftest fixture `team_of`


def staff(issuer: TestIssuer, subject: str = AINO, role: str = "coach", org=LAHTI) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return issuer.headers(subject=subject, roles=[role], org=org)


def assessment(**changes: object) -> dict[str, object]:
    return {
        "assessed_on": today().isoformat(),
        "education": [
            {
                "level": "upper_secondary_vocational",
                "field": "07",
                "qualification": "Logistiikan perustutkinto",
                "completed_year": 2012,
            }
        ],
        "work_history": [
            {
                "occupation": "8332",
                "title": "Kuorma-autonkuljettaja",
                "employer": "Kuljetus Oy",
                "started_on": "2013-03-01",
                "ended_on": "2025-10-31",
            }
        ],
        "occupations": ["8332", "8344"],
        "competences": [{"occupation": "8344", "description": "Trukkikortti"}],
        "languages": [{"language": "fi", "level": "native"}, {"language": "en", "level": "B1"}],
        "driving_licences": ["B", "CE"],
        "service_needs": ["job_placement"],
        "work_ability": "full",
        **changes,
    }


class TestSaveAndRead:
    async def test_first_save_creates_version_one_readable_with_its_etag(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        url = f"/v1/clients/{client_id}/assessment"
        assert (await client.get(url, headers=staff(test_issuer))).status_code == 404
        saved = await client.put(url, json=assessment(), headers=staff(test_issuer))
        assert saved.status_code == 200, saved.text
        assert saved.headers["etag"] == '"assessment-v1"' and saved.json()["version"] == 1
        read = await client.get(url, headers=staff(test_issuer))
        body = read.json()
        assert read.headers["etag"] == '"assessment-v1"'
        assert body["occupations"] == ["8332", "8344"] and body["driving_licences"] == ["B", "CE"]
        assert body["work_history"][0]["occupation"] == "8332" and body["created_by"] == AINO
        assert body["more_support_needed"] is False and body["special_category"] is None
        events = (
            await db_session.scalars(
                select(OutboxEvent).where(OutboxEvent.type == "fi.polku.client.assessment_updated.v1")
            )
        ).all()
        assert [event.data["version"] for event in events] == [1]
        # The codes employer-api's candidate profile matches on, and nothing free-text or health-related.
        assert set(events[0].data) == {
            "client_id",
            "organisation_id",
            "version",
            "assessed_on",
            "occupations",
            "competences",
            "languages",
            "driving_licences",
            "education_level",
        }
        # The highest level recorded (metrics-api's share without post-basic education), not the qualification.
        assert events[0].data["education_level"] == "upper_secondary_vocational"
        assert events[0].data["occupations"] == ["8332", "8344"] and events[0].data["competences"] == ["8344"]
        assert events[0].data["languages"][1] == {"language": "en", "level": "B1"}
        assert events[0].data["driving_licences"] == ["B", "CE"]
        assert "Trukkikortti" not in str(events[0].data) and "full" not in str(events[0].data)
        assert events[0].audience == [LAHTI]

    async def test_the_event_names_the_highest_level_of_several_or_none(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        url = f"/v1/clients/{client_id}/assessment"
        several = [{"level": "master", "field": "04"}, {"level": "basic"}, {"level": "upper_secondary_general"}]
        first = await client.put(url, json=assessment(education=several), headers=staff(test_issuer))
        assert first.status_code == 200, first.text
        etag = first.headers["etag"]
        second = await client.put(url, json=assessment(education=[]), headers={**staff(test_issuer), "If-Match": etag})
        assert second.status_code == 200, second.text
        events = (
            await db_session.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.type == "fi.polku.client.assessment_updated.v1")
                .order_by(OutboxEvent.data["version"].as_integer())
            )
        ).all()
        assert [event.data["education_level"] for event in events] == ["master", None]

    async def test_two_coaches_editing_at_once_the_second_gets_412(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, team_of: TeamOf
    ) -> None:
        await team_of(AINO, "coach-mikko")
        url = f"/v1/clients/{client_id}/assessment"
        await client.put(url, json=assessment(), headers=staff(test_issuer))
        etag = (await client.get(url, headers=staff(test_issuer))).headers["etag"]
        first = await client.put(
            url, json=assessment(driving_licences=["B"]), headers={**staff(test_issuer), "If-Match": etag}
        )
        assert first.status_code == 200 and first.json()["version"] == 2
        second = await client.put(
            url,
            json=assessment(driving_licences=["C"]),
            headers={**staff(test_issuer, "coach-mikko"), "If-Match": etag},
        )
        assert second.status_code == 412
        assert second.json()["type"].endswith("/assessment-changed") and second.json()["current_version"] == 2
        assert (await client.get(url, headers=staff(test_issuer))).json()["driving_licences"] == ["B"]
        missing = await client.put(url, json=assessment(), headers=staff(test_issuer))
        assert missing.status_code == 428

    async def test_versions_keep_who_saved_what(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        client_id: str,
        db_session: AsyncSession,
        team_of: TeamOf,
    ) -> None:
        await team_of(AINO, "coach-2")
        url = f"/v1/clients/{client_id}/assessment"
        await client.put(url, json=assessment(), headers=staff(test_issuer))
        await client.put(
            url,
            json=assessment(service_needs=["training"]),
            headers={**staff(test_issuer, "coach-2"), "If-Match": '"assessment-v1"'},
        )
        versions = (await client.get(f"{url}/versions", headers=staff(test_issuer))).json()
        assert [(v["version"], v["created_by"], v["service_needs"]) for v in versions] == [
            (1, AINO, ["job_placement"]),
            (2, "coach-2", ["training"]),
        ]
        assert {v["created_by_name"] for v in versions} == {"Test Person"}
        writes = (
            await db_session.scalars(
                select(AuditRecord).where(AuditRecord.resource_type == "assessment", AuditRecord.action != "read")
            )
        ).all()
        assert [(row.action, row.actor_subject, row.details) for row in writes] == [
            ("create", AINO, {"version": 1}),
            ("update", "coach-2", {"version": 2}),
        ]

    async def test_if_match_star_overwrites_and_a_stale_tag_on_a_first_save_is_412(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        url = f"/v1/clients/{client_id}/assessment"
        stale = await client.put(url, json=assessment(), headers={**staff(test_issuer), "If-Match": '"assessment-v3"'})
        assert stale.status_code == 412 and stale.json()["current_version"] == 0
        await client.put(url, json=assessment(), headers=staff(test_issuer))
        forced = await client.put(url, json=assessment(), headers={**staff(test_issuer), "If-Match": "*"})
        assert forced.status_code == 200 and forced.json()["version"] == 2

    async def test_a_need_for_more_support_is_shown(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        saved = await client.put(
            f"/v1/clients/{client_id}/assessment",
            headers=staff(test_issuer),
            json=assessment(service_needs=["job_placement", "rehabilitation"]),
        )
        assert saved.json()["more_support_needed"] is True


class TestValidation:
    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"occupations": ["9999"]}, "body.occupations.0"),
            ({"occupations": ["83a2"]}, "body.occupations.0"),
            ({"competences": [{"occupation": "1234"}]}, "body.competences.0.occupation"),
            (
                {"work_history": [{"occupation": "0000", "title": "x", "started_on": "2020-01-01"}]},
                "body.work_history.0.occupation",
            ),
            ({"driving_licences": ["Z"]}, "body.driving_licences.0"),
            ({"service_needs": ["astrology"]}, "body.service_needs.0"),
            ({"languages": [{"language": "fi", "level": "D1"}]}, "body.languages.0.level"),
            ({"education": [{"level": "kindergarten"}]}, "body.education.0.level"),
            ({"work_ability": "partial"}, "body"),
            ({"integration_period": {"starts_on": "2026-01-01", "ends_on": "2025-01-01"}}, "body.integration_period"),
            ({"assessed_on": 20260101}, "body.assessed_on"),
            ({"supplementary_interviews": 13}, "body.supplementary_interviews"),
            ({"supplementary_interviews": "2"}, "body.supplementary_interviews"),
            ({"assessed_on": (today() + timedelta(days=2)).isoformat()}, "body.assessed_on"),
        ],
    )
    async def test_field_errors(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        client_id: str,
        changes: dict[str, object],
        field: str,
    ) -> None:
        response = await client.put(
            f"/v1/clients/{client_id}/assessment", json=assessment(**changes), headers=staff(test_issuer)
        )
        assert response.status_code == 422, response.text
        assert any(error["field"] == field for error in response.json()["errors"]), response.json()["errors"]

    async def test_partial_work_ability_with_a_description_is_accepted(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        response = await client.put(
            f"/v1/clients/{client_id}/assessment",
            headers=staff(test_issuer),
            json=assessment(work_ability="partial", work_ability_description="No heavy lifting; part-time work suits"),
        )
        assert response.status_code == 200 and response.json()["work_ability"] == "partial"


class TestSpecialCategory:
    NOTES = {"health": "Back injury 2024; physiotherapy", "social": "Debt counselling in progress"}

    async def test_only_the_clients_coach_and_team_read_the_notes_and_each_read_is_audited_apart(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        client_id: str,
        db_session: AsyncSession,
        team_of: TeamOf,
    ) -> None:
        await team_of(AINO, "coach-mari")
        url = f"/v1/clients/{client_id}/assessment"
        saved = await client.put(url, json=assessment(special_category=self.NOTES), headers=staff(test_issuer))
        assert saved.status_code == 200, saved.text
        assert saved.json()["special_category"]["health"] == self.NOTES["health"]

        mine = (await client.get(url, headers=staff(test_issuer))).json()
        assert mine["special_category"]["social"] == self.NOTES["social"] and mine["special_category_hidden"] is False

        teammate = (await client.get(url, headers=staff(test_issuer, "coach-mari"))).json()
        assert teammate["special_category"]["health"] == self.NOTES["health"]
        outsider = await client.get(url, headers=staff(test_issuer, "coach-other"))
        assert outsider.status_code == 404  # not in Aino's team: does not reach the client at all

        for other in (staff(test_issuer, "manager-1", "manager"), staff(test_issuer, "admin-1", "admin")):
            response = await client.get(url, headers=other)
            assert response.status_code == 200
            body = response.json()
            assert body["special_category"] is None and body["special_category_hidden"] is True
            assert self.NOTES["health"] not in response.text

        special = (
            await db_session.scalars(
                select(AuditRecord).where(AuditRecord.resource_type == "assessment_special_category")
            )
        ).all()
        # One transaction in the test, so the records share their time: compared as a multiset.
        assert sorted((row.action, row.actor_subject) for row in special) == sorted(
            [("update", AINO), ("read", AINO), ("read", AINO), ("read", "coach-mari")]
        )
        assert all(row.details["special_category"] is True for row in special)
        plain_reads = (
            await db_session.scalars(
                select(AuditRecord).where(AuditRecord.resource_type == "assessment", AuditRecord.action == "read")
            )
        ).all()
        assert {row.actor_subject for row in plain_reads} == {AINO, "coach-mari", "manager-1", "admin-1"}

    async def test_notes_are_encrypted_at_rest_and_never_in_events(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        await client.put(
            f"/v1/clients/{client_id}/assessment",
            json=assessment(special_category=self.NOTES),
            headers=staff(test_issuer),
        )
        note = await db_session.scalar(select(SpecialCategoryNote))
        assert note is not None and b"Back injury" not in note.notes_encrypted
        events = (await db_session.scalars(select(OutboxEvent))).all()
        assert events and all("Back injury" not in str(event.data) for event in events)

    async def test_a_manager_may_not_write_notes_but_may_save_the_rest_keeping_them(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        url = f"/v1/clients/{client_id}/assessment"
        await client.put(url, json=assessment(special_category=self.NOTES), headers=staff(test_issuer))
        other = {**staff(test_issuer, "manager-1", "manager"), "If-Match": '"assessment-v1"'}
        refused = await client.put(url, json=assessment(special_category={"health": "x"}), headers=other)
        assert refused.status_code == 403 and refused.json()["type"].endswith("/special-category-forbidden")
        kept = await client.put(url, json=assessment(driving_licences=["B"]), headers=other)
        assert kept.status_code == 200 and kept.json()["special_category_hidden"] is True
        mine = (await client.get(url, headers=staff(test_issuer))).json()
        assert mine["version"] == 2 and mine["special_category"]["health"] == self.NOTES["health"]

    async def test_versions_never_carry_the_notes(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        url = f"/v1/clients/{client_id}/assessment"
        await client.put(url, json=assessment(special_category=self.NOTES), headers=staff(test_issuer))
        response = await client.get(f"{url}/versions", headers=staff(test_issuer))
        assert response.status_code == 200 and self.NOTES["health"] not in response.text


class TestTargetGroups:
    async def test_integration_period_and_partial_work_ability_come_from_the_assessment(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        before = (await client.get(f"/v1/clients/{client_id}", headers=staff(test_issuer))).json()
        assert "partial_work_ability" not in before["target_groups"]
        period = {
            "starts_on": (today() - timedelta(days=100)).isoformat(),
            "ends_on": (today() + timedelta(days=900)).isoformat(),
        }
        await client.put(
            f"/v1/clients/{client_id}/assessment",
            headers=staff(test_issuer),
            json=assessment(
                work_ability="partial", work_ability_description="Part-time only", integration_period=period
            ),
        )
        after = (await client.get(f"/v1/clients/{client_id}", headers=staff(test_issuer))).json()
        assert {"immigrant_in_integration_period", "partial_work_ability"} <= set(after["target_groups"])
        listed = (await client.get("/v1/clients", headers=staff(test_issuer))).json()["items"]
        assert "partial_work_ability" in next(item for item in listed if item["id"] == client_id)["target_groups"]

    async def test_an_ended_integration_period_is_no_target_group(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        period = {"starts_on": "2021-01-01", "ends_on": (today() - timedelta(days=1)).isoformat()}
        await client.put(
            f"/v1/clients/{client_id}/assessment",
            headers=staff(test_issuer),
            json=assessment(integration_period=period),
        )
        after = (await client.get(f"/v1/clients/{client_id}", headers=staff(test_issuer))).json()
        assert "immigrant_in_integration_period" not in after["target_groups"]


class TestAccess:
    @pytest.mark.parametrize("role", ["partner", "employer_services", "service", "platform"])
    async def test_wrong_roles_are_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, role: str
    ) -> None:
        url = f"/v1/clients/{client_id}/assessment"
        await client.put(url, json=assessment(), headers=staff(test_issuer))
        headers = test_issuer.headers(roles=[role], org=KELA if role == "partner" else LAHTI)
        assert (await client.get(url, headers=headers)).status_code == 403
        assert (await client.get(f"{url}/versions", headers=headers)).status_code == 403
        assert (await client.put(url, json=assessment(), headers={**headers, "If-Match": "*"})).status_code == 403

    async def test_another_organisation_gets_404(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        url = f"/v1/clients/{client_id}/assessment"
        await client.put(url, json=assessment(), headers=staff(test_issuer))
        mikkeli = staff(test_issuer, AINO, org=MIKKELI)
        assert (await client.get(url, headers=mikkeli)).status_code == 404
        assert (await client.get(f"{url}/versions", headers=mikkeli)).status_code == 404
        put = await client.put(url, json=assessment(), headers={**mikkeli, "If-Match": '"assessment-v1"'})
        assert put.status_code == 404


class TestOccupations:
    async def test_search_by_label_in_each_language_and_by_code(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        async def codes(**params: str) -> list[str]:
            response = await client.get("/v1/occupations", params=params, headers=staff(test_issuer))
            assert response.status_code == 200, response.text
            return [row["code"] for row in response.json()]

        assert "8332" in await codes(q="kuorma-auto", lang="fi")
        assert "8332" in await codes(q="lastbil", lang="sv")
        assert "8332" in await codes(q="lorry", lang="en")
        assert await codes(q="lorry", lang="fi") == []
        assert (await codes(q="83"))[0] == "83"
        assert await codes(level="major") == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
        assert len(await codes(level="unit", limit="200")) == 200

    async def test_a_group_not_used_in_finland_still_has_its_official_names(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        response = await client.get("/v1/occupations", params={"q": "1113"}, headers=staff(test_issuer))
        [chiefs] = response.json()
        assert (chiefs["fi"], chiefs["sv"], chiefs["en"]) == (
            "Heimo- ja kyläpäälliköt",
            "Stam- och byhövdingar",
            "Traditional chiefs and heads of village",
        )

    async def test_employer_services_may_search_and_partners_may_not(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        expert = staff(test_issuer, "expert", "employer_services")
        assert (await client.get("/v1/occupations", params={"q": "kokit"}, headers=expert)).status_code == 200
        for role in ("partner", "service", "platform"):
            headers = test_issuer.headers(roles=[role], org=KELA)
            assert (await client.get("/v1/occupations", headers=headers)).status_code == 403
        bad = await client.get("/v1/occupations", params={"lang": "de"}, headers=expert)
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.lang"


class TestMunicipalities:
    """``GET /v1/municipalities``: Statistics Finland's municipality classification 2025 for every staff role."""

    async def test_every_municipality_of_2025_with_its_region_and_sub_region(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        response = await client.get("/v1/municipalities", headers=staff(test_issuer))
        assert response.status_code == 200, response.text
        rows = {row["code"]: row for row in response.json()}
        assert len(rows) == 308 and list(rows) == sorted(rows)
        assert rows["091"] == {
            "code": "091",
            "fi": "Helsinki",
            "sv": "Helsingfors",
            "region": "01",
            "region_fi": "Uusimaa",
            "region_sv": "Nyland",
            "sub_region": "011",
        }
        assert (rows["398"]["sv"], rows["398"]["region"], rows["398"]["region_fi"]) == ("Lahtis", "07", "Päijät-Häme")
        assert "588" not in rows  # Pertunmaa joined Mäntyharju on 1 January 2025

    async def test_cached_by_etag(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        first = await client.get("/v1/municipalities", headers=staff(test_issuer))
        tag = first.headers["etag"]
        assert tag.startswith('"municipalities-2025-') and "max-age" in first.headers["cache-control"]
        again = await client.get("/v1/municipalities", headers={**staff(test_issuer), "If-None-Match": tag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
        other = await client.get("/v1/municipalities", headers={**staff(test_issuer), "If-None-Match": '"old"'})
        assert other.status_code == 200 and len(other.json()) == 308

    async def test_every_person_of_any_organisation_and_no_machine(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        # A public classification: staff, partners and the data protection officer name municipalities on their pages.
        for role in ("coach", "employer_services", "manager", "admin", "dpo", "partner"):
            for org in (LAHTI, MIKKELI, KELA):  # the same answer for every organisation
                response = await client.get("/v1/municipalities", headers=staff(test_issuer, "someone", role, org))
                assert response.status_code == 200 and len(response.json()) == 308
        for role in ("service", "platform"):
            headers = test_issuer.headers(roles=[role], org=KELA)
            assert (await client.get("/v1/municipalities", headers=headers)).status_code == 403
        assert (await client.get("/v1/municipalities")).status_code == 401


class TestTargetGroupsInEvents:
    """Status events carry the client's target groups for employer-api's candidate profile (decision 35), but
    never partial work ability: it is read from the work-ability assessment, health data kept within the art. 9
    circle (decision 11)."""

    async def test_partial_work_ability_stays_out_of_the_events(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        await client.put(
            f"/v1/clients/{client_id}/assessment",
            headers=staff(test_issuer),
            json=assessment(work_ability="partial", work_ability_description="No heavy lifting; part-time work suits"),
        )
        read = (await client.get(f"/v1/clients/{client_id}", headers=staff(test_issuer))).json()
        assert "partial_work_ability" in read["target_groups"]  # the coach sees it
        changed = await client.post(
            f"/v1/clients/{client_id}/status",
            json={"status": "in_activating_service", "changed_on": today().isoformat(), "reason": "work trial"},
            headers=staff(test_issuer),
        )
        assert changed.status_code == 200, changed.text
        event = await db_session.scalar(
            select(OutboxEvent).where(OutboxEvent.type == "fi.polku.client.status_changed.v1")
        )
        after = changed.json()["target_groups"]
        assert event is not None and "partial_work_ability" in after
        assert set(event.data["target_groups"]) == set(after) - {"partial_work_ability"}
