"""A move through the lifecycle table is written on rows in one statement with its history's row (decision 53):
what it sets, what it answers, and that a refused move writes nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.audit import AuditRecord
from polku_kit.calendar import HELSINKI
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import KELA, LAHTI, WELLBEING_COUNTY, sql_statements
from referrals_api.directory.models import Service
from referrals_api.referral import repository
from referrals_api.referral.models import Referral, ReferralTransition
from referrals_api.seed import SERVICES, seed_services
from referrals_api.testing import Headers

ASSESSMENT = SERVICES[0]["id"]
SENT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


async def requested(db_session: AsyncSession) -> Referral:
    await seed_services(db_session)
    referral = Referral(
        id=uuid.uuid4(),
        client_id=uuid.uuid4(),
        service_id=ASSESSMENT,
        partner_organisation_id=WELLBEING_COUNTY,
        sender_organisation_id=LAHTI,
        sender_subject="coach-aino",
        status="requested",
        categories=["assessment"],
        reason="Työkyvyn arviointi",
        consent_id=uuid.uuid4(),
        sent_at=SENT,
        due_on=SENT.date() + timedelta(days=7),
        created_at=SENT,
        updated_at=SENT,
    )
    db_session.add(referral)
    await db_session.flush()
    return referral


async def history(db_session: AsyncSession, referral_id: uuid.UUID) -> list[tuple[str | None, str, str, str | None]]:
    rows = await db_session.execute(
        select(
            ReferralTransition.from_status,
            ReferralTransition.to_status,
            ReferralTransition.actor_subject,
            ReferralTransition.note,
        )
        .where(ReferralTransition.referral_id == referral_id)
        .order_by(ReferralTransition.occurred_at)
    )
    return [(row[0], row[1], row[2], row[3]) for row in rows]


class TestMove:
    async def test_each_move_sets_its_moments_and_answers_the_referral_as_moved(
        self, client: httpx.AsyncClient, as_: Headers, db_session: AsyncSession, network: None
    ) -> None:
        referral = await requested(db_session)
        partner = as_("partner", org=WELLBEING_COUNTY, subject="leena")
        url = f"/v1/referrals/{referral.id}/transitions"

        received = await client.post(url, json={"status": "received", "note": "Luettu"}, headers=partner)
        assert received.status_code == 200, received.text
        body = received.json()
        assert body["status"] == "received" and body["allowed_transitions"] == ["accepted", "rejected"]
        answered = datetime.fromisoformat(body["first_response_at"])
        assert answered > SENT and datetime.fromisoformat(body["updated_at"]) > SENT
        assert body["accepted_at"] is None and body["closed_at"] is None
        assert body == (await client.get(f"/v1/referrals/{referral.id}", headers=partner)).json()

        accepted = (await client.post(url, json={"status": "accepted"}, headers=partner)).json()
        assert accepted["first_response_at"] == body["first_response_at"]  # the first answer stays the first
        assert accepted["accepted_at"] is not None and accepted["closed_at"] is None

        completed = await client.post(url, json={"status": "completed", "outcome": "started_work"}, headers=partner)
        assert completed.status_code == 200, completed.text
        done = completed.json()
        assert done["outcome"] == "started_work" and done["closed_at"] is not None
        assert done["accepted_at"] == accepted["accepted_at"] and done["allowed_transitions"] == []

        assert await history(db_session, referral.id) == [
            ("requested", "received", "leena", "Luettu"),
            ("received", "accepted", "leena", None),
            ("accepted", "completed", "leena", None),
        ]
        events = (
            await db_session.scalars(
                select(OutboxEvent.type)
                .where(OutboxEvent.subject == f"referrals/{referral.id}")
                .order_by(OutboxEvent.sequence)
            )
        ).all()
        assert events == [f"fi.polku.referral.{verb}.v1" for verb in ("received", "accepted", "completed")]
        audited = (
            await db_session.execute(
                select(AuditRecord.action, AuditRecord.data_subject_id, AuditRecord.details)
                .where(AuditRecord.resource_id == str(referral.id), AuditRecord.action == "update")
                .order_by(AuditRecord.occurred_at)
            )
        ).all()
        assert [(row[0], row[1], row[2]["status"]) for row in audited] == [
            ("update", referral.client_id, status) for status in ("received", "accepted", "completed")
        ]

    async def test_a_rejection_keeps_its_reason_and_closes_the_referral(
        self, client: httpx.AsyncClient, as_: Headers, db_session: AsyncSession, network: None
    ) -> None:
        referral = await requested(db_session)
        rejected = await client.post(
            f"/v1/referrals/{referral.id}/transitions",
            json={"status": "rejected", "reason": "Ei vapaita paikkoja"},
            headers=as_("partner", org=WELLBEING_COUNTY),
        )
        assert rejected.status_code == 200, rejected.text
        body = rejected.json()
        assert body["rejection_reason"] == "Ei vapaita paikkoja"
        assert body["closed_at"] is not None and body["first_response_at"] is not None

    async def test_a_refused_move_writes_nothing(
        self, client: httpx.AsyncClient, as_: Headers, db_session: AsyncSession, network: None
    ) -> None:
        referral = await requested(db_session)
        url = f"/v1/referrals/{referral.id}/transitions"
        illegal = await client.post(url, json={"status": "in_progress"}, headers=as_("partner", org=WELLBEING_COUNTY))
        assert illegal.status_code == 409, illegal.text
        assert illegal.json()["allowed"] == ["received", "accepted", "rejected"]
        # The sender may only cancel; a stranger's move is the same 404 as a missing referral's.
        assert (await client.post(url, json={"status": "accepted"}, headers=as_("coach"))).status_code == 409
        assert (
            await client.post(url, json={"status": "accepted"}, headers=as_("partner", org=KELA))
        ).status_code == 404
        missing = f"/v1/referrals/{uuid.uuid4()}/transitions"
        assert (
            await client.post(missing, json={"status": "accepted"}, headers=as_("partner", org=WELLBEING_COUNTY))
        ).status_code == 404
        assert await history(db_session, referral.id) == []
        unchanged = await db_session.execute(
            select(Referral.status, Referral.updated_at).where(Referral.id == referral.id)
        )
        assert tuple(unchanged.one()) == ("requested", SENT)


async def accepted(db_session: AsyncSession, *, at: datetime) -> Referral:
    referral = await requested(db_session)
    referral.status, referral.first_response_at, referral.accepted_at = "accepted", at, at
    await db_session.flush()
    return referral


async def written(db_session: AsyncSession, referral_id: uuid.UUID) -> tuple[int, int, int]:
    """The referral's history rows, audit records of changes and events."""
    return (
        len(await history(db_session, referral_id)),
        len(
            (
                await db_session.scalars(
                    select(AuditRecord.id).where(
                        AuditRecord.resource_id == str(referral_id), AuditRecord.action == "update"
                    )
                )
            ).all()
        ),
        len(
            (
                await db_session.scalars(
                    select(OutboxEvent.id).where(OutboxEvent.subject == f"referrals/{referral_id}")
                )
            ).all()
        ),
    )


