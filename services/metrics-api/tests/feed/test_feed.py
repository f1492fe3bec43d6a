"""The read model is fed only by the sources' signed events, once each, in any order, and a rebuild from the
ledger gives the same facts as the live feed."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_api.feed.models import ClientStatus, FeedEvent, Offer, Referral, ServiceEpisode, Support
from metrics_api.feed.repository import FACT_TABLES
from metrics_api.feed.service import rebuild
from polku_kit.testing import WELLBEING_COUNTY, sql_statements

from ..factories import (
    assigned,
    at,
    deliver,
    deliver_all,
    episode,
    event,
    overdue,
    period,
    placement,
    plan_created,
    referral,
    registered,
    status_changed,
    subsidy,
    support_decision,
    waived,
)


async def facts(session: AsyncSession) -> dict[str, list[tuple[Any, ...]]]:
    """Every fact table's rows, sorted: what the figures are computed from."""
    dump = {}
    for model in FACT_TABLES:
        rows = (await session.execute(text(f"SELECT * FROM {model.__tablename__}"))).all()  # noqa: S608
        dump[model.__tablename__] = sorted(tuple(str(value) for value in row) for row in rows)
    return dump


def some_history() -> list[dict[str, Any]]:
    anna, ben = uuid.uuid4(), uuid.uuid4()
    ref, service = uuid.uuid4(), uuid.uuid4()
    jobsearch, trial, offer, support = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    return [
        period(ben, period_id=jobsearch, started=date(2025, 3, 3), ended=date(2025, 8, 1), reason="employed"),
        episode("started", anna, episode_id=trial, type="work_trial", starts=date(2025, 6, 2)),
        placement("fi.polku.job_offer.sent.v1", "job_offer_id", offer, ben, on=date(2025, 5, 5)),
        subsidy(
            "decided",
            support,
            anna,
            starts=date(2025, 6, 2),
            ends=date(2025, 11, 30),
            euros="6000.00",
            on=date(2025, 5, 30),
        ),
        support_decision(
            "decided",
            uuid.uuid4(),
            kind="association_grant",
            months=[("2025-09", "2400.00")],
            on=date(2025, 8, 20),
        ),
        registered(anna, started=date(2025, 1, 7), coach="coach-1"),
        registered(ben, started=date(2025, 3, 3), municipality="091", born=date(2003, 2, 1)),
        assigned(ben, on=date(2025, 3, 4), coach="coach-2"),
        plan_created(anna, on=date(2025, 1, 14), version=1, review=date(2025, 4, 14)),
        overdue(ben, kind="initial_interview", number=1, due=date(2025, 3, 10), rule_set="2022-05-02"),
        waived(anna, kind="supplementary_interview", number=2, due=date(2025, 2, 11), on=date(2025, 2, 5)),
        status_changed(anna, on=date(2025, 6, 2), to="in_activating_service"),
        status_changed(anna, on=date(2025, 9, 1), to="employed", previous="in_activating_service"),
        referral(
            "sent",
            referral_id=ref,
            client_id=anna,
            moment=at(date(2025, 4, 1)),
            partner=WELLBEING_COUNTY,
            service_id=service,
        ),
        referral(
            "accepted",
            referral_id=ref,
            client_id=anna,
            moment=at(date(2025, 4, 3)),
            partner=WELLBEING_COUNTY,
            service_id=service,
        ),
        referral(
            "completed",
            referral_id=ref,
            client_id=anna,
            moment=at(date(2025, 8, 29)),
            partner=WELLBEING_COUNTY,
            service_id=service,
        ),
    ]


