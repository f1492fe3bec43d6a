"""/v1/indicators and /v1/figures: who reads what, small cells withheld, the definition with every figure."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx
import pytest

from polku_kit.testing import KELA, LAHTI, MIKKELI, WELLBEING_COUNTY, TestIssuer

from ..factories import assigned, at, deliver_all, overdue, referral, registered, status_changed


def headers(issuer: TestIssuer, role: str, org: uuid.UUID = LAHTI, subject: str | None = None) -> dict[str, str]:
    return issuer.headers(subject=subject or f"{role}-1", roles=[role], org=org)


async def figures(
    client: httpx.AsyncClient, issuer: TestIssuer, indicator: str, role: str = "manager", **params: Any
) -> httpx.Response:
    org = params.pop("org", LAHTI)
    subject = params.pop("subject", None)
    query = {"indicator": indicator, "from": "2025-06", "to": "2025-06", **params}
    return await client.get("/v1/figures", params=query, headers=headers(issuer, role, org, subject))


def total(body: dict[str, Any], breakdown: str | None = None) -> dict[str, Any]:
    return next(c for c in body["cells"] if c["municipality"] is None and c["breakdown"] == breakdown)


async def seven_in_lahti(client: httpx.AsyncClient) -> list[uuid.UUID]:
    """Seven unemployed job seekers in Lahti (398) since May 2025, five of coach-a, two of coach-b."""
    ids = [uuid.uuid4() for _ in range(7)]
    await deliver_all(
        client,
        [registered(c, started=date(2025, 5, 5), coach="coach-a" if i < 5 else "coach-b") for i, c in enumerate(ids)],
    )
    return ids


class TestDefinitions:
    async def test_a_manager_reads_every_definition(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await client.get("/v1/indicators", headers=headers(test_issuer, "manager"))
        assert response.status_code == 200
        codes = {d["code"] for d in response.json()}
        assert {"activation_rate", "job_seekers", "caseload_per_coach", "referral_fill_rate"} <= codes
        rate = next(d for d in response.json() if d["code"] == "activation_rate")
        assert "pay_subsidised_work" in rate["service_types"]
        assert rate["count_date_rule"].startswith("The last working day of the month")

    async def test_a_coach_reads_the_case_work_definitions_and_a_partner_their_services(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        coach = await client.get("/v1/indicators", headers=headers(test_issuer, "coach"))
        assert {d["audience"] for d in coach.json()} == {"casework"}
        partner = await client.get("/v1/indicators", headers=headers(test_issuer, "partner", WELLBEING_COUNTY))
        assert {d["code"] for d in partner.json()} == {"referral_fill_rate", "referral_first_response_time"}

    @pytest.mark.parametrize("role", ["employer_services", "dpo", "service", "platform"])
    async def test_other_roles_are_refused(self, client: httpx.AsyncClient, test_issuer: TestIssuer, role: str) -> None:
        response = await client.get("/v1/indicators", headers=headers(test_issuer, role))
        assert response.status_code == 403
        assert response.headers["content-type"].startswith("application/problem+json")


class TestFigures:
    async def test_a_figure_comes_with_its_definition_and_count_date(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await seven_in_lahti(client)
        response = await figures(client, test_issuer, "unemployed_job_seekers")
        assert response.status_code == 200, response.text
        body = response.json()
        assert [d["code"] for d in body["definitions"]] == ["unemployed_job_seekers"]
        assert body["suppression_threshold"] == 5
        # 30 June 2025 is a Monday, a working day: the count date
        lahti = next(c for c in body["cells"] if c["municipality"] == "398")
        assert (lahti["count_date"], lahti["value"], lahti["persons"]) == ("2025-06-30", 7.0, 7)

    async def test_cells_under_five_persons_are_withheld(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        ids = await seven_in_lahti(client)
        await deliver_all(client, [status_changed(c, on=date(2025, 6, 2), to="in_activating_service") for c in ids[:3]])
        body = (await figures(client, test_issuer, "activation_rate")).json()
        cell = total(body)
        assert cell["suppressed"] is True
        assert (cell["value"], cell["persons"], cell["denominator"]) == (None, None, None)
        # the unemployed alone: four, withheld too; the job seekers: seven, shown
        assert total((await figures(client, test_issuer, "unemployed_job_seekers")).json())["suppressed"] is True
        assert total((await figures(client, test_issuer, "job_seekers")).json())["value"] == 7.0

    async def test_another_organisation_sees_none_of_lahti_s_job_seekers(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await seven_in_lahti(client)
        body = (await figures(client, test_issuer, "job_seekers", org=MIKKELI)).json()
        assert total(body)["value"] == 0.0
        assert [c for c in body["cells"] if c["municipality"] == "398"] == []

    async def test_a_coach_sees_only_their_own_caseload(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await seven_in_lahti(client)
        body = (await figures(client, test_issuer, "caseload_per_coach", role="coach", subject="coach-a")).json()
        assert [(c["breakdown"], c["value"]) for c in body["cells"]] == [("coach-a", 5.0)]
        manager = (await figures(client, test_issuer, "caseload_per_coach")).json()
        assert {c["breakdown"] for c in manager["cells"]} == {"coach-a", "coach-b", None}

    async def test_a_coach_counts_the_missed_deadlines_of_their_own_caseload(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        ids = await seven_in_lahti(client)
        await deliver_all(
            client,
            [
                overdue(c, kind="job_search_discussion", number=1, due=date(2025, 6, 9), rule_set="2022-05-02")
                for c in ids
            ],
        )
        await deliver_all(client, [assigned(ids[0], on=date(2025, 6, 1), coach="coach-b")])
        mine = (await figures(client, test_issuer, "deadlines_missed", role="coach", subject="coach-a")).json()
        assert total(mine, "job_search_discussion/2022-05-02")["suppressed"] is True  # four of coach-a's
        everyone = (await figures(client, test_issuer, "deadlines_missed")).json()
        assert total(everyone, "job_search_discussion/2022-05-02")["value"] == 7.0

    async def test_a_coach_is_refused_area_figures(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await figures(client, test_issuer, "activation_rate", role="coach")
        assert response.status_code == 403
        assert response.json()["type"].endswith("/indicator-not-for-this-role")

    async def test_a_partner_sees_only_their_own_services(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        service = uuid.uuid4()
        events = []
        for partner in (WELLBEING_COUNTY, KELA):
            for _ in range(5):
                ref, who = uuid.uuid4(), uuid.uuid4()
                common = {"referral_id": ref, "client_id": who, "partner": partner, "service_id": service}
                events += [referral("sent", moment=at(date(2025, 6, 2), 9), **common)]
                events += [referral("accepted", moment=at(date(2025, 6, 3), 9), **common)] if partner == KELA else []
        await deliver_all(client, events)
        own = (await figures(client, test_issuer, "referral_fill_rate", role="partner", org=WELLBEING_COUNTY)).json()
        assert {c["breakdown"] for c in own["cells"]} == {str(WELLBEING_COUNTY), None}
        assert total(own)["value"] == 0.0
        sender = (await figures(client, test_issuer, "referral_fill_rate")).json()
        assert total(sender)["value"] == 50.0
        assert total(sender, str(KELA))["value"] == 100.0
        response = await figures(client, test_issuer, "job_seekers", role="partner", org=WELLBEING_COUNTY)
        assert response.status_code == 403

    async def test_foreign_citizens_are_not_computed_without_citizenship(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        await seven_in_lahti(client)
        cell = total((await figures(client, test_issuer, "job_seekers", group="foreign_citizens")).json())
        assert (cell["available"], cell["value"]) == (False, None)

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"from": "2025-13"}, "query.from"),
            ({"from": "0000-01", "to": "0000-01"}, "query.from"),  # no year 0 in the calendar: not a 500
            ({"to": "2025-01", "from": "2025-06"}, "query.to"),
            ({"from": "2020-01", "to": "2025-06"}, "query.to"),
            ({"indicator": "no_such_thing"}, "query.indicator"),
            ({"group": "caseload_per_coach_group"}, "query.group"),
            ({"municipality": "Lahti"}, "query.municipality"),
        ],
    )
    async def test_a_bad_question_is_a_422_naming_the_field(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, params: dict[str, str], field: str
    ) -> None:
        indicator = params.pop("indicator", "job_seekers")
        response = await figures(client, test_issuer, indicator, **params)
        assert response.status_code == 422, response.text
        assert field in [e["field"] for e in response.json()["errors"]]

    async def test_a_group_the_indicator_does_not_have_is_a_422(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        response = await figures(client, test_issuer, "caseload_per_coach", group="under_25")
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "query.group"


class TestSecondarySuppression:
    async def test_a_withheld_municipality_cannot_be_had_by_subtraction(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        """Lahti 6 and Hollola 2 with the total 8 shown: Lahti's 6 would give Hollola's 2 away, so it is withheld."""
        await deliver_all(
            client,
            [registered(uuid.uuid4(), started=date(2025, 5, 5)) for _ in range(6)]
            + [registered(uuid.uuid4(), started=date(2025, 5, 5), municipality="098") for _ in range(2)],
        )
        body = (await figures(client, test_issuer, "job_seekers")).json()
        cells = {c["municipality"]: (c["value"], c["suppressed"]) for c in body["cells"]}
        assert cells == {"098": (None, True), "398": (None, True), None: (8.0, False)}
        # asking for Lahti alone withholds it all the same
        only = (await figures(client, test_issuer, "job_seekers", municipality="398")).json()
        assert [(c["municipality"], c["suppressed"]) for c in only["cells"]] == [("398", True)]

    async def test_a_withheld_breakdown_cannot_be_had_from_the_month_s_total(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        ids = await seven_in_lahti(client)
        await deliver_all(
            client,
            [
                overdue(c, kind="initial_interview", number=1, due=date(2025, 6, 9), rule_set="2022-05-02")
                for c in ids[:5]
            ]
            + [
                overdue(c, kind="job_search_discussion", number=1, due=date(2025, 6, 9), rule_set="2022-05-02")
                for c in ids[5:]
            ],
        )
        body = (await figures(client, test_issuer, "deadlines_missed")).json()
        organisation = {c["breakdown"]: c["suppressed"] for c in body["cells"] if c["municipality"] is None}
        assert organisation == {
            "initial_interview/2022-05-02": True,
            "job_search_discussion/2022-05-02": True,
            None: False,
        }