# The two ways a transition takes: two statements without a transaction around them, or the request's transaction (a
# request with an Idempotency-Key, as a move that met another takes it), the referral locked (decision 72).
WAYS = pytest.mark.parametrize("idempotent", [False, True], ids=["two_statements", "locked"])


def way(headers: dict[str, str], idempotent: bool) -> dict[str, str]:
    return {**headers, "Idempotency-Key": f"move-{uuid.uuid4()}"} if idempotent else headers


def announced_by_the_move(statements: list[str]) -> None:
    """The move's event is written by its one statement, with the referral's update and the audit record: no other
    statement of the request writes an event."""
    announcing = [statement for statement in statements if "INSERT INTO outbox_event" in statement]
    assert len(announcing) == 1, "\n---\n".join(statements)
    assert "UPDATE referral" in announcing[0] and "INSERT INTO audit_record" in announcing[0], announcing[0]


async def the_event(db_session: AsyncSession, referral_id: uuid.UUID, verb: str) -> OutboxEvent:
    """The referral's one event, after its envelope is checked: the type of ``verb``, referrals-api its source, both
    organisations its audience and the partner's user (leena) its actor."""
    event = await db_session.scalar(select(OutboxEvent).where(OutboxEvent.subject == f"referrals/{referral_id}"))
    assert event is not None
    assert (event.type, event.source, sorted(event.audience or [])) == (
        f"fi.polku.referral.{verb}.v1",
        "/polku/referrals-api",
        sorted([LAHTI, WELLBEING_COUNTY]),
    )
    assert event.actor is not None and event.actor["subject"] == "leena"
    return event


