"""Stored inbound events: answered at once, handled afterwards by the worker, once, in order per subject; a
handler that keeps failing parks its event, which an administrator of the same organisation replays."""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid

import httpx
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from polku_kit.audit import AuditRecord
from polku_kit.inbox import InboxEvent
from polku_kit.inbox_worker import (
    DEFAULT_MAX_ATTEMPTS,
    RETRY_SCHEDULE,
    InboxBatch,
    InboxWorker,
    StoredEvent,
    retry_schedule,
)
from polku_kit.settings import BaseServiceSettings
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer
from polku_kit.webhooks import sign
from services.kit.tests.sample_service.app import INBOX_SECRET

TYPE = "fi.example.thing.happened.v1"


def delivery(
    event_id: str | None = None, *, subject: str = "things/1", secret: str = INBOX_SECRET, **data: object
) -> tuple[str, dict[str, str]]:
    event_id = event_id or str(uuid.uuid4())
    body = json.dumps(
        {"specversion": "1.0", "id": event_id, "source": "/example", "type": TYPE, "subject": subject, "data": data}
    )
    return body, sign(secret, event_id, body)


class Recorder:
    """A handler that writes a row per event (in the worker's transaction) and fails while told to."""

    def __init__(self) -> None:
        self.failing: set[str] = set()

    async def __call__(self, session: AsyncSession, stored: StoredEvent) -> None:
        await session.execute(
            text("INSERT INTO sample_note (id, text) VALUES (:id, :text)"),
            {"id": uuid.uuid4(), "text": f"{stored.event.subject}:{stored.event.data['n']}"},
        )
        if stored.event.data.get("fail") or stored.event.id in self.failing:
            raise RuntimeError("the handler cannot take this one")


def worker(engine: AsyncEngine, handler: Recorder, **options: object) -> InboxWorker:
    return InboxWorker(engine, {TYPE: handler}, retry=lambda attempt: 0.0, **options)  # type: ignore[arg-type]


async def notes(engine: AsyncEngine) -> list[str]:
    async with engine.connect() as connection:
        return list((await connection.scalars(text("SELECT text FROM sample_note ORDER BY text"))).all())


async def statuses(engine: AsyncEngine) -> dict[str, str]:
    async with async_sessionmaker(engine)() as session:
        return {row.id: row.status for row in await session.scalars(select(InboxEvent))}


async def post(api: httpx.AsyncClient, issuer: TestIssuer, body: str, headers: dict[str, str]) -> httpx.Response:
    return await api.post(
        "/v1/stored-inbox", content=body, headers={**headers, **issuer.headers(roles=["platform"], org=LAHTI)}
    )


