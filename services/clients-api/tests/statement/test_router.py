"""Labour-policy statements (*työvoimapoliittinen lausunto*) through the API: the consequence of the rules in
force on the day of the neglect, the hearing, the issue, versions with If-Match, audit, the statement.issued
event, and a coach's list with the processing time."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.service import today
from polku_kit.audit import AuditRecord
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

from ..factories import AINO, MATTI, coach, register

WRONG_ROLES = ["partner", "employer_services", "service", "platform"]


def draft(neglected_on: date, kind: str = "missed_interview") -> dict[str, object]:
    return {
        "neglect_kind": kind,
        "neglected_on": neglected_on.isoformat(),
        "description": "Ei saapunut sovittuun työnhakukeskusteluun",
    }


@pytest.fixture
async def client_id(client: httpx.AsyncClient, test_issuer: TestIssuer) -> str:
    """Matti, in job search since 1 June 2025 (under both sanction rule sets)."""
    return await register(client, coach(test_issuer), started=date(2025, 6, 1))


async def drafted(client: httpx.AsyncClient, headers: dict[str, str], client_id: str, day: date, **kw: str) -> dict:
    response = await client.post(f"/v1/clients/{client_id}/statements", json=draft(day, **kw), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def heard_and_issued(
    client: httpx.AsyncClient, headers: dict[str, str], client_id: str, statement: dict, heard_on: date, issued_on: date
) -> dict:
    url = f"/v1/clients/{client_id}/statements/{statement['id']}"
    heard = await client.post(
        f"{url}/hearing",
        json={"client_account": "Olin sairaana", "heard_on": heard_on.isoformat()},
        headers={**headers, "If-Match": f'"v{statement["version"]}"'},
    )
    assert heard.status_code == 200, heard.text
    issued = await client.post(
        f"{url}/issue",
        json={"recipient": "kela", "issued_on": issued_on.isoformat()},
        headers={**headers, "If-Match": heard.headers["ETag"]},
    )
    assert issued.status_code == 200, issued.text
    return issued.json()


class TestConsequence:
    """Known answers from työttömyysturvalaki 1290/2002, 2 a luku 13–14 §: as amended by 1380/2021 (in force
    2.5.2022) the first neglect within 12 months gives a reminder, the second 7 days and the third 14 days without
    benefit, the fourth benefit until further notice (työssäolovelvoite); as amended by HE 108/2025 (in force
    1.3.2026) the reminder is dropped and the first neglect already gives 7 days. The rules of the day of the
    neglect apply, and earlier neglects count over the 12 months before it."""

    async def test_a_first_neglect_under_the_nordic_model_gives_a_reminder(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        body = await drafted(client, coach(test_issuer), client_id, date(2025, 9, 15))
        assert (body["ordinal"], body["consequence"], body["non_compensable_days"], body["rule_set"]) == (
            1,
            "reminder",
            None,
            "nordic-2022",
        )

    async def test_a_first_neglect_from_march_2026_gives_seven_days(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        body = await drafted(client, coach(test_issuer), client_id, date(2026, 3, 2))
        assert (body["ordinal"], body["consequence"], body["non_compensable_days"], body["rule_set"]) == (
            1,
            "non_compensable_period",
            7,
            "reform-2026",
        )

    async def test_the_last_day_of_february_2026_is_still_judged_by_the_nordic_rules(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        body = await drafted(client, coach(test_issuer), client_id, date(2026, 2, 28))
        assert (body["consequence"], body["rule_set"]) == ("reminder", "nordic-2022")

    async def test_an_earlier_neglect_within_twelve_months_makes_the_next_one_second(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await drafted(client, coach(test_issuer), client_id, date(2025, 9, 15))
        body = await drafted(client, coach(test_issuer), client_id, date(2026, 3, 2), kind="refused_job_offer")
        # The second neglect under the 2026 rules: 14 days without benefit.
        assert (body["ordinal"], body["consequence"], body["non_compensable_days"]) == (2, "non_compensable_period", 14)

    async def test_a_neglect_older_than_twelve_months_is_not_counted(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await drafted(client, coach(test_issuer), client_id, date(2025, 9, 15))
        body = await drafted(client, coach(test_issuer), client_id, date(2026, 9, 16))
        assert (body["ordinal"], body["non_compensable_days"]) == (1, 7)

    async def test_the_fourth_neglect_under_the_nordic_model_loses_benefit_until_further_notice(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        for day in (date(2025, 7, 1), date(2025, 8, 1), date(2025, 9, 1)):
            await drafted(client, coach(test_issuer), client_id, day)
        body = await drafted(client, coach(test_issuer), client_id, date(2025, 10, 1))
        assert (body["ordinal"], body["consequence"]) == (4, "until_further_notice")

    async def test_a_statement_about_an_earlier_neglect_drafted_later_recounts_at_the_hearing(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        later = await drafted(client, coach(test_issuer), client_id, date(2026, 4, 1))
        assert later["ordinal"] == 1
        await drafted(client, coach(test_issuer), client_id, date(2026, 3, 10))
        heard = await client.post(
            f"/v1/clients/{client_id}/statements/{later['id']}/hearing",
            json={"client_account": "Unohdin", "heard_on": date(2026, 4, 5).isoformat()},
            headers={**coach(test_issuer), "If-Match": '"v1"'},
        )
        assert (heard.json()["ordinal"], heard.json()["non_compensable_days"]) == (2, 14)


class TestLifecycle:
    async def test_draft_hear_issue_with_versions_audit_and_event(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        neglected_on = today() - timedelta(days=20)
        created = await client.post(
            f"/v1/clients/{client_id}/statements", json=draft(neglected_on), headers=coach(test_issuer)
        )
        assert created.status_code == 201 and created.headers["ETag"] == '"v1"'
        statement = created.json()
        assert (statement["state"], statement["drafted_by"], statement["processing_days"]) == ("draft", AINO, 20)
        issued = await heard_and_issued(
            client, coach(test_issuer), client_id, statement, today() - timedelta(days=10), today() - timedelta(days=5)
        )
        assert (issued["state"], issued["version"], issued["issued_by"], issued["heard_by"]) == (
            "issued",
            3,
            AINO,
            AINO,
        )
        assert issued["processing_days"] == 15  # from the neglect to the issued statement
        versions = (
            await client.get(
                f"/v1/clients/{client_id}/statements/{statement['id']}/versions", headers=coach(test_issuer)
            )
        ).json()
        assert [(v["version"], v["snapshot"]["state"], v["changed_by"]) for v in versions] == [
            (1, "draft", AINO),
            (2, "heard", AINO),
            (3, "issued", AINO),
        ]
        audit = (
            await db_session.scalars(
                select(AuditRecord)
                .where(AuditRecord.resource_type == "labour_policy_statement", AuditRecord.action != "read")
                .order_by(AuditRecord.occurred_at)
            )
        ).all()
        assert [(a.actor_subject, a.details["step"], str(a.data_subject_id)) for a in audit] == [
            (AINO, "drafted", client_id),
            (AINO, "heard", client_id),
            (AINO, "issued", client_id),
        ]
        event = await db_session.scalar(select(OutboxEvent).where(OutboxEvent.type == "fi.polku.statement.issued.v1"))
        assert event is not None and event.audience == [LAHTI]
        assert event.data == {
            "statement_id": statement["id"],
            "organisation_id": str(LAHTI),
            "municipality": "398",
            "neglect_kind": "missed_interview",
            "neglected_on": neglected_on.isoformat(),
            "heard_on": (today() - timedelta(days=10)).isoformat(),
            "issued_on": (today() - timedelta(days=5)).isoformat(),
            "processing_days": 15,
            "recipient": "kela",
            "consequence": issued["consequence"],
            "non_compensable_days": issued["non_compensable_days"],
            "rule_set": issued["rule_set"],
            "platform_request_ids": [],  # no request from the national system asked for it
        }
        payload = str(event.data)
        assert "Matti" not in payload and "Meikäläinen" not in payload and MATTI not in payload
        assert client_id not in payload

    async def test_an_edit_needs_the_current_version(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        statement = await drafted(client, coach(test_issuer), client_id, today() - timedelta(days=3))
        url = f"/v1/clients/{client_id}/statements/{statement['id']}"
        change = {"description": "Ei saapunut eikä ilmoittanut esteestä"}
        missing = await client.patch(url, json=change, headers=coach(test_issuer))
        assert missing.status_code == 428
        first = await client.patch(url, json=change, headers={**coach(test_issuer), "If-Match": '"v1"'})
        assert first.status_code == 200 and first.headers["ETag"] == '"v2"'
        stale = await client.patch(url, json=change, headers={**coach(test_issuer), "If-Match": '"v1"'})
        assert stale.status_code == 412
        assert stale.json()["type"].endswith("/statement-changed") and stale.json()["current_version"] == 2

    async def test_a_statement_is_issued_only_after_the_hearing(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        statement = await drafted(client, coach(test_issuer), client_id, today() - timedelta(days=3))
        response = await client.post(
            f"/v1/clients/{client_id}/statements/{statement['id']}/issue",
            json={"recipient": "kela", "issued_on": today().isoformat()},
            headers={**coach(test_issuer), "If-Match": '"v1"'},
        )
        assert response.status_code == 409 and response.json()["type"].endswith("/statement-not-heard")

    async def test_an_issued_statement_no_longer_changes(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        statement = await drafted(client, coach(test_issuer), client_id, today() - timedelta(days=3))
        issued = await heard_and_issued(client, coach(test_issuer), client_id, statement, today(), today())
        response = await client.patch(
            f"/v1/clients/{client_id}/statements/{statement['id']}",
            json={"description": "Muutos"},
            headers={**coach(test_issuer), "If-Match": f'"v{issued["version"]}"'},
        )
        assert response.status_code == 409 and response.json()["type"].endswith("/statement-issued")

    async def test_a_second_statement_about_the_same_neglect_is_a_conflict(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await drafted(client, coach(test_issuer), client_id, today() - timedelta(days=3))
        again = await client.post(
            f"/v1/clients/{client_id}/statements", json=draft(today() - timedelta(days=3)), headers=coach(test_issuer)
        )
        assert again.status_code == 409 and again.json()["type"].endswith("/statement-exists")

    async def test_a_statement_to_an_unemployment_fund_names_the_fund(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        statement = await drafted(client, coach(test_issuer), client_id, today() - timedelta(days=3))
        url = f"/v1/clients/{client_id}/statements/{statement['id']}"
        heard = await client.post(
            f"{url}/hearing",
            json={"client_account": "Ei selvitystä määräaikaan mennessä", "heard_on": today().isoformat()},
            headers={**coach(test_issuer), "If-Match": '"v1"'},
        )
        unnamed = await client.post(
            f"{url}/issue",
            json={"recipient": "unemployment_fund", "issued_on": today().isoformat()},
            headers={**coach(test_issuer), "If-Match": heard.headers["ETag"]},
        )
        assert unnamed.status_code == 422
        named = await client.post(
            f"{url}/issue",
            json={
                "recipient": "unemployment_fund",
                "fund_name": "Erityisalojen kassa",
                "issued_on": today().isoformat(),
            },
            headers={**coach(test_issuer), "If-Match": heard.headers["ETag"]},
        )
        assert named.status_code == 200 and named.json()["fund_name"] == "Erityisalojen kassa"


class TestValidation:
    @pytest.mark.parametrize(
        ("neglected_on", "code"),
        [
            (date(2099, 1, 1), "future"),
            (date(2025, 5, 31), "before_job_search"),
        ],
    )
    async def test_the_day_of_the_neglect_is_checked(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, neglected_on: date, code: str
    ) -> None:
        response = await client.post(
            f"/v1/clients/{client_id}/statements", json=draft(neglected_on), headers=coach(test_issuer)
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "body.neglected_on"
        assert response.json()["errors"][0]["code"] == code

    async def test_no_rules_before_the_nordic_model(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        early = await register(client, coach(test_issuer), started=date(2022, 1, 3))
        response = await client.post(
            f"/v1/clients/{early}/statements", json=draft(date(2022, 3, 1)), headers=coach(test_issuer)
        )
        assert response.status_code == 422 and response.json()["errors"][0]["code"] == "no_rules"

    async def test_the_hearing_comes_after_the_neglect(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        statement = await drafted(client, coach(test_issuer), client_id, today() - timedelta(days=3))
        response = await client.post(
            f"/v1/clients/{client_id}/statements/{statement['id']}/hearing",
            json={"client_account": "Olin sairaana", "heard_on": (today() - timedelta(days=4)).isoformat()},
            headers={**coach(test_issuer), "If-Match": '"v1"'},
        )
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "body.heard_on"

    async def test_unknown_fields_are_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        body = {**draft(today()), "consequence": "reminder"}
        response = await client.post(f"/v1/clients/{client_id}/statements", json=body, headers=coach(test_issuer))
        assert response.status_code == 422


class TestCoachList:
    async def test_pending_by_days_waited_and_the_processing_time_of_the_issued(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        headers = coach(test_issuer)
        old = await drafted(client, headers, client_id, today() - timedelta(days=30))
        await drafted(client, headers, client_id, today() - timedelta(days=10), kind="unmet_obligation")
        done = await drafted(client, headers, client_id, today() - timedelta(days=40), kind="refused_job_offer")
        await heard_and_issued(
            client, headers, client_id, done, today() - timedelta(days=35), today() - timedelta(days=28)
        )

        pending = (await client.get("/v1/statements", headers=headers)).json()
        assert [item["processing_days"] for item in pending["items"]] == [30, 10]
        assert pending["items"][0]["id"] == old["id"] and pending["items"][0]["client_last_name"] == "Meikäläinen"
        assert (pending["pending"], pending["coach_subject"]) == (2, AINO)

        everything = (await client.get("/v1/statements?include_issued=true", headers=headers)).json()
        assert [item["state"] for item in everything["items"]] == ["draft", "draft", "issued"]
        assert (everything["issued"], everything["average_processing_days"]) == (1, 12.0)

    async def test_a_coach_outside_the_team_is_refused_and_a_manager_may_look(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await drafted(client, coach(test_issuer), client_id, today() - timedelta(days=3))
        other = await client.get(f"/v1/statements?coach={AINO}", headers=coach(test_issuer, subject="coach-eino"))
        assert other.status_code == 403
        manager = test_issuer.headers(subject="manager-1", roles=["manager"], org=LAHTI)
        seen = (await client.get(f"/v1/statements?coach={AINO}", headers=manager)).json()
        assert seen["pending"] == 1


class TestAccess:
    @pytest.mark.parametrize("role", WRONG_ROLES)
    async def test_other_roles_are_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, role: str
    ) -> None:
        headers = test_issuer.headers(subject="someone", roles=[role], org=LAHTI)
        response = await client.post(f"/v1/clients/{client_id}/statements", json=draft(today()), headers=headers)
        assert response.status_code == 403
        assert (await client.get("/v1/statements", headers=headers)).status_code == 403

    async def test_another_organisation_finds_nothing(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        statement = await drafted(client, coach(test_issuer), client_id, today() - timedelta(days=3))
        stranger = coach(test_issuer, subject="coach-mikkeli", org=MIKKELI)
        url = f"/v1/clients/{client_id}/statements"
        assert (await client.get(f"{url}/{statement['id']}", headers=stranger)).status_code == 404
        assert (await client.post(url, json=draft(today()), headers=stranger)).status_code == 404
        hearing = await client.post(
            f"{url}/{statement['id']}/hearing",
            json={"client_account": "x", "heard_on": today().isoformat()},
            headers={**stranger, "If-Match": '"v1"'},
        )
        assert hearing.status_code == 404
        assert (await client.get("/v1/statements", headers=stranger)).json()["items"] == []
