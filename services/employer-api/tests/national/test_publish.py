"""The publisher of P66: a vacancy made here reaches the platform when published (create), changed (update) and
ended (archive), one employer's business id per call, with the national id recorded; 500s are retried within a run
and a platform down leaves the failure on the vacancy (state, attempts, last error, next try) until a later run
sends it, once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.national.service import publish, retry_delay
from employer_api.vacancy.models import Vacancy
from polku_kit.testing import LAHTI

from ..factories import new_employer, new_vacancy
from .support import BUSINESS_ID

ES = "employer_services"


async def published(client: httpx.AsyncClient, as_, **changes: object) -> dict:
    employer = await client.post("/v1/employers", json=new_employer(), headers=as_(ES))
    employer_id = (
        employer.json()["id"] if employer.status_code == 201 else employer.json()["existing"].rsplit("/", 1)[-1]
    )
    vacancy = (await client.post("/v1/vacancies", json=new_vacancy(employer_id, **changes), headers=as_(ES))).json()
    moved = await client.post(
        f"/v1/vacancies/{vacancy['id']}/status", json={"status": "published"}, headers={**as_(ES), "If-Match": '"v1"'}
    )
    assert moved.status_code == 200, moved.text
    return moved.json()


async def national_state(client: httpx.AsyncClient, as_, vacancy_id: str) -> dict:
    response = await client.get(f"/v1/vacancies/{vacancy_id}", headers=as_("coach"))
    return response.json()["national"]


class TestPublish:
    async def test_a_published_vacancy_is_created_on_the_platform_with_its_national_id_recorded(
        self, client, as_, platform, national, sessions
    ) -> None:
        vacancy = await published(client, as_)
        assert vacancy["national"]["state"] == "pending"
        draft = (await client.post("/v1/vacancies", json=new_vacancy(vacancy["employer_id"]), headers=as_(ES))).json()

        result = await publish(sessions, national, authority_id=LAHTI)
        assert (result.created, result.failed) == (1, 0)
        (posting,) = platform.postings()
        assert posting["business_id"] == BUSINESS_ID and posting["body"]["externalReference"] == vacancy["id"]
        assert posting["body"]["occupation"] == {"iscoCode": "7212"} and posting["body"]["title"]["fi"] == "Hitsaaja"
        assert posting["body"]["employment"]["type"] == "FIXED_TERM"
        state = await national_state(client, as_, vacancy["id"])
        assert state == {
            "state": "sent",
            "national_id": posting["job_posting_id"],
            "attempts": 0,
            "last_error": None,
            "retry_at": None,
        }
        assert (await national_state(client, as_, draft["id"]))["state"] == "not_sent"
        # Nothing more to send: a second run calls nothing.
        calls = len(platform.received())
        assert await publish(sessions, national, authority_id=LAHTI) == type(result)()
        assert len(platform.received()) == calls

    async def test_a_change_is_an_update_and_an_ending_an_archive(
        self, client, as_, platform, national, sessions
    ) -> None:
        vacancy = await published(client, as_)
        await publish(sessions, national, authority_id=LAHTI)
        changed = await client.patch(
            f"/v1/vacancies/{vacancy['id']}", json={"positions": 4}, headers={**as_(ES), "If-Match": '"v2"'}
        )
        assert changed.status_code == 200 and changed.json()["national"]["state"] == "pending"
        assert (await publish(sessions, national, authority_id=LAHTI)).updated == 1
        (posting,) = platform.postings()
        assert posting["body"]["positions"] == 4 and not posting["archived"]
        closed = await client.post(
            f"/v1/vacancies/{vacancy['id']}/status", json={"status": "filled"}, headers={**as_(ES), "If-Match": '"v3"'}
        )
        assert closed.status_code == 200
        assert (await publish(sessions, national, authority_id=LAHTI)).archived == 1
        assert [p["archived"] for p in platform.postings()] == [True]
        assert [(r["method"], r["path"].rsplit("/", 1)[-1]) for r in platform.received()] == [
            ("POST", BUSINESS_ID),
            ("PUT", posting["job_posting_id"]),
            ("POST", "archive"),
        ]

    async def test_500s_are_retried_and_the_posting_is_made_once(
        self, client, as_, platform, national, clock, sessions
    ) -> None:
        vacancy = await published(client, as_)
        platform.fail(errors=3)
        result = await publish(sessions, national, authority_id=LAHTI)
        assert (result.created, result.failed) == (1, 0)
        assert len(platform.received(status=500)) == 3 and len(platform.received(status=201)) == 1
        assert len(platform.postings()) == 1 and clock.slept == 1 + 2 + 4  # exponential backoff
        assert (await national_state(client, as_, vacancy["id"]))["state"] == "sent"

    async def test_a_platform_down_leaves_the_failure_visible_until_a_later_run_sends_it_once(
        self, client, as_, platform, national, sessions, db_session: AsyncSession
    ) -> None:
        vacancy = await published(client, as_)
        platform.fail(down=True)
        result = await publish(sessions, national, authority_id=LAHTI, retry_base_seconds=600)
        assert result.failed == 1 and "503" in (result.stopped or "")
        state = await national_state(client, as_, vacancy["id"])
        assert state["state"] == "failing" and state["attempts"] == 1 and "503" in state["last_error"]
        assert state["national_id"] is None
        retry_at = datetime.fromisoformat(state["retry_at"])
        assert timedelta(minutes=9) < retry_at - datetime.now(UTC) <= timedelta(minutes=10)

        # Up again, but the next try is not due yet: nothing is sent.
        platform.fail()
        assert (await publish(sessions, national, authority_id=LAHTI)).created == 0
        assert platform.postings() == []

        # An hour later (simulated: the retry time has passed), the vacancy is sent, once.
        row = await db_session.get(Vacancy, vacancy["id"])
        assert row is not None
        row.national_retry_at = datetime.now(UTC) - timedelta(seconds=1)
        await db_session.flush()
        assert (await publish(sessions, national, authority_id=LAHTI)).created == 1
        assert len(platform.postings()) == 1
        state = await national_state(client, as_, vacancy["id"])
        assert state["state"] == "sent" and state["attempts"] == 0 and state["last_error"] is None

    async def test_a_refusal_is_recorded_and_the_run_goes_on(
        self, client, as_, platform, national, sessions, db_session: AsyncSession
    ) -> None:
        first = await published(client, as_)
        second = await published(client, as_, title_fi="Levyseppä")
        # The platform lost the first one's posting: its update is refused with 404; the second is still sent.
        row = await db_session.get(Vacancy, first["id"])
        assert row is not None
        row.national_id, row.national_synced_version = "unknown-there", 1
        await db_session.flush()
        result = await publish(sessions, national, authority_id=LAHTI)
        assert (result.created, result.failed, result.stopped) == (1, 1, None)
        state = await national_state(client, as_, first["id"])
        assert state["state"] == "failing" and "404" in state["last_error"]
        assert (await national_state(client, as_, second["id"]))["state"] == "sent"


class TestBackoff:
    def test_doubles_from_the_base_up_to_an_hour(self) -> None:
        assert [retry_delay(n, 60).total_seconds() for n in (1, 2, 3, 6, 7, 20)] == [60, 120, 240, 1920, 3600, 3600]