class TestStore:
    async def test_an_event_is_stored_and_answered_before_it_is_handled(
        self, api: httpx.AsyncClient, engine: AsyncEngine, test_issuer: TestIssuer
    ) -> None:
        await _empty_notes(engine)
        body, headers = delivery(n=1)
        response = await post(api, test_issuer, body, headers)
        assert response.status_code == 202 and response.json() == {"stored": True}
        assert await statuses(engine) == {headers["webhook-id"]: "received"}
        assert await notes(engine) == []
        async with async_sessionmaker(engine)() as session:
            row = await session.get(InboxEvent, headers["webhook-id"])
        assert row is not None and (row.organisation_id, row.payload) == (LAHTI, {"n": 1})
        assert row.received_by is not None
        assert await worker(engine, Recorder()).run_until_idle() == 1
        assert await statuses(engine) == {headers["webhook-id"]: "processed"}
        assert await notes(engine) == ["things/1:1"]

    async def test_the_same_delivery_three_times_is_stored_and_handled_once(
        self, api: httpx.AsyncClient, engine: AsyncEngine, test_issuer: TestIssuer
    ) -> None:
        await _empty_notes(engine)
        body, headers = delivery(n=1)
        answers = [(await post(api, test_issuer, body, headers)).json() for _ in range(3)]
        assert answers == [{"stored": True}, {"stored": False}, {"stored": False}]
        await worker(engine, Recorder()).run_until_idle()
        assert await notes(engine) == ["things/1:1"]

    async def test_the_payload_is_sealed_at_rest(
        self, api: httpx.AsyncClient, engine: AsyncEngine, test_issuer: TestIssuer
    ) -> None:
        body, headers = delivery(n=1, personal_identity_code="131052-308T")
        await post(api, test_issuer, body, headers)
        async with engine.connect() as connection:
            raw = await connection.scalar(
                text("SELECT payload::text FROM inbox_event WHERE id = :id"), {"id": headers["webhook-id"]}
            )
        assert raw is not None and "131052-308T" not in raw

    async def test_an_unsigned_or_malformed_delivery_is_a_problem_and_nothing_is_stored(
        self, api: httpx.AsyncClient, engine: AsyncEngine, test_issuer: TestIssuer
    ) -> None:
        body, headers = delivery(n=1, secret="whsec_" + "b3RoZXItc2VjcmV0LW9mLXRoaXJ0eS10d28tYnl0ZXM=")
        refused = await post(api, test_issuer, body, headers)
        assert refused.status_code == 401 and refused.headers["content-type"] == "application/problem+json"
        not_json = "{not json"
        malformed = await post(api, test_issuer, not_json, sign(INBOX_SECRET, "e-1", not_json))
        assert malformed.status_code == 400 and malformed.json()["type"].endswith("/invalid-event")
        unsigned = await post(api, test_issuer, body, {})
        assert unsigned.status_code == 401
        assert await statuses(engine) == {}

    async def test_only_the_platform_role_may_deliver(
        self, api: httpx.AsyncClient, engine: AsyncEngine, test_issuer: TestIssuer
    ) -> None:
        body, headers = delivery(n=1)
        response = await api.post(
            "/v1/stored-inbox", content=body, headers={**headers, **test_issuer.headers(roles=["admin"], org=LAHTI)}
        )
        assert response.status_code == 403
        assert await statuses(engine) == {}


class TestWorker:
    async def test_a_subject_is_handled_in_arrival_order_and_waits_behind_a_retry(
        self, api: httpx.AsyncClient, engine: AsyncEngine, test_issuer: TestIssuer
    ) -> None:
        await _empty_notes(engine)
        handler = Recorder()
        ids = []
        for n in range(3):
            body, headers = delivery(n=n, subject="things/a")
            await post(api, test_issuer, body, headers)
            ids.append(headers["webhook-id"])
        body, headers = delivery(n=9, subject="things/b")
        await post(api, test_issuer, body, headers)
        handler.failing.add(ids[0])
        # Each round takes each lane's first waiting event: a is stuck at its first, b goes on.
        the_worker = InboxWorker(engine, {TYPE: handler}, retry=lambda attempt: 0.0)
        await the_worker.run_once()
        await the_worker.run_once()
        assert await notes(engine) == ["things/b:9"]
        handler.failing.clear()
        await the_worker.run_until_idle()
        assert await notes(engine) == ["things/a:0", "things/a:1", "things/a:2", "things/b:9"]

    async def test_a_batch_handler_takes_the_lane_heads_together_and_a_failure_is_retried_alone(
        self, api: httpx.AsyncClient, engine: AsyncEngine, test_issuer: TestIssuer
    ) -> None:
        await _empty_notes(engine)
        handler, calls = Recorder(), []

        async def together(session: AsyncSession, events: list[StoredEvent]) -> None:
            calls.append(sorted(stored.event.data["n"] for stored in events))
            for stored in events:
                await handler(session, stored)

        for n, subject in enumerate(["things/a", "things/b", "things/c", "things/a"]):
            body, headers = delivery(n=n, subject=subject, fail=n == 2)
            await post(api, test_issuer, body, headers)
        the_worker = InboxWorker(engine, {TYPE: InboxBatch(together)}, retry=lambda attempt: 0.0, max_attempts=1)
        await the_worker.run_once()
        # One call for the three lane heads; it fails on c's, so each is tried alone: a's and b's are taken in,
        # c's is parked; a's second waited behind its first and comes in the next batch.
        assert calls == [[0, 1, 2], [0], [1], [2]]
        assert await notes(engine) == ["things/a:0", "things/b:1"]
        await the_worker.run_until_idle()
        assert calls[4:] == [[3]]
        assert await notes(engine) == ["things/a:0", "things/a:3", "things/b:1"]
        assert sorted((await statuses(engine)).values()) == ["parked", "processed", "processed", "processed"]

    async def test_a_poison_event_is_parked_with_its_error_and_frees_its_lane(
        self, api: httpx.AsyncClient, engine: AsyncEngine, test_issuer: TestIssuer
    ) -> None:
        await _empty_notes(engine)
        poison, poison_headers = delivery(n=0, fail=True)
        after, _ = delivery(n=1)
        await post(api, test_issuer, poison, poison_headers)
        await post(api, test_issuer, after, sign(INBOX_SECRET, json.loads(after)["id"], after))
        await worker(engine, Recorder(), max_attempts=3).run_until_idle()
        async with async_sessionmaker(engine)() as session:
            parked = await session.get(InboxEvent, poison_headers["webhook-id"])
        assert parked is not None and (parked.status, parked.attempts) == ("parked", 3)
        assert parked.last_error == "RuntimeError: the handler cannot take this one"
        assert await notes(engine) == ["things/1:1"]  # the poison's own writes were rolled back each time

    async def test_a_worker_that_dies_mid_batch_leaves_the_events_for_the_next(
        self, api: httpx.AsyncClient, engine: AsyncEngine, test_issuer: TestIssuer
    ) -> None:
        await _empty_notes(engine)
        for n in range(3):
            body, headers = delivery(n=n, subject=f"things/{n}")
            await post(api, test_issuer, body, headers)

        class Dies(Recorder):
            async def __call__(self, session: AsyncSession, stored: StoredEvent) -> None:
                await super().__call__(session, stored)
                if stored.event.data["n"] == 2:
                    raise SystemExit  # not an error of the event: the process goes, and its transaction

        with contextlib.suppress(SystemExit):
            await worker(engine, Dies()).run_once()
        assert await notes(engine) == []
        assert set((await statuses(engine)).values()) == {"received"}
        await worker(engine, Recorder()).run_until_idle()
        assert await notes(engine) == ["things/0:0", "things/1:1", "things/2:2"]


