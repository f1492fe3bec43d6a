"""Referrals end to end against the real clients-api: consent checked at send time, the lifecycle table
enforced, every transition attributed, events to both organisations, expiry and the sender's due list."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.calendar import add_working_days, today
from polku_kit.outbox import OutboxEvent
from polku_kit.service_client import ServiceClient
from polku_kit.testing import KELA, LAHTI, MIKKELI, WELLBEING_COUNTY
from referrals_api.referral.models import Referral
from referrals_api.referral.service import expire_overdue
from referrals_api.seed import SERVICES, SETLEMENTTI, seed_services
from tests.support import give_consent, registration_body

ASSESSMENT = SERVICES[0]["id"]  # Päijät-Häme wellbeing services county, 5 working days to answer
WORKSHOP = SERVICES[1]["id"]  # Harjulan Setlementti, 3 working days
COACH = "coach-aino"


@pytest.fixture
async def client_id(clients_api, db_session: AsyncSession, network: None, as_) -> str:  # type: ignore[no-untyped-def]
    """A Lahti client who consents to share contact details and the assessment with the wellbeing county."""
    await seed_services(db_session)
    coach = as_("coach", subject=COACH)
    registered = await clients_api.http.post(
        "/v1/clients",
        headers=coach,
        json=registration_body(
            "Meikäläinen", first_names="Matti", personal_identity_code="131052-308T", searching_days=30
        ),
    )
    assert registered.status_code == 201, registered.text
    identifier = registered.json()["id"]
    await give_consent(clients_api.http, coach, identifier, WELLBEING_COUNTY, ["contact_details", "assessment"])
    return str(identifier)


def referral(client_id: str, service_id=ASSESSMENT, categories=("contact_details", "assessment")) -> dict:  # type: ignore[no-untyped-def]
    return {
        "client_id": client_id,
        "service_id": str(service_id),
        "categories": list(categories),
        "reason": "Työkyvyn arviointi ennen suunnitelman päivitystä",
    }


async def draft(client: httpx.AsyncClient, as_, client_id: str, **kwargs) -> str:  # type: ignore[no-untyped-def]
    response = await client.post(
        "/v1/referrals", json=referral(client_id, **kwargs), headers=as_("coach", subject=COACH)
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def sent(client: httpx.AsyncClient, as_, client_id: str, **kwargs) -> str:  # type: ignore[no-untyped-def]
    referral_id = await draft(client, as_, client_id, **kwargs)
    response = await client.post(f"/v1/referrals/{referral_id}/send", headers=as_("coach", subject=COACH))
    assert response.status_code == 200, response.text
    return referral_id


def move(status: str, **extra: object) -> dict[str, object]:
    return {"status": status, **extra}


class TestSend:
    async def test_the_whole_closed_loop(
        self, client: httpx.AsyncClient, as_, client_id: str, clients_api, db_session: AsyncSession
    ) -> None:
        referral_id = await draft(client, as_, client_id)
        sending = await client.post(f"/v1/referrals/{referral_id}/send", headers=as_("coach", subject=COACH))
        assert sending.status_code == 200, sending.text
        body = sending.json()
        assert body["status"] == "requested" and body["consent_id"] is not None
        assert body["due_on"] == add_working_days(today(), 5).isoformat()
        assert body["partner_organisation_id"] == str(WELLBEING_COUNTY)

        partner = as_("partner", org=WELLBEING_COUNTY, subject="leena")
        for step in (
            move("received"),
            move("accepted"),
            move("in_progress", note="Ensimmäinen tapaaminen pidetty"),
            move("completed", outcome="started_education"),
        ):
            response = await client.post(f"/v1/referrals/{referral_id}/transitions", json=step, headers=partner)
            assert response.status_code == 200, response.text
        done = (await client.get(f"/v1/referrals/{referral_id}", headers=as_("coach"))).json()
        assert done["status"] == "completed" and done["outcome"] == "started_education"
        assert done["first_response_at"] is not None and done["closed_at"] is not None

        history = (await client.get(f"/v1/referrals/{referral_id}/history", headers=partner)).json()
        assert [(row["from_status"], row["to_status"], row["actor_subject"]) for row in history] == [
            (None, "draft", COACH),
            ("draft", "requested", COACH),
            ("requested", "received", "leena"),
            ("received", "accepted", "leena"),
            ("accepted", "in_progress", "leena"),
            ("in_progress", "completed", "leena"),
        ]
        assert history[4]["note"] == "Ensimmäinen tapaaminen pidetty"
        assert all(row["occurred_at"] for row in history)

        events = (
            await db_session.scalars(
                select(OutboxEvent)
                .where(OutboxEvent.subject == f"referrals/{referral_id}")
                .order_by(OutboxEvent.sequence)
            )
        ).all()
        assert [event.type for event in events] == [
            f"fi.polku.referral.{verb}.v1" for verb in ("sent", "received", "accepted", "completed")
        ]
        assert all(set(event.audience or []) == {LAHTI, WELLBEING_COUNTY} for event in events)
        assert set(events[0].data) == {
            "referral_id",
            "client_id",
            "service_id",
            "status",
            "sender_organisation_id",
            "partner_organisation_id",
        }
        assert clients_api.tokens.issued == 1  # one token for the whole run, reused
        audited = (
            await db_session.scalars(select(AuditRecord.action).where(AuditRecord.resource_id == referral_id))
        ).all()
        assert {"create", "update", "read"} <= set(audited)

    async def test_no_consent_no_referral(self, client: httpx.AsyncClient, as_, client_id: str) -> None:
        referral_id = await draft(client, as_, client_id, categories=["assessment", "health_and_social"])
        response = await client.post(f"/v1/referrals/{referral_id}/send", headers=as_("coach", subject=COACH))
        assert response.status_code == 409
        problem = response.json()
        assert problem["type"].endswith("/consent-missing")
        assert problem["missing_categories"] == ["health_and_social"] and "health_and_social" in problem["detail"]
        assert (await client.get(f"/v1/referrals/{referral_id}", headers=as_("coach"))).json()["status"] == "draft"

    async def test_a_consent_for_another_partner_does_not_count(
        self, client: httpx.AsyncClient, as_, client_id: str
    ) -> None:
        referral_id = await draft(client, as_, client_id, service_id=WORKSHOP, categories=["contact_details"])
        response = await client.post(f"/v1/referrals/{referral_id}/send", headers=as_("coach", subject=COACH))
        assert response.status_code == 409 and response.json()["missing_categories"] == ["contact_details"]

    async def test_a_client_unknown_to_clients_api_is_404(self, client: httpx.AsyncClient, as_, client_id: str) -> None:
        response = await client.post(
            "/v1/referrals", json=referral("00000000-0000-4000-8000-000000000000"), headers=as_("coach", subject=COACH)
        )
        assert response.status_code == 404 and response.json()["type"].endswith("/client-not-found")

    async def test_clients_api_refusing_our_credentials_is_503(
        self, client: httpx.AsyncClient, app, as_, client_id: str, clients_api
    ) -> None:
        referral_id = await draft(client, as_, client_id)
        good = app.state.clients_api
        app.state.clients_api = ServiceClient(
            base_url="http://clients.test",
            token_url="http://issuer.test/auth/token",
            client_id="svc-referrals",
            client_secret="wrong",
            name="clients-api",
            transport=clients_api.service_client._http._transport,
        )
        try:
            response = await client.post(f"/v1/referrals/{referral_id}/send", headers=as_("coach", subject=COACH))
        finally:
            app.state.clients_api = good
        assert response.status_code == 503

    async def test_a_closed_service_takes_no_referrals(self, client: httpx.AsyncClient, as_, client_id: str) -> None:
        closed = await client.patch(
            f"/v1/services/{ASSESSMENT}",
            json={"status": "temporarily_closed"},
            headers={**as_("admin"), "If-Match": "*"},
        )
        assert closed.status_code == 200, closed.text
        response = await client.post("/v1/referrals", json=referral(client_id), headers=as_("coach"))
        assert response.status_code == 409 and response.json()["type"].endswith("/service-not-available")

    async def test_bad_input_names_the_fields(self, client: httpx.AsyncClient, as_, network: None) -> None:
        response = await client.post(
            "/v1/referrals",
            headers=as_("coach"),
            json={"client_id": "x", "service_id": str(ASSESSMENT), "categories": ["shoe_size"], "reason": ""},
        )
        assert response.status_code == 422
        assert {e["field"] for e in response.json()["errors"]} == {"body.client_id", "body.categories.0", "body.reason"}

    async def test_a_service_of_another_network_is_not_found(
        self, client: httpx.AsyncClient, as_, client_id: str
    ) -> None:
        response = await client.post("/v1/referrals", json=referral(client_id), headers=as_("coach", org=MIKKELI))
        assert response.status_code == 404

    @pytest.mark.parametrize("role", ["admin", "partner", "employer_services", "service", "platform"])
    async def test_only_coaches_and_managers_refer(
        self, client: httpx.AsyncClient, as_, network: None, role: str
    ) -> None:
        response = await client.post(
            "/v1/referrals", json=referral("00000000-0000-4000-8000-000000000000"), headers=as_(role)
        )
        assert response.status_code == 403


class TestLifecycle:
    async def test_an_illegal_move_lists_the_allowed_ones(self, client: httpx.AsyncClient, as_, client_id: str) -> None:
        referral_id = await sent(client, as_, client_id)
        partner = as_("partner", org=WELLBEING_COUNTY)
        early = await client.post(
            f"/v1/referrals/{referral_id}/transitions", json=move("completed", outcome="started_work"), headers=partner
        )
        assert early.status_code == 409
        assert early.json()["allowed"] == ["received", "accepted", "rejected"]
        assert early.json()["current"] == "requested"
        by_sender = await client.post(
            f"/v1/referrals/{referral_id}/transitions", json=move("accepted"), headers=as_("coach")
        )
        assert by_sender.status_code == 409 and by_sender.json()["allowed"] == ["cancelled"]
        not_by_hand = await client.post(
            f"/v1/referrals/{referral_id}/transitions", json=move("expired"), headers=partner
        )
        assert not_by_hand.status_code == 409

    async def test_a_rejection_needs_a_reason_and_a_completion_an_outcome(
        self, client: httpx.AsyncClient, as_, client_id: str
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        partner = as_("partner", org=WELLBEING_COUNTY)
        for body in (
            move("rejected"),
            move("completed"),
            move("accepted", outcome="started_work"),
            move("completed", outcome="lottery_win"),
        ):
            response = await client.post(f"/v1/referrals/{referral_id}/transitions", json=body, headers=partner)
            assert response.status_code == 422, body
        rejected = await client.post(
            f"/v1/referrals/{referral_id}/transitions",
            json=move("rejected", reason="Ei vapaita paikkoja tällä jaksolla"),
            headers=partner,
        )
        assert rejected.status_code == 200 and rejected.json()["rejection_reason"].startswith("Ei vapaita")
        after = await client.post(f"/v1/referrals/{referral_id}/transitions", json=move("accepted"), headers=partner)
        assert after.status_code == 409 and after.json()["allowed"] == []

    async def test_the_sender_cancels_until_it_is_closed(self, client: httpx.AsyncClient, as_, client_id: str) -> None:
        referral_id = await sent(client, as_, client_id)
        response = await client.post(
            f"/v1/referrals/{referral_id}/transitions",
            json=move("cancelled", reason="Asiakas työllistyi"),
            headers=as_("coach"),
        )
        assert response.status_code == 200 and response.json()["status"] == "cancelled"
        again = await client.post(f"/v1/referrals/{referral_id}/send", headers=as_("coach"))
        assert again.status_code == 409

    async def test_on_hold_and_back(self, client: httpx.AsyncClient, as_, client_id: str) -> None:
        referral_id = await sent(client, as_, client_id)
        partner = as_("partner", org=WELLBEING_COUNTY)
        for status in ("accepted", "on_hold", "in_progress", "on_hold"):
            response = await client.post(f"/v1/referrals/{referral_id}/transitions", json=move(status), headers=partner)
            assert response.status_code == 200, (status, response.text)
        stuck = await client.post(
            f"/v1/referrals/{referral_id}/transitions", json=move("completed", outcome="interrupted"), headers=partner
        )
        assert stuck.status_code == 409 and stuck.json()["allowed"] == ["in_progress", "cancelled"]


class TestAllowedTransitions:
    """A referral carries the moves its reader may make now, from the lifecycle table for their part in it."""

    async def test_each_party_reads_its_own_moves(self, client: httpx.AsyncClient, as_, client_id: str) -> None:
        coach, partner = as_("coach", subject=COACH), as_("partner", org=WELLBEING_COUNTY)
        referral_id = await draft(client, as_, client_id)
        as_draft = await client.get(f"/v1/referrals/{referral_id}", headers=coach)
        assert as_draft.json()["allowed_transitions"] == ["cancelled"]  # sending has its own call
        sending = await client.post(f"/v1/referrals/{referral_id}/send", headers=coach)
        assert sending.json()["allowed_transitions"] == ["cancelled"]
        as_partner = await client.get(f"/v1/referrals/{referral_id}", headers=partner)
        assert as_partner.json()["allowed_transitions"] == ["received", "accepted", "rejected"]
        inbox = await client.get("/v1/referrals", headers=partner)
        assert [item["allowed_transitions"] for item in inbox.json()["items"]] == [["received", "accepted", "rejected"]]
        accepted = await client.post(f"/v1/referrals/{referral_id}/transitions", json=move("accepted"), headers=partner)
        assert accepted.json()["allowed_transitions"] == ["in_progress", "on_hold", "completed", "cancelled"]
        as_sender = await client.get(f"/v1/referrals/{referral_id}", headers=coach)
        assert as_sender.json()["allowed_transitions"] == ["cancelled"]

    async def test_a_closed_referral_has_no_moves(self, client: httpx.AsyncClient, as_, client_id: str) -> None:
        referral_id = await sent(client, as_, client_id)
        partner = as_("partner", org=WELLBEING_COUNTY)
        rejected = await client.post(
            f"/v1/referrals/{referral_id}/transitions", json=move("rejected", reason="Ei paikkoja"), headers=partner
        )
        assert rejected.status_code == 200 and rejected.json()["allowed_transitions"] == []
        as_sender = await client.get(f"/v1/referrals/{referral_id}", headers=as_("coach", subject=COACH))
        assert as_sender.json()["allowed_transitions"] == []


class TestExpiry:
    async def test_an_unanswered_referral_expires_once(
        self, client: httpx.AsyncClient, as_, client_id: str, db_session: AsyncSession
    ) -> None:
        late = await sent(client, as_, client_id)
        on_time = await sent(client, as_, client_id)
        answered = await sent(client, as_, client_id)
        await client.post(
            f"/v1/referrals/{answered}/transitions", json=move("accepted"), headers=as_("partner", org=WELLBEING_COUNTY)
        )
        yesterday = today() - timedelta(days=1)
        await db_session.execute(update(Referral).where(Referral.id.in_([late, answered])).values(due_on=yesterday))
        await db_session.execute(update(Referral).where(Referral.id == on_time).values(due_on=today()))
        assert await expire_overdue(db_session) == 1
        assert await expire_overdue(db_session) == 0
        statuses = {
            str(row.id): row.status
            for row in (
                await db_session.scalars(
                    select(Referral).where(Referral.client_id == client_id).execution_options(populate_existing=True)
                )
            )
        }
        assert statuses == {late: "expired", on_time: "requested", answered: "accepted"}
        history = (await client.get(f"/v1/referrals/{late}/history", headers=as_("coach"))).json()
        assert history[-1]["actor_subject"] == "system:expiry" and history[-1]["to_status"] == "expired"
        expired_events = (
            await db_session.scalars(select(OutboxEvent).where(OutboxEvent.type == "fi.polku.referral.expired.v1"))
        ).all()
        assert [event.subject for event in expired_events] == [f"referrals/{late}"]


class TestDueList:
    async def test_unanswered_referrals_overdue_first(
        self, client: httpx.AsyncClient, as_, client_id: str, db_session: AsyncSession
    ) -> None:
        first = await sent(client, as_, client_id)
        overdue = await sent(client, as_, client_id)
        accepted = await sent(client, as_, client_id)
        await client.post(
            f"/v1/referrals/{accepted}/transitions", json=move("accepted"), headers=as_("partner", org=WELLBEING_COUNTY)
        )
        monday = today() - timedelta(days=today().weekday() + 7)  # a Monday a week or two ago
        await db_session.execute(update(Referral).where(Referral.id == overdue).values(due_on=monday))
        due = (await client.get("/v1/referrals/due", headers=as_("coach"))).json()
        assert [item["referral"]["id"] for item in due] == [overdue, first]
        assert due[0]["overdue"] is True and due[0]["working_days_left"] < 0
        assert due[1]["overdue"] is False and due[1]["working_days_left"] == 5
        mine = (await client.get("/v1/referrals/due", params={"mine": True}, headers=as_("coach"))).json()
        assert mine == []  # sent by another coach of the organisation
        assert (await client.get("/v1/referrals/due", headers=as_("coach", org=MIKKELI))).json() == []

    async def test_mine_keeps_only_the_callers_own(
        self, client: httpx.AsyncClient, as_, client_id: str, db_session: AsyncSession
    ) -> None:
        own = await sent(client, as_, client_id)
        colleagues = await sent(client, as_, client_id)
        await db_session.execute(update(Referral).where(Referral.id == colleagues).values(sender_subject="coach-eino"))
        for subject, expected in ((COACH, [own]), ("coach-eino", [colleagues])):
            mine = await client.get("/v1/referrals/due", params={"mine": True}, headers=as_("coach", subject=subject))
            assert [item["referral"]["id"] for item in mine.json()] == expected
        everyone = (await client.get("/v1/referrals/due", headers=as_("coach"))).json()
        assert {item["referral"]["id"] for item in everyone} == {own, colleagues}

    @pytest.mark.parametrize("role", ["partner", "employer_services", "service", "platform"])
    async def test_other_roles_have_no_due_list(self, client: httpx.AsyncClient, as_, role: str) -> None:
        assert (await client.get("/v1/referrals/due", headers=as_(role))).status_code == 403


class TestAccess:
    async def test_another_organisation_gets_404_everywhere(
        self, client: httpx.AsyncClient, as_, client_id: str
    ) -> None:
        referral_id = await sent(client, as_, client_id)
        strangers = [
            as_("coach", org=MIKKELI),
            as_("manager", org=MIKKELI),
            as_("partner", org=KELA),
            as_("partner", org=SETLEMENTTI),
        ]
        for headers in strangers:
            assert (await client.get(f"/v1/referrals/{referral_id}", headers=headers)).status_code == 404
            assert (await client.get(f"/v1/referrals/{referral_id}/history", headers=headers)).status_code == 404
            assert (
                await client.post(f"/v1/referrals/{referral_id}/transitions", json=move("cancelled"), headers=headers)
            ).status_code == 404
        for headers in strangers[:2]:
            assert (await client.post(f"/v1/referrals/{referral_id}/send", headers=headers)).status_code == 404

    async def test_lists_are_scoped_to_the_organisation(self, client: httpx.AsyncClient, as_, client_id: str) -> None:
        referral_id = await sent(client, as_, client_id)
        assert [r["id"] for r in (await client.get("/v1/referrals", headers=as_("coach"))).json()["items"]] == [
            referral_id
        ]
        inbox = (await client.get("/v1/referrals", headers=as_("partner", org=WELLBEING_COUNTY))).json()["items"]
        assert [r["id"] for r in inbox] == [referral_id]
        assert (await client.get("/v1/referrals", headers=as_("partner", org=KELA))).json()["items"] == []
        assert (await client.get("/v1/referrals", headers=as_("coach", org=MIKKELI))).json()["items"] == []
        filtered = await client.get("/v1/referrals", params={"status": "completed"}, headers=as_("coach"))
        assert filtered.json()["items"] == []

    @pytest.mark.parametrize("role", ["employer_services", "service", "platform"])
    async def test_other_roles_may_not_read(self, client: httpx.AsyncClient, as_, role: str) -> None:
        assert (await client.get("/v1/referrals", headers=as_(role))).status_code == 403


class TestJointReferral:
    async def test_a_team_decision_goes_to_several_partners_or_none(
        self, client: httpx.AsyncClient, as_, client_id: str, clients_api
    ) -> None:
        created = await client.post(
            "/v1/joint-referrals",
            headers=as_("coach", subject=COACH),
            json={
                "client_id": client_id,
                "service_ids": [str(ASSESSMENT), str(WORKSHOP)],
                "categories": ["contact_details"],
                "reason": "TYP-asiakkuus: työkyky ja työpaja rinnakkain",
                "team": {
                    "team_name": "Lahden TYP-viikkotiimi",
                    "decided_on": today().isoformat(),
                    "decision": "Alkupalvelu: työkyvyn arviointi ja nuorten työpaja",
                },
            },
        )
        assert created.status_code == 201, created.text
        joint = created.json()
        assert {r["partner_organisation_id"] for r in joint["referrals"]} == {str(WELLBEING_COUNTY), str(SETLEMENTTI)}
        assert all(r["status"] == "draft" and r["joint_referral_id"] == joint["id"] for r in joint["referrals"])
        assert joint["sender_subject"] == COACH

        refused = await client.post(f"/v1/joint-referrals/{joint['id']}/send", headers=as_("coach", subject=COACH))
        assert refused.status_code == 409
        assert refused.json()["missing_by_organisation"] == {str(SETLEMENTTI): ["contact_details"]}
        still = (await client.get(f"/v1/joint-referrals/{joint['id']}", headers=as_("coach"))).json()
        assert {r["status"] for r in still["referrals"]} == {"draft"}

        await give_consent(clients_api.http, as_("coach", subject=COACH), client_id, SETLEMENTTI, ["contact_details"])
        sent_all = await client.post(f"/v1/joint-referrals/{joint['id']}/send", headers=as_("coach", subject=COACH))
        assert sent_all.status_code == 200, sent_all.text
        assert {r["status"] for r in sent_all.json()["referrals"]} == {"requested"}
        assert sent_all.json()["decision"].startswith("Alkupalvelu")
        again = await client.post(f"/v1/joint-referrals/{joint['id']}/send", headers=as_("coach", subject=COACH))
        assert again.status_code == 409

    async def test_bad_input_and_other_organisations(self, client: httpx.AsyncClient, as_, client_id: str) -> None:
        bad = await client.post(
            "/v1/joint-referrals",
            headers=as_("coach"),
            json={
                "client_id": client_id,
                "service_ids": [str(ASSESSMENT), str(ASSESSMENT)],
                "categories": [],
                "reason": "x",
                "team": {"team_name": "T", "decided_on": 20260101, "decision": ""},
            },
        )
        assert bad.status_code == 422
        fields = {e["field"] for e in bad.json()["errors"]}
        assert {
            "body.categories",
            "body.reason",
            "body.team.team_name",
            "body.team.decided_on",
            "body.team.decision",
        } <= fields
        created = await client.post(
            "/v1/joint-referrals",
            headers=as_("coach", subject=COACH),
            json={
                "client_id": client_id,
                "service_ids": [str(ASSESSMENT), str(WORKSHOP)],
                "categories": ["assessment"],
                "reason": "Yhteislähete",
                "team": {"team_name": "Tiimi", "decided_on": "2026-11-20", "decision": "Ok."},
            },
        )
        joint_id = created.json()["id"]
        for headers in (as_("coach", org=MIKKELI), as_("partner", org=WELLBEING_COUNTY)):
            assert (await client.get(f"/v1/joint-referrals/{joint_id}", headers=headers)).status_code in (403, 404)
        assert (
            await client.get(f"/v1/joint-referrals/{joint_id}", headers=as_("coach", org=MIKKELI))
        ).status_code == 404
        assert (
            await client.post(f"/v1/joint-referrals/{joint_id}/send", headers=as_("manager", org=MIKKELI))
        ).status_code == 404
        assert (
            await client.get(f"/v1/joint-referrals/{joint_id}", headers=as_("partner", org=WELLBEING_COUNTY))
        ).status_code == 403


class TestDraftChanges:
    async def test_the_sender_changes_a_draft_with_the_version_read(
        self, client: httpx.AsyncClient, as_, client_id: str
    ) -> None:
        coach = as_("coach", subject=COACH)
        referral_id = await draft(client, as_, client_id)
        read = await client.get(f"/v1/referrals/{referral_id}", headers=coach)
        change = {
            "service_id": str(WORKSHOP),
            "categories": ["contact_details"],
            "reason": "Työpajajakso ennen koulutusta",
        }
        changed = await client.patch(
            f"/v1/referrals/{referral_id}", json=change, headers={**coach, "If-Match": read.headers["etag"]}
        )
        assert changed.status_code == 200, changed.text
        body = changed.json()
        assert (body["service_id"], body["partner_organisation_id"]) == (str(WORKSHOP), str(SETLEMENTTI))
        assert body["categories"] == ["contact_details"] and body["reason"] == "Työpajajakso ennen koulutusta"
        assert body["version"] == read.json()["version"] + 1 and changed.headers["etag"] != read.headers["etag"]

        stale = await client.patch(
            f"/v1/referrals/{referral_id}",
            json={"reason": "Toinen perustelu"},
            headers={**coach, "If-Match": read.headers["etag"]},
        )
        assert stale.status_code == 412
        missing = await client.patch(f"/v1/referrals/{referral_id}", json={"reason": "Toinen perustelu"}, headers=coach)
        assert missing.status_code == 428
        assert (await client.get(f"/v1/referrals/{referral_id}", headers=coach)).json()[
            "reason"
        ] == "Työpajajakso ennen koulutusta"

    async def test_what_was_sent_stays_as_sent(self, client: httpx.AsyncClient, as_, client_id: str) -> None:
        coach = as_("coach", subject=COACH)
        referral_id = await sent(client, as_, client_id)
        refused = await client.patch(
            f"/v1/referrals/{referral_id}", json={"reason": "Jälkikäteen muutettu"}, headers={**coach, "If-Match": "*"}
        )
        assert refused.status_code == 409 and refused.json()["type"].endswith("/referral-not-a-draft")

    async def test_nothing_to_change_or_a_closed_service_is_refused(
        self, client: httpx.AsyncClient, as_, client_id: str
    ) -> None:
        coach = {**as_("coach", subject=COACH), "If-Match": "*"}
        referral_id = await draft(client, as_, client_id)
        empty = await client.patch(f"/v1/referrals/{referral_id}", json={}, headers=coach)
        assert empty.status_code == 422
        unknown = await client.patch(
            f"/v1/referrals/{referral_id}", json={"service_id": str(uuid.uuid4())}, headers=coach
        )
        assert unknown.status_code == 404

    async def test_partners_and_other_organisations_cannot(
        self, client: httpx.AsyncClient, as_, client_id: str
    ) -> None:
        referral_id = await draft(client, as_, client_id)
        body = {"reason": "Vieras muutos"}
        partner = {**as_("partner", org=WELLBEING_COUNTY), "If-Match": "*"}
        assert (await client.patch(f"/v1/referrals/{referral_id}", json=body, headers=partner)).status_code == 403
        mikkeli = {**as_("coach", org=MIKKELI), "If-Match": "*"}
        assert (await client.patch(f"/v1/referrals/{referral_id}", json=body, headers=mikkeli)).status_code == 404

    async def test_the_due_list_is_not_a_draft_to_change(self, client: httpx.AsyncClient, as_) -> None:
        coach = {**as_("coach", subject=COACH), "If-Match": "*"}
        for method in ("PATCH", "OPTIONS"):
            response = await client.request(method, "/v1/referrals/due", json={"reason": "Ei lähete"}, headers=coach)
            assert response.status_code == 405 and response.headers["allow"] == "GET", (method, response.text)
        malformed = await client.patch("/v1/referrals/not-an-id", json={"reason": "Ei lähete"}, headers=coach)
        assert malformed.status_code == 422 and malformed.json()["errors"][0]["field"] == "path.referral_id"
