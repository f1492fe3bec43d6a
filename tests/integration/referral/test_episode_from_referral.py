"""Across referrals-api and clients-api: a completed referral to a directory service that is an activating service
becomes the client's activating-service episode, of the service's type, from the partner's acceptance to the
completion; a referral to any other service makes none."""

from __future__ import annotations

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.timeline.service import take_in
from polku_kit.calendar import today
from polku_kit.inbox import ReceivedEvent
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import WELLBEING_COUNTY
from referrals_api.directory.models import Service

from ..conftest import CLIENTS_SPEC
from .test_router import ASSESSMENT, COACH, client_id, move, sent

__all__ = ["client_id"]


async def complete(client: httpx.AsyncClient, as_, client_id: str) -> str:  # type: ignore[no-untyped-def]
    referral_id = await sent(client, as_, client_id)
    partner = as_("partner", org=WELLBEING_COUNTY, subject="leena")
    for step in (move("received"), move("accepted"), move("completed", outcome="started_work")):
        response = await client.post(f"/v1/referrals/{referral_id}/transitions", json=step, headers=partner)
        assert response.status_code == 200, response.text
    return referral_id


async def hand_over(_service_apps, db_session: AsyncSession, referral_id: str) -> dict:  # type: ignore[no-untyped-def]
    """The completed referral's event as referrals-api's dispatcher delivers it to clients-api's /v1/events."""
    row = await db_session.scalar(
        select(OutboxEvent).where(
            OutboxEvent.subject == f"referrals/{referral_id}", OutboxEvent.type == "fi.polku.referral.completed.v1"
        )
    )
    assert row is not None
    envelope = row.envelope()
    sessions = _service_apps[CLIENTS_SPEC].state.database.sessionmaker
    async with sessions() as clients_session:
        event = ReceivedEvent(
            id=envelope["id"],
            source=envelope["source"],
            type=envelope["type"],
            subject=row.subject,
            time=row.time,
            data=envelope["data"],
        )
        assert await take_in(clients_session, event)
        await clients_session.commit()
    return dict(envelope["data"])


class TestEpisodeFromReferral:
    async def test_a_completed_referral_to_a_coaching_service_is_a_coaching_episode(
        self, client: httpx.AsyncClient, as_, client_id: str, clients_api, db_session: AsyncSession, _service_apps
    ) -> None:
        await db_session.execute(
            update(Service).where(Service.id == ASSESSMENT).values(activating_service_type="coaching")
        )
        referral_id = await complete(client, as_, client_id)
        data = await hand_over(_service_apps, db_session, referral_id)
        assert data["activating_service_type"] == "coaching"
        assert data["started_on"] == data["completed_on"] == today().isoformat()

        response = await clients_api.http.get(f"/v1/clients/{client_id}/episodes", headers=as_("coach", subject=COACH))
        assert response.status_code == 200, response.text
        [episode] = response.json()
        assert (episode["type"], episode["origin"]) == ("coaching", "referral")
        assert episode["starts_on"] == episode["ends_on"] == today().isoformat()

    async def test_a_referral_to_another_service_makes_no_episode(
        self, client: httpx.AsyncClient, as_, client_id: str, clients_api, db_session: AsyncSession, _service_apps
    ) -> None:
        referral_id = await complete(client, as_, client_id)
        data = await hand_over(_service_apps, db_session, referral_id)
        assert "activating_service_type" not in data
        response = await clients_api.http.get(f"/v1/clients/{client_id}/episodes", headers=as_("coach", subject=COACH))
        assert response.status_code == 200 and response.json() == []