class TestScheduleFromSettings:
    async def test_the_configured_waits_decide_when_an_event_is_parked(
        self, api: httpx.AsyncClient, engine: AsyncEngine, test_issuer: TestIssuer
    ) -> None:
        await _empty_notes(engine)
        settings = BaseServiceSettings(inbox_retry_schedule_seconds=[0.2])
        failing = Recorder()
        the_worker = InboxWorker.from_settings(settings, engine, {TYPE: failing})
        body, headers = delivery(n=1, fail=True)
        await post(api, test_issuer, body, headers)
        assert await the_worker.run_until_idle() == 1
        assert await statuses(engine) == {headers["webhook-id"]: "received"}
        wait = await the_worker.seconds_until_due()
        assert wait is not None and 0 < wait <= 0.3  # 0.2 s with jitter, not the default's 2 s
        await asyncio.sleep(0.35)
        await the_worker.run_until_idle()
        # Two attempts, one wait between them: the second failure parks the event.
        assert await statuses(engine) == {headers["webhook-id"]: "parked"}

    def test_the_default_schedule_is_five_attempts_over_about_six_minutes(self) -> None:
        settings = BaseServiceSettings()
        assert (settings.inbox_retry_schedule_seconds, settings.inbox_max_attempts) == ([2, 10, 60, 300], 5)
        assert (settings.inbox_retry_schedule_seconds, settings.inbox_max_attempts) == (
            list(RETRY_SCHEDULE),
            DEFAULT_MAX_ATTEMPTS,
        )

    def test_each_wait_is_jittered_around_its_value(self) -> None:
        retry = retry_schedule([1.0, 4.0])
        assert all(0.5 <= retry(1) <= 1.5 for _ in range(200))
        assert all(2.0 <= retry(n) <= 6.0 for n in (2, 3, 9) for _ in range(200))


