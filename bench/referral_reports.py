"""Referral reports at scale: the network map, partners' response times and fill rates over a year with
1,000,000 referrals of one employment authority (plus 200,000 of another, which the queries must skip).

Each report runs through the service functions the API calls, on a real PostgreSQL (embedded), after
VACUUM ANALYZE; the median of five runs is compared with the same aggregate when the planner may not use
the indexes (a raw scan of the table). Results: bench/results/referral-reports.{json,md}.

    uv run python bench/referral_reports.py [--referrals 1000000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from polku_kit import calendar
from polku_kit.auth import Principal
from polku_kit.db import OneStatement
from polku_kit.migrations import upgrade
from polku_kit.pg import FAST_SETTINGS, EmbeddedPostgres, ensure_databases
from polku_kit.testing import free_port
from referrals_api import SERVICE_DIR
from referrals_api.report import service as reports
from referrals_api.seed import LAHTI, seed_organisations, seed_services

RESULTS = Path(__file__).parent / "results"
MIKKELI = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000006")
RUNS = 5
STATUSES = [
    "requested",
    "received",
    "accepted",
    "rejected",
    "in_progress",
    "on_hold",
    "completed",
    "cancelled",
    "expired",
]
OUTCOMES = ["started_work", "started_education", "moved_to_another_service", "interrupted", "no_change"]

# 40 services of the four demo partners; then the referrals, spread over the last 365 days.
FILL = """
INSERT INTO service (id, authority_id, organisation_id, name_fi, name_sv, description_fi, description_sv,
                     target_groups, municipalities, languages, channel, capacity_seats, capacity_period,
                     production_model, status, response_days)
SELECT gen_random_uuid(), CAST(:sender AS uuid),
       (SELECT id FROM organisation WHERE authority_id = CAST(:sender AS uuid) ORDER BY id OFFSET (n % 4) LIMIT 1),
       'Palvelu ' || n,
       'Tjänst ' || n, 'Kuvaus', 'Beskrivning', '{}', '{}', '{fi}', 'in_person', 50, 'month', 'purchased', 'active', 5
FROM generate_series(1, 37) AS n;

CREATE TEMP TABLE bench_service AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, organisation_id FROM service;

INSERT INTO referral (id, client_id, service_id, partner_organisation_id, sender_organisation_id, sender_subject,
                      status, categories, reason, sent_at, due_on, first_response_at, accepted_at, closed_at, outcome,
                      feedback_score, rejection_reason)
SELECT gen_random_uuid(), gen_random_uuid(), s.id, s.organisation_id,
       CASE WHEN i % 6 = 5 THEN CAST(:other AS uuid) ELSE CAST(:sender AS uuid) END,
       'coach-' || (i % 50), st.status, '{assessment}', 'Lähete', sent, sent::date + 7,
       CASE WHEN st.status NOT IN ('requested', 'expired') THEN sent + ((i % 96) || ' hours')::interval END,
       CASE WHEN st.status IN ('accepted', 'in_progress', 'on_hold', 'completed') THEN sent + interval '1 day' END,
       CASE WHEN st.status IN ('rejected', 'completed', 'cancelled', 'expired') THEN sent + interval '20 days' END,
       CASE WHEN st.status = 'completed' THEN (CAST(:outcomes AS text[]))[1 + i % 5] END,
       CASE WHEN st.status = 'completed' AND i % 3 = 0 THEN 1 + i % 5 END,
       CASE WHEN st.status = 'rejected' THEN 'Ei paikkoja' END
FROM generate_series(1, CAST(:total AS integer)) AS g(i)
CROSS JOIN LATERAL (SELECT now() - ((i % 525600) || ' minutes')::interval AS sent) AS t
JOIN bench_service AS s ON s.n = i % 40
CROSS JOIN LATERAL (SELECT (CAST(:statuses AS text[]))[1 + (i * 7) % 9] AS status) AS st
"""
RAW_SCAN = "SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off; SET LOCAL enable_bitmapscan = off"


async def timed(
    sessions: async_sessionmaker[AsyncSession], run: Callable[[AsyncSession], Awaitable[Any]], *, raw: bool = False
) -> tuple[float, float, Any]:
    """Medians of the wall time and of this process's CPU time (the service's share, PostgreSQL's left out)."""
    times, cpu, result = [], [], None
    for _ in range(RUNS):
        async with sessions() as session, session.begin():
            if raw:
                for statement in RAW_SCAN.split(";"):
                    await session.execute(text(statement))
            started, started_cpu = time.perf_counter(), time.process_time()
            result = await run(session)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
    return statistics.median(times), statistics.median(cpu), result