class TestReceiveEvent:
    async def test_an_event_becomes_a_fact_and_stays_in_the_ledger(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        anna = uuid.uuid4()
        envelope = status_changed(anna, on=date(2025, 6, 2), to="employed")
        response = await deliver(client, envelope)
        assert response.status_code == 202, response.text
        assert response.json() == {"handled": True}
        assert await db_session.get(FeedEvent, envelope["id"]) is not None
        row = await db_session.get(ClientStatus, envelope["id"])
        assert row is not None and (row.changed_on, row.status) == (date(2025, 6, 2), "employed")

    async def test_a_redelivery_is_not_applied_twice(self, client: httpx.AsyncClient) -> None:
        envelope = status_changed(uuid.uuid4(), on=date(2025, 6, 2), to="employed")
        assert (await deliver(client, envelope)).json() == {"handled": True}
        assert (await deliver(client, envelope)).json() == {"handled": False}

    async def test_an_unknown_type_is_kept_and_acknowledged(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        envelope = event("/polku/clients-api", "fi.polku.client.something_new.v1", {"x": 1}, datetime.now(UTC))
        response = await deliver(client, envelope)
        assert response.status_code == 202 and response.json() == {"handled": False}
        assert await db_session.get(FeedEvent, envelope["id"]) is not None

    async def test_an_unsigned_event_is_refused(self, client: httpx.AsyncClient, db_session: AsyncSession) -> None:
        envelope = status_changed(uuid.uuid4(), on=date(2025, 6, 2), to="employed")
        response = await deliver(client, envelope, secret="whsec_" + "bm90LXRoZS1yaWdodC1zZWNyZXQtYXQtYWxs")
        assert response.status_code == 401
        assert response.headers["content-type"].startswith("application/problem+json")
        assert await db_session.get(FeedEvent, envelope["id"]) is None

    async def test_a_referral_folds_the_same_in_any_order(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        ref, anna, service = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        kwargs: dict[str, Any] = {
            "referral_id": ref,
            "client_id": anna,
            "partner": WELLBEING_COUNTY,
            "service_id": service,
        }
        await deliver_all(
            client,
            [
                referral("completed", moment=at(date(2025, 5, 20)), **kwargs),
                referral("accepted", moment=at(date(2025, 4, 3)), **kwargs),
                referral("sent", moment=at(date(2025, 4, 1)), **kwargs),
                referral("received", moment=at(date(2025, 4, 2)), **kwargs),
            ],
        )
        row = await db_session.scalar(select(Referral).where(Referral.referral_id == ref))
        assert row is not None
        assert (row.sent_at, row.first_response_at, row.accepted_at, row.closed_at, row.closed_status) == (
            at(date(2025, 4, 1)),
            at(date(2025, 4, 2)),
            at(date(2025, 4, 3)),
            at(date(2025, 5, 20)),
            "completed",
        )


class TestEmployerEvents:
    async def test_offers_and_introductions_fold_in_any_order(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        anna, offer, intro = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        await deliver_all(
            client,
            [
                placement(
                    "fi.polku.job_offer.outcome.v1", "job_offer_id", offer, anna, on=date(2025, 5, 12), outcome="hired"
                ),
                placement("fi.polku.job_offer.sent.v1", "job_offer_id", offer, anna, on=date(2025, 5, 5)),
                placement("fi.polku.introduction.made.v1", "introduction_id", intro, anna, on=date(2025, 6, 2)),
            ],
        )
        made = await db_session.get(Offer, offer)
        assert made is not None
        assert (made.kind, made.made_on, made.outcome, made.outcome_on, made.employer_sector) == (
            "job_offer",
            date(2025, 5, 5),
            "hired",
            date(2025, 5, 12),
            "I",
        )
        introduced = await db_session.get(Offer, intro)
        assert introduced is not None and (introduced.kind, introduced.outcome) == ("introduction", None)

    async def test_a_support_has_its_euros_and_its_end(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        anna, support = uuid.uuid4(), uuid.uuid4()
        common: dict[str, Any] = {"starts": date(2025, 6, 2), "ends": date(2025, 11, 30), "euros": "6000.00"}
        await deliver_all(
            client,
            [
                subsidy("decided", support, anna, **common, on=date(2025, 5, 30)),
                subsidy("ended", support, anna, **common, on=date(2025, 8, 15)),
            ],
        )
        row = await db_session.get(Support, support)
        assert row is not None
        assert (row.support_type, row.employer_sector, row.starts_on, row.ends_on, str(row.euros)) == (
            "pay_subsidy",
            "Q",
            date(2025, 6, 2),
            date(2025, 8, 15),
            "6000.00",
        )

    async def test_a_late_start_does_not_undo_an_episode_s_end(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        anna, trial = uuid.uuid4(), uuid.uuid4()
        common: dict[str, Any] = {"episode_id": trial, "type": "work_trial", "starts": date(2025, 6, 2)}
        await deliver_all(
            client,
            [
                episode("ended", anna, **common, ends=date(2025, 7, 31), on=date(2025, 7, 31)),
                episode("started", anna, **common),
            ],
        )
        row = await db_session.get(ServiceEpisode, trial)
        assert row is not None and (row.service_type, row.ended_on) == ("work_trial", date(2025, 7, 31))


class TestRebuild:
    async def test_a_rebuild_gives_the_live_feed_s_facts(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        await deliver_all(client, some_history())
        live = await facts(db_session)
        assert live["client_profile"] and live["referral"] and live["deadline_outcome"]
        assert live["job_search_period"] and live["service_episode"] and live["offer"] and live["support"]
        assert live["support_commitment"]  # a grant to an association names no client: its euros count all the same
        seen: list[tuple[int, int]] = []
        applied = await rebuild(db_session, page=4, progress=lambda done, total: seen.append((done, total)))
        assert applied == 16
        assert seen == [(4, 16), (8, 16), (12, 16), (16, 16)]
        assert await facts(db_session) == live

    async def test_a_rebuild_takes_in_what_a_newer_consumer_reads(
        self, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        """Facts lost (or never made) are made again from the ledger."""
        await deliver_all(client, some_history())
        live = await facts(db_session)
        await db_session.execute(text("DELETE FROM client_status"))
        await rebuild(db_session)
        assert await facts(db_session) == live

    async def test_a_rebuild_writes_a_page_s_plain_facts_a_table_at_a_time(
        self, app: FastAPI, client: httpx.AsyncClient, db_session: AsyncSession
    ) -> None:
        """Registrations and status changes of many clients: one insert per fact table and page, not one per event
        (the same facts as the live feed)."""
        people = [uuid.uuid4() for _ in range(6)]
        await deliver_all(
            client,
            [registered(person, started=date(2025, 1, 7), coach="coach-1") for person in people]
            + [status_changed(person, on=date(2025, 6, 2), to="in_activating_service") for person in people],
        )
        live = await facts(db_session)
        with sql_statements(app) as statements:
            assert await rebuild(db_session, page=100) == 12
        inserts = [s.split()[2] for s in statements if s.startswith("INSERT INTO client_")]
        assert sorted(inserts) == ["client_coach", "client_municipality", "client_profile", "client_status"]
        assert await facts(db_session) == live
