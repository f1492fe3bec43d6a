"""Reconciliation with the national platform: what a missed call left out is found and repaired in both directions
(a posting never imported, an imported vacancy whose posting is gone, a vacancy made here that the platform lost, an
ended one still open there), a second run finds nothing, and the report is kept for the authority's
administrators only."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.national import wire
from employer_api.national.reconciliation import reconcile
from employer_api.national.service import poll, publish
from employer_api.vacancy.models import Vacancy, VacancyStatus
from polku_kit.testing import LAHTI, MIKKELI

from .support import posting
from .test_publish import ES, published

AREA = ["398"]


async def imported(db_session: AsyncSession) -> dict[str, Vacancy]:
    rows = await db_session.scalars(select(Vacancy).where(Vacancy.source_system == wire.SOURCE_SYSTEM))
    return {row.external_id or "": row for row in rows}


async def arrange(client, as_, platform, national, sessions, db_session) -> dict[str, str]:
    """One of each difference, as missed calls leave them."""
    kept = platform.add_posting("7654321-1", posting())
    vanished = platform.add_posting("7654322-1", posting())
    await poll(sessions, national, authority_id=LAHTI, municipalities=AREA)
    # A poll missed: a new posting there, and one of the imported gone.
    missed = platform.add_posting("7654323-1", posting())
    platform.delete_posting(vanished)
    # Made here and sent; then the platform lost one, and the archive of the other never reached it.
    lost = await published(client, as_)
    ended = await published(client, as_, title_fi="Levyseppä")
    await publish(sessions, national, authority_id=LAHTI)
    lost_row, ended_row = await db_session.get(Vacancy, lost["id"]), await db_session.get(Vacancy, ended["id"])
    assert lost_row is not None and ended_row is not None
    await db_session.refresh(lost_row)
    await db_session.refresh(ended_row)
    platform.delete_posting(lost_row.national_id or "")
    filled = await client.post(
        f"/v1/vacancies/{ended['id']}/status", json={"status": "filled"}, headers={**as_(ES), "If-Match": '"v2"'}
    )
    assert filled.status_code == 200
    await db_session.refresh(ended_row)
    ended_row.national_synced_version = ended_row.version  # as if the archive had been sent
    await db_session.flush()
    return {
        "kept": kept,
        "vanished": vanished,
        "missed": missed,
        "lost": lost["id"],
        "ended": ended["id"],
        "ended_national_id": ended_row.national_id or "",
    }


class TestReconcile:
    async def test_differences_in_both_directions_are_repaired_and_reported(
        self, client, as_, platform, national, sessions, db_session
    ) -> None:
        ids = await arrange(client, as_, platform, national, sessions, db_session)
        report = await reconcile(sessions, national, authority_id=LAHTI, municipalities=AREA)
        assert report.error is None
        kinds = {
            (d["kind"], d["vacancy_id"] if d["kind"] == "missing_there" else d["national_id"])
            for d in report.differences
        }
        assert kinds == {
            ("missing_here", ids["missed"]),
            ("removed_there", ids["vanished"]),
            ("missing_there", ids["lost"]),
            ("open_there", ids["ended_national_id"]),
        }
        assert report.counts["missing_here"] == report.counts["removed_there"] == 1
        assert report.counts["missing_there"] == report.counts["open_there"] == 1
        assert report.counts["pending"] == 0 and len(report.repaired) == 4

        # Here: the missed posting imported, the vanished one removed.
        rows = await imported(db_session)
        for row in rows.values():
            await db_session.refresh(row)
        assert set(rows) == {ids["kept"], ids["vanished"], ids["missed"]}
        assert rows[ids["vanished"]].removed_at is not None and rows[ids["vanished"]].status is VacancyStatus.closed
        assert rows[ids["missed"]].removed_at is None and rows[ids["missed"]].status is VacancyStatus.published
        # There: the publisher makes the lost one anew and archives the ended one.
        result = await publish(sessions, national, authority_id=LAHTI)
        assert (result.created, result.archived) == (1, 1)
        mine = [p for p in platform.postings() if p["origin"] == "import"]
        assert {p["body"]["externalReference"]: p["archived"] for p in mine} == {ids["lost"]: False, ids["ended"]: True}

        again = await reconcile(sessions, national, authority_id=LAHTI, municipalities=AREA)
        assert again.differences == [] and again.repaired == []
        assert again.counts["platform_postings"] == 3  # kept, missed and the lost one made anew

    async def test_a_platform_down_is_reported_and_repairs_nothing(
        self, client, as_, platform, national, sessions, db_session
    ) -> None:
        platform.add_posting("7654321-1", posting())
        platform.fail(down=True)
        report = await reconcile(sessions, national, authority_id=LAHTI, municipalities=AREA)
        assert "503" in (report.error or "") and report.differences == [] and report.repaired == []
        assert await imported(db_session) == {}


class TestReportEndpoint:
    async def test_the_administrator_reads_the_last_report_and_the_list(
        self, client, as_, platform, national, sessions
    ) -> None:
        platform.add_posting("7654321-1", posting())
        first = await reconcile(sessions, national, authority_id=LAHTI, municipalities=AREA)
        second = await reconcile(sessions, national, authority_id=LAHTI, municipalities=AREA)
        latest = await client.get("/v1/reconciliation-reports/latest", headers=as_("admin"))
        assert latest.status_code == 200, latest.text
        body = latest.json()
        assert body["id"] == str(second.id) and body["counts"]["platform_postings"] == 1 and body["error"] is None
        listed = await client.get("/v1/reconciliation-reports", headers=as_("admin"))
        assert [item["id"] for item in listed.json()["items"]] == [str(second.id), str(first.id)]
        assert listed.json()["items"][1]["counts"]["missing_here"] == 1

    async def test_other_roles_are_refused(self, client, as_, platform, national, sessions) -> None:
        await reconcile(sessions, national, authority_id=LAHTI, municipalities=AREA)
        for role in ("employer_services", "coach", "manager", "partner", "platform"):
            response = await client.get("/v1/reconciliation-reports/latest", headers=as_(role))
            assert response.status_code == 403, role
            assert response.headers["content-type"] == "application/problem+json"

    async def test_another_authoritys_administrator_sees_none(self, client, as_, platform, national, sessions) -> None:
        await reconcile(sessions, national, authority_id=LAHTI, municipalities=AREA)
        latest = await client.get("/v1/reconciliation-reports/latest", headers=as_("admin", org=MIKKELI))
        assert latest.status_code == 404 and latest.json()["type"].endswith("reconciliation-report-not-found")
        listed = await client.get("/v1/reconciliation-reports", headers=as_("admin", org=MIKKELI))
        assert listed.status_code == 200 and listed.json()["items"] == []
