"""Candidate profiles fed by clients-api's signed events: kept at once and taken in by the batch, codes only, the
newest of each kind wins, a redelivery changes nothing, an unsigned or foreign-signed event is refused."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import event, select
from sqlalchemy.dialects.postgresql import Range
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks import Webhook

from employer_api.candidate import service
from employer_api.candidate.models import CandidateProfile
from employer_api.jobs import inbox_handlers
from employer_api.settings import Settings
from polku_kit.inbox import InboxEvent, InboxStatus, ReceivedEvent
from polku_kit.inbox_worker import InboxBatch, StoredEvent
from polku_kit.testing import LAHTI

from ..factories import client_event

SECRET = "whsec_" + "c2VjcmV0LW9mLWNsaWVudHMtYXBpLWZvci10ZXN0cw=="
CLIENT = uuid.UUID("5a1e0000-0000-4000-8000-000000000001")


@pytest.fixture
def inbound_secret(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(app.state.settings, "inbound_webhook_secrets", [SecretStr(SECRET)])
    return SECRET


async def deliver(client: httpx.AsyncClient, event: dict[str, object], secret: str = SECRET) -> httpx.Response:
    body = json.dumps(event).encode()
    timestamp = datetime.now(UTC)
    headers = {
        "webhook-id": str(event["id"]),
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": Webhook(secret).sign(str(event["id"]), timestamp, body.decode()),
        "content-type": "application/json",
    }
    return await client.post("/v1/events", content=body, headers=headers)


async def take_in_kept(session: AsyncSession) -> int:
    """What the dispatch process's inbox worker does with the kept events (its claiming, by lane and in order, is
    proven in the kit): the batch handler employer-api gives it, over every kept event in arrival order."""
    rows = list(
        await session.scalars(
            select(InboxEvent).where(InboxEvent.status == InboxStatus.received).order_by(InboxEvent.sequence)
        )
    )
    handlers = inbox_handlers(Settings())
    batch = handlers[service.ASSESSMENT_UPDATED]
    assert isinstance(batch, InboxBatch) and all(handlers[kind] is batch for kind in service.FEEDING)
    await batch.handle(
        session,
        [
            StoredEvent(
                event=ReceivedEvent(
                    id=row.id, source=row.source, type=row.type, subject=row.subject, time=row.time, data=row.payload
                ),
                organisation_id=row.organisation_id,
                attempt=1,
            )
            for row in rows
        ],
    )
    for row in rows:
        row.status = InboxStatus.processed
    await session.flush()
    return len(rows)


def registered(**changes: object) -> dict[str, object]:
    return client_event(
        "fi.polku.client.registered.v1",
        {
            "client_id": str(CLIENT),
            "organisation_id": str(LAHTI),
            "home_municipality": "398",
            "job_search_started_on": "2025-06-02",
            "status": "unemployed",
            **changes,
        },
        at="2026-12-01T10:00:00Z",
    )


def assessed(at: str = "2026-12-01T11:00:00Z", **changes: object) -> dict[str, object]:
    return client_event(
        "fi.polku.client.assessment_updated.v1",
        {
            "client_id": str(CLIENT),
            "organisation_id": str(LAHTI),
            "version": 1,
            "assessed_on": "2026-12-01",
            "occupations": ["7212", "8332"],
            "competences": ["8344"],
            "languages": [{"language": "fi", "level": "native"}, {"language": "en", "level": "B1"}],
            "driving_licences": ["B", "CE"],
            **changes,
        },
        at=at,
    )


class TestCandidateProfile:
    async def test_registration_and_assessment_make_a_profile_of_codes(
        self, client: httpx.AsyncClient, inbound_secret: str, db_session: AsyncSession
    ) -> None:
        assert (await deliver(client, registered())).json() == {"handled": True}
        assert (await deliver(client, assessed())).json() == {"handled": True}
        await take_in_kept(db_session)
        profile = await db_session.get(CandidateProfile, CLIENT, populate_existing=True)
        assert profile is not None and profile.organisation_id == LAHTI
        assert profile.occupations == ["7212", "8332"] and profile.minor_groups == ["721", "833"]
        assert profile.competences == ["8344"] and profile.languages == ["en", "fi"]
        assert profile.municipality == "398" and profile.status == "unemployed"
        assert profile.unemployed_since == date(2025, 6, 2)

    async def test_an_older_assessment_arriving_late_changes_nothing(
        self, client: httpx.AsyncClient, inbound_secret: str, db_session: AsyncSession
    ) -> None:
        await deliver(client, assessed(at="2026-12-02T10:00:00Z", occupations=["9112"]))
        await deliver(client, assessed(at="2026-12-01T10:00:00Z", occupations=["7212"]))
        await take_in_kept(db_session)
        profile = await db_session.get(CandidateProfile, CLIENT, populate_existing=True)
        assert profile is not None and profile.occupations == ["9112"]

    async def test_a_status_change_out_of_the_job_search_ends_the_unemployment(
        self, client: httpx.AsyncClient, inbound_secret: str, db_session: AsyncSession
    ) -> None:
        await deliver(client, registered())
        change = client_event(
            "fi.polku.client.status_changed.v1",
            {
                "client_id": str(CLIENT),
                "organisation_id": str(LAHTI),
                "from": "unemployed",
                "to": "employed",
                "changed_on": "2026-12-02",
            },
            at="2026-12-02T09:00:00Z",
        )
        assert (await deliver(client, change)).json() == {"handled": True}
        await take_in_kept(db_session)
        profile = await db_session.get(CandidateProfile, CLIENT, populate_existing=True)
        assert profile is not None and profile.status == "employed" and profile.unemployed_since is None

    async def test_a_redelivery_is_not_handled_twice(self, client: httpx.AsyncClient, inbound_secret: str) -> None:
        event = registered()
        assert (await deliver(client, event)).json() == {"handled": True}
        assert (await deliver(client, event)).json() == {"handled": False}

    async def test_an_event_without_its_organisation_feeds_nothing(
        self, client: httpx.AsyncClient, inbound_secret: str, db_session: AsyncSession
    ) -> None:
        event = registered()
        del event["data"]["organisation_id"]  # type: ignore[attr-defined]
        assert (await deliver(client, event)).json() == {"handled": False}
        assert await take_in_kept(db_session) == 0
        assert await db_session.get(CandidateProfile, CLIENT) is None

    async def test_a_wrongly_signed_event_is_refused(self, client: httpx.AsyncClient, inbound_secret: str) -> None:
        other = "whsec_" + "b3RoZXItc2VjcmV0LW9mLWFub3RoZXItc2VuZGVy"
        assert (await deliver(client, registered(), secret=other)).status_code == 401

    async def test_target_groups_come_from_the_newest_registration_or_status_event(
        self, client: httpx.AsyncClient, inbound_secret: str, db_session: AsyncSession
    ) -> None:
        await deliver(client, registered(target_groups=["under_25", "newly_unemployed"]))
        change = client_event(
            "fi.polku.client.status_changed.v1",
            {
                "client_id": str(CLIENT),
                "organisation_id": str(LAHTI),
                "from": "unemployed",
                "to": "in_activating_service",
                "changed_on": "2026-12-02",
                "target_groups": ["under_25", "immigrant_in_integration_period"],
            },
            at="2026-12-02T09:00:00Z",
        )
        await deliver(client, change)
        # A registration event redelivered late (another id, an older time) changes the groups no more.
        await deliver(client, registered(target_groups=["newly_unemployed"]))
        await take_in_kept(db_session)
        profile = await db_session.get(CandidateProfile, CLIENT, populate_existing=True)
        assert profile is not None
        assert profile.target_groups == ["immigrant_in_integration_period", "under_25"]


def episode(happened: str, episode_id: uuid.UUID, starts_on: str, ends_on: str | None, *, at: str) -> dict[str, object]:
    """clients-api's announcement of an activating-service episode, with all its facts."""
    return client_event(
        f"fi.polku.client.episode_{happened}.v1",
        {
            "client_id": str(CLIENT),
            "episode_id": str(episode_id),
            "organisation_id": str(LAHTI),
            "type": "work_trial",
            "starts_on": starts_on,
            "ends_on": ends_on,
            "origin": "coach",
            "home_municipality": "398",
            "age_band": "30-34",
        },
        at=at,
    )


