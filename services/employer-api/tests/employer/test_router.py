"""Employers: employer services register and maintain them, record contacts and keep a list of next steps due;
coaches, managers and administrators read; partners never; another authority's employer is not found."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import MIKKELI

from ..factories import ACCOUNT_MANAGER, new_contact, new_employer

ES = "employer_services"


async def colleague(client: httpx.AsyncClient, as_, subject: str) -> None:
    """A colleague in employer services uses the service, so that they may be an employer's account manager."""
    assert (await client.get("/v1/employers", headers=as_(ES, subject=subject))).status_code == 200


async def register(client: httpx.AsyncClient, as_, **changes: object) -> dict:
    response = await client.post("/v1/employers", json=new_employer(**changes), headers=as_(ES))
    assert response.status_code == 201, response.text
    return response.json()


class TestCreate:
    async def test_employer_services_register_an_employer(self, client: httpx.AsyncClient, as_, db_session) -> None:
        body = await register(client, as_)
        assert body["industry_main_class"] == "C" and body["municipalities"] == ["098", "398"]
        assert body["contact_people"][0]["role"] == "HR" and body["account_manager_subject"] == ACCOUNT_MANAGER
        read = await client.get(f"/v1/employers/{body['id']}", headers=as_("coach"))
        assert read.status_code == 200 and read.headers["ETag"] == '"v1"'
        audit = (await db_session.scalars(select(AuditRecord).where(AuditRecord.resource_type == "employer"))).all()
        assert [(row.action, row.actor_subject) for row in audit] == [
            ("create", f"{ES}-{read.json()['authority_id']}"),
            ("read", f"coach-{read.json()['authority_id']}"),
        ]

    @pytest.mark.parametrize("business_id", ["1234567-2", "12345678", "abc"])
    async def test_a_business_id_with_a_wrong_check_digit_is_refused(
        self, client: httpx.AsyncClient, as_, business_id: str
    ) -> None:
        response = await client.post("/v1/employers", json=new_employer(business_id=business_id), headers=as_(ES))
        assert response.status_code == 422
        assert [error["field"] for error in response.json()["errors"]] == ["body.business_id"]

    async def test_bad_input_names_the_fields(self, client: httpx.AsyncClient, as_) -> None:
        response = await client.post(
            "/v1/employers",
            headers=as_(ES),
            json=new_employer(industry_code="04", size_class="huge", municipalities=["Lahti"], unknown=1),
        )
        assert response.status_code == 422
        fields = {error["field"] for error in response.json()["errors"]}
        assert {"body.industry_code", "body.size_class", "body.municipalities", "body.unknown"} <= fields

    async def test_the_same_business_id_twice_is_a_409_naming_the_one_registered(
        self, client: httpx.AsyncClient, as_
    ) -> None:
        first = await register(client, as_)
        again = await client.post(
            "/v1/employers", json=new_employer(business_id="12345671", name="Toinen Oy"), headers=as_(ES)
        )
        assert again.status_code == 409
        assert again.json()["existing"] == f"/v1/employers/{first['id']}"
        assert again.json()["existing_name"] == "Lahden Konepaja Oy"

    async def test_another_authority_registers_the_same_business_id_on_its_own(
        self, client: httpx.AsyncClient, as_
    ) -> None:
        await register(client, as_)
        mikkeli = await client.post(
            "/v1/employers",
            json=new_employer(account_manager_subject=f"{ES}-{MIKKELI}"),
            headers=as_(ES, org=MIKKELI),
        )
        assert mikkeli.status_code == 201

    @pytest.mark.parametrize("role", ["coach", "manager", "admin", "partner", "service", "platform"])
    async def test_only_employer_services_register(self, client: httpx.AsyncClient, as_, role: str) -> None:
        assert (await client.post("/v1/employers", json=new_employer(), headers=as_(role))).status_code == 403


