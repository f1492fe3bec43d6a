"""The demo data: employers and published vacancies that match the demo clients, loaded twice without change."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from employer_api.employer.models import Employer
from employer_api.seed import seed_demo
from employer_api.vacancy.models import Vacancy, VacancyStatus
from polku_kit.calendar import today


async def test_the_demo_loads_once_and_its_vacancies_are_open(db_session: AsyncSession) -> None:
    await seed_demo(db_session, today())
    await seed_demo(db_session, today())
    assert await db_session.scalar(select(func.count()).select_from(Employer)) == 3
    rows = (await db_session.scalars(select(Vacancy))).all()
    # Laura Nieminen's 5120 (cook), Juha Hämäläinen's 8344 (forklift driver), Sara Laine's 4110 (office clerk).
    assert sorted(row.occupation_code for row in rows) == ["4110", "5120", "8344"]
    assert {row.status for row in rows} == {VacancyStatus.published}
    assert all(row.application_deadline > today() for row in rows)
