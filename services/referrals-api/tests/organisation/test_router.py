"""Partner organisations: administrators register and maintain their network's partners; staff read them;
a partner reads only itself; another authority's network is not found."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.testing import KELA, LAHTI, MIKKELI, WELLBEING_COUNTY
from referrals_api.organisation.models import Organisation
from referrals_api.seed import ORGANISATIONS, seed_organisations

from ..factories import NEW_ORG, new_organisation


class TestCreate:
    async def test_an_admin_registers_a_partner_in_own_network(self, client: httpx.AsyncClient, as_) -> None:
        response = await client.post("/v1/organisations", json=new_organisation(), headers=as_("admin"))
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["authority_id"] == str(LAHTI) and body["municipalities"] == ["098", "398"]
        assert body["contacts"][0]["name"] == "Ville Valmentaja"
        read = await client.get(f"/v1/organisations/{NEW_ORG}", headers=as_("coach"))
        assert read.status_code == 200 and read.json()["name"] == "Lahden Diakonialaitos"

    @pytest.mark.parametrize("business_id", ["1234567-2", "12345678", "abc", "1234567"])
    async def test_a_business_id_with_a_wrong_check_digit_is_refused(
        self, client: httpx.AsyncClient, as_, business_id: str
    ) -> None:
        response = await client.post(
            "/v1/organisations", json=new_organisation(business_id=business_id), headers=as_("admin")
        )
        assert response.status_code == 422
        assert [error["field"] for error in response.json()["errors"]] == ["body.business_id"]

    async def test_a_business_id_is_stored_in_its_standard_form(self, client: httpx.AsyncClient, as_) -> None:
        response = await client.post(
            "/v1/organisations", json=new_organisation(business_id="12345671"), headers=as_("admin")
        )
        assert response.status_code == 201 and response.json()["business_id"] == "1234567-1"

    async def test_bad_input_names_the_fields(self, client: httpx.AsyncClient, as_) -> None:
        response = await client.post(
            "/v1/organisations",
            headers=as_("admin"),
            json=new_organisation(type="bank", municipalities=["Lahti"], contacts=[{"name": ""}], unknown=1),
        )
        assert response.status_code == 422
        fields = {error["field"] for error in response.json()["errors"]}
        assert {"body.type", "body.municipalities", "body.contacts.0.name", "body.unknown"} <= fields

    async def test_the_same_organisation_or_business_id_twice_is_a_conflict(
        self, client: httpx.AsyncClient, as_, network: None
    ) -> None:
        same_id = await client.post("/v1/organisations", json=new_organisation(id=str(KELA)), headers=as_("admin"))
        assert same_id.status_code == 409 and same_id.json()["existing"] == f"/v1/organisations/{KELA}"
        same_business = await client.post(
            "/v1/organisations", json=new_organisation(business_id="0246246-0"), headers=as_("admin")
        )
        assert same_business.status_code == 409 and same_business.json()["existing"] == f"/v1/organisations/{KELA}"

    @pytest.mark.parametrize("role", ["coach", "manager", "employer_services", "partner", "service", "platform"])
    async def test_only_an_admin_registers(self, client: httpx.AsyncClient, as_, role: str) -> None:
        response = await client.post("/v1/organisations", json=new_organisation(), headers=as_(role))
        assert response.status_code == 403

    async def test_the_organisation_names_who_registered_and_who_changed_it_last(
        self, client: httpx.AsyncClient, test_issuer
    ) -> None:
        ilona = test_issuer.headers(subject="ilona", roles=["admin"], org=LAHTI, name="Ilona Admin")
        created = await client.post("/v1/organisations", json=new_organisation(), headers=ilona)
        assert created.status_code == 201, created.text
        assert (created.json()["changed_by"], created.json()["changed_by_name"]) == ("ilona", "Ilona Admin")
        url = f"/v1/organisations/{NEW_ORG}"
        other = test_issuer.headers(subject="olli", roles=["admin"], org=LAHTI, name="Olli Ylläpito")
        etag = (await client.get(url, headers=other)).headers["etag"]
        changed = await client.patch(url, json={"website": "https://diak.example"}, headers={**other, "If-Match": etag})
        assert changed.status_code == 200, changed.text
        assert (changed.json()["changed_by"], changed.json()["changed_by_name"]) == ("olli", "Olli Ylläpito")


class TestRead:
    async def test_staff_list_their_network_and_filter(self, client: httpx.AsyncClient, as_, network: None) -> None:
        listed = await client.get("/v1/organisations", headers=as_("coach"))
        assert listed.status_code == 200
        assert {item["id"] for item in listed.json()["items"]} == {str(org.id) for org in ORGANISATIONS}
        workshops = await client.get(
            "/v1/organisations", params={"type": "third_sector_workshop"}, headers=as_("manager")
        )
        assert [item["name"] for item in workshops.json()["items"]] == ["Harjulan Setlementti"]
        hollola = await client.get("/v1/organisations", params={"municipality": "098"}, headers=as_("coach"))
        assert "Harjulan Setlementti" not in {item["name"] for item in hollola.json()["items"]}

    async def test_pages_follow_the_cursor(self, client: httpx.AsyncClient, as_, network: None) -> None:
        seen: list[str] = []
        cursor = None
        while True:
            params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
            page = (await client.get("/v1/organisations", params=params, headers=as_("coach"))).json()
            seen += [item["id"] for item in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert len(seen) == len(set(seen)) == len(ORGANISATIONS)

    async def test_a_partner_sees_only_itself(self, client: httpx.AsyncClient, as_, network: None) -> None:
        listed = await client.get("/v1/organisations", headers=as_("partner", org=KELA))
        assert [item["id"] for item in listed.json()["items"]] == [str(KELA)]
        assert (await client.get(f"/v1/organisations/{KELA}", headers=as_("partner", org=KELA))).status_code == 200
        other = await client.get(f"/v1/organisations/{WELLBEING_COUNTY}", headers=as_("partner", org=KELA))
        assert other.status_code == 404

    async def test_another_authoritys_network_is_not_found(self, client: httpx.AsyncClient, as_, network: None) -> None:
        for role in ("coach", "admin"):
            response = await client.get(f"/v1/organisations/{KELA}", headers=as_(role, org=MIKKELI))
            assert response.status_code == 404
        listed = await client.get("/v1/organisations", headers=as_("coach", org=MIKKELI))
        assert [item["name"] for item in listed.json()["items"]] == ["Mikkelin nuorten työpaja"]

    @pytest.mark.parametrize("role", ["employer_services", "service", "platform"])
    async def test_other_roles_may_not_read(self, client: httpx.AsyncClient, as_, network: None, role: str) -> None:
        assert (await client.get("/v1/organisations", headers=as_(role))).status_code == 403
        assert (await client.get(f"/v1/organisations/{KELA}", headers=as_(role))).status_code == 403

    async def test_a_bad_cursor_is_400(self, client: httpx.AsyncClient, as_) -> None:
        response = await client.get("/v1/organisations", params={"cursor": "nonsense"}, headers=as_("coach"))
        assert response.status_code == 400


class TestUpdate:
    async def test_an_admin_changes_contacts_and_municipalities(
        self, client: httpx.AsyncClient, as_, network: None
    ) -> None:
        read = await client.get(f"/v1/organisations/{KELA}", headers=as_("admin"))
        response = await client.patch(
            f"/v1/organisations/{KELA}",
            json={"municipalities": ["398"], "contacts": [{"name": "Uusi Yhteyshenkilö"}]},
            headers={**as_("admin"), "If-Match": read.headers["etag"]},
        )
        assert response.status_code == 200, response.text
        assert response.headers["etag"] != read.headers["etag"]
        assert response.json()["version"] == read.json()["version"] + 1
        assert response.json()["municipalities"] == ["398"]
        assert response.json()["contacts"] == [
            {"name": "Uusi Yhteyshenkilö", "role": None, "email": None, "phone": None}
        ]
        assert response.json()["name"] == "Kela"

    async def test_a_bad_business_id_or_a_taken_one_is_refused(
        self, client: httpx.AsyncClient, as_, network: None
    ) -> None:
        admin = {**as_("admin"), "If-Match": "*"}
        bad = await client.patch(f"/v1/organisations/{KELA}", json={"business_id": "0246246-1"}, headers=admin)
        assert bad.status_code == 422
        taken = await client.patch(f"/v1/organisations/{KELA}", json={"business_id": "0221794-0"}, headers=admin)
        assert taken.status_code == 409

    async def test_a_change_needs_the_version_edited(self, client: httpx.AsyncClient, as_, network: None) -> None:
        """Two administrators edit Kela's record at once: the second is refused, not written over the first."""
        admin = as_("admin")
        etag = (await client.get(f"/v1/organisations/{KELA}", headers=admin)).headers["etag"]
        missing = await client.patch(f"/v1/organisations/{KELA}", json={"email": "a@kela.fi"}, headers=admin)
        assert missing.status_code == 428 and etag in missing.json()["detail"]
        first = await client.patch(
            f"/v1/organisations/{KELA}", json={"email": "a@kela.fi"}, headers={**admin, "If-Match": etag}
        )
        assert first.status_code == 200, first.text
        second = await client.patch(
            f"/v1/organisations/{KELA}", json={"email": "b@kela.fi"}, headers={**admin, "If-Match": etag}
        )
        assert second.status_code == 412 and second.json()["current_version"] == first.json()["version"]
        assert (await client.get(f"/v1/organisations/{KELA}", headers=admin)).json()["email"] == "a@kela.fi"

    async def test_another_authoritys_admin_gets_404_and_a_partner_403(
        self, client: httpx.AsyncClient, as_, network: None
    ) -> None:
        assert (
            await client.patch(f"/v1/organisations/{KELA}", json={"name": "X Y"}, headers=as_("admin", org=MIKKELI))
        ).status_code == 404
        assert (
            await client.patch(f"/v1/organisations/{KELA}", json={"name": "X Y"}, headers=as_("partner", org=KELA))
        ).status_code == 403


class TestSeed:
    async def test_seeding_twice_keeps_one_row_each(self, db_session: AsyncSession) -> None:
        await seed_organisations(db_session)
        await seed_organisations(db_session)
        rows = (
            await db_session.scalars(Organisation.__table__.select().where(Organisation.authority_id == LAHTI))
        ).all()
        assert len(rows) == len(ORGANISATIONS)
