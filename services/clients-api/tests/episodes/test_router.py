"""Activating-service episodes a coach records: reach, audit naming the person, duplicates, If-Match, and the
events with what metrics counts by (type, dates, municipality, age band) and no names or identity codes."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

from ..factories import coach

START = today() - timedelta(days=20)


def episode(**changes: object) -> dict[str, object]:
    return {"type": "work_trial", "starts_on": START.isoformat(), "provider_name": "Lahden Työpaja ry", **changes}


async def record(client: httpx.AsyncClient, issuer: TestIssuer, client_id: str, **changes: object) -> httpx.Response:
    return await client.post(f"/v1/clients/{client_id}/episodes", headers=coach(issuer), json=episode(**changes))


async def events(db_session: AsyncSession, type_: str) -> list[OutboxEvent]:
    return list((await db_session.scalars(select(OutboxEvent).where(OutboxEvent.type == type_))).all())


class TestRecording:
    async def test_a_coach_records_and_lists_an_episode(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        created = await record(client, test_issuer, client_id)
        assert created.status_code == 201, created.text
        body = created.json()
        assert body["type"] == "work_trial" and body["ongoing"] is True and body["ends_on"] is None
        assert body["origin"] == "coach" and body["recorded_by"] == "coach-aino"
        assert created.headers["etag"] == '"v1"'
        listed = await client.get(f"/v1/clients/{client_id}/episodes", headers=coach(test_issuer))
        assert [item["id"] for item in listed.json()] == [body["id"]]

    async def test_the_same_type_starting_the_same_day_is_a_409(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        assert (await record(client, test_issuer, client_id)).status_code == 201
        again = await record(client, test_issuer, client_id, provider_name="Toinen")
        assert again.status_code == 409 and again.json()["type"].endswith("/episode-exists")
        other_type = await record(client, test_issuer, client_id, type="coaching")
        assert other_type.status_code == 201

    async def test_bad_input_is_a_422_naming_the_field(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        unknown = await record(client, test_issuer, client_id, type="holiday")
        assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "body.type"
        backwards = await record(client, test_issuer, client_id, ends_on=(START - timedelta(days=1)).isoformat())
        assert backwards.status_code == 422

    async def test_reads_and_writes_are_audited_naming_the_client(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        await record(client, test_issuer, client_id)
        await client.get(f"/v1/clients/{client_id}/episodes", headers=coach(test_issuer))
        audits = (
            await db_session.scalars(select(AuditRecord).where(AuditRecord.resource_type == "service_episode"))
        ).all()
        assert sorted(audit.action for audit in audits) == ["create", "read"]
        assert {str(audit.data_subject_id) for audit in audits} == {client_id}
        assert {audit.actor_subject for audit in audits} == {"coach-aino"}


class TestEnding:
    async def test_the_end_is_announced_once_and_a_stale_version_is_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        created = (await record(client, test_issuer, client_id)).json()
        url = f"/v1/clients/{client_id}/episodes/{created['id']}"
        end = {"ends_on": today().isoformat()}
        missing = await client.patch(url, headers=coach(test_issuer), json=end)
        assert missing.status_code == 428, missing.text
        ended = await client.patch(url, headers={**coach(test_issuer), "If-Match": '"v1"'}, json=end)
        assert ended.status_code == 200, ended.text
        assert ended.json()["ends_on"] == today().isoformat() and ended.headers["etag"] == '"v2"'
        stale = await client.patch(
            url, headers={**coach(test_issuer), "If-Match": '"v1"'}, json={"provider_name": "Myöhässä"}
        )
        assert stale.status_code == 412
        corrected = await client.patch(
            url, headers={**coach(test_issuer), "If-Match": '"v2"'}, json={"provider_name": "Oikea nimi"}
        )
        assert corrected.status_code == 200
        assert len(await events(db_session, "fi.polku.client.episode_ended.v1")) == 1
        assert len(await events(db_session, "fi.polku.client.episode_corrected.v1")) == 1

    async def test_an_end_before_the_start_is_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        created = (await record(client, test_issuer, client_id)).json()
        refused = await client.patch(
            f"/v1/clients/{client_id}/episodes/{created['id']}",
            headers={**coach(test_issuer), "If-Match": '"v1"'},
            json={"ends_on": (START - timedelta(days=1)).isoformat()},
        )
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.ends_on"


class TestEvents:
    async def test_started_carries_what_metrics_needs_and_no_names(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str, db_session: AsyncSession
    ) -> None:
        created = (await record(client, test_issuer, client_id)).json()
        (started,) = await events(db_session, "fi.polku.client.episode_started.v1")
        assert started.subject == f"clients/{client_id}" and started.audience == [LAHTI]
        assert started.data == {
            "client_id": client_id,
            "episode_id": created["id"],
            "organisation_id": str(LAHTI),
            "type": "work_trial",
            "starts_on": START.isoformat(),
            "ends_on": None,
            "origin": "coach",
            "home_municipality": "398",
            "age_band": "65-",  # Matti, born 13.10.1952
        }
        assert "Matti" not in str(started.data) and "131052" not in str(started.data)

    async def test_episodes_are_on_the_timeline(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await record(client, test_issuer, client_id, ends_on=today().isoformat())
        timeline = await client.get(
            f"/v1/clients/{client_id}/timeline",
            headers=coach(test_issuer),
            params={"type_prefix": "fi.polku.client.episode_"},
        )
        assert sorted(entry["type"] for entry in timeline.json()["items"]) == [
            "fi.polku.client.episode_ended.v1",
            "fi.polku.client.episode_started.v1",
        ]
        assert {entry["actor_subject"] for entry in timeline.json()["items"]} == {"coach-aino"}


class TestAccess:
    async def test_other_roles_are_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        partner = test_issuer.headers(subject="partner-1", roles=["partner"], org=LAHTI)
        assert (await client.get(f"/v1/clients/{client_id}/episodes", headers=partner)).status_code == 403
        posted = await client.post(f"/v1/clients/{client_id}/episodes", headers=partner, json=episode())
        assert posted.status_code == 403

    async def test_another_organisation_and_a_coach_out_of_reach_get_not_found(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, client_id: str
    ) -> None:
        created = (await record(client, test_issuer, client_id)).json()
        for headers in (coach(test_issuer, org=MIKKELI), coach(test_issuer, subject="coach-eino")):
            assert (await client.get(f"/v1/clients/{client_id}/episodes", headers=headers)).status_code == 404
            changed = await client.patch(
                f"/v1/clients/{client_id}/episodes/{created['id']}",
                headers={**headers, "If-Match": '"v1"'},
                json={"ends_on": today().isoformat()},
            )
            assert changed.status_code == 404