class TestReadAndUpdate:
    async def test_another_authority_does_not_see_the_employer(self, client: httpx.AsyncClient, as_) -> None:
        body = await register(client, as_)
        assert (await client.get(f"/v1/employers/{body['id']}", headers=as_(ES, org=MIKKELI))).status_code == 404
        listed = await client.get("/v1/employers", headers=as_("manager", org=MIKKELI))
        assert listed.json()["items"] == []

    async def test_filters(self, client: httpx.AsyncClient, as_) -> None:
        await register(client, as_)
        await colleague(client, as_, "someone-else")
        await register(
            client,
            as_,
            business_id="0246246-0",
            name="Hollolan Hoiva",
            industry_code="8810",
            municipalities=["098"],
            account_manager_subject="someone-else",
        )
        by_industry = await client.get("/v1/employers", params={"industry": "Q"}, headers=as_("coach"))
        assert [item["name"] for item in by_industry.json()["items"]] == ["Hollolan Hoiva"]
        in_lahti = await client.get("/v1/employers", params={"municipality": "398"}, headers=as_("coach"))
        assert [item["name"] for item in in_lahti.json()["items"]] == ["Lahden Konepaja Oy"]
        named = await client.get("/v1/employers", params={"name": "hoiva"}, headers=as_(ES))
        assert [item["name"] for item in named.json()["items"]] == ["Hollolan Hoiva"]

    async def test_a_change_needs_the_current_version(self, client: httpx.AsyncClient, as_) -> None:
        body = await register(client, as_)
        url = f"/v1/employers/{body['id']}"
        changed = await client.patch(url, json={"industry_code": "5610"}, headers={**as_(ES), "If-Match": '"v1"'})
        assert changed.status_code == 200 and changed.json()["industry_main_class"] == "I"
        stale = await client.patch(url, json={"name": "Vanha"}, headers={**as_(ES), "If-Match": '"v1"'})
        assert stale.status_code == 412
        assert (await client.patch(url, json={"name": "Ilman"}, headers=as_(ES))).status_code == 428

    async def test_the_whole_employer_sent_back_as_the_edit_form_sends_it_is_saved(
        self, client: httpx.AsyncClient, as_
    ) -> None:
        body = await register(client, as_)
        edited = {
            **new_employer(),
            "size_class": "medium",
            "municipalities": ["398"],
            "contact_people": [
                {"name": "Riikka Rekrytoija", "role": "HR", "email": "riikka@example.fi", "phone": None},
                {"name": "Teppo Työnjohtaja", "role": "Työnjohtaja", "email": None, "phone": "+358 40 123 4567"},
            ],
            "account_manager_subject": None,
            "consents_to_contact": False,
        }
        response = await client.patch(
            f"/v1/employers/{body['id']}", json=edited, headers={**as_(ES), "If-Match": '"v1"'}
        )
        assert response.status_code == 200, response.text
        saved = response.json()
        assert saved["size_class"] == "medium" and saved["municipalities"] == ["398"]
        assert [person["name"] for person in saved["contact_people"]] == ["Riikka Rekrytoija", "Teppo Työnjohtaja"]
        assert saved["account_manager_subject"] is None and saved["consents_to_contact"] is False
        assert saved["version"] == 2

    async def test_changing_to_a_business_id_registered_is_a_409(self, client: httpx.AsyncClient, as_) -> None:
        first = await register(client, as_)
        second = await register(client, as_, business_id="0246246-0", name="Toinen Oy")
        response = await client.patch(
            f"/v1/employers/{second['id']}", json={"business_id": "1234567-1"}, headers={**as_(ES), "If-Match": '"v1"'}
        )
        assert response.status_code == 409 and response.json()["existing"] == f"/v1/employers/{first['id']}"

    async def test_partners_never_read(self, client: httpx.AsyncClient, as_) -> None:
        assert (await client.get("/v1/employers", headers=as_("partner"))).status_code == 403