TRIAL = uuid.UUID("e0000000-0000-4000-8000-000000000001")
TRAINING = uuid.UUID("e0000000-0000-4000-8000-000000000002")


class TestEngagement:
    async def test_episodes_make_the_days_the_client_is_engaged(
        self, client: httpx.AsyncClient, inbound_secret: str, db_session: AsyncSession
    ) -> None:
        await deliver(client, registered())
        started = episode("started", TRIAL, "2026-11-02", None, at="2026-11-02T08:00:00Z")
        assert (await deliver(client, started)).json() == {"handled": True}
        await deliver(client, episode("started", TRAINING, "2027-02-01", "2027-03-31", at="2026-11-03T08:00:00Z"))
        # The trial's end recorded later: 31.1.2027, the day before the training starts.
        await deliver(client, episode("ended", TRIAL, "2026-11-02", "2027-01-31", at="2026-12-01T08:00:00Z"))
        await take_in_kept(db_session)
        profile = await db_session.get(CandidateProfile, CLIENT, populate_existing=True)
        assert profile is not None and profile.status == "unemployed"
        # One engagement from 2.11.2026 to 31.3.2027 (inclusive): free from 1.4.2027.
        assert profile.engaged == [Range(date(2026, 11, 2), date(2027, 4, 1), bounds="[)")]

    async def test_an_older_episode_event_arriving_late_changes_nothing(
        self, client: httpx.AsyncClient, inbound_secret: str, db_session: AsyncSession
    ) -> None:
        await deliver(client, episode("corrected", TRIAL, "2026-11-02", "2026-12-18", at="2026-12-02T08:00:00Z"))
        await deliver(client, episode("started", TRIAL, "2026-11-02", None, at="2026-11-02T08:00:00Z"))
        await take_in_kept(db_session)
        # No registration yet: the profile holds the days, and is no candidate until its status comes.
        profile = await db_session.get(CandidateProfile, CLIENT, populate_existing=True)
        assert profile is not None and profile.status is None and profile.organisation_id == LAHTI
        assert profile.engaged == [Range(date(2026, 11, 2), date(2026, 12, 19), bounds="[)")]