class TestParked:
    async def _park(self, api: httpx.AsyncClient, engine: AsyncEngine, issuer: TestIssuer) -> str:
        body, headers = delivery(n=5)
        await post(api, issuer, body, headers)
        failing = Recorder()
        failing.failing.add(headers["webhook-id"])
        await worker(engine, failing, max_attempts=1).run_until_idle()
        return headers["webhook-id"]

    async def test_an_administrator_lists_and_replays_a_parked_event_once(
        self, api: httpx.AsyncClient, engine: AsyncEngine, test_issuer: TestIssuer
    ) -> None:
        await _empty_notes(engine)
        event_id = await self._park(api, engine, test_issuer)
        admin = test_issuer.headers(roles=["admin"], org=LAHTI, sub="admin-anna", name="Anna Admin")
        listed = await api.get("/v1/stored-inbox/parked", headers=admin)
        assert listed.status_code == 200
        assert [(item["id"], item["attempts"]) for item in listed.json()["items"]] == [(event_id, 1)]
        assert "payload" not in listed.json()["items"][0]
        assert listed.json()["items"][0]["last_replay"] is None
        replayed = await api.post(f"/v1/stored-inbox/parked/{event_id}/replay", headers=admin)
        assert replayed.status_code == 202
        assert {key: replayed.json()[key] for key in ("id", "status", "replayed_by", "replayed_by_name")} == {
            "id": event_id,
            "status": "received",
            "replayed_by": "admin-anna",
            "replayed_by_name": "Anna Admin",
        }
        again = await api.post(f"/v1/stored-inbox/parked/{event_id}/replay", headers=admin)
        assert again.status_code == 409 and again.headers["content-type"] == "application/problem+json"
        async with async_sessionmaker(engine)() as session:
            audit = (
                await session.scalars(select(AuditRecord).where(AuditRecord.resource_type == "inbound_event"))
            ).all()
        assert [(row.actor_subject, row.resource_id) for row in audit] == [("admin-anna", event_id)]
        assert await notes(engine) == []
        await worker(engine, Recorder()).run_until_idle()  # the handler was mended meanwhile
        assert await statuses(engine) == {event_id: "processed"}
        assert await notes(engine) == ["things/1:5"]

    async def test_a_replayed_event_parked_again_names_who_replayed_it(
        self, api: httpx.AsyncClient, engine: AsyncEngine, test_issuer: TestIssuer
    ) -> None:
        await _empty_notes(engine)
        event_id = await self._park(api, engine, test_issuer)
        admin = test_issuer.headers(roles=["admin"], org=LAHTI, sub="admin-anna", name="Anna Admin")
        assert (await api.post(f"/v1/stored-inbox/parked/{event_id}/replay", headers=admin)).status_code == 202
        still_failing = Recorder()
        still_failing.failing.add(event_id)
        await worker(engine, still_failing, max_attempts=1).run_until_idle()
        listed = (await api.get("/v1/stored-inbox/parked", headers=admin)).json()["items"]
        assert [item["id"] for item in listed] == [event_id]
        replay = listed[0]["last_replay"]
        assert (replay["replayed_by"], replay["replayed_by_name"]) == ("admin-anna", "Anna Admin")
        # Another organisation's administrator replaying an event of the same id is not this one's replay.
        other = test_issuer.headers(roles=["admin"], org=MIKKELI)
        assert (await api.post(f"/v1/stored-inbox/parked/{event_id}/replay", headers=other)).status_code == 404

    async def test_another_organisation_or_role_sees_nothing(
        self, api: httpx.AsyncClient, engine: AsyncEngine, test_issuer: TestIssuer
    ) -> None:
        event_id = await self._park(api, engine, test_issuer)
        other = test_issuer.headers(roles=["admin"], org=MIKKELI)
        assert (await api.get("/v1/stored-inbox/parked", headers=other)).json()["items"] == []
        assert (await api.post(f"/v1/stored-inbox/parked/{event_id}/replay", headers=other)).status_code == 404
        coach = test_issuer.headers(roles=["coach"], org=LAHTI)
        assert (await api.get("/v1/stored-inbox/parked", headers=coach)).status_code == 403
        assert (await api.post(f"/v1/stored-inbox/parked/{event_id}/replay", headers=coach)).status_code == 403


async def _empty_notes(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("TRUNCATE sample_note"))
