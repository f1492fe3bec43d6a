"""metrics-api with two years of national data: every indicator for one month and for 24 months, for one municipality
and for all, beside a plain scan of the same rows; load through the gateway with wrk; the rebuild's throughput.

Starts the whole stack on free ports with a throwaway database and writes CLIENTS job seekers straight into
metrics-api's read model with ``generate_series`` (the facts its consumers would have written from the events): a
profile, a home municipality (one of 60, Lahti the largest), a coach, an unemployment spell from a day in the two
years, for most a later activating service (status, and for half of those an episode of a listed type), for many
an ended job search (a job-search period with its end reason), and an assessment's education level. All belong to
the demo authority, whose manager reads them.

Measured, in one run:

- ``scan``: the rows an indicator reads (the organisation's profiles, statuses, municipalities, coaches, episodes,
  periods, education), fetched by a plain ``SELECT`` with asyncpg: the floor of any computation over them;
- each indicator through the gateway as the demo manager, one request at a time: one month and 24 months, for the
  whole organisation and for one municipality (Lahti), and its ratio to the scan (the goal: at most 3);
- the stored monthly cross-section built from those facts (as a rebuild ends with), in seconds;
- wrk with CONCURRENCY connections for DURATION seconds: the bare health check through the gateway, and two
  indicators (the activation rate and the unemployed share of one month for Lahti): requests/s, p95 and the ratio
  to bare;
- the rebuild: REBUILD_EVENTS registration and status events in the ledger applied again (events/s).

    uv run python bench/metrics_scale.py [--clients 300000] [--duration 10] [--concurrency 16]
        [--rebuild-events 20000] [--indicators activation_rate,job_seekers]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from clients_scale import LAHTI, RESULTS, machine
from gateway_load import ensure_wrk, run_wrk
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from metrics_api.feed.service import rebuild
from metrics_api.indicator import cross_section
from metrics_api.indicator.definitions import CODES
from polku_dev.devstack import NO_RATE_LIMITS, Ports, Stack
from polku_kit.calendar import today

MUNICIPALITIES = ["398", "098", "111", "560", "016", "081", "316", "576", "781", "142", "491", "097", "178", "213"]
MUNICIPALITIES += [f"{n:03d}" for n in range(600, 646)]  # synthetic others, 60 in all
# The imported-only indicators read no job seekers: they are not what this bench is about.
IMPORTED = {"kela_benefits", "labour_market_subsidy_per_resident", "budget", "employment_rate"}
FIRST, LAST = "2024-01", "2025-12"

# One statement per table, every row computed from the client's number n (deterministic, no Python loop).
POPULATE = """
CREATE TEMP TABLE bench_client AS
SELECT n,
       ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid AS client_id,
       DATE '2024-01-01' + (n * 7919 % 700)::int AS started,
       (60 + n * 31 % 150)::int AS to_service,
       (250 + n * 17 % 200)::int AS to_end,
       n % 10 AS kind
FROM generate_series(1::bigint, {clients}) AS n;

INSERT INTO client_profile (client_id, organisation_id, birth_date, citizenship, job_search_started_on, event_id)
SELECT client_id, '{organisation}'::uuid, DATE '1960-01-01' + (n * 104729 % 15000)::int,
       CASE WHEN n % 9 = 0 THEN 'EE' ELSE 'FI' END, started, 'bench-reg-' || n
FROM bench_client;

INSERT INTO client_municipality (event_id, client_id, valid_from, municipality, occurred_at)
SELECT 'bench-reg-' || n, client_id, started,
       (ARRAY[{municipalities}])[1 + CASE WHEN n % 3 = 0 THEN 0 ELSE (n * 13 % {count})::int END], started::timestamptz
FROM bench_client;

INSERT INTO client_coach (event_id, client_id, assigned_on, coach_subject, team_id, occurred_at)
SELECT 'bench-reg-' || n, client_id, started, 'coach-' || (n % 600), NULL, started::timestamptz FROM bench_client;

