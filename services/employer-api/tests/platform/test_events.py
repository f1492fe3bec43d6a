"""The national platform's vacancy events: kept at once and answered 202, handled afterwards into imported
vacancies (source, national id, removed flag); a redelivery changes nothing; whatever the order of arrival, the
vacancy ends as the platform's last event left it; a malformed or unsigned delivery is a problem and keeps
nothing."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.employer.models import Employer
from employer_api.platform.events import VACANCY_CHANGED, VACANCY_PUBLISHED, VACANCY_REMOVED
from employer_api.platform.service import HANDLERS
from employer_api.vacancy.models import Vacancy
from polku_kit.inbox import InboxEvent, parse
from polku_kit.inbox_worker import StoredEvent
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, TestIssuer
from polku_kit.webhooks import sign

Headers = Callable[..., dict[str, str]]


SECRET = "whsec_" + "cGxhdGZvcm0tc2VjcmV0LWZvci1lbXBsb3llci10ZXN0"
OLD_SECRET = "whsec_" + "b2xkLXBsYXRmb3JtLXNlY3JldC1mb3ItZW1wbG95ZXI="


@pytest.fixture(autouse=True)
def platform_secrets(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app.state.settings, "platform_webhook_secrets", [SecretStr(SECRET), SecretStr(OLD_SECRET)])


def vacancy_event(
    event_type: str = VACANCY_PUBLISHED,
    *,
    national_id: str = "TMT-1",
    at: str = "2026-12-01T10:00:00Z",
    **changes: object,
) -> dict[str, object]:
    data: dict[str, object] = {
        "national_id": national_id,
        "url": f"https://tyomarkkinatori.fi/tyopaikat/{national_id}",
        "employer_business_id": "0112038-9",
        "employer_name": "Lahden Konepaja Oy",
        "title_fi": "Hitsaaja",
        "description": "Mig-hitsausta",
        "occupation_code": "7212",
        "municipality": "398",
        "working_time": "full_time",
        "employment_type": "permanent",
        "application_deadline": "2027-01-31",
        "positions": 2,
        **changes,
    }
    if event_type == VACANCY_REMOVED:
        data = {"national_id": national_id}
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": "https://tyomarkkinatori.fi",
        "type": event_type,
        "subject": f"vacancies/{national_id}",
        "time": at,
        "data": data,
    }


async def deliver(
    client: httpx.AsyncClient, as_: Headers, event: dict[str, object], *, secret: str = SECRET, role: str = "platform"
) -> httpx.Response:
    body = json.dumps(event)
    headers = {**sign(secret, str(event["id"]), body), **as_(role), "content-type": "application/json"}
    return await client.post("/v1/platform/events", content=body, headers=headers)


async def handle(session: AsyncSession, event: dict[str, object]) -> None:
    """What the worker does with a kept event (its own tests, in the kit, prove when and how often)."""
    received = parse(json.dumps(event).encode())
    await HANDLERS[received.type](
        session, StoredEvent(event=received, organisation_id=LAHTI, attempt=1, received_by="platform-test")
    )


async def imported(session: AsyncSession, national_id: str = "TMT-1") -> Vacancy | None:
    return await session.scalar(
        select(Vacancy).where(Vacancy.source_system == "tyomarkkinatori", Vacancy.external_id == national_id)
    )


class TestReceive:
    async def test_an_event_is_kept_and_answered_202_and_a_redelivery_is_a_duplicate(
        self, client: httpx.AsyncClient, as_: Headers, db_session: AsyncSession
    ) -> None:
        event = vacancy_event()
        first = await deliver(client, as_, event)
        assert first.status_code == 202 and first.json() == {"id": event["id"], "duplicate": False}
        again = await deliver(client, as_, event)
        assert again.status_code == 202 and again.json()["duplicate"] is True
        kept = await db_session.get(InboxEvent, str(event["id"]))
        assert kept is not None and (kept.status, kept.organisation_id, kept.subject) == (
            "received",
            LAHTI,
            "vacancies/TMT-1",
        )
        assert await imported(db_session) is None  # handled afterwards, not in the request

    async def test_the_previous_secret_verifies_during_a_rotation(
        self, client: httpx.AsyncClient, as_: Headers
    ) -> None:
        assert (await deliver(client, as_, vacancy_event(), secret=OLD_SECRET)).status_code == 202

    async def test_a_wrong_signature_is_401_and_keeps_nothing(
        self, client: httpx.AsyncClient, as_: Headers, db_session: AsyncSession
    ) -> None:
        event = vacancy_event()
        response = await deliver(client, as_, event, secret="whsec_" + "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZw==")
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        assert await db_session.get(InboxEvent, str(event["id"])) is None

    async def test_malformed_data_is_422_with_field_errors_and_keeps_nothing(
        self, client: httpx.AsyncClient, as_: Headers, db_session: AsyncSession
    ) -> None:
        event = vacancy_event(occupation_code="99999", application_deadline="soon")
        response = await deliver(client, as_, event)
        assert response.status_code == 422
        fields = {error["field"] for error in response.json()["errors"]}
        assert fields == {"body.data.occupation_code", "body.data.application_deadline"}
        assert await db_session.get(InboxEvent, str(event["id"])) is None

    async def test_only_the_platform_role_delivers(self, client: httpx.AsyncClient, as_: Headers) -> None:
        assert (await deliver(client, as_, vacancy_event(), role="employer_services")).status_code == 403


class TestHandle:
    async def test_a_published_vacancy_is_imported_with_its_source_and_employer(self, db_session: AsyncSession) -> None:
        await handle(db_session, vacancy_event())
        vacancy = await imported(db_session)
        assert vacancy is not None
        assert (vacancy.source, vacancy.status, vacancy.removed, vacancy.positions) == (
            "imported",
            "published",
            False,
            2,
        )
        employer = await db_session.get(Employer, vacancy.employer_id)
        assert employer is not None and (employer.business_id, employer.industry_main_class) == ("0112038-9", "X")
        announced = await db_session.scalar(select(OutboxEvent).where(OutboxEvent.subject == f"vacancies/{vacancy.id}"))
        assert announced is not None and announced.type == "fi.polku.vacancy.published.v1"
        assert announced.data["source"] == "imported"

    async def test_a_change_updates_and_a_removal_flags_and_closes(self, db_session: AsyncSession) -> None:
        await handle(db_session, vacancy_event())
        await handle(db_session, vacancy_event(VACANCY_CHANGED, at="2026-12-02T10:00:00Z", positions=5))
        await handle(db_session, vacancy_event(VACANCY_REMOVED, at="2026-12-03T10:00:00Z"))
        vacancy = await imported(db_session)
        assert vacancy is not None and (vacancy.positions, vacancy.removed, vacancy.status) == (5, True, "closed")
        assert vacancy.ended_at == datetime(2026, 12, 3, 10, tzinfo=UTC)
        count = await db_session.scalar(select(func.count()).select_from(Vacancy).where(Vacancy.external_id == "TMT-1"))
        assert count == 1

    async def test_an_older_change_arriving_later_changes_nothing(self, db_session: AsyncSession) -> None:
        await handle(db_session, vacancy_event(VACANCY_CHANGED, at="2026-12-02T10:00:00Z", positions=5))
        await handle(db_session, vacancy_event(VACANCY_PUBLISHED, at="2026-12-01T10:00:00Z", positions=2))
        vacancy = await imported(db_session)
        assert vacancy is not None and vacancy.positions == 5

    async def test_a_removal_before_its_vacancy_leaves_it_removed(self, db_session: AsyncSession) -> None:
        await handle(db_session, vacancy_event(VACANCY_REMOVED, at="2026-12-03T10:00:00Z"))
        assert await imported(db_session) is None
        await handle(db_session, vacancy_event(VACANCY_PUBLISHED, at="2026-12-01T10:00:00Z"))
        vacancy = await imported(db_session)
        assert vacancy is not None and (vacancy.removed, vacancy.status) == (True, "closed")

    async def test_a_vacancy_published_again_after_a_removal_is_open(self, db_session: AsyncSession) -> None:
        await handle(db_session, vacancy_event(VACANCY_REMOVED, at="2026-12-03T10:00:00Z"))
        await handle(db_session, vacancy_event(VACANCY_PUBLISHED, at="2026-12-04T10:00:00Z"))
        vacancy = await imported(db_session)
        assert vacancy is not None and (vacancy.removed, vacancy.status) == (False, "published")


class TestParked:
    async def test_an_administrator_of_the_authority_sees_the_parked_ones(
        self, client: httpx.AsyncClient, as_: Headers, db_session: AsyncSession, test_issuer: TestIssuer
    ) -> None:
        db_session.add(
            InboxEvent(
                id="parked-1", source="x", type=VACANCY_PUBLISHED, organisation_id=LAHTI, status="parked", attempts=5
            )
        )
        await db_session.flush()
        listed = await client.get("/v1/platform/events/parked", headers=as_("admin"))
        assert [item["id"] for item in listed.json()["items"]] == ["parked-1"]
