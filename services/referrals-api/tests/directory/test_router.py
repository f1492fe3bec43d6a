"""The service directory: partners publish their own services, coaches search the network's, and the whole
directory exports as HSDS 3.0 JSON that the specification's schema accepts."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.testing import KELA, LAHTI, MIKKELI, WELLBEING_COUNTY
from referrals_api.seed import SERVICES, SETLEMENTTI, seed_services

from ..factories import new_service

HSDS = Path(__file__).resolve().parents[1] / "data" / "hsds"


@pytest.fixture
async def directory(db_session: AsyncSession, network: None) -> None:
    await seed_services(db_session)


class TestPublish:
    async def test_a_partner_publishes_its_own_service(self, client: httpx.AsyncClient, as_, network: None) -> None:
        response = await client.post("/v1/services", json=new_service(), headers=as_("partner", org=WELLBEING_COUNTY))
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["organisation_id"] == str(WELLBEING_COUNTY)
        assert body["organisation_name"] == "Päijät-Hämeen hyvinvointialue"
        assert body["status"] == "active" and body["response_days"] == 5 and body["cost_per_client_eur"] == "12.50"
        read = await client.get(f"/v1/services/{body['id']}", headers=as_("coach"))
        assert read.status_code == 200 and read.json()["languages"] == ["fi", "sv"]

    async def test_a_partner_cannot_publish_for_another_organisation(
        self, client: httpx.AsyncClient, as_, network: None
    ) -> None:
        response = await client.post(
            "/v1/services", json=new_service(organisation_id=str(KELA)), headers=as_("partner", org=WELLBEING_COUNTY)
        )
        assert response.status_code == 404

    async def test_an_admin_publishes_for_a_partner_of_the_network_only(
        self, client: httpx.AsyncClient, as_, network: None
    ) -> None:
        ok = await client.post("/v1/services", json=new_service(organisation_id=str(KELA)), headers=as_("admin"))
        assert ok.status_code == 201 and ok.json()["organisation_id"] == str(KELA)
        other = await client.post(
            "/v1/services", json=new_service(organisation_id=str(KELA)), headers=as_("admin", org=MIKKELI)
        )
        assert other.status_code == 404

    async def test_bad_input_names_the_fields(self, client: httpx.AsyncClient, as_, network: None) -> None:
        response = await client.post(
            "/v1/services",
            headers=as_("partner", org=KELA),
            json=new_service(
                name_sv="",
                minimum_age=-1,
                languages=["Finnish"],
                production_model="gift",
                target_groups=["rich"],
                cost_per_client_eur="1.234",
                capacity_seats=False,
            ),
        )
        assert response.status_code == 422
        fields = {error["field"] for error in response.json()["errors"]}
        assert {
            "body.name_sv",
            "body.minimum_age",
            "body.languages.0",
            "body.production_model",
            "body.target_groups.0",
            "body.cost_per_client_eur",
            "body.capacity_seats",
        } <= fields

    async def test_an_age_range_upside_down_is_refused(self, client: httpx.AsyncClient, as_, network: None) -> None:
        response = await client.post(
            "/v1/services", json=new_service(minimum_age=30, maximum_age=20), headers=as_("partner", org=KELA)
        )
        assert response.status_code == 422

    async def test_the_service_names_who_published_and_who_changed_it_last(
        self, client: httpx.AsyncClient, test_issuer, network: None
    ) -> None:
        leena = test_issuer.headers(subject="leena", roles=["partner"], org=WELLBEING_COUNTY, name="Leena Sosiaali")
        published = await client.post("/v1/services", json=new_service(), headers=leena)
        assert published.status_code == 201, published.text
        assert (published.json()["changed_by"], published.json()["changed_by_name"]) == ("leena", "Leena Sosiaali")
        url = f"/v1/services/{published.json()['id']}"
        ilona = test_issuer.headers(subject="ilona", roles=["admin"], org=LAHTI, name="Ilona Admin")
        etag = (await client.get(url, headers=ilona)).headers["etag"]
        changed = await client.patch(url, json={"capacity_seats": 4}, headers={**ilona, "If-Match": etag})
        assert changed.status_code == 200, changed.text
        read = (await client.get(url, headers=leena)).json()
        assert (read["changed_by"], read["changed_by_name"]) == ("ilona", "Ilona Admin")

    @pytest.mark.parametrize("role", ["coach", "manager", "employer_services", "service", "platform"])
    async def test_other_roles_may_not_publish(self, client: httpx.AsyncClient, as_, network: None, role: str) -> None:
        assert (await client.post("/v1/services", json=new_service(), headers=as_(role))).status_code == 403


class TestActivatingServiceType:
    """A service may be an activating service of one of clients-api's eight episode types (Act 380/2023, ch. 6–8);
    a completed referral to it carries the type (tests/integration/referral/test_episode_from_referral.py)."""

    async def test_a_service_is_published_with_its_type_and_the_type_changed_and_cleared(
        self, client: httpx.AsyncClient, as_, network: None
    ) -> None:
        partner = as_("partner", org=WELLBEING_COUNTY)
        published = await client.post(
            "/v1/services", json=new_service(activating_service_type="work_trial"), headers=partner
        )
        assert published.status_code == 201, published.text
        assert published.json()["activating_service_type"] == "work_trial"
        url = f"/v1/services/{published.json()['id']}"
        etag = (await client.get(url, headers=partner)).headers["etag"]
        changed = await client.patch(
            url, json={"activating_service_type": "rehabilitative_work_activity"}, headers={**partner, "If-Match": etag}
        )
        assert changed.status_code == 200, changed.text
        assert changed.json()["activating_service_type"] == "rehabilitative_work_activity"
        cleared = await client.patch(
            url, json={"activating_service_type": None}, headers={**partner, "If-Match": changed.headers["etag"]}
        )
        assert cleared.status_code == 200 and cleared.json()["activating_service_type"] is None
        plain = await client.post("/v1/services", json=new_service(), headers=partner)
        assert plain.json()["activating_service_type"] is None

    async def test_a_type_not_in_the_list_is_a_422_naming_the_field(
        self, client: httpx.AsyncClient, as_, network: None
    ) -> None:
        refused = await client.post(
            "/v1/services",
            json=new_service(activating_service_type="education_trial"),
            headers=as_("partner", org=WELLBEING_COUNTY),
        )
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["field"] == "body.activating_service_type"


class TestMaintain:
    async def test_a_partner_changes_its_own_service(self, client: httpx.AsyncClient, as_, directory: None) -> None:
        own = SERVICES[1]["id"]
        partner = as_("partner", org=SETLEMENTTI)
        etag = (await client.get(f"/v1/services/{own}", headers=partner)).headers["etag"]
        response = await client.patch(
            f"/v1/services/{own}",
            json={"status": "temporarily_closed", "capacity_seats": 6},
            headers={**partner, "If-Match": etag},
        )
        assert response.status_code == 200, response.text
        assert response.json()["status"] == "temporarily_closed" and response.json()["capacity_seats"] == 6
        assert response.json()["name_fi"] == "Nuorten työpaja"

    async def test_another_organisations_service_is_not_found(
        self, client: httpx.AsyncClient, as_, directory: None
    ) -> None:
        theirs = SERVICES[0]["id"]
        response = await client.patch(
            f"/v1/services/{theirs}", json={"status": "inactive"}, headers=as_("partner", org=SETLEMENTTI)
        )
        assert response.status_code == 404
        assert (await client.get(f"/v1/services/{theirs}", headers=as_("partner", org=KELA))).status_code == 404
        for role in ("coach", "admin"):
            assert (await client.get(f"/v1/services/{theirs}", headers=as_(role, org=MIKKELI))).status_code == 404
        assert (
            await client.patch(f"/v1/services/{theirs}", json={"status": "inactive"}, headers=as_("admin", org=MIKKELI))
        ).status_code == 404

    async def test_a_change_that_upsets_the_age_range_is_refused(
        self, client: httpx.AsyncClient, as_, directory: None
    ) -> None:
        own = SERVICES[1]["id"]  # ages 16-29
        response = await client.patch(
            f"/v1/services/{own}",
            json={"minimum_age": 40},
            headers={**as_("partner", org=SETLEMENTTI), "If-Match": "*"},
        )
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "body.maximum_age"

    async def test_two_editors_at_once_the_second_gets_412(
        self, client: httpx.AsyncClient, as_, directory: None
    ) -> None:
        own = SERVICES[1]["id"]
        partner, admin = as_("partner", org=SETLEMENTTI), as_("admin")
        etag = (await client.get(f"/v1/services/{own}", headers=partner)).headers["etag"]
        assert (
            await client.patch(f"/v1/services/{own}", json={"capacity_seats": 8}, headers=partner)
        ).status_code == 428
        first = await client.patch(
            f"/v1/services/{own}", json={"capacity_seats": 8}, headers={**admin, "If-Match": etag}
        )
        assert first.status_code == 200 and first.headers["etag"] != etag
        late = await client.patch(
            f"/v1/services/{own}", json={"capacity_seats": 12}, headers={**partner, "If-Match": etag}
        )
        assert late.status_code == 412 and late.json()["type"].endswith("/record-changed")
        assert late.json()["current"] == f"/v1/services/{own}"
        again = await client.patch(
            f"/v1/services/{own}", json={"capacity_seats": 12}, headers={**partner, "If-Match": first.headers["etag"]}
        )
        assert again.status_code == 200 and again.json()["capacity_seats"] == 12

    @pytest.mark.parametrize("role", ["coach", "manager", "employer_services", "service", "platform"])
    async def test_other_roles_may_not_change(self, client: httpx.AsyncClient, as_, directory: None, role: str) -> None:
        response = await client.patch(
            f"/v1/services/{SERVICES[0]['id']}", json={"status": "inactive"}, headers=as_(role)
        )
        assert response.status_code == 403


class TestSearch:
    async def names(self, client: httpx.AsyncClient, headers: dict[str, str], **params: object) -> set[str]:
        response = await client.get("/v1/services", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return {item["name_fi"] for item in response.json()["items"]}

    async def test_a_coach_filters_the_directory(self, client: httpx.AsyncClient, as_, directory: None) -> None:
        coach = as_("coach")
        everything = {str(values["name_fi"]) for values in SERVICES}
        assert await self.names(client, coach) == everything
        assert await self.names(client, coach, age=20) == everything
        assert await self.names(client, coach, age=35) == everything - {"Nuorten työpaja"}
        assert await self.names(client, coach, age=17) == {"Nuorten työpaja"}
        assert await self.names(client, coach, q="verkstad") == {"Nuorten työpaja"}
        assert await self.names(client, coach, q="100%") == set()
        assert await self.names(client, coach, language="sv") == {"Työ- ja toimintakyvyn arviointi"}
        assert await self.names(client, coach, municipality="098") == everything - {"Nuorten työpaja"}
        # A service that names no target group is open to every group.
        assert await self.names(client, coach, target_group="under_30") == {
            "Nuorten työpaja",
            "Työvoimakoulutus: logistiikka",
        }
        assert await self.names(client, coach, production_model="purchased", channel="in_person") == {
            "Nuorten työpaja",
            "Työvoimakoulutus: logistiikka",
        }
        assert await self.names(client, coach, organisation_type="education_provider") == {
            "Työvoimakoulutus: logistiikka"
        }
        assert await self.names(client, coach, organisation_id=str(SETLEMENTTI)) == {"Nuorten työpaja"}
        assert await self.names(client, coach, status="inactive") == set()

    async def test_pages_follow_the_cursor(self, client: httpx.AsyncClient, as_, directory: None) -> None:
        first = (await client.get("/v1/services", params={"limit": 2}, headers=as_("coach"))).json()
        second = (
            await client.get("/v1/services", params={"limit": 2, "cursor": first["next_cursor"]}, headers=as_("coach"))
        ).json()
        ids = [item["id"] for item in first["items"] + second["items"]]
        assert len(ids) == len(set(ids)) == len(SERVICES) and second["next_cursor"] is None

    async def test_a_partner_sees_its_own_and_another_authority_nothing(
        self, client: httpx.AsyncClient, as_, directory: None
    ) -> None:
        assert await self.names(client, as_("partner", org=SETLEMENTTI)) == {"Nuorten työpaja"}
        assert await self.names(client, as_("coach", org=MIKKELI)) == set()
        response = await client.get(
            "/v1/services", params={"organisation_id": str(KELA)}, headers=as_("partner", org=SETLEMENTTI)
        )
        assert response.status_code == 404

    async def test_bad_filters_are_422(self, client: httpx.AsyncClient, as_) -> None:
        response = await client.get(
            "/v1/services", params={"age": -3, "municipality": "Lahti", "target_group": "x"}, headers=as_("coach")
        )
        assert response.status_code == 422
        assert {e["field"] for e in response.json()["errors"]} == {
            "query.age",
            "query.municipality",
            "query.target_group",
        }

    @pytest.mark.parametrize("role", ["employer_services", "service", "platform"])
    async def test_other_roles_may_not_search(self, client: httpx.AsyncClient, as_, role: str) -> None:
        assert (await client.get("/v1/services", headers=as_(role))).status_code == 403


def hsds_validator() -> Draft7Validator:
    resources = [(path.name, Resource.from_contents(json.loads(path.read_text()))) for path in HSDS.glob("*.json")]
    registry: Registry[Any] = Registry().with_resources(resources)
    return Draft7Validator(
        {"type": "array", "items": {"$ref": "service.json"}}, registry=registry, format_checker=FormatChecker()
    )


class TestHsdsExport:
    async def test_the_directory_is_valid_hsds(self, client: httpx.AsyncClient, as_, directory: None) -> None:
        closed = await client.patch(
            f"/v1/services/{SERVICES[2]['id']}",
            json={"status": "temporarily_closed"},
            headers={**as_("admin"), "If-Match": "*"},
        )
        assert closed.status_code == 200, closed.text
        response = await client.get("/v1/directory/hsds", headers=as_("coach"))
        assert response.status_code == 200
        exported = response.json()
        errors = sorted(hsds_validator().iter_errors(exported), key=str)
        assert not errors, [error.message for error in errors]
        assert len(exported) == len(SERVICES)
        workshop = next(item for item in exported if item["name"] == "Nuorten työpaja")
        assert workshop["alternate_name"] == "Ungdomsverkstad" and workshop["minimum_age"] == 16
        assert workshop["organization"]["organization_identifiers"][0]["identifier"] == "0221794-0"
        assert workshop["cost_options"][0] == {**workshop["cost_options"][0], "currency": "EUR", "amount": 450.0}
        assert [area["name"] for area in workshop["service_areas"]] == ["398"]
        assert {item["status"] for item in exported} == {"active", "temporarily closed"}
        again = (await client.get("/v1/directory/hsds", headers=as_("coach"))).json()
        assert again == exported

    async def test_the_validator_catches_what_hsds_forbids(self) -> None:
        validator = hsds_validator()
        broken = [
            {"id": str(uuid.uuid4()), "name": "X", "status": "paused", "organization": {"id": str(LAHTI), "name": "Y"}}
        ]
        messages = {error.message for error in validator.iter_errors(broken)}
        assert any("paused" in message for message in messages)
        assert any("'description' is a required property" in message for message in messages)

    async def test_another_authority_exports_only_its_own(
        self, client: httpx.AsyncClient, as_, directory: None
    ) -> None:
        assert (await client.get("/v1/directory/hsds", headers=as_("coach", org=MIKKELI))).json() == []

    @pytest.mark.parametrize("role", ["partner", "employer_services", "service", "platform"])
    async def test_other_roles_may_not_export(self, client: httpx.AsyncClient, as_, role: str) -> None:
        assert (await client.get("/v1/directory/hsds", headers=as_(role))).status_code == 403
