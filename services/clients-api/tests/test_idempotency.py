"""Idempotency-Key on the POSTs that create or change things: a retry with the same key and body gets the first
answer again and changes nothing more; the same key with another body is refused."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import Client
from polku_kit.calendar import today
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, WELLBEING_COUNTY, TestIssuer

from .factories import registration

SUBJECT = "coach-aino"


def coach(issuer: TestIssuer, key: str | None = None) -> dict[str, str]:
    headers = issuer.headers(subject=SUBJECT, roles=["coach"], org=LAHTI)
    return {**headers, "Idempotency-Key": key} if key else headers


async def events(session: AsyncSession, type_: str) -> int:
    return int(
        await session.scalar(select(func.count()).select_from(OutboxEvent).where(OutboxEvent.type == type_)) or 0
    )


class TestRegistration:
    async def test_a_retry_answers_the_first_registration_again_without_a_second(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        headers = coach(test_issuer, "register-matti")
        first = await client.post("/v1/clients", headers=headers, json=registration())
        retry = await client.post("/v1/clients", headers=headers, json=registration())
        assert first.status_code == retry.status_code == 201, retry.text
        assert retry.json() == first.json() and retry.headers["idempotent-replayed"] == "true"
        assert await db_session.scalar(select(func.count()).select_from(Client)) == 1
        assert await events(db_session, "fi.polku.client.registered.v1") == 1

    async def test_the_same_key_with_another_body_is_422_and_registers_nothing(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        headers = coach(test_issuer, "register-once")
        assert (await client.post("/v1/clients", headers=headers, json=registration())).status_code == 201
        other = await client.post("/v1/clients", headers=headers, json=registration(last_name="Virtanen"))
        assert other.status_code == 422 and other.json()["type"].endswith("/idempotency-key-reused")
        assert await db_session.scalar(select(func.count()).select_from(Client)) == 1


class TestCreatingPostsOfAClient:
    @pytest.mark.parametrize(
        ("path", "body", "change", "event"),
        [
            (
                "consents",
                {
                    "recipient_organisation_id": str(WELLBEING_COUNTY),
                    "categories": ["assessment"],
                    "purpose": "Referral to a work ability assessment",
                    "valid_from": today().isoformat(),
                },
                {"categories": ["plan"]},
                "fi.polku.client.consent_given.v1",
            ),
            (
                "interviews",
                {"held_on": today().isoformat(), "channel": "phone"},
                {"channel": "in_person"},
                "fi.polku.client.interview_held.v1",
            ),
            (
                "job-search/applications",
                {"applied_on": today().isoformat(), "employer": "Lahden Kuljetus Oy", "position": "Kuljettaja"},
                {"position": "Ajojärjestelijä"},
                None,
            ),
        ],
    )
    async def test_a_retry_creates_nothing_more(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        db_session: AsyncSession,
        client_id: str,
        path: str,
        body: dict[str, object],
        change: dict[str, object],
        event: str | None,
    ) -> None:
        url = f"/v1/clients/{client_id}/{path}"
        headers = coach(test_issuer, f"{path}-1")
        first = await client.post(url, headers=headers, json=body)
        retry = await client.post(url, headers=headers, json=body)
        assert first.status_code == retry.status_code == 201, first.text
        assert retry.json() == first.json() and retry.headers["idempotent-replayed"] == "true"
        listed = (await client.get(url, headers=coach(test_issuer))).json()
        assert len(listed) == 1
        if event is not None:
            assert await events(db_session, event) == 1
        changed = await client.post(url, headers=headers, json={**body, **change})
        assert changed.status_code == 422 and changed.json()["type"].endswith("/idempotency-key-reused")
        assert len((await client.get(url, headers=coach(test_issuer))).json()) == 1

    async def test_a_retried_withdrawal_answers_200_again_not_409(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession, client_id: str
    ) -> None:
        given = await client.post(
            f"/v1/clients/{client_id}/consents",
            headers=coach(test_issuer),
            json={
                "recipient_organisation_id": str(WELLBEING_COUNTY),
                "categories": ["assessment"],
                "purpose": "Referral to a work ability assessment",
                "valid_from": today().isoformat(),
            },
        )
        url = f"/v1/clients/{client_id}/consents/{given.json()['id']}/withdraw"
        headers = coach(test_issuer, "withdraw-1")
        first = await client.post(url, headers=headers)
        retry = await client.post(url, headers=headers)
        assert first.status_code == retry.status_code == 200 and retry.json() == first.json()
        assert await events(db_session, "fi.polku.client.consent_withdrawn.v1") == 1
