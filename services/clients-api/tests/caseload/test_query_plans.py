"""A caseload is read through the (organisation, coach, status) index: its cost follows the caseload, not the
number of clients in the database nor in the organisation; the caseload balance counts from two indexes that hold
every column it needs (decision 51). Checked on the plans PostgreSQL chooses for a table of 30,000 clients in 10
organisations with 300 coaches."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.caseload.repository import caseload_balance, caseload_query
from polku_kit.testing import LAHTI, explain, statements_sent

ORGANISATIONS = [LAHTI] + [uuid.UUID(int=number) for number in range(1, 10)]


@pytest.fixture
async def many_clients(db_session: AsyncSession) -> None:
    await db_session.execute(
        text(
            "INSERT INTO client (id, organisation_id, identity_code_hash, identity_code_encrypted, birth_date,"
            " first_names, last_name, home_municipality, languages, job_search_started_on, status, coach_subject,"
            " version)"
            " SELECT gen_random_uuid(), (CAST(:orgs AS uuid[]))[1 + n % 10], 'hash-' || n, '\\x00'::bytea,"
            " DATE '1990-01-01', 'Testi', 'Asiakas ' || n, '398', ARRAY['fi'], DATE '2026-01-01',"
            " CASE WHEN n % 7 = 0 THEN 'employed' ELSE 'unemployed' END,"
            " CASE WHEN n % 50 = 0 THEN NULL ELSE 'coach-' || (n % 300) END, 1"
            " FROM generate_series(1, 30000) AS n"
        ),
        {"orgs": ORGANISATIONS},
    )
    await db_session.execute(text("ANALYZE client"))


@pytest.mark.usefixtures("many_clients")
@pytest.mark.parametrize("scope", [{"coach_subjects": ["coach-10"]}, {"unassigned": True}])
async def test_a_coach_caseload_and_the_unassigned_pool_use_the_caseload_index(
    db_session: AsyncSession, scope: dict[str, object]
) -> None:
    plan = await explain(db_session, caseload_query(organisation_id=LAHTI, **scope))  # type: ignore[arg-type]
    assert "ix_client_organisation_coach" in plan.indexes and "Seq Scan" not in plan.node_types, plan.text


@pytest.mark.usefixtures("many_clients")
async def test_a_team_caseload_reads_its_coaches_and_its_team_only(db_session: AsyncSession) -> None:
    plan = await explain(
        db_session, caseload_query(organisation_id=LAHTI, coach_subjects=["coach-10", "coach-20"], team_id=uuid.uuid4())
    )
    assert "ix_client_team_id" in plan.indexes and "Seq Scan" not in plan.node_types, plan.text


@pytest.mark.usefixtures("many_clients")
async def test_the_balance_reads_clients_and_overdue_deadlines_from_their_indexes_alone(
    db_session: AsyncSession,
) -> None:
    await db_session.execute(
        text(
            "INSERT INTO client_deadline (client_id, kind, number, organisation_id, due_on, held_on, waived, rule_set)"
            " SELECT id, 'job_search_discussion', n, organisation_id, DATE '2026-01-01' + 40 * n, NULL, false,"
            " 'nordic_2025' FROM client, generate_series(1, 3) AS n"
        )
    )
    await db_session.execute(text("ANALYZE client_deadline"))
    with statements_sent(await db_session.connection()) as sent:
        await caseload_balance(db_session, organisation_id=LAHTI, day=date(2026, 12, 4), born_after=date(2001, 12, 4))
    [statement] = sent
    # As after a VACUUM, which cannot run inside the test's transaction: the pages all-visible in the statistics,
    # so that the planner prices an index-only scan as one that reads no table page.
    await db_session.execute(
        text("UPDATE pg_class SET relallvisible = relpages WHERE relname IN ('client', 'client_deadline')")
    )
    plan = await explain(db_session, statement)
    assert ("Index Only Scan", "ix_client_job_seekers") in plan.index_scans, plan.text
    assert ("Index Only Scan", "ix_client_deadline_open") in plan.index_scans, plan.text
    # The organisation's clients are read once and grouped at once by (coach, team): every figure is summed from
    # those groups, not from a CTE of a row per client read again for each figure (decision 80).
    assert [node.get("Index Name") for node in plan.nodes].count("ix_client_job_seekers") == 1, plan.text
    assert ["client.coach_subject", "client.team_id"] in [node.get("Group Key") for node in plan.nodes], plan.text
    assert not [node for node in plan.nodes if node.get("CTE Name") == "active"], plan.text
