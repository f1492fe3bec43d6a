"""Reconciliation of job seekers with the national platform (through the simulator's query endpoint): a job
seeker the platform knows and clients-api missed is registered here, a job search ended there is ended here, a
client the platform does not know is reported (registration is the person's own act there), a second run repairs
nothing more; the report is for the organisation's administrators only."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from clients_api.client.models import Client, ClientStatus
from clients_api.jobsearch.models import JobSearchPeriod
from clients_api.reconciliation.platform import PlatformUnavailable, job_seekers
from clients_api.reconciliation.service import reconcile
from polku_kit.audit import AuditRecord
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI, MIKKELI, TestIssuer

from .. import factories
from .support import PlatformControl, running_simulator

LIISA = "010190-2347"  # registered here and there; her job search ends there
KALLE = "150585-456B"  # registered only there (the delivery was missed)
PEKKA = "220372-6782"  # registered only here


@pytest.fixture(scope="session")
def simulator() -> Iterator[PlatformControl]:
    with running_simulator() as control:
        yield control


@pytest.fixture
def platform(simulator: PlatformControl) -> Iterator[PlatformControl]:
    simulator.reset()
    yield simulator
    simulator.reset()


@pytest.fixture
def sessions(app: FastAPI, db_connection: AsyncConnection) -> Callable[[], AsyncSession]:
    return lambda: app.state.database.sessionmaker()


async def run(app: FastAPI, platform: PlatformControl, sessions) -> object:
    seekers = await job_seekers(base_url=platform.url, api_key=platform.api_key, backoff_seconds=0)
    return await reconcile(sessions, app.state.vault, organisation_id=LAHTI, seekers=seekers)


async def arrange(client: httpx.AsyncClient, test_issuer: TestIssuer, platform: PlatformControl) -> dict[str, str]:
    coach = factories.coach(test_issuer)
    ids = {
        "matti": await factories.register(client, coach),
        "liisa": await factories.register(client, coach, personal_identity_code=LIISA, first_names="Liisa"),
        "pekka": await factories.register(client, coach, personal_identity_code=PEKKA, first_names="Pekka"),
    }
    platform.add_job_seeker(factories.MATTI)
    ids["liisa_there"] = platform.add_job_seeker(LIISA)
    platform.end_job_search(ids["liisa_there"])
    ids["kalle_there"] = platform.add_job_seeker(
        KALLE, first_names="Kalle", last_name="Kivinen", home_municipality="398"
    )
    return ids


class TestReconcile:
    async def test_missed_deliveries_are_repaired_and_reported(
        self, app: FastAPI, client, test_issuer, platform, sessions, db_session: AsyncSession
    ) -> None:
        ids = await arrange(client, test_issuer, platform)
        report = await run(app, platform, sessions)
        hash_of = app.state.vault.lookup_hash
        kalle = await db_session.scalar(select(Client).where(Client.identity_code_hash == hash_of(KALLE)))
        assert kalle is not None and (kalle.first_names, kalle.last_name, kalle.organisation_id) == (
            "Kalle",
            "Kivinen",
            LAHTI,
        )
        assert {(d["kind"], d["client_id"], d["customer_id"]) for d in report.differences} == {
            ("missing_here", str(kalle.id), ids["kalle_there"]),
            ("ended_there", ids["liisa"], ids["liisa_there"]),
            ("missing_there", ids["pekka"], None),
        }
        assert report.counts == {
            "missing_here": 1,
            "ended_there": 1,
            "missing_there": 1,
            "unusable": 0,
            "platform_searching": 2,
            "clients_searching": 3,
        }
        assert sorted(d["kind"] for d in report.repaired) == ["ended_there", "missing_here"]
        # Repairs go through the same rules as the deliveries would: audited and announced, acted by the platform.
        audit = (await db_session.scalars(select(AuditRecord).where(AuditRecord.data_subject_id == kalle.id))).all()
        assert [a.actor_subject for a in audit] == ["national-platform"]
        registered = (
            await db_session.scalars(select(OutboxEvent).where(OutboxEvent.subject == f"clients/{kalle.id}"))
        ).all()
        assert [e.type for e in registered] == ["fi.polku.client.registered.v1"]
        liisa = await db_session.get(Client, ids["liisa"])
        assert liisa is not None
        await db_session.refresh(liisa)
        period = await db_session.scalar(select(JobSearchPeriod).where(JobSearchPeriod.client_id == liisa.id))
        assert liisa.status == ClientStatus.search_ended and period is not None
        assert period.ended_on is not None and period.ended_by == "national-platform"

        again = await run(app, platform, sessions)
        assert again.repaired == [] and [d["kind"] for d in again.differences] == ["missing_there"]

    async def test_a_platform_down_is_reported_and_changes_nothing(self, platform) -> None:
        platform.fail(down=True)
        with pytest.raises(PlatformUnavailable, match="503"):
            await job_seekers(base_url=platform.url, api_key=platform.api_key, backoff_seconds=0)

    async def test_a_wrong_key_is_refused_at_once(self, platform) -> None:
        with pytest.raises(PlatformUnavailable, match="401"):
            await job_seekers(base_url=platform.url, api_key="wrong", backoff_seconds=0)
        assert [r["status"] for r in platform.received()] == [401]  # refused once, not retried


class TestReportEndpoint:
    async def test_the_administrator_reads_it_others_do_not(
        self, app: FastAPI, client, test_issuer: TestIssuer, platform, sessions
    ) -> None:
        await arrange(client, test_issuer, platform)
        report = await run(app, platform, sessions)
        admin = test_issuer.headers(subject="admin-lahti", roles=["admin"], org=LAHTI)
        latest = await client.get("/v1/reconciliation-reports/latest", headers=admin)
        assert latest.status_code == 200 and latest.json()["id"] == str(report.id)
        assert latest.json()["counts"]["missing_here"] == 1
        listed = await client.get("/v1/reconciliation-reports", headers=admin)
        assert [item["id"] for item in listed.json()["items"]] == [str(report.id)]
        for role in ("coach", "manager", "employer_services", "partner", "platform"):
            refused = await client.get(
                "/v1/reconciliation-reports/latest", headers=test_issuer.headers(subject=role, roles=[role], org=LAHTI)
            )
            assert refused.status_code == 403, role
        other = test_issuer.headers(subject="admin-mikkeli", roles=["admin"], org=MIKKELI)
        assert (await client.get("/v1/reconciliation-reports/latest", headers=other)).status_code == 404
        assert (await client.get("/v1/reconciliation-reports", headers=other)).json()["items"] == []