class TestTheEvent:
    @WAYS
    async def test_a_completion_carries_the_activating_service_episode_by_the_helsinki_days(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        as_: Headers,
        db_session: AsyncSession,
        network: None,
        idempotent: bool,
    ) -> None:
        """Either way of a move, the completion's event is the one its statement writes: the referral's ids, its
        status and outcome, and the episode (docs/contract.md, decision 27) from the Helsinki day of the acceptance
        (22:30 UTC on 2 November is 00:30 on the 3rd in Helsinki) to that of the completion."""
        await seed_services(db_session)
        await db_session.execute(
            update(Service).where(Service.id == ASSESSMENT).values(activating_service_type="coaching")
        )
        partner = as_("partner", org=WELLBEING_COUNTY, subject="leena")
        referral = await accepted(db_session, at=datetime(2026, 11, 2, 22, 30, tzinfo=UTC))
        with sql_statements(app) as statements:
            response = await client.post(
                f"/v1/referrals/{referral.id}/transitions",
                json={"status": "completed", "outcome": "started_work"},
                headers=way(partner, idempotent),
            )
        assert response.status_code == 200, response.text
        announced_by_the_move(statements)
        closed = datetime.fromisoformat(response.json()["closed_at"])
        event = await the_event(db_session, referral.id, "completed")
        assert event.data == {
            "referral_id": str(referral.id),
            "client_id": str(referral.client_id),
            "service_id": str(ASSESSMENT),
            "status": "completed",
            "sender_organisation_id": str(LAHTI),
            "partner_organisation_id": str(WELLBEING_COUNTY),
            "outcome": "started_work",
            "activating_service_type": "coaching",
            "started_on": "2026-11-03",
            "completed_on": closed.astimezone(HELSINKI).date().isoformat(),
        }

    @WAYS
    async def test_a_move_that_is_news_announces_the_referral_as_moved_and_one_that_is_not_nothing(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        as_: Headers,
        db_session: AsyncSession,
        network: None,
        idempotent: bool,
    ) -> None:
        """Either way of a move, an acceptance's event is written by its statement: the type of the status reached,
        the referral's subject, both organisations its audience, the mover its actor, and as data the referral's
        ids and its new status, nothing more (no outcome, no episode). Starting the accepted referral is no news to
        the organisations: no event."""
        referral = await requested(db_session)
        partner = as_("partner", org=WELLBEING_COUNTY, subject="leena")
        url = f"/v1/referrals/{referral.id}/transitions"
        with sql_statements(app) as statements:
            response = await client.post(url, json={"status": "accepted"}, headers=way(partner, idempotent))
        assert response.status_code == 200, response.text
        announced_by_the_move(statements)
        event = await the_event(db_session, referral.id, "accepted")
        assert event.data == {
            "referral_id": str(referral.id),
            "client_id": str(referral.client_id),
            "service_id": str(ASSESSMENT),
            "status": "accepted",
            "sender_organisation_id": str(LAHTI),
            "partner_organisation_id": str(WELLBEING_COUNTY),
        }

        with sql_statements(app) as statements:
            started = await client.post(url, json={"status": "in_progress"}, headers=way(partner, idempotent))
        assert started.status_code == 200, started.text
        assert not any("INSERT INTO outbox_event" in statement for statement in statements), statements
        assert await written(db_session, referral.id) == (2, 2, 1)

    async def test_a_completion_at_another_service_carries_no_episode(
        self, client: httpx.AsyncClient, as_: Headers, db_session: AsyncSession, network: None
    ) -> None:
        referral = await accepted(db_session, at=SENT)
        response = await client.post(
            f"/v1/referrals/{referral.id}/transitions",
            json={"status": "completed", "outcome": "rehabilitation"},
            headers=as_("partner", org=WELLBEING_COUNTY),
        )
        assert response.status_code == 200, response.text
        event = await db_session.scalar(select(OutboxEvent).where(OutboxEvent.subject == f"referrals/{referral.id}"))
        assert event is not None and event.data["outcome"] == "rehabilitation"
        assert set(event.data) == {
            "referral_id",
            "client_id",
            "service_id",
            "status",
            "sender_organisation_id",
            "partner_organisation_id",
            "outcome",
        }


class TestAMoveThatMetAnother:
    """The referral moved by someone else between the read and the move's statement: the statement writes nothing,
    and the move is judged again under the referral's lock, as a move that waited for another's lock always was."""

    @staticmethod
    def moved_meanwhile(monkeypatch: pytest.MonkeyPatch, db_session: AsyncSession, status: str) -> None:
        read = repository.read_shown

        async def read_then_moved(*args: object, **kwargs: object) -> object:
            found = await read(*args, **kwargs)  # type: ignore[arg-type]
            await db_session.execute(update(Referral).where(Referral.id == found.id).values(status=status))  # type: ignore[union-attr]
            return found

        monkeypatch.setattr(repository, "read_shown", read_then_moved)

    async def test_a_move_no_longer_open_is_the_409_of_the_status_found(
        self,
        client: httpx.AsyncClient,
        as_: Headers,
        db_session: AsyncSession,
        network: None,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        referral = await requested(db_session)
        self.moved_meanwhile(monkeypatch, db_session, "cancelled")
        response = await client.post(
            f"/v1/referrals/{referral.id}/transitions",
            json={"status": "accepted"},
            headers=as_("partner", org=WELLBEING_COUNTY),
        )
        assert response.status_code == 409, response.text
        assert (response.json()["current"], response.json()["allowed"]) == ("cancelled", [])
        assert await written(db_session, referral.id) == (0, 0, 0)

    async def test_a_move_still_open_is_made_from_the_status_found(
        self,
        client: httpx.AsyncClient,
        as_: Headers,
        db_session: AsyncSession,
        network: None,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        referral = await accepted(db_session, at=SENT)
        self.moved_meanwhile(monkeypatch, db_session, "in_progress")
        response = await client.post(
            f"/v1/referrals/{referral.id}/transitions",
            json={"status": "cancelled", "reason": "Asiakas muutti"},
            headers=as_("partner", org=WELLBEING_COUNTY, subject="leena"),
        )
        assert response.status_code == 200, response.text
        assert response.json()["status"] == "cancelled"
        assert await history(db_session, referral.id) == [("in_progress", "cancelled", "leena", None)]
        assert await written(db_session, referral.id) == (1, 1, 1)