async def measure(url: str, total: int) -> dict[str, Any]:
    engine = create_async_engine(url)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    async with sessions() as session, session.begin():
        await seed_organisations(session)
        await seed_services(session)
        started = time.perf_counter()
        await session.execute(text(FILL.split(";\n\n")[0]), {"sender": LAHTI})
        await session.execute(text(FILL.split(";\n\n")[1]))
        await session.execute(
            text(FILL.split(";\n\n")[2]),
            {"sender": LAHTI, "other": MIKKELI, "total": int(total * 1.2), "statuses": STATUSES, "outcomes": OUTCOMES},
        )
        load_seconds = time.perf_counter() - started
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text("VACUUM ANALYZE referral"))
        counts = (
            await connection.execute(
                text("SELECT count(*) FILTER (WHERE sender_organisation_id = :lahti), count(*) FROM referral"),
                {"lahti": LAHTI},
            )
        ).one()

    manager = Principal(subject="bench", roles=frozenset({"manager"}), organisation_id=LAHTI)
    year = (calendar.today() - timedelta(days=364), calendar.today())

    def report(function: Callable[..., Awaitable[Any]]) -> Callable[[AsyncSession], Awaitable[Any]]:
        """The report as its route runs it: one statement (decision 70), here on the session's connection."""

        async def run(session: AsyncSession) -> Any:
            statement = OneStatement(await session.connection())
            return await function(statement=statement, principal=manager, from_date=year[0], to_date=year[1])

        return run

    runs = {
        "network_map": report(reports.network_map),
        "response_times": report(reports.response_times),
        "fill_rates": report(reports.fill_rates),
    }
    results: dict[str, Any] = {}
    for name, run in runs.items():
        indexed, cpu, answer = await timed(sessions, run)
        raw, _, _ = await timed(sessions, run, raw=True)
        results[name] = {
            "median_seconds": round(indexed, 4),
            "median_cpu_ms": round(1000 * cpu, 2),
            "raw_scan_median_seconds": round(raw, 4),
            "raw_to_indexed": round(raw / indexed, 2),
        }
        if name == "network_map":
            results[name]["referrals_in_map"] = sum(edge.referrals for edge in answer.edges)
    async with sessions() as session:
        plan = (
            (
                await session.execute(
                    text(
                        "EXPLAIN SELECT service_id, status, outcome, count(*) FROM referral WHERE sender_organisation_id = :org "  # noqa: E501
                        "AND sent_at >= now() - interval '1 year' GROUP BY 1, 2, 3"
                    ),
                    {"org": LAHTI},
                )
            )
            .scalars()
            .all()
        )
    await engine.dispose()
    return {
        "referrals_of_the_authority": counts[0],
        "referrals_in_table": counts[1],
        "load_seconds": round(load_seconds, 1),
        "reports": results,
        "network_map_plan": plan,
    }


def write(result: dict[str, Any]) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "referral-reports.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    lines = [
        "# Referral reports over a year",
        "",
        f"{result['referrals_of_the_authority']:,} referrals of one authority in a table of "
        f"{result['referrals_in_table']:,}; median of {RUNS} runs through the service functions.",
        "",
        "| report | median s | median CPU ms of the service | raw scan median s | raw ÷ indexed |",
        "|---|---|---|---|---|",
    ]
    for name, row in result["reports"].items():
        lines.append(
            f"| {name} | {row['median_seconds']} | {row['median_cpu_ms']} | {row['raw_scan_median_seconds']} "
            f"| {row['raw_to_indexed']} |"
        )
    lines += ["", "Network map plan:", "", "```", *result["network_map_plan"], "```", ""]
    (RESULTS / "referral-reports.md").write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--referrals", type=int, default=1_000_000, help="referrals of the measured authority")
    args = parser.parse_args()
    server = EmbeddedPostgres(
        Path(tempfile.mkdtemp(prefix="polku-bench-pg-")),
        port=free_port(),
        settings={**FAST_SETTINGS, "shared_buffers": "256MB", "work_mem": "64MB"},
    )
    server.start()
    try:
        asyncio.run(ensure_databases(server.url, ["referrals"]))
        url = make_url(server.url).set(database="referrals").render_as_string(hide_password=False)
        upgrade(SERVICE_DIR, url)
        result = asyncio.run(measure(url, args.referrals))
    finally:
        server.destroy()
    write(result)
    print(json.dumps(result["reports"], indent=2))


if __name__ == "__main__":
    main()
