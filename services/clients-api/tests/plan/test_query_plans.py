"""The plan facts of an organisation's clients (the caseload balance's plan debt, the up-to-date filter) are looked
up per client: their cost follows the organisation's clients, not every plan version and stored deadline in the
database. Checked on the plan PostgreSQL chooses with 30,000 clients in 10 organisations, each with three plan
versions and four stored deadlines, one of them held."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.plan.repository import plan_facts, plan_facts_query
from polku_kit.testing import LAHTI, explain

ORGANISATIONS = [LAHTI] + [uuid.UUID(int=number) for number in range(1, 10)]


@pytest.fixture
async def many_plans(db_session: AsyncSession) -> None:
    await db_session.execute(
        text(
            "INSERT INTO client (id, organisation_id, identity_code_hash, identity_code_encrypted, birth_date,"
            " first_names, last_name, home_municipality, languages, job_search_started_on, status, coach_subject,"
            " version)"
            " SELECT gen_random_uuid(), (CAST(:orgs AS uuid[]))[1 + n % 10], 'hash-' || n, '\\x00'::bytea,"
            " DATE '1990-01-01', 'Testi', 'Asiakas ' || n, '398', ARRAY['fi'], DATE '2026-01-01',"
            " CASE WHEN n % 7 = 0 THEN 'employed' ELSE 'unemployed' END, 'coach-' || (n % 300), 1"
            " FROM generate_series(1, 30000) AS n"
        ),
        {"orgs": ORGANISATIONS},
    )
    await db_session.execute(
        text(
            "INSERT INTO plan_version (id, client_id, version, plan_type, goals, tasks, applications_per_period,"
            " period_months, next_review_on, created_by)"
            " SELECT gen_random_uuid(), id, v, 'employment', '[]'::jsonb, '[]'::jsonb, v + 1, 1, DATE '2026-06-01',"
            " 'coach' FROM client, generate_series(1, 3) AS v"
        )
    )
    await db_session.execute(
        text(
            "INSERT INTO client_deadline (client_id, kind, number, organisation_id, due_on, held_on, waived,"
            " rule_set)"
            " SELECT id, 'job_search_discussion', k, organisation_id, DATE '2026-01-01' + 90 * k,"
            " CASE WHEN k = 1 THEN DATE '2026-03-30' END, false, '2026'"
            " FROM client, generate_series(1, 4) AS k"
        )
    )
    await db_session.execute(text("ANALYZE client"))
    await db_session.execute(text("ANALYZE plan_version"))
    await db_session.execute(text("ANALYZE client_deadline"))


@pytest.mark.usefixtures("many_plans")
async def test_the_plan_facts_of_an_organisation_read_each_clients_own_rows(db_session: AsyncSession) -> None:
    plan = await explain(db_session, plan_facts_query(organisation_id=LAHTI))
    assert ("Seq Scan", "plan_version") not in plan.scans, plan.text
    assert ("Seq Scan", "client_deadline") not in plan.scans, plan.text
    # Both reached by the client's key, not read whole in index order.
    assert [node.get("Index Cond") for node in plan.nodes].count("(client_id = client.id)") == 2, plan.text


@pytest.mark.usefixtures("many_plans")
async def test_the_plan_facts_are_each_clients_latest_version_and_interview(db_session: AsyncSession) -> None:
    facts = await plan_facts(db_session, organisation_id=LAHTI)
    seeking = await db_session.scalar(
        text("SELECT count(*) FROM client WHERE organisation_id = :org AND status = 'unemployed'"), {"org": LAHTI}
    )
    assert len(facts) == seeking
    assert {fact.applications_per_period for fact in facts.values()} == {4}  # version 3's
    assert {fact.latest_mandatory_interview_on for fact in facts.values()} == {date(2026, 3, 30)}
