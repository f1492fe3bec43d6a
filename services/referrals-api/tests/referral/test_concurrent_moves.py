"""Two moves of one referral at the same moment, on the service's own pool and a database of their own (nothing
rolled back around them, as in production): each reads the referral and judges its move, both reach the database
while a third transaction holds the referral's row, and when it lets go one move wins; the other writes nothing and
answers the 409 naming the status the winner left (decision 72). The referral has then one history row, one audit
record of a change and one event more, the winner's."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, text

from polku_kit.audit import AuditRecord
from polku_kit.migrations import upgrade
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import (
    LAHTI,
    WELLBEING_COUNTY,
    ServiceSpec,
    TestIssuer,
    build_test_app,
    make_test_settings,
    throwaway_database,
)
from referrals_api import SERVICE_DIR
from referrals_api.referral import repository
from referrals_api.referral.models import Referral, ReferralTransition
from referrals_api.seed import SERVICES, seed_organisations, seed_services

ACCEPTED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
async def own_app(
    postgres_server_url: str, service_spec: ServiceSpec, test_issuer: TestIssuer
) -> AsyncIterator[FastAPI]:
    async with throwaway_database(postgres_server_url, "test_concurrent_moves") as url:
        await asyncio.to_thread(upgrade, SERVICE_DIR, url)
        app = build_test_app(service_spec, make_test_settings(service_spec, url, test_issuer), test_issuer)
        try:
            yield app
        finally:
            await app.state.database.dispose()


async def accepted_referral(app: FastAPI) -> uuid.UUID:
    referral_id = uuid.uuid4()
    async with app.state.database.sessionmaker() as session, session.begin():
        await seed_organisations(session)
        await seed_services(session)
        await session.flush()
        session.add(
            Referral(
                id=referral_id,
                client_id=uuid.uuid4(),
                service_id=SERVICES[0]["id"],
                partner_organisation_id=WELLBEING_COUNTY,
                sender_organisation_id=LAHTI,
                sender_subject="coach-aino",
                status="accepted",
                categories=["assessment"],
                reason="Työkyvyn arviointi",
                consent_id=uuid.uuid4(),
                sent_at=ACCEPTED - timedelta(days=1),
                due_on=ACCEPTED.date() + timedelta(days=7),
                first_response_at=ACCEPTED,
                accepted_at=ACCEPTED,
            )
        )
    return referral_id


async def waiting_on_a_lock(app: FastAPI, count: int) -> None:
    """Until ``count`` connections of the database wait on a lock (the two moves on the held row)."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    async with app.state.database.engine.connect() as connection:
        for _ in range(500):
            if (await connection.execute(query)).scalar_one() >= count:
                return
            await asyncio.sleep(0.01)
    raise AssertionError(f"{count} moves never waited on the referral's row")


async def test_one_of_two_moves_at_once_wins_and_the_other_is_the_409_of_its_status(
    own_app: FastAPI, test_issuer: TestIssuer, monkeypatch: pytest.MonkeyPatch
) -> None:
    referral_id = await accepted_referral(own_app)
    # What each move's statement found: the referral moved, or no longer in the status its move was judged from.
    found: list[bool] = []
    move_from = repository.move_from

    async def counted(*args: Any, **kwargs: Any) -> Any:
        moved = await move_from(*args, **kwargs)
        found.append(moved is not None)
        return moved

    monkeypatch.setattr(repository, "move_from", counted)
    url = f"/v1/referrals/{referral_id}/transitions"
    partner = test_issuer.headers(subject="leena", roles=["partner"], org=WELLBEING_COUNTY)
    coach = test_issuer.headers(subject="coach-aino", roles=["coach"], org=LAHTI)
    transport = httpx.ASGITransport(app=own_app, raise_app_exceptions=False)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://service.test") as client,
        own_app.state.database.engine.connect() as holding,
    ):
        await holding.begin()
        await holding.execute(text("SELECT id FROM referral WHERE id = :id FOR UPDATE"), {"id": referral_id})
        moves = [
            asyncio.create_task(
                client.post(url, json={"status": "completed", "outcome": "started_work"}, headers=partner)
            ),
            asyncio.create_task(
                client.post(url, json={"status": "cancelled", "reason": "Asiakas muutti"}, headers=coach)
            ),
        ]
        try:
            await waiting_on_a_lock(own_app, 2)
        finally:
            await holding.commit()
        answers = await asyncio.gather(*moves)

    assert sorted(answer.status_code for answer in answers) == [200, 409], [answer.text for answer in answers]
    assert sorted(found) == [False, True]  # both statements ran; the second found the referral moved
    won = next(answer.json() for answer in answers if answer.status_code == 200)
    lost = next(answer.json() for answer in answers if answer.status_code == 409)
    assert won["status"] in ("completed", "cancelled")
    assert (lost["current"], lost["allowed"]) == (won["status"], [])
    async with own_app.state.database.sessionmaker() as session:
        moves_written = (
            await session.execute(
                select(ReferralTransition.from_status, ReferralTransition.to_status).where(
                    ReferralTransition.referral_id == referral_id
                )
            )
        ).all()
        assert [tuple(row) for row in moves_written] == [("accepted", won["status"])]
        records = await session.scalar(
            select(func.count()).where(AuditRecord.resource_id == str(referral_id), AuditRecord.action == "update")
        )
        assert records == 1
        events = (
            await session.scalars(select(OutboxEvent.type).where(OutboxEvent.subject == f"referrals/{referral_id}"))
        ).all()
        assert events == [f"fi.polku.referral.{won['status']}.v1"]
        assert (await session.get(Referral, referral_id)).status == won["status"]  # type: ignore[union-attr]
