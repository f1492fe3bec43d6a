"""The poller of P67: every page read within the rate limit and upserted once by national id; 429s (with their
Retry-After), 500s and a platform down in the middle of a search lose nothing and double nothing; a posting archived
or gone from a complete search is marked removed, and only then."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.national import wire
from employer_api.national.client import NationalClient
from employer_api.national.service import poll
from employer_api.vacancy.models import Vacancy, VacancySource, VacancyStatus
from polku_kit.outbox import OutboxEvent
from polku_kit.testing import LAHTI

from .support import posting

AREA = ["398", "098"]


async def imported(db_session: AsyncSession) -> list[Vacancy]:
    rows = await db_session.scalars(
        select(Vacancy).where(Vacancy.source_system == wire.SOURCE_SYSTEM).order_by(Vacancy.external_id)
    )
    return list(rows.all())


def seven_postings(platform) -> list[str]:
    ids = [platform.add_posting(f"765432{n}-1", posting()) for n in range(6)]
    ids.append(platform.add_posting("7654326-1", posting(municipality="098")))
    platform.add_posting("1111111-1", posting(municipality="091"))  # Helsinki: outside the area
    return sorted(ids)


class TestPoll:
    async def test_every_page_is_read_and_each_posting_imported_once(
        self, platform, national, sessions, db_session
    ) -> None:
        ids = seven_postings(platform)
        result = await poll(sessions, national, authority_id=LAHTI, municipalities=AREA, page_size=3)
        assert result.complete and result.pages == 3 and result.read == 7 and result.outcome == {"created": 7}
        rows = await imported(db_session)
        assert [row.external_id for row in rows] == ids
        assert {(row.source, row.status, row.authority_id) for row in rows} == {
            (VacancySource.imported, VacancyStatus.published, LAHTI)
        }
        assert rows[0].external_url and rows[0].removed_at is None and rows[0].occupation_minor_group == "721"
        searches = platform.received("POST")
        assert [s["body"]["paging"] for s in searches] == [{"page": n, "pageSize": 3} for n in range(3)]
        assert searches[0]["body"]["filters"]["municipalityCodes"] == AREA
        # Each import is announced like a vacancy made here (metrics counts it), with its source.
        events = (
            await db_session.scalars(select(OutboxEvent).where(OutboxEvent.type == "fi.polku.vacancy.published.v1"))
        ).all()
        assert len(events) == 7 and {e.data["source"] for e in events} == {"imported"}

        again = await poll(sessions, national, authority_id=LAHTI, municipalities=AREA, page_size=3)
        assert again.complete and again.outcome == {"unchanged": 7}
        assert len(await imported(db_session)) == 7

    async def test_a_change_on_the_platform_updates_the_vacancy(self, platform, national, sessions, db_session) -> None:
        found = platform.add_posting("7654321-1", posting())
        await poll(sessions, national, authority_id=LAHTI, municipalities=AREA)
        platform.put_posting(found, "7654321-1", posting(positions=3, title={"fi": "Levyseppä-hitsaaja"}))
        result = await poll(sessions, national, authority_id=LAHTI, municipalities=AREA)
        assert result.outcome == {"updated": 1}
        (row,) = await imported(db_session)
        await db_session.refresh(row)
        assert row.positions == 3 and row.title_fi == "Levyseppä-hitsaaja" and row.version == 2

    async def test_429s_and_500s_are_retried_and_nothing_is_lost_or_doubled(
        self, platform, national, clock, sessions, db_session
    ) -> None:
        ids = seven_postings(platform)
        platform.fail(throttle=2, retry_after_seconds=30, errors=2)
        result = await poll(sessions, national, authority_id=LAHTI, municipalities=AREA, page_size=3)
        assert result.complete and result.outcome == {"created": 7}
        assert [row.external_id for row in await imported(db_session)] == ids
        assert len(platform.received(status=429)) == 2 and len(platform.received(status=500)) == 2
        assert clock.slept >= 2 * 30  # Retry-After honoured

    async def test_a_platform_down_in_the_middle_loses_nothing_and_the_next_run_completes(
        self, platform, national, sessions, db_session
    ) -> None:
        ids = seven_postings(platform)
        await poll(sessions, national, authority_id=LAHTI, municipalities=AREA, page_size=3)
        gone = ids[0]
        platform.archive_posting(gone)
        newcomer = platform.add_posting("7654329-1", posting())
        platform.fail(down_after_calls=1)  # page 0 answers, then the platform is down

        cut = await poll(sessions, national, authority_id=LAHTI, municipalities=AREA, page_size=3)
        assert not cut.complete and "503" in (cut.error or "") and cut.pages == 1
        # An incomplete search removes nothing: every vacancy not yet read again stays open.
        open_ = [row.external_id for row in await imported(db_session) if row.removed_at is None]
        assert set(open_) >= set(ids) - {gone}

        platform.fail()  # up again
        done = await poll(sessions, national, authority_id=LAHTI, municipalities=AREA, page_size=3)
        assert done.complete
        rows = {row.external_id: row for row in await imported(db_session)}
        assert set(rows) == set(ids) | {newcomer}  # nothing lost, nothing doubled
        assert rows[gone].removed_at is not None and rows[gone].status is VacancyStatus.closed
        assert all(row.removed_at is None for key, row in rows.items() if key != gone)

    async def test_a_posting_gone_from_a_complete_search_is_removed_and_restored_when_back(
        self, platform, national, sessions, db_session
    ) -> None:
        found = platform.add_posting("7654321-1", posting())
        await poll(sessions, national, authority_id=LAHTI, municipalities=AREA)
        platform.delete_posting(found)
        assert (await poll(sessions, national, authority_id=LAHTI, municipalities=AREA)).removed_missing == 1
        (row,) = await imported(db_session)
        await db_session.refresh(row)
        assert row.removed_at is not None and row.status is VacancyStatus.closed
        platform.put_posting(found, "7654321-1", posting())
        result = await poll(sessions, national, authority_id=LAHTI, municipalities=AREA)
        assert result.outcome == {"restored": 1}
        await db_session.refresh(row)
        assert row.removed_at is None and row.status is VacancyStatus.published

    async def test_an_employer_first_met_on_the_platform_is_registered_once(
        self, platform, national, sessions, db_session
    ) -> None:
        from employer_api.employer.models import Employer

        for _ in range(2):
            platform.add_posting("7654321-1", posting(employerName="Hämeen Hitsaus Oy"))
        await poll(sessions, national, authority_id=LAHTI, municipalities=AREA, page_size=1)
        employers = (await db_session.scalars(select(Employer).where(Employer.business_id == "7654321-1"))).all()
        assert [(e.name, e.industry_main_class, e.authority_id) for e in employers] == [
            ("Hämeen Hitsaus Oy", "X", LAHTI)
        ]

    async def test_a_posting_outside_isco_unit_groups_is_left_out(
        self, platform, national, sessions, db_session
    ) -> None:
        platform.add_posting("7654321-1", posting(isco="72"))
        result = await poll(sessions, national, authority_id=LAHTI, municipalities=AREA)
        assert result.complete and result.outcome == {"unusable": 1} and await imported(db_session) == []

    async def test_a_wrong_key_is_refused_and_changes_nothing(self, platform, sessions, db_session) -> None:
        platform.add_posting("7654321-1", posting())
        async with NationalClient(base_url=platform.url, api_key="wrong", requests_per_second=0) as client:
            result = await poll(sessions, client, authority_id=LAHTI, municipalities=AREA)
        assert not result.complete and "401" in (result.error or "")
        assert platform.received(status=401) and await imported(db_session) == []


class TestRateLimit:
    """The simulator refuses a second call within one second; the client's pace of 0.8 calls a second never meets a
    429, and the same search without a pace does (so the first half of the test can fail)."""

    @pytest.mark.parametrize(("pace", "refused"), [(0.8, False), (0.0, True)])
    async def test_the_pace_keeps_within_the_limit(self, platform, sessions, pace: float, refused: bool) -> None:
        for n in range(4):
            platform.add_posting(f"765432{n}-1", posting())
        platform.fail(rate_limit_per_second=1, retry_after_seconds=1)
        async with NationalClient(
            base_url=platform.url, api_key=platform.api_key, requests_per_second=pace, sleep=asyncio.sleep
        ) as client:
            result = await poll(sessions, client, authority_id=LAHTI, municipalities=AREA, page_size=1)
        assert result.complete and result.read == 4
        assert bool(platform.received(status=429)) is refused