class TestContacts:
    async def test_a_contact_is_logged_with_its_staff_member_and_announced_without_names(
        self, client: httpx.AsyncClient, as_, db_session: AsyncSession
    ) -> None:
        employer = await register(client, as_)
        created = await client.post(f"/v1/employers/{employer['id']}/contacts", json=new_contact(), headers=as_(ES))
        assert created.status_code == 201, created.text
        assert created.json()["staff_subject"] == ACCOUNT_MANAGER
        log = await client.get(f"/v1/employers/{employer['id']}/contacts", headers=as_("manager"))
        assert [item["topic"] for item in log.json()["items"]] == ["Kesätyöpaikat"]
        event = await db_session.scalar(
            select(OutboxEvent).where(OutboxEvent.type == "fi.polku.employer_contact.recorded.v1")
        )
        assert event is not None and event.data["industry_main_class"] == "C" and event.data["kind"] == "visit"
        assert "Riikka" not in str(event.data) and "topic" not in event.data

    async def test_coaches_do_not_read_the_log_and_other_authorities_do_not_find_it(
        self, client: httpx.AsyncClient, as_
    ) -> None:
        employer = await register(client, as_)
        url = f"/v1/employers/{employer['id']}/contacts"
        assert (await client.get(url, headers=as_("coach"))).status_code == 403
        assert (await client.post(url, json=new_contact(), headers=as_(ES, org=MIKKELI))).status_code == 404

    async def test_the_next_steps_due_list_puts_the_overdue_first_and_drops_those_done(
        self, client: httpx.AsyncClient, as_
    ) -> None:
        employer = await register(client, as_)
        url = f"/v1/employers/{employer['id']}/contacts"
        day = today()
        later = await client.post(
            url, json=new_contact(topic="B", next_step_due=str(day + timedelta(days=3))), headers=as_(ES)
        )
        overdue = await client.post(
            url, json=new_contact(topic="A", next_step_due=str(day - timedelta(days=2))), headers=as_(ES)
        )
        await client.post(url, json=new_contact(topic="C", next_step=None, next_step_due=None), headers=as_(ES))
        await colleague(client, as_, "someone-else")
        others = await register(client, as_, business_id="0246246-0", account_manager_subject="someone-else")
        await client.post(f"/v1/employers/{others['id']}/contacts", json=new_contact(), headers=as_(ES))

        due = (await client.get("/v1/next-steps-due", headers=as_(ES))).json()
        assert [(item["contact_id"], item["overdue"]) for item in due] == [
            (overdue.json()["id"], True),
            (later.json()["id"], False),
        ]
        assert due[0]["employer_name"] == "Lahden Konepaja Oy"

        done = await client.patch(
            f"{url}/{overdue.json()['id']}", json={"next_step_done": True}, headers={**as_(ES), "If-Match": '"v1"'}
        )
        assert done.status_code == 200 and done.json()["next_step_done_by"] == ACCOUNT_MANAGER
        due = (await client.get("/v1/next-steps-due", headers=as_(ES))).json()
        assert [item["contact_id"] for item in due] == [later.json()["id"]]
        someone = await client.get("/v1/next-steps-due", params={"account_manager": "someone-else"}, headers=as_(ES))
        assert len(someone.json()) == 1
        assert (await client.get("/v1/next-steps-due", headers=as_(ES, org=MIKKELI))).json() == []

    async def test_a_stale_change_of_a_contact_is_a_412(self, client: httpx.AsyncClient, as_) -> None:
        employer = await register(client, as_)
        created = await client.post(f"/v1/employers/{employer['id']}/contacts", json=new_contact(), headers=as_(ES))
        url = f"/v1/employers/{employer['id']}/contacts/{created.json()['id']}"
        first = await client.patch(url, json={"outcome": "Sovittu"}, headers={**as_(ES), "If-Match": '"v1"'})
        assert first.status_code == 200
        assert (
            await client.patch(url, json={"outcome": "X"}, headers={**as_(ES), "If-Match": '"v1"'})
        ).status_code == 412