class TestCatchUp:
    async def test_a_delivered_event_is_kept_and_the_profile_changes_when_the_worker_takes_it_in(
        self, client: httpx.AsyncClient, inbound_secret: str, db_session: AsyncSession
    ) -> None:
        assert (await deliver(client, registered())).json() == {"handled": True}
        assert await db_session.get(CandidateProfile, CLIENT) is None
        assert await take_in_kept(db_session) == 1
        assert await db_session.get(CandidateProfile, CLIENT, populate_existing=True) is not None

    async def test_many_clients_events_are_taken_in_by_one_statement_of_each_kind(
        self, client: httpx.AsyncClient, inbound_secret: str, db_session: AsyncSession
    ) -> None:
        clients = [uuid.UUID(int=n + 1) for n in range(40)]
        for client_id in clients:
            await deliver(client, registered(client_id=str(client_id), target_groups=["under_25"]))
            await deliver(client, assessed(client_id=str(client_id)))
        statements: list[str] = []

        def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
            if not statement.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")):
                statements.append(statement)

        engine = db_session.bind.sync_engine  # type: ignore[union-attr]
        event.listen(engine, "before_cursor_execute", count)
        try:
            assert await take_in_kept(db_session) == 80
        finally:
            event.remove(engine, "before_cursor_execute", count)
        # The kept events read; each client's registration, then their assessment (a round each): the
        # registrations' upsert and their target groups, the assessments' upsert; the events marked taken in.
        upserts = [statement for statement in statements if statement.startswith("INSERT INTO candidate_profile")]
        assert len(upserts) == 2, "\n---\n".join(statements)
        assert len(statements) <= 6, "\n---\n".join(statements)
        profiles = (
            await db_session.scalars(
                select(CandidateProfile)
                .where(CandidateProfile.client_id.in_(clients))
                .execution_options(populate_existing=True)
            )
        ).all()
        assert len(profiles) == 40
        assert all(p.occupations == ["7212", "8332"] and p.target_groups == ["under_25"] for p in profiles)