INSERT INTO client_status (event_id, client_id, changed_on, status, occurred_at)
SELECT 'bench-reg-' || n, client_id, started, 'unemployed', started::timestamptz FROM bench_client
UNION ALL
SELECT 'bench-svc-' || n, client_id, started + to_service, 'in_activating_service', (started + to_service)::timestamptz
FROM bench_client WHERE kind < 6
UNION ALL
SELECT 'bench-back-' || n, client_id, started + to_service + 120, 'unemployed',
       (started + to_service + 120)::timestamptz
FROM bench_client WHERE kind < 3
UNION ALL
SELECT 'bench-end-' || n, client_id, started + to_end + 130,
       CASE WHEN kind % 2 = 0 THEN 'employed' ELSE 'search_ended' END, (started + to_end + 130)::timestamptz
FROM bench_client WHERE kind >= 5;

INSERT INTO service_episode
    (episode_id, client_id, service_type, provider_organisation_id, started_on, ended_on, outcome)
SELECT ('10000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, client_id,
       (ARRAY['work_trial', 'coaching', 'labour_market_training', 'pay_subsidised_work'])[1 + (n % 4)::int], NULL,
       started + to_service, started + to_service + 119, NULL
FROM bench_client WHERE kind < 3;

INSERT INTO job_search_period (period_id, client_id, started_on, ended_on, end_reason, rule_set)
SELECT ('20000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, client_id, started,
       CASE WHEN kind >= 7 THEN started + to_end + 130 END,
       CASE WHEN kind >= 7 THEN (ARRAY['employed', 'in_education', 'other'])[1 + (n % 3)::int] END, '2026-01-01'
FROM bench_client;

INSERT INTO client_education (event_id, client_id, assessed_on, version, level)
SELECT 'bench-edu-' || n, client_id, started + 14, 1,
       (ARRAY['basic', 'upper_secondary_vocational', 'bachelor', 'none', 'master'])[1 + (n % 5)::int]
FROM bench_client WHERE n % 4 <> 0;

ANALYZE;
"""

SCAN = [
    "SELECT * FROM client_profile WHERE organisation_id = $1",
    *(
        f"SELECT f.* FROM {table} f JOIN client_profile p USING (client_id) WHERE p.organisation_id = $1"  # noqa: S608
        for table in (
            "client_status",
            "client_municipality",
            "client_coach",
            "service_episode",
            "job_search_period",
            "client_education",
        )
    ),
]

# A registration and a status change per client: the rebuild's events, as clients-api sends them.
LEDGER = """
INSERT INTO feed_event (id, source, type, subject, time, data)
SELECT 'bench-ledger-' || n || '-' || e, '/polku/clients-api',
       CASE WHEN e = 0 THEN 'fi.polku.client.registered.v1' ELSE 'fi.polku.client.status_changed.v1' END,
       'clients/' || client_id, (job_search_started_on + e * 90)::timestamptz,
       CASE WHEN e = 0 THEN jsonb_build_object(
                'client_id', client_id, 'organisation_id', organisation_id, 'home_municipality', '398',
                'job_search_started_on', job_search_started_on, 'birth_date', birth_date, 'coach_subject', 'coach-1')
            ELSE jsonb_build_object('client_id', client_id, 'from', 'unemployed', 'to', 'in_activating_service',
                'changed_on', job_search_started_on + 90) END
FROM (SELECT row_number() OVER () AS n, * FROM client_profile LIMIT $1::int / 2) AS p, generate_series(0, 1) AS e
"""


async def populate(dsn: str, clients: int) -> float:
    began = time.perf_counter()
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(
            POPULATE.format(
                municipalities=", ".join(f"'{code}'" for code in MUNICIPALITIES),
                count=len(MUNICIPALITIES),
                clients=int(clients),
                organisation=LAHTI,
            )
        )
    finally:
        await connection.close()
    return time.perf_counter() - began


async def rows(dsn: str) -> dict[str, int]:
    connection = await asyncpg.connect(dsn)
    try:
        tables = ["client_profile", "client_status", "client_municipality", "client_coach", "service_episode"]
        tables += ["job_search_period", "client_education"]
        return {t: int(await connection.fetchval(f"SELECT count(*) FROM {t}")) for t in tables}  # noqa: S608
    finally:
        await connection.close()


async def scan(dsn: str, repeat: int = 1) -> float:
    """The best of ``repeat`` plain scans of the rows the indicators read (fetched into Python), in seconds."""
    connection = await asyncpg.connect(dsn)
    try:
        best = float("inf")
        for _ in range(repeat):
            began = time.perf_counter()
            for query in SCAN:
                await connection.fetch(query, LAHTI)
            best = min(best, time.perf_counter() - began)
        return best
    finally:
        await connection.close()


async def indicators(base: str, token: Callable[[], str], codes: list[str]) -> dict[str, dict[str, Any]]:
    """Each indicator's four requests with a fresh token (a run outlasts an access token's life)."""
    found: dict[str, dict[str, Any]] = {}
    async with httpx.AsyncClient(timeout=1800) as http:
        for code in codes:
            http.headers["Authorization"] = f"Bearer {token()}"
            for label, first in (("1_month", LAST), ("24_months", FIRST)):
                for scope, municipality in (("all", None), ("lahti", "398")):
                    params = {"indicator": code, "from": first, "to": LAST}
                    if municipality is not None:
                        params["municipality"] = municipality
                    path = (
                        "/api/metrics/v1/figures"
                        if code != "effectiveness_follow_up"
                        else "/api/metrics/v1/effectiveness"
                    )
                    if code == "effectiveness_follow_up":
                        params.pop("indicator")
                    began = time.perf_counter()
                    response = await http.get(base + path, params=params)
                    took = time.perf_counter() - began
                    found[f"{code}/{label}/{scope}"] = {"seconds": round(took, 3), "status": response.status_code}
                    print(f"{code} {label} {scope}: {took:.2f} s ({response.status_code})", flush=True)
    return found


async def build_cross_section(database_url: str) -> float:
    """The stored monthly cross-section built from the facts written above (as a rebuild ends), in seconds."""
    engine = create_async_engine(database_url + "metrics")
    try:
        began = time.perf_counter()
        async with async_sessionmaker(engine, expire_on_commit=False)() as session, session.begin():
            await cross_section.build(session, today=today())
        return time.perf_counter() - began
    finally:
        await engine.dispose()


async def rebuild_throughput(database_url: str, events: int) -> dict[str, float]:
    connection = await asyncpg.connect(database_url.replace("postgresql+asyncpg", "postgresql") + "metrics")
    try:
        await connection.execute(LEDGER, events)
        size = int(await connection.fetchval("SELECT count(*) FROM feed_event"))
    finally:
        await connection.close()
    engine = create_async_engine(database_url + "metrics")
    replayed: list[float] = []

    def progress(done: int, total: int) -> None:
        replayed.append(time.perf_counter())
        print(f"rebuild: {done}/{total} events", flush=True)

    try:
        began = time.perf_counter()
        async with async_sessionmaker(engine, expire_on_commit=False)() as session, session.begin():
            applied = await rebuild(session, progress=progress)
        took = time.perf_counter() - began
    finally:
        await engine.dispose()
    replay = (replayed[-1] if replayed else time.perf_counter()) - began
    return {
        "events": applied,
        "ledger": size,
        "seconds": round(replay, 1),
        "events_per_second": round(applied / replay, 1),
        "with_cross_section_seconds": round(took, 1),
    }


def markdown(report: dict[str, Any]) -> str:
    scan_seconds = report["scan_seconds"]
    lines = [
        "# metrics-api at national scale",
        "",
        f"{report['settings']['clients']:,} job seekers over two years in the read model "
        f"({', '.join(f'{table} {count:,}' for table, count in report['rows'].items())} rows), one run "
        f"on {report['machine']['cpus']} cores shared with other work (the machine was loaded: ratios, not absolute "
        "times, are the figures to read). `uv run python bench/metrics_scale.py` (`make bench-metrics`).",
        "",
        f"Plain scan of the rows the indicators read: **{scan_seconds:.2f} s**.",
        "",
        "| indicator | period | scope | seconds | ratio to scan | status |",
        "|---|---|---|---:|---:|---:|",
    ]
    for key, figures in report["indicators"].items():
        code, period, scope = key.split("/")
        ratio = figures["seconds"] / scan_seconds if scan_seconds else 0
        lines.append(f"| {code} | {period} | {scope} | {figures['seconds']:.2f} | {ratio:.1f} | {figures['status']} |")
    lines += ["", "Through the gateway with wrk:", "", "| scenario | requests/s | p95 ms | ratio to bare | errors |"]
    lines.append("|---|---:|---:|---:|---:|")
    bare = report["wrk"]["bare"]["throughput_rps"] or 1
    for name, figures in report["wrk"].items():
        ratio = figures["throughput_rps"] / bare
        lines.append(
            f"| {name} | {figures['throughput_rps']} | {figures['p95_ms']} | {ratio:.3f} | "
            f"{figures['non_2xx'] + figures['socket_errors']} |"
        )
    rebuilt = report["rebuild"]
    lines += [
        "",
        f"Rebuild from the ledger: {rebuilt['events']:,} events in {rebuilt['seconds']} s, "
        f"**{rebuilt['events_per_second']} events/s** ({rebuilt['with_cross_section_seconds']} s with the "
        "cross-section built after them).",
        "",
        f"The stored cross-section built from the {report['settings']['clients']:,} job seekers' facts: "
        f"{report['cross_section_seconds']} s.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300_000)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rebuild-events", type=int, default=20_000)
    parser.add_argument("--indicators", default="", help="comma-separated codes; default every one fed by events")
    parser.add_argument("--output", default="metrics-scale", help="the name of the results' files")
    args = parser.parse_args()
    codes = [c for c in args.indicators.split(",") if c] or [c for c in CODES if c not in IMPORTED]

    wrk = ensure_wrk()
    var_dir = Path(tempfile.mkdtemp(prefix="polku-bench-"))
    stack = Stack(var_dir=var_dir, ports=Ports.free(), fast_database=True, settings=NO_RATE_LIMITS)
    stack.start()
    dsn = stack.database_url.replace("postgresql+asyncpg", "postgresql") + "metrics"
    report: dict[str, Any] = {"machine": machine(), "settings": vars(args)}
    try:

        def token() -> str:
            return subprocess.run(
                ["polku-identity", "token", "manager"], env=stack.env(), capture_output=True, text=True, check=True
            ).stdout.strip()

        seconds = asyncio.run(populate(dsn, args.clients))
        print(f"loaded {args.clients} clients ({seconds:.0f} s)", flush=True)
        report["load_seconds"] = round(seconds, 1)
        report["rows"] = asyncio.run(rows(dsn))
        report["cross_section_seconds"] = round(asyncio.run(build_cross_section(stack.database_url)), 1)
        print(f"cross-section built ({report['cross_section_seconds']} s)", flush=True)
        report["scan_seconds"] = round(asyncio.run(scan(dsn)), 3)
        print(f"scan: {report['scan_seconds']} s", flush=True)
        report["indicators"] = asyncio.run(indicators(stack.public_url, token, codes))
        auth = f'wrk.headers["Authorization"] = "Bearer {token()}"\n'
        figures_url = f"{stack.public_url}/api/metrics/v1/figures?indicator=activation_rate&from={LAST}&to={LAST}"
        report["wrk"] = {
            "bare": run_wrk(
                wrk, f"{stack.public_url}/api/metrics/healthz", "", duration=args.duration, connections=args.concurrency
            ),
            "activation_rate_1_month_lahti": run_wrk(
                wrk, figures_url + "&municipality=398", auth, duration=args.duration, connections=args.concurrency
            ),
            "unemployed_share_1_month_lahti": run_wrk(
                wrk,
                figures_url.replace("activation_rate", "unemployed_share_of_labour_force") + "&municipality=398",
                auth,
                duration=args.duration,
                connections=args.concurrency,
            ),
        }
        print(json.dumps(report["wrk"]), flush=True)
        report["rebuild"] = asyncio.run(rebuild_throughput(stack.database_url, args.rebuild_events))
        print(json.dumps(report["rebuild"]), flush=True)
    finally:
        stack.stop()
        shutil.rmtree(var_dir, ignore_errors=True)
    (RESULTS / f"{args.output}.json").write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS / f"{args.output}.md").write_text(markdown(report))
    print(markdown(report), file=sys.stdout)


if __name__ == "__main__":
    main()
