"""The stored deadlines are read through their indexes: a due list, the overdue search filter and the daily job's
pages of out-of-date clients cost what the caseload (or the page) holds, not what the database does. Checked on
the plans PostgreSQL chooses for 30,000 clients in 10 organisations with 300 coaches, four stored deadlines each
and the deadlines held announced overdue before they were."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from clients_api.access.repository import reach_parameters
from clients_api.client.models import Client
from clients_api.client.repository import search_conditions, search_query
from clients_api.client.service import today
from clients_api.schedule.repository import (
    due_list_statement,
    due_query,
    has_overdue,
    stale_page_query,
    unannounced_overdue_query,
)
from clients_api.schedule.statement_requests import ANSWER_RULE
from polku_kit.audit import AuditAction, record_parameters
from polku_kit.auth import Principal
from polku_kit.testing import LAHTI, explain

ORGANISATIONS = [LAHTI] + [uuid.UUID(int=number) for number in range(1, 10)]
# The indexes of the open deadlines: by due day, and by client.
OPEN_DEADLINES = {"ix_client_deadline_open", "ix_client_deadline_open_client"}


@pytest.fixture
async def many_deadlines(db_session: AsyncSession) -> None:
    await db_session.execute(
        text(
            "INSERT INTO client (id, organisation_id, identity_code_hash, identity_code_encrypted, birth_date,"
            " first_names, last_name, home_municipality, languages, job_search_started_on, status, coach_subject,"
            " version, deadlines_valid_until)"
            " SELECT gen_random_uuid(), (CAST(:orgs AS uuid[]))[1 + n % 10], 'hash-' || n, '\\x00'::bytea,"
            " DATE '1990-01-01', 'Testi', 'Asiakas ' || n, '398', ARRAY['fi'], current_date - n % 700,"
            " CASE WHEN n % 7 = 0 THEN 'employed' ELSE 'unemployed' END,"
            " CASE WHEN n % 50 = 0 THEN NULL ELSE 'coach-' || (n % 300) END, 1,"
            " CASE WHEN n % 500 = 0 THEN NULL ELSE current_date + n % 90 END"
            " FROM generate_series(1, 30000) AS n"
        ),
        {"orgs": ORGANISATIONS},
    )
    # An initial interview and two job-search discussions held, and the next discussion open (some overdue).
    await db_session.execute(
        text(
            "INSERT INTO client_deadline (client_id, kind, number, organisation_id, due_on, held_on, waived, rule_set)"
            " SELECT id, kind, number, organisation_id, job_search_started_on + offset_days,"
            " CASE WHEN open THEN NULL ELSE job_search_started_on + offset_days - 2 END, false, 'reform-2026'"
            " FROM client, (VALUES ('initial_interview', 1, 14, false), ('periodic_interview', 1, 104, false),"
            " ('periodic_interview', 2, 194, false), ('periodic_interview', 3, 284, true))"
            " AS deadline(kind, number, offset_days, open)"
        )
    )
    # Statistics first: without them the planner may join 30,000 clients to 120,000 deadlines in a nested loop.
    for table in ("client", "client_deadline"):
        await db_session.execute(text(f"ANALYZE {table}"))
    # Announced before: the deadlines held late, once overdue (a notice table grows with every one ever announced).
    await db_session.execute(
        text(
            "INSERT INTO overdue_notice (id, client_id, search_started_on, kind, number, due_on, rule_set)"
            " SELECT gen_random_uuid(), client_id, job_search_started_on, kind, number, due_on, rule_set"
            " FROM client_deadline JOIN client ON client.id = client_deadline.client_id"
            " WHERE held_on IS NOT NULL"
        )
    )
    await db_session.execute(text("ANALYZE overdue_notice"))


def until(days: int = 7) -> date:
    return today() + timedelta(days=days)


@pytest.mark.usefixtures("many_deadlines")
async def test_a_coach_due_list_reads_the_caseload_and_its_open_deadlines(db_session: AsyncSession) -> None:
    plan = await explain(db_session, due_query(organisation_id=LAHTI, coach_subject="coach-10", until=until()))
    assert "ix_client_organisation_coach" in plan.indexes and "Seq Scan" not in plan.node_types, plan.text
    assert OPEN_DEADLINES & plan.indexes, plan.text


@pytest.mark.usefixtures("many_deadlines")
async def test_an_organisation_due_list_reads_its_open_deadlines_by_due_day(db_session: AsyncSession) -> None:
    plan = await explain(db_session, due_query(organisation_id=LAHTI, coach_subject=None, until=until()))
    assert OPEN_DEADLINES & plan.indexes and "Seq Scan" not in plan.node_types, plan.text


@pytest.mark.usefixtures("many_deadlines")
@pytest.mark.parametrize("coach", [True, False])
async def test_the_due_list_in_one_statement_reads_the_same_indexes(db_session: AsyncSession, coach: bool) -> None:
    """The statement of decision 0067 with the values a manager's request gives it (EXPLAIN does not run its
    INSERT)."""
    manager = Principal(
        subject="manager-1", roles=frozenset({"manager"}), organisation_id=LAHTI, name="Testi Esihenkilö"
    )
    values = {
        **reach_parameters(organisation_id=LAHTI, reached_by=None),
        "coach_subject": "coach-10" if coach else None,
        "day": today(),
        "until": until(),
        "due_rule": ANSWER_RULE,
        **record_parameters(actor=manager, action=AuditAction.read, resource_type="due_list", purpose="test"),
    }
    plan = await explain(db_session, due_list_statement(coach=coach, reach=False), values)
    assert ("Seq Scan", "client") not in plan.scans and ("Seq Scan", "client_deadline") not in plan.scans, plan.text
    assert OPEN_DEADLINES & plan.indexes, plan.text
    if coach:
        assert "ix_client_organisation_coach" in plan.indexes, plan.text


@pytest.mark.usefixtures("many_deadlines")
@pytest.mark.parametrize("overdue", [True, False])
async def test_the_overdue_search_filter_probes_each_clients_open_deadlines(
    db_session: AsyncSession, overdue: bool
) -> None:
    conditions = search_conditions(
        organisation_id=LAHTI,
        visible=None,
        name=None,
        identity_hash=None,
        status=None,
        coach_subject=None,
        municipality=None,
    )
    condition = has_overdue(today())
    plan = await explain(
        db_session, search_query([*conditions, condition if overdue else ~condition], limit=20, after=None)
    )
    assert "ix_client_deadline_open_client" in plan.indexes and "Seq Scan" not in plan.node_types, plan.text


@pytest.mark.usefixtures("many_deadlines")
async def test_a_page_of_out_of_date_clients_is_found_through_the_horizon_index(db_session: AsyncSession) -> None:
    plan = await explain(db_session, stale_page_query(organisation_id=LAHTI, day=until(30), limit=500))
    assert "ix_client_deadlines_valid_until" in plan.indexes and "Seq Scan" not in plan.node_types, plan.text


@pytest.mark.usefixtures("many_deadlines")
async def test_the_job_reads_the_overdue_deadlines_of_a_page_through_the_open_deadlines(
    db_session: AsyncSession,
) -> None:
    page = list((await db_session.scalars(select(Client.id).where(Client.organisation_id == LAHTI).limit(500))).all())
    plan = await explain(db_session, unannounced_overdue_query(page, today()))
    assert "ix_client_deadline_open_client" in plan.indexes and "Seq Scan" not in plan.node_types, plan.text
