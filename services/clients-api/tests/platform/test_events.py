"""The national platform's job-seeker events: kept at once and answered 202, handled afterwards. A registration
creates the client or links the one a coach registered, by the identity code's keyed hash, and a second one
changes nothing; an end of the job search ends the open period, even when it arrived before the registration;
a published profile clears the 2026 duty; a statement request waits for the coach. A malformed or unsigned
delivery is a problem and keeps nothing."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.models import Client
from clients_api.jobsearch.models import JobSearchPeriod
from clients_api.platform.events import (
    JOB_SEARCH_ENDED,
    JOB_SEARCH_PROFILE_PUBLISHED,
    JOB_SEEKER_REGISTERED,
    STATEMENT_REQUESTED,
)
from clients_api.platform.service import EndBeforeOpenPeriod, PlatformEvents
from clients_api.schedule.models import DutyClearance
from polku_kit.audit import AuditRecord
from polku_kit.calendar import today
from polku_kit.inbox import InboxEvent, parse
from polku_kit.inbox_worker import StoredEvent
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer
from polku_kit.webhooks import sign

from .. import factories

SECRET = "whsec_" + "cGxhdGZvcm0tc2VjcmV0LWZvci1jbGllbnRzLXRlc3Q="
MATTI = factories.MATTI
STARTED = today() - timedelta(days=30)


@pytest.fixture(autouse=True)
def platform_secret(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.state.settings, "platform_webhook_secrets", [SecretStr(SECRET)])


def event(event_type: str, at: str = "2026-12-01T10:00:00Z", **changes: object) -> dict[str, object]:
    data: dict[str, object] = {"personal_identity_code": MATTI}
    if event_type == JOB_SEEKER_REGISTERED:
        data |= {
            "first_names": "Matti",
            "last_name": "Meikäläinen",
            "home_municipality": "398",
            "registered_on": STARTED.isoformat(),
        }
    elif event_type == JOB_SEARCH_ENDED:
        data |= {"ended_on": (STARTED + timedelta(days=20)).isoformat(), "reason": "employed"}
    elif event_type == JOB_SEARCH_PROFILE_PUBLISHED:
        data |= {"published_on": (STARTED + timedelta(days=3)).isoformat()}
    elif event_type == STATEMENT_REQUESTED:
        data |= {"request_id": "LAUSUNTO-1", "requested_on": today().isoformat(), "requester": "Kela"}
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": "https://tyomarkkinatori.fi",
        "type": event_type,
        "subject": "job-seekers/js-1",
        "time": at,
        "data": data | changes,
    }


async def deliver(
    client: httpx.AsyncClient,
    issuer: TestIssuer,
    body: dict[str, object],
    *,
    secret: str = SECRET,
    role: str = "platform",
) -> httpx.Response:
    text = json.dumps(body)
    headers = {
        **sign(secret, str(body["id"]), text),
        **issuer.headers(subject="platform-tmt", roles=[role], org=LAHTI),
        "content-type": "application/json",
    }
    return await client.post("/v1/platform/events", content=text, headers=headers)


async def handle(app: FastAPI, session: AsyncSession, body: dict[str, object]) -> None:
    """What the worker does with a kept event (the kit's tests prove when and how often)."""
    received = parse(json.dumps(body).encode())
    handlers = PlatformEvents(app.state.vault).handlers()
    await handlers[received.type](
        session, StoredEvent(event=received, organisation_id=LAHTI, attempt=1, received_by="platform-tmt")
    )


async def clients_of_matti(app: FastAPI, session: AsyncSession) -> list[Client]:
    hashed = app.state.vault.lookup_hash(MATTI)
    return list((await session.scalars(select(Client).where(Client.identity_code_hash == hashed))).all())


async def periods(session: AsyncSession, client_id: uuid.UUID) -> list[tuple[date, date | None, str | None]]:
    rows = await session.scalars(select(JobSearchPeriod).where(JobSearchPeriod.client_id == client_id))
    return [(row.started_on, row.ended_on, row.end_reason) for row in rows]


class TestReceive:
    async def test_an_event_is_kept_and_answered_202_and_a_redelivery_is_a_duplicate(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        body = event(JOB_SEEKER_REGISTERED)
        answers = [await deliver(client, test_issuer, body) for _ in range(3)]
        assert [(a.status_code, a.json()["duplicate"]) for a in answers] == [(202, False), (202, True), (202, True)]
        kept = await db_session.get(InboxEvent, str(body["id"]))
        assert kept is not None and (kept.status, kept.organisation_id, kept.received_by) == (
            "received",
            LAHTI,
            "platform-tmt",
        )
        assert await clients_of_matti(app, db_session) == []  # handled afterwards, not in the request

    async def test_a_wrong_signature_or_malformed_data_keeps_nothing(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        body = event(JOB_SEEKER_REGISTERED)
        forged = await deliver(
            client, test_issuer, body, secret="whsec_" + "Zm9yZ2VkLXNlY3JldC1mb3JnZWQtc2VjcmV0LWZvcg=="
        )
        assert forged.status_code == 401 and forged.headers["content-type"] == "application/problem+json"
        bad = event(JOB_SEEKER_REGISTERED, personal_identity_code="131052-308A", home_municipality="Lahti")
        invalid = await deliver(client, test_issuer, bad)
        assert invalid.status_code == 422
        assert {e["field"] for e in invalid.json()["errors"]} == {
            "body.data.personal_identity_code",
            "body.data.home_municipality",
        }
        assert await db_session.scalar(select(func.count()).select_from(InboxEvent)) == 0

    async def test_only_the_platform_role_delivers(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await deliver(client, test_issuer, event(JOB_SEEKER_REGISTERED), role="coach")
        assert response.status_code == 403


class TestRegistered:
    async def test_a_registration_creates_the_client_once(self, app: FastAPI, db_session: AsyncSession) -> None:
        await handle(app, db_session, event(JOB_SEEKER_REGISTERED))
        await handle(app, db_session, event(JOB_SEEKER_REGISTERED, at="2026-12-02T10:00:00Z", last_name="Muutettu"))
        [created] = await clients_of_matti(app, db_session)
        assert (created.last_name, created.job_search_started_on, created.coach_subject) == (
            "Meikäläinen",
            STARTED,
            None,
        )
        assert await periods(db_session, created.id) == [(STARTED, None, None)]
        audit = await db_session.scalar(
            select(AuditRecord).where(AuditRecord.resource_type == "client", AuditRecord.data_subject_id == created.id)
        )
        assert audit is not None and (audit.actor_subject, audit.actor_roles) == ("platform-tmt", ["platform"])

    async def test_a_client_a_coach_registered_is_linked_not_doubled(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        client_id = await factories.register(client, factories.coach(test_issuer), started=STARTED)
        await handle(app, db_session, event(JOB_SEEKER_REGISTERED))
        assert [str(c.id) for c in await clients_of_matti(app, db_session)] == [client_id]


class TestSearchEnded:
    async def test_the_open_period_ends(self, app: FastAPI, db_session: AsyncSession) -> None:
        await handle(app, db_session, event(JOB_SEEKER_REGISTERED))
        await handle(app, db_session, event(JOB_SEARCH_ENDED, at="2026-12-02T10:00:00Z"))
        [matti] = await clients_of_matti(app, db_session)
        assert await periods(db_session, matti.id) == [(STARTED, STARTED + timedelta(days=20), "employed")]
        assert matti.status == "employed"

    async def test_an_end_that_arrives_before_its_registration_is_applied_when_it_comes(
        self, app: FastAPI, db_session: AsyncSession
    ) -> None:
        await handle(app, db_session, event(JOB_SEARCH_ENDED, at="2026-12-02T10:00:00Z"))
        assert await clients_of_matti(app, db_session) == []
        await handle(app, db_session, event(JOB_SEEKER_REGISTERED, at="2026-12-01T10:00:00Z"))
        [matti] = await clients_of_matti(app, db_session)
        assert await periods(db_session, matti.id) == [(STARTED, STARTED + timedelta(days=20), "employed")]

    async def test_an_older_end_does_not_end_a_later_registration(self, app: FastAPI, db_session: AsyncSession) -> None:
        await handle(app, db_session, event(JOB_SEARCH_ENDED, at="2026-12-01T10:00:00Z"))
        await handle(app, db_session, event(JOB_SEEKER_REGISTERED, at="2026-12-02T10:00:00Z"))
        [matti] = await clients_of_matti(app, db_session)
        assert await periods(db_session, matti.id) == [(STARTED, None, None)]

    async def test_an_end_dated_before_the_open_period_started_waits_for_a_person(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        """A period may not end before it starts (the coach's own end is refused so too): the event fails, to
        be parked with a reason an administrator can act on, and changes nothing; once the open period is ended
        in Polku, the replay takes the platform's word without ending anything more."""
        coach = factories.coach(test_issuer)
        client_id = await factories.register(client, coach, started=today())
        ended = event(JOB_SEARCH_ENDED, ended_on=(today() - timedelta(days=1)).isoformat())
        with pytest.raises(
            EndBeforeOpenPeriod, match=f"before the open job-search period in Polku started on {today()}"
        ):
            async with db_session.begin_nested():  # the worker's savepoint
                await handle(app, db_session, ended)
        [matti] = await clients_of_matti(app, db_session)
        matti_id = matti.id
        assert await periods(db_session, matti_id) == [(today(), None, None)]
        [period] = (await client.get(f"/v1/clients/{client_id}/job-search-periods", headers=coach)).json()
        closed = await client.post(
            f"/v1/clients/{client_id}/job-search-periods/{period['id']}/end",
            headers=coach | {"If-Match": f'"period-v{period["version"]}"'},
            json={"ended_on": today().isoformat(), "reason": "employed"},
        )
        assert closed.status_code == 200, closed.text
        await handle(app, db_session, ended)
        db_session.expire_all()
        assert await periods(db_session, matti_id) == [(today(), today(), "employed")]

    async def test_an_end_reason_not_yet_in_force_is_refused(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        """380/2023, 28 § 1 mom. 4 k. (missing an interview ends the job search) applies from 1.3.2026."""
        body = event(JOB_SEARCH_ENDED, ended_on="2026-02-27", reason="missed_interview")
        response = await deliver(client, test_issuer, body)
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "body.data"


class TestProfileAndStatement:
    async def test_a_published_profile_clears_the_duty_even_when_it_came_first(
        self, app: FastAPI, db_session: AsyncSession
    ) -> None:
        await handle(app, db_session, event(JOB_SEARCH_PROFILE_PUBLISHED))
        await handle(app, db_session, event(JOB_SEEKER_REGISTERED))
        [matti] = await clients_of_matti(app, db_session)
        cleared = await db_session.scalar(select(DutyClearance).where(DutyClearance.client_id == matti.id))
        assert cleared is not None and (cleared.kind, cleared.key) == ("job_search_profile", STARTED.isoformat())

    async def test_a_statement_request_waits_for_the_coach_who_reaches_the_client(
        self, app: FastAPI, client: httpx.AsyncClient, test_issuer: TestIssuer, db_session: AsyncSession
    ) -> None:
        client_id = await factories.register(client, factories.coach(test_issuer), started=STARTED)
        await handle(app, db_session, event(STATEMENT_REQUESTED))
        await handle(app, db_session, event(STATEMENT_REQUESTED))  # the same request again: one task
        listed = await client.get("/v1/platform/statement-requests", headers=factories.coach(test_issuer))
        assert listed.status_code == 200
        assert [(r["client_id"], r["request_id"], r["requester"]) for r in listed.json()] == [
            (client_id, "LAUSUNTO-1", "Kela")
        ]
        other_coach = factories.coach(test_issuer, subject="coach-outsider")
        await db_session.execute(
            Client.__table__.update().where(Client.id == uuid.UUID(client_id)).values(coach_subject=factories.AINO)
        )
        assert (await client.get("/v1/platform/statement-requests", headers=other_coach)).json() == []
        elsewhere = factories.coach(test_issuer, org=MIKKELI)
        assert (await client.get("/v1/platform/statement-requests", headers=elsewhere)).json() == []
        audit = await db_session.scalar(
            select(func.count())
            .select_from(AuditRecord)
            .where(AuditRecord.resource_type == "platform_statement_request", AuditRecord.action == "read")
        )
        assert audit == 1
