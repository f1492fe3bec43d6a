"""Episodes from the other services' events: a completed referral to an activating service (referrals-api) and a
pay-subsidy decision (employer-api) become episodes by their arrival alone, once however often delivered, and only
on a client of the organisation the event happened in."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, MIKKELI, WELLBEING_COUNTY, TestIssuer

from ..factories import coach
from ..timeline.test_timeline import inbound_secret, referral_event, signed

__all__ = ["inbound_secret"]

EMPLOYER = uuid.UUID("5b0c8f6e-6f1a-4c36-9d55-00000000e001")


def subsidy_event(client_id: str, verb: str = "decided", **data: object) -> dict[str, object]:
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": "/polku/employer-api",
        "type": f"fi.polku.subsidy.{verb}.v1",
        "subject": f"subsidies/{data.get('subsidy_id', 'x')}",
        "time": datetime.now(UTC).isoformat(),
        "datacontenttype": "application/json",
        "data": {"client_id": client_id, "organisation_id": str(LAHTI), **data},
    }


def decided(client_id: str, subsidy_id: str, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "subsidy_id": subsidy_id,
        "kind": "pay_subsidy",
        "starts_on": (today() - timedelta(days=3)).isoformat(),
        "ends_on": (today() + timedelta(days=180)).isoformat(),
        "employer_id": str(EMPLOYER),
        "employer_name": "Kuljetus Oy",
    }
    return subsidy_event(client_id, **{**data, **changes})


async def deliver(client: httpx.AsyncClient, event: dict[str, object]) -> httpx.Response:
    headers, body = signed(event)
    response = await client.post("/v1/events", headers=headers, content=body)
    assert response.status_code == 202, response.text
    return response


async def episodes(client: httpx.AsyncClient, issuer: TestIssuer, client_id: str) -> list[dict[str, object]]:
    response = await client.get(f"/v1/clients/{client_id}/episodes", headers=coach(issuer))
    assert response.status_code == 200, response.text
    return list(response.json())


class TestFromAReferral:
    async def test_a_completed_referral_to_a_work_trial_is_an_episode_from_its_acceptance(
        self, client: httpx.AsyncClient, inbound_secret: str, test_issuer: TestIssuer, client_id: str
    ) -> None:
        referral_id = str(uuid.uuid4())
        common = {
            "client_id": client_id,
            "referral_id": referral_id,
            "sender_organisation_id": str(LAHTI),
            "partner_organisation_id": str(WELLBEING_COUNTY),
        }
        accepted_at = datetime(2026, 10, 5, 21, 30, tzinfo=UTC)  # 6.10. in Helsinki
        await deliver(client, referral_event(client_id, "accepted", data=common, time=accepted_at.isoformat()))
        completed = referral_event(
            client_id,
            "completed",
            data={**common, "outcome": "started_work", "activating_service_type": "work_trial"},
            time=datetime(2026, 11, 20, 10, 0, tzinfo=UTC).isoformat(),
        )
        await deliver(client, completed)
        (episode,) = await episodes(client, test_issuer, client_id)
        assert episode["type"] == "work_trial" and episode["origin"] == "referral"
        assert (episode["starts_on"], episode["ends_on"]) == ("2026-10-06", "2026-11-20")
        assert episode["provider_id"] == str(WELLBEING_COUNTY) and episode["origin_id"] == referral_id
        assert episode["recorded_by"] == "/polku/referrals-api"

        redelivered = await deliver(client, completed)
        assert redelivered.json()["handled"] is False
        again = referral_event(client_id, "completed", data=completed["data"])  # the same referral, a new event id
        await deliver(client, again)
        assert len(await episodes(client, test_issuer, client_id)) == 1

    async def test_a_referral_to_anything_else_is_on_the_timeline_only(
        self, client: httpx.AsyncClient, inbound_secret: str, test_issuer: TestIssuer, client_id: str
    ) -> None:
        data = {"client_id": client_id, "referral_id": str(uuid.uuid4()), "sender_organisation_id": str(LAHTI)}
        await deliver(client, referral_event(client_id, "completed", data=data))
        unknown = {**data, "referral_id": str(uuid.uuid4()), "activating_service_type": "holiday"}
        handled = await deliver(client, referral_event(client_id, "completed", data=unknown))
        assert handled.json()["handled"] is True  # on the timeline
        assert await episodes(client, test_issuer, client_id) == []

    async def test_without_an_acceptance_seen_it_starts_and_ends_the_day_completed(
        self, client: httpx.AsyncClient, inbound_secret: str, test_issuer: TestIssuer, client_id: str
    ) -> None:
        data = {
            "client_id": client_id,
            "referral_id": str(uuid.uuid4()),
            "sender_organisation_id": str(LAHTI),
            "activating_service_type": "coaching",
        }
        await deliver(client, referral_event(client_id, "completed", data=data, time="2026-11-02T08:00:00+00:00"))
        (episode,) = await episodes(client, test_issuer, client_id)
        assert (episode["starts_on"], episode["ends_on"]) == ("2026-11-02", "2026-11-02")


class TestFromAPaySubsidy:
    async def test_a_decision_is_an_episode_and_its_early_end_moves_the_end(
        self,
        client: httpx.AsyncClient,
        inbound_secret: str,
        test_issuer: TestIssuer,
        client_id: str,
        db_session: AsyncSession,
    ) -> None:
        subsidy_id = str(uuid.uuid4())
        await deliver(client, decided(client_id, subsidy_id))
        (episode,) = await episodes(client, test_issuer, client_id)
        assert episode["type"] == "pay_subsidised_work" and episode["origin"] == "pay_subsidy"
        assert episode["provider_id"] == str(EMPLOYER) and episode["provider_name"] == "Kuljetus Oy"
        assert episode["ends_on"] == (today() + timedelta(days=180)).isoformat() and episode["ongoing"] is True

        await deliver(client, subsidy_event(client_id, "ended", subsidy_id=subsidy_id, ended_on=today().isoformat()))
        (ended,) = await episodes(client, test_issuer, client_id)
        assert ended["ends_on"] == today().isoformat() and ended["version"] == 2
        types = (await db_session.scalars(select(OutboxEvent.type).where(OutboxEvent.type.like("%episode_%")))).all()
        assert sorted(types) == [
            "fi.polku.client.episode_corrected.v1",  # the decided end moved earlier
            "fi.polku.client.episode_ended.v1",  # announced with the decision, which had an end
            "fi.polku.client.episode_started.v1",
        ]
        audits = (
            await db_session.scalars(
                select(AuditRecord).where(AuditRecord.resource_type == "service_episode", AuditRecord.action != "read")
            )
        ).all()
        assert [(audit.actor_subject, str(audit.data_subject_id)) for audit in audits] == [
            ("/polku/employer-api", client_id),
            ("/polku/employer-api", client_id),
        ]

    async def test_other_supports_and_incomplete_decisions_make_no_episode(
        self, client: httpx.AsyncClient, inbound_secret: str, test_issuer: TestIssuer, client_id: str
    ) -> None:
        await deliver(client, decided(client_id, str(uuid.uuid4()), kind="recruitment_bonus"))
        await deliver(client, decided(client_id, str(uuid.uuid4()), starts_on="not a day"))
        await deliver(client, decided(client_id, str(uuid.uuid4()), ends_on=date(2000, 1, 1).isoformat()))
        assert await episodes(client, test_issuer, client_id) == []

    async def test_another_organisations_decision_never_lands_on_our_client(
        self, client: httpx.AsyncClient, inbound_secret: str, test_issuer: TestIssuer, client_id: str
    ) -> None:
        foreign = decided(client_id, str(uuid.uuid4()))
        foreign["data"] = {**foreign["data"], "organisation_id": str(MIKKELI)}  # type: ignore[dict-item]
        assert (await deliver(client, foreign)).json()["handled"] is False
        assert await episodes(client, test_issuer, client_id) == []
