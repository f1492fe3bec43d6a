"""``fi.polku.client.deadline_met.v1``: a statutory deadline met on time (an interview held, a plan saved on or
before its due day) is announced once, with what metrics counts by and no name; a deadline met late is not (it stays
a missed one for metrics, announced overdue)."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.client.service import today
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, TestIssuer

from .test_overdue_job import Clients

MET = "fi.polku.client.deadline_met.v1"


@pytest.fixture
def clients(client: httpx.AsyncClient, test_issuer: TestIssuer) -> Clients:
    return Clients(client, test_issuer)


async def met(session: AsyncSession) -> list[OutboxEvent]:
    query = select(OutboxEvent).where(OutboxEvent.type == MET).order_by(OutboxEvent.time)
    return list((await session.scalars(query.execution_options(populate_existing=True))).all())


def of_kind(events: list[OutboxEvent], kind: str) -> list[OutboxEvent]:
    return [event for event in events if event.data["kind"] == kind]


class TestDeadlineMet:
    async def test_an_interview_held_in_time_is_announced_once(
        self, clients: Clients, db_session: AsyncSession
    ) -> None:
        client_id = await clients.register(started=today() - timedelta(days=1))
        initial = await clients.deadline(client_id, "initial_interview")
        assert initial["status"] == "due"
        assert of_kind(await met(db_session), "initial_interview") == []

        await clients.interview(client_id, today())
        [event] = of_kind(await met(db_session), "initial_interview")
        assert event.subject == f"clients/{client_id}" and event.audience == [LAHTI]
        assert event.data == {
            "client_id": client_id,
            "kind": "initial_interview",
            "number": 1,
            "due_on": initial["due_on"],
            "met_on": today().isoformat(),
            "rule_set": "reform-2026",
        }
        assert "Matti" not in str(event.data) and "Meikäläinen" not in str(event.data)

        # Another interview refreshes the schedule again: the deadline met stays announced once.
        await clients.interview(client_id, today())
        assert len(of_kind(await met(db_session), "initial_interview")) == 1

    async def test_a_plan_saved_in_time_is_announced(self, clients: Clients, db_session: AsyncSession) -> None:
        client_id = await clients.register(started=today() - timedelta(days=1))  # saves a plan at once
        plan = await clients.deadline(client_id, "employment_plan")
        assert plan["status"] == "met"
        [event] = of_kind(await met(db_session), "employment_plan")
        assert event.data["client_id"] == client_id and event.data["met_on"] == today().isoformat()

    async def test_a_deadline_met_late_is_not_announced_met(self, clients: Clients, db_session: AsyncSession) -> None:
        client_id = await clients.register(started=today() - timedelta(days=30))
        initial = await clients.deadline(client_id, "initial_interview")
        assert date.fromisoformat(str(initial["due_on"])) < today()
        await clients.interview(client_id, today())
        assert (await clients.deadline(client_id, "initial_interview"))["status"] == "met_late"
        assert of_kind(await met(db_session), "initial_interview") == []
