"""The dispatcher against a real PostgreSQL database (real commits) and a real HTTP receiver on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from standardwebhooks import Webhook

from polku_kit.audit import AuditRecord
from polku_kit.testing import KELA, LAHTI, TestIssuer
from polku_kit.webhooks import RETRY_SCHEDULE, Dispatcher, queue, retry_delay
from polku_kit.webhooks.models import WebhookAttempt, WebhookDelivery
from polku_kit.webhooks.queue import Claimed
from services.kit.tests.receiver import Receiver
from services.kit.tests.webhooks.support import SOURCE, Admin, delivery_states, dispatcher, emit_events

REPOSITORY_ROOT = Path(__file__).resolve().parents[4]


async def attempts(engine: AsyncEngine) -> list[WebhookAttempt]:
    async with async_sessionmaker(engine)() as session:
        return list((await session.scalars(select(WebhookAttempt).order_by(WebhookAttempt.started_at))).all())


class TestDelivery:
    async def test_a_delivery_verifies_with_the_reference_library(self, engine: AsyncEngine, admin: Admin) -> None:
        async with Receiver() as receiver:
            subscription = await admin.subscribe(receiver.url)
            [event_id] = await emit_events(engine, 1)
            worker = dispatcher(engine)
            assert await worker.run_once() == 1
            await worker.close()
        [received] = receiver.requests
        payload = Webhook(subscription["secret"]).verify(received.body, received.headers)
        assert received.headers["webhook-id"] == event_id
        assert received.headers["content-type"] == "application/json"
        assert abs(int(received.headers["webhook-timestamp"]) - datetime.now(UTC).timestamp()) < 30
        assert payload == {
            "specversion": "1.0",
            "id": event_id,
            "source": SOURCE,
            "type": "fi.polku.note.created.v1",
            "subject": "notes/0",
            "time": payload["time"],
            "datacontenttype": "application/json",
            "data": {"n": 0},
        }
        assert datetime.fromisoformat(payload["time"]) <= datetime.now(UTC)
        assert await delivery_states(engine) == {"delivered": 1}

    async def test_event_type_filters_and_audience_choose_the_subscriptions(
        self, engine: AsyncEngine, admin: Admin, api, test_issuer
    ) -> None:
        kela = Admin(api, test_issuer, KELA)
        async with (
            Receiver() as lahti_all,
            Receiver() as lahti_referrals,
            Receiver() as lahti_exact,
            Receiver() as kela_all,
        ):
            await admin.subscribe(lahti_all.url, ["*"])
            await admin.subscribe(lahti_referrals.url, ["fi.polku.referral.*"])
            await admin.subscribe(lahti_exact.url, ["fi.polku.referral.accepted.v1"])
            await kela.subscribe(kela_all.url, ["*"])
            [note] = await emit_events(engine, 1)
            [accepted] = await emit_events(engine, 1, type="fi.polku.referral.accepted.v1")
            [sent] = await emit_events(engine, 1, type="fi.polku.referral.sent.v1")
            [for_kela] = await emit_events(engine, 1, type="fi.polku.referral.sent.v1", audience=[KELA])
            [lookalike] = await emit_events(engine, 1, type="fi.polku.referralx.sent.v1")
            worker = dispatcher(engine)
            await worker.run_once()
            await worker.close()
        assert sorted(lahti_all.ids) == sorted([note, accepted, sent, lookalike])
        assert sorted(lahti_referrals.ids) == sorted([accepted, sent])
        assert lahti_exact.ids == [accepted]
        assert sorted(kela_all.ids) == sorted([note, accepted, sent, for_kela, lookalike])

    async def test_a_later_subscription_gets_old_events_only_when_replayed(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        old = await emit_events(engine, 3)
        worker = dispatcher(engine)
        await worker.run_once()  # fanned out while nobody subscribed
        async with Receiver() as receiver:
            subscription = await admin.subscribe(receiver.url)
            [new] = await emit_events(engine, 1)
            await worker.run_once()
            assert receiver.ids == [new]
            since = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
            response = await admin.post(f"/v1/webhook-subscriptions/{subscription['id']}/replay", {"since": since})
            assert response.status_code == 200, response.text
            assert response.json() == {"queued": 4}  # the three old events and the delivered new one
            await worker.run_once()
            await worker.close()
        assert sorted(receiver.ids) == sorted([new, *old, new])
        assert sorted(receiver.handled_ids) == sorted([new, *old])

    async def test_a_receiver_failing_five_times_gets_the_event_once(self, engine: AsyncEngine, admin: Admin) -> None:
        async with Receiver(fail_first=5) as receiver:
            subscription = await admin.subscribe(receiver.url)
            receiver.secret = subscription["secret"]
            [event_id] = await emit_events(engine, 1)
            worker = dispatcher(engine)
            for _ in range(8):
                await worker.run_once()
            await worker.close()
        assert receiver.ids == [event_id] * 6
        assert receiver.handled_ids == [event_id] and receiver.refused == 0
        [delivery] = (await admin.get(f"/v1/webhook-subscriptions/{subscription['id']}/deliveries")).json()["items"]
        assert delivery["status"] == "delivered" and delivery["attempt_count"] == 6
        detail = (await admin.get(f"/v1/webhook-deliveries/{delivery['id']}")).json()
        assert [attempt["status_code"] for attempt in detail["attempts"]] == [500] * 5 + [200]
        assert [attempt["number"] for attempt in detail["attempts"]] == [1, 2, 3, 4, 5, 6]
        assert all(attempt["finished_at"] and attempt["duration_ms"] is not None for attempt in detail["attempts"])
        assert detail["attempts"][0]["error"] == "HTTP 500" and detail["attempts"][-1]["error"] is None

    async def test_a_failed_attempt_waits_for_its_backoff(self, engine: AsyncEngine, admin: Admin) -> None:
        async with Receiver(fail_first=1) as receiver:
            await admin.subscribe(receiver.url)
            await emit_events(engine, 1)
            worker = dispatcher(engine, retry=lambda attempt: 3600.0)
            assert await worker.run_once() == 1
            assert await worker.run_once() == 0
            await worker.close()
        assert len(receiver.requests) == 1
        async with async_sessionmaker(engine)() as session:
            delivery = await session.scalar(select(WebhookDelivery))
        assert delivery is not None and delivery.status == "pending" and delivery.last_status_code == 500
        wait = delivery.next_attempt_at - datetime.now(UTC)
        assert timedelta(minutes=59) < wait <= timedelta(hours=1)

    async def test_after_the_last_attempt_it_is_a_dead_letter_and_replay_delivers_it(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        async with Receiver(fail_first=3) as receiver:
            subscription = await admin.subscribe(receiver.url)
            [event_id] = await emit_events(engine, 1)
            worker = dispatcher(engine, max_attempts=3)
            for _ in range(5):
                await worker.run_once()
            assert len(receiver.requests) == 3
            deliveries = f"/v1/webhook-subscriptions/{subscription['id']}/deliveries"
            [dead] = (await admin.get(deliveries, status="dead")).json()["items"]
            assert (dead["event_id"], dead["attempt_count"], dead["last_status_code"]) == (event_id, 3, 500)
            assert (await admin.get(deliveries, status="pending")).json()["items"] == []

            replayed = await admin.post(f"/v1/webhook-deliveries/{dead['id']}/replay")
            assert replayed.status_code == 200, replayed.text
            assert replayed.json()["status"] == "pending" and replayed.json()["attempt_count"] == 0
            again = await admin.post(f"/v1/webhook-deliveries/{dead['id']}/replay")
            assert again.status_code == 409  # pending already
            await worker.run_once()
            await worker.close()
        assert receiver.ids == [event_id] * 4 and receiver.handled_ids == [event_id]
        assert (await admin.get(deliveries, status="dead")).json()["items"] == []
        [delivered] = (await admin.get(deliveries, status="delivered")).json()["items"]
        assert delivered["delivered_at"] is not None

    async def test_a_dead_letter_is_replayed_only_by_its_organisations_manager_and_the_replay_is_audited(
        self, engine: AsyncEngine, admin: Admin, api: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        async with Receiver(fail_first=2) as receiver:
            subscription = await admin.subscribe(receiver.url)
            await emit_events(engine, 1)
            worker = dispatcher(engine, max_attempts=2)
            for _ in range(3):
                await worker.run_once()
            await worker.close()
        deliveries = f"/v1/webhook-subscriptions/{subscription['id']}/deliveries"
        [dead] = (await admin.get(deliveries, status="dead")).json()["items"]
        replay = f"/v1/webhook-deliveries/{dead['id']}/replay"
        for role in ("coach", "manager", "employer_services", "platform", "service"):
            refused = await api.post(replay, headers=test_issuer.headers(roles=[role], org=LAHTI))
            assert refused.status_code == 403, role
        for other in (Admin(api, test_issuer, KELA).headers, test_issuer.headers(roles=["partner"], org=KELA)):
            foreign = await api.post(replay, headers=other)
            assert foreign.status_code == 404 and foreign.headers["content-type"] == "application/problem+json"
            assert (await api.get(f"/v1/webhook-deliveries/{dead['id']}", headers=other)).status_code == 404
        assert await delivery_states(engine) == {"dead": 1}  # none of them changed anything

        replayer = test_issuer.headers(subject="admin-replayer", roles=["admin"], org=LAHTI)
        replayed = await api.post(replay, headers=replayer)
        assert replayed.status_code == 200 and replayed.json()["status"] == "pending"
        async with async_sessionmaker(engine)() as session:
            [audited] = (
                await session.scalars(
                    select(AuditRecord).where(
                        AuditRecord.resource_id == subscription["id"], AuditRecord.actor_subject == "admin-replayer"
                    )
                )
            ).all()
        assert audited.action == "update" and audited.details == {"replayed_delivery": dead["id"]}

    async def test_during_a_rotation_both_secrets_sign(self, engine: AsyncEngine, admin: Admin) -> None:
        async with Receiver() as receiver:
            subscription = await admin.subscribe(receiver.url)
            rotated = (await admin.post(f"/v1/webhook-subscriptions/{subscription['id']}/rotate-secret")).json()
            await emit_events(engine, 1)
            worker = dispatcher(engine)
            await worker.run_once()
            cut = await admin.post(
                f"/v1/webhook-subscriptions/{subscription['id']}/rotate-secret", {"previous_secret_valid_seconds": 0}
            )
            await emit_events(engine, 1)
            await worker.run_once()
            await worker.close()
        first, second = receiver.requests
        for secret in (subscription["secret"], rotated["secret"]):
            Webhook(secret).verify(first.body, first.headers)
        assert len(first.headers["webhook-signature"].split(" ")) == 2
        Webhook(cut.json()["secret"]).verify(second.body, second.headers)
        with pytest.raises(Exception, match="signature"):
            Webhook(rotated["secret"]).verify(second.body, second.headers)

    async def test_a_paused_subscription_gets_nothing_until_resumed(self, engine: AsyncEngine, admin: Admin) -> None:
        async with Receiver() as receiver:
            subscription = await admin.subscribe(receiver.url)
            [queued] = await emit_events(engine, 1)
            worker = dispatcher(engine)
            await worker.prepare()  # the delivery exists, then the subscription is paused
            path = f"/v1/webhook-subscriptions/{subscription['id']}"
            paused = await admin.api.patch(path, json={"active": False}, headers={**admin.headers, "If-Match": "*"})
            assert paused.status_code == 200, paused.text
            await emit_events(engine, 1)  # not queued for a paused subscription
            assert await worker.run_once() == 0
            resumed = await admin.api.patch(path, json={"active": True}, headers={**admin.headers, "If-Match": "*"})
            assert resumed.status_code == 200, resumed.text
            await worker.run_once()
            await worker.close()
        assert receiver.ids == [queued]


class TestFailures:
    async def test_a_receiver_that_does_not_answer_times_out(self, engine: AsyncEngine, admin: Admin) -> None:
        async with Receiver(hang_first=1) as receiver:
            await admin.subscribe(receiver.url)
            await emit_events(engine, 1)
            worker = dispatcher(engine, timeout_seconds=0.3, lease_seconds=5, retry=lambda attempt: 3600.0)
            await worker.run_once()
            await worker.close()
        [attempt] = await attempts(engine)
        assert attempt.error == "no answer within 0.3 s" and attempt.status_code is None
        assert 250 <= (attempt.duration_ms or 0) < 2000
        assert await delivery_states(engine) == {"pending": 1}

    async def test_a_target_that_now_resolves_to_a_private_address_is_not_called(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        async with Receiver() as receiver:
            await admin.subscribe(receiver.url.replace("127.0.0.1", "localhost"))
            await emit_events(engine, 1)
            worker = dispatcher(engine, allow_private_targets=False)
            await worker.run_once()
            await worker.close()
        assert receiver.requests == []
        [attempt] = await attempts(engine)
        assert attempt.error is not None and attempt.error.startswith("target refused")
        assert "non-public" in attempt.error

    async def test_production_refuses_plain_http_at_delivery_too(self, engine: AsyncEngine, admin: Admin) -> None:
        async with Receiver() as receiver:
            await admin.subscribe(receiver.url)
            await emit_events(engine, 1)
            worker = dispatcher(engine, require_https=True)
            await worker.run_once()
            await worker.close()
        assert receiver.requests == []
        [attempt] = await attempts(engine)
        assert attempt.error == "target refused: only https:// targets are allowed"

    async def test_a_result_is_recorded_only_under_the_lease(self, engine: AsyncEngine, admin: Admin) -> None:
        async with Receiver() as receiver:
            await admin.subscribe(receiver.url)
            await emit_events(engine, 1)
            slow, fast = dispatcher(engine, lease_seconds=31), dispatcher(engine)
            await slow.prepare()
            [claimed] = await slow.claim(10)
            async with engine.begin() as connection:  # the lease lapses while the slow one is still busy
                await connection.execute(update(WebhookDelivery).values(locked_until=datetime.now(UTC)))
            assert await fast.run_once() == 1
            await slow.deliver(claimed)  # its result must not overwrite the newer one
            for worker in (slow, fast):
                await worker.close()
        async with async_sessionmaker(engine)() as session:
            delivery = await session.scalar(select(WebhookDelivery))
        assert delivery is not None and delivery.status == "delivered" and delivery.attempt_count == 2
        assert sorted(attempt.number for attempt in await attempts(engine)) == [1, 2]
        assert isinstance(claimed, Claimed)

    async def test_a_last_attempt_lost_with_its_dispatcher_becomes_a_dead_letter(
        self, engine: AsyncEngine, admin: Admin
    ) -> None:
        async with Receiver() as receiver:
            await admin.subscribe(receiver.url)
            await emit_events(engine, 1)
            worker = dispatcher(engine, max_attempts=1)
            await worker.prepare()
            await worker.claim(10)  # ... and the dispatcher dies; its lease lapses
            async with engine.begin() as connection:
                await connection.execute(text("UPDATE webhook_delivery SET locked_until = now() - interval '1 s'"))
            assert await worker.run_once() == 0
            await worker.close()
        assert receiver.requests == []
        assert await delivery_states(engine) == {"dead": 1}
        [attempt] = await attempts(engine)
        assert attempt.finished_at is not None and (attempt.error or "").startswith("abandoned")


class TestRetrySchedule:
    def test_the_schedule_spans_about_three_days(self) -> None:
        total = timedelta(seconds=sum(RETRY_SCHEDULE))
        assert timedelta(hours=70) < total < timedelta(hours=73)
        assert len(RETRY_SCHEDULE) + 1 == 13  # webhook_max_attempts
        assert list(RETRY_SCHEDULE) == sorted(RETRY_SCHEDULE)

    def test_waits_have_full_jitter_around_the_schedule(self) -> None:
        for attempt, nominal in enumerate(RETRY_SCHEDULE, start=1):
            waits = [retry_delay(attempt) for _ in range(400)]
            assert all(0 <= wait <= 2 * nominal for wait in waits)
            assert 0.8 * nominal < sum(waits) / len(waits) < 1.2 * nominal
            assert min(waits) < 0.25 * nominal and max(waits) > 1.75 * nominal
        assert retry_delay(40) <= 2 * RETRY_SCHEDULE[-1]

    def test_the_lease_must_outlast_the_timeout(self, engine: AsyncEngine) -> None:
        with pytest.raises(ValueError, match="lease"):
            Dispatcher(engine, timeout_seconds=10, lease_seconds=5)


def _child(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=REPOSITORY_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY_ROOT), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


class TestSeveralDispatchers:
    async def test_two_dispatchers_deliver_every_event_exactly_once(
        self, engine: AsyncEngine, admin: Admin, database_url: str
    ) -> None:
        engines = [create_async_engine(database_url) for _ in range(2)]
        worked = [0, 0]

        class Counting(Dispatcher):
            def __init__(self, number: int, engine: AsyncEngine) -> None:
                super().__init__(engine, allow_private_targets=True, require_https=False, batch_size=10, concurrency=20)
                self.number = number

            async def send(
                self, claimed: Claimed, client: httpx.AsyncClient | None = None
            ) -> tuple[int | None, str | None]:
                worked[self.number] += 1
                return await super().send(claimed, client)

        async with Receiver() as receiver:
            await admin.subscribe(receiver.url)
            ids = await emit_events(engine, 200)
            workers = [Counting(number, engine) for number, engine in enumerate(engines)]
            stop = asyncio.Event()
            loops = [asyncio.create_task(worker.run(stop, poll_seconds=0.05)) for worker in workers]
            try:
                await receiver.wait_for(200)
                await asyncio.sleep(0.3)  # anything extra would arrive now
            finally:
                stop.set()
                await asyncio.gather(*loops)
                for worker in workers:
                    await worker.close()
                for each in engines:
                    await each.dispose()
        assert sorted(receiver.ids) == sorted(ids)  # every event, each exactly once
        assert all(worked), f"both dispatchers should have delivered some: {worked}"
        assert await delivery_states(engine) == {"delivered": 200}

    async def test_a_dispatcher_killed_mid_delivery_loses_nothing(
        self, engine: AsyncEngine, admin: Admin, database_url: str
    ) -> None:
        async with Receiver(hang_first=1) as receiver:
            await admin.subscribe(receiver.url)
            [event_id] = await emit_events(engine, 1)
            child = _child("-m", "services.kit.tests.sample_service.dispatch_forever", database_url, "3", "2")
            try:
                # The child is then waiting for an answer that will not come (it starts slowly on a busy machine).
                await receiver.wait_for(1, seconds=45)
            finally:
                child.send_signal(signal.SIGKILL)
                child.wait()
            assert await delivery_states(engine) == {"pending": 1}
            worker = dispatcher(engine)
            assert await worker.run_once() == 0  # the dead dispatcher's lease still holds
            async with asyncio.timeout(10):
                while not await worker.run_once():  # noqa: ASYNC110
                    await asyncio.sleep(0.1)  # until the lease lapses
            await worker.close()
        assert receiver.ids == [event_id, event_id]  # the receiver saw it twice ...
        assert receiver.handled_ids == [event_id]  # ... and handled it once
        assert await delivery_states(engine) == {"delivered": 1}
        lost, delivered = await attempts(engine)
        assert lost.number == 1 and (lost.error or "").startswith("abandoned") and lost.status_code is None
        assert delivered.number == 2 and delivered.status_code == 200

    async def test_the_dispatch_command_stops_cleanly_on_sigterm(
        self, engine: AsyncEngine, admin: Admin, database_url: str
    ) -> None:
        async with Receiver() as receiver:
            await admin.subscribe(receiver.url)
            [event_id] = await emit_events(engine, 1)
            code = (
                "import asyncio; from polku_kit.webhooks import run_dispatcher; "
                "from services.kit.tests.sample_service.app import SampleSettings; "
                "asyncio.run(run_dispatcher(SampleSettings.from_env()))"
            )
            child = _child(
                "-c",
                code,
                env={
                    "POLKU_ENV": "test",
                    "POLKU_SAMPLE_DATABASE_URL": database_url,
                    "POLKU_WEBHOOKS_ALLOW_PRIVATE_TARGETS": "true",
                },
            )
            try:
                # A child process starts slowly on a busy two-core machine: give it time, and say why if not.
                try:
                    await receiver.wait_for(1, seconds=45)
                except TimeoutError:
                    child.kill()
                    output, errors = await asyncio.to_thread(child.communicate, timeout=10)
                    pytest.fail(f"no delivery from the dispatcher process:\n{output.decode()}\n{errors.decode()}")
                child.send_signal(signal.SIGTERM)
                output, _ = await asyncio.to_thread(child.communicate, timeout=10)
            finally:
                if child.poll() is None:
                    child.kill()
        assert child.returncode == 0
        assert receiver.ids == [event_id]
        logged = [json.loads(line) for line in output.decode().splitlines() if line.startswith("{")]
        assert [line["event"] for line in logged if line["event"].startswith("dispatcher_")][-1] == "dispatcher_stopped"
        assert any(line["event"] == "webhook_delivered" and line["event_id"] == event_id for line in logged)
        assert await delivery_states(engine) == {"delivered": 1}


class TestStatistics:
    """The claim is planned for the deliveries there are: a dispatcher analyses the table after making many."""

    @staticmethod
    async def planned_rows(engine: AsyncEngine) -> float:
        async with engine.connect() as connection:
            return float(
                await connection.scalar(text("SELECT reltuples FROM pg_class WHERE relname = 'webhook_delivery'"))
            )

    async def test_the_table_is_analysed_once_enough_deliveries_were_made(
        self, engine: AsyncEngine, admin: Admin, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(queue, "ANALYSE_AFTER_DELIVERIES", 5)
        monkeypatch.setattr(queue, "ANALYSE_AT_MOST_EVERY_SECONDS", 0.0)
        analyses: list[int] = []
        analyse = queue.analyse

        async def counted(session: AsyncSession) -> None:
            analyses.append(1)
            await analyse(session)

        monkeypatch.setattr(queue, "analyse", counted)
        async with Receiver() as receiver:
            await admin.subscribe(receiver.url)
            worker = dispatcher(engine)
            await emit_events(engine, 4)
            assert await worker.fan_out() == 4 and analyses == []  # 4 made: not yet
            await emit_events(engine, 3)
            assert await worker.fan_out() == 3 and analyses == [1]  # 7 made: analysed, the count starts again
            assert await self.planned_rows(engine) == 7  # the planner's estimate is the table's rows
            await emit_events(engine, 4)
            assert await worker.fan_out() == 4 and analyses == [1]
            # Not again within the interval, however many are made.
            monkeypatch.setattr(queue, "ANALYSE_AT_MOST_EVERY_SECONDS", 3600.0)
            await emit_events(engine, 2)
            assert await worker.fan_out() == 2 and analyses == [1, 1]
            await emit_events(engine, 9)
            assert await worker.fan_out() == 9 and analyses == [1, 1]
            await worker.close()
