"""A coach's search reads the caseload they reach through the client indexes of coach and team (a bitmap), not the whole
organisation: checked on the plan PostgreSQL chooses for an area of 12,000 clients, 100 to a coach (the scale at
which it chose to walk the organisation's index in registration order and test the name on every client)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.repository import reach_parameters
from clients_api.client import repository
from polku_kit.audit import AuditAction, record_parameters
from polku_kit.auth import Principal
from polku_kit.testing import LAHTI, QueryPlan, explain, statements_sent

COACH = "coach-7"
DAY = date(2026, 12, 5)


async def _area(session: AsyncSession) -> None:
    await session.execute(
        text(
            "INSERT INTO client (id, organisation_id, identity_code_hash, identity_code_encrypted, birth_date,"
            " first_names, last_name, home_municipality, languages, job_search_started_on, status, coach_subject,"
            " version)"
            " SELECT gen_random_uuid(), :organisation, 'hash-' || n, '\\x00'::bytea, DATE '1990-01-01',"
            " CASE WHEN n % 7 = 0 THEN 'Heikki' ELSE 'Testi' END, 'Asiakas ' || n, '398', ARRAY['fi'],"
            " DATE '2026-01-01', 'unemployed', 'coach-' || (n % 120), 1"
            " FROM generate_series(1, 12000) AS n"
        ),
        {"organisation": LAHTI},
    )
    await session.execute(text("ANALYZE client"))


async def _explained(session: AsyncSession, shape: repository.SearchShape, values: dict[str, Any]) -> QueryPlan:
    """The plan of the search statement of ``shape`` as the service sends it (the statement and its values
    captured from the execution, then explained)."""
    coach = Principal(subject=COACH, roles=frozenset({"coach"}), organisation_id=LAHTI, name="Testi Valmentaja")
    parameters = {
        **reach_parameters(organisation_id=LAHTI, reached_by=COACH if shape.reach else None),
        **values,
        "born_after_25": date(2001, 12, 5),
        "born_after_30": date(1996, 12, 5),
        **record_parameters(actor=coach, action=AuditAction.search, resource_type="client", purpose="test"),
    }
    with statements_sent(await session.connection()) as sent:
        await repository.search_page(session, shape, limit=20, scan=20, after=None, day=DAY, parameters=parameters)
    [statement] = sent
    return await explain(session, statement)


def _shape(*, reach: bool, name: bool) -> repository.SearchShape:
    return repository.SearchShape(
        reach=reach,
        name=name,
        identity_hash=False,
        status=False,
        coach=False,
        municipality=False,
        ids=False,
        overdue=None,
        groups=frozenset(),
        scanned_after=False,
    )


async def test_a_coachs_name_search_reads_the_caseload_not_the_organisation(db_session: AsyncSession) -> None:
    await _area(db_session)
    values = repository.search_values(
        name="heikki", identity_hash=None, status=None, coach_subject=None, municipality=None, client_ids=None
    )
    plan = await _explained(db_session, _shape(reach=True, name=True), values)
    assert ("Bitmap Heap Scan", "client") in plan.scans and "ix_client_coach_subject" in plan.indexes, plan.text
    assert "ix_client_organisation_id" not in plan.indexes, plan.text


async def test_a_coachs_list_reads_the_caseload_and_a_managers_walks_the_organisation_in_order(
    db_session: AsyncSession,
) -> None:
    await _area(db_session)
    plan = await _explained(db_session, _shape(reach=True, name=False), {})
    assert "ix_client_coach_subject" in plan.indexes and "ix_client_organisation_id" not in plan.indexes, plan.text
    # A manager's first page is the organisation's first 20 registrations: the index walked in order, stopping there.
    plan = await _explained(db_session, _shape(reach=False, name=False), {})
    assert "ix_client_organisation_id" in plan.indexes and "Sort" not in plan.below("Limit").text, plan.text
