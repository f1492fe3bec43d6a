"""A partner serves several authorities: each registers it in its own network, with its own details, without a
conflict and without learning of the other's record; the partner's users see each of their records, and publish
a service in the network they name."""

from __future__ import annotations

import httpx

from polku_kit.testing import KELA, LAHTI, MIKKELI

from ..factories import new_service

# Mikkeli's record of Kela: the same id and business id as Lahti's, its own name and contacts.
MIKKELI_KELA = {
    "id": str(KELA),
    "name": "Kela, Itä-Suomen vakuutuspiiri",
    "type": "kela",
    "business_id": "0246246-0",
    "municipalities": ["491"],
    "contacts": [{"name": "Mikko Mikkelinen", "role": "Kuntoutus"}],
}


async def register_in_mikkeli(client: httpx.AsyncClient, as_) -> httpx.Response:  # type: ignore[no-untyped-def]
    return await client.post("/v1/organisations", json=MIKKELI_KELA, headers=as_("admin", org=MIKKELI))


class TestRegistration:
    async def test_a_second_authority_registers_the_same_partner_and_learns_nothing_of_the_first(
        self, client: httpx.AsyncClient, as_, network: None
    ) -> None:
        response = await register_in_mikkeli(client, as_)
        assert response.status_code == 201, response.text
        body = response.json()
        assert (body["authority_id"], body["name"], body["municipalities"]) == (
            str(MIKKELI),
            MIKKELI_KELA["name"],
            ["491"],
        )
        assert body["version"] == 1 and [contact["name"] for contact in body["contacts"]] == ["Mikko Mikkelinen"]
        assert "Kari Kela" not in response.text and str(LAHTI) not in response.text
        mikkeli = await client.get(f"/v1/organisations/{KELA}", headers=as_("coach", org=MIKKELI))
        assert mikkeli.json()["name"] == MIKKELI_KELA["name"]
        lahti = await client.get(f"/v1/organisations/{KELA}", headers=as_("coach"))
        assert (lahti.json()["name"], lahti.json()["authority_id"]) == ("Kela", str(LAHTI))

    async def test_twice_in_one_network_is_still_a_conflict_naming_its_own_record(
        self, client: httpx.AsyncClient, as_, network: None
    ) -> None:
        assert (await register_in_mikkeli(client, as_)).status_code == 201
        again = await register_in_mikkeli(client, as_)
        assert again.status_code == 409 and again.json()["existing"] == f"/v1/organisations/{KELA}"
        same_business = await client.post(
            "/v1/organisations",
            headers=as_("admin", org=MIKKELI),
            json={**MIKKELI_KELA, "id": "0b0c8f6e-6f1a-4c36-9d55-0000000000bb"},
        )
        assert same_business.status_code == 409

    async def test_an_admin_changes_only_the_own_networks_record(
        self, client: httpx.AsyncClient, as_, network: None
    ) -> None:
        assert (await register_in_mikkeli(client, as_)).status_code == 201
        changed = await client.patch(
            f"/v1/organisations/{KELA}",
            json={"name": "Kela Mikkeli"},
            headers={**as_("admin", org=MIKKELI), "If-Match": "*"},
        )
        assert changed.status_code == 200 and changed.json()["authority_id"] == str(MIKKELI)
        assert (await client.get(f"/v1/organisations/{KELA}", headers=as_("coach"))).json()["name"] == "Kela"


class TestPartner:
    async def test_the_partner_sees_its_record_in_each_network(
        self, client: httpx.AsyncClient, as_, network: None
    ) -> None:
        assert (await register_in_mikkeli(client, as_)).status_code == 201
        partner = as_("partner", org=KELA)
        listed = (await client.get("/v1/organisations", headers=partner)).json()["items"]
        assert sorted((item["id"], item["authority_id"]) for item in listed) == sorted(
            [(str(KELA), str(LAHTI)), (str(KELA), str(MIKKELI))]
        )
        first = await client.get("/v1/organisations", params={"limit": 1}, headers=partner)
        second = await client.get(
            "/v1/organisations", params={"limit": 1, "cursor": first.json()["next_cursor"]}, headers=partner
        )
        assert {first.json()["items"][0]["authority_id"], second.json()["items"][0]["authority_id"]} == {
            str(LAHTI),
            str(MIKKELI),
        }
        assert (await client.get(f"/v1/organisations/{KELA}", headers=partner)).status_code == 200

    async def test_the_partner_publishes_in_the_network_it_names(
        self, client: httpx.AsyncClient, as_, network: None
    ) -> None:
        assert (await register_in_mikkeli(client, as_)).status_code == 201
        partner = as_("partner", org=KELA)
        unnamed = await client.post("/v1/services", json=new_service(), headers=partner)
        assert unnamed.status_code == 422 and unnamed.json()["errors"][0]["field"] == "body.authority_id"
        published = await client.post("/v1/services", json=new_service(authority_id=str(MIKKELI)), headers=partner)
        assert published.status_code == 201, published.text
        assert published.json()["authority_id"] == str(MIKKELI)
        assert published.json()["organisation_name"] == MIKKELI_KELA["name"]
        service_id = published.json()["id"]
        assert (await client.get(f"/v1/services/{service_id}", headers=as_("coach", org=MIKKELI))).status_code == 200
        assert (await client.get(f"/v1/services/{service_id}", headers=as_("coach"))).status_code == 404
        elsewhere = await client.post(
            "/v1/services", headers=partner, json=new_service(authority_id="0b0c8f6e-6f1a-4c36-9d55-0000000000cc")
        )
        assert elsewhere.status_code == 404

    async def test_staff_publish_only_in_their_own_network(self, client: httpx.AsyncClient, as_, network: None) -> None:
        assert (await register_in_mikkeli(client, as_)).status_code == 201
        other = await client.post(
            "/v1/services", json=new_service(organisation_id=str(KELA), authority_id=str(MIKKELI)), headers=as_("admin")
        )
        assert other.status_code == 404
        own = await client.post("/v1/services", json=new_service(organisation_id=str(KELA)), headers=as_("admin"))
        assert own.status_code == 201 and own.json()["authority_id"] == str(LAHTI)
