"""employer-api's matching at national scale, through the gateway with wrk, and how fast candidate profiles catch up
on clients-api's events.

Starts the whole stack on free ports with a throwaway database (rate limits off), then loads, with COPY and
``generate_series`` (no API calls, no ORM):

- clients-api: PROFILES clients (the demo employer-services worker's organisation, Lahti, holds AREA of them; the
  demo coach's caseload is the first 100), the rows of ``bench/clients_scale.py`` without their histories;
- employer-api: a candidate profile for each of them (occupations, competences, languages, licences,
  municipality, status, start of the unemployment, target groups), EMPLOYERS employers and VACANCIES published
  vacancies, Lahti's share of them in proportion to its share of the clients.

Measured with wrk, CONNECTIONS connections for DURATION seconds each, in one run:

- ``bare``: ``GET /api/employer/healthz``: no token, no database; every ratio is to this figure;
- ``candidates``: ``GET /api/employer/v1/vacancies/{id}/candidates?limit=20`` as the demo employer-services worker,
  over 50 of Lahti's vacancies in turn: the profiles narrowed and ranked in SQL, the page's best read back,
  clients-api asked which of them the worker reaches (all of them), the page explained, an audit record written;
- ``candidates_coach``: the same as the demo coach, whose caseload is 100 of Lahti's 12,000: the best 200 ranked
  and clients-api asked about them at once;
- ``vacancy_matches``: ``GET /api/employer/v1/clients/{id}/vacancy-matches?limit=20`` as the demo coach, over the
  coach's 100 clients in turn: clients-api asked whether the coach reaches the client, the published vacancies
  of the client's occupations read, each scored.

Then the catch-up: EVENTS ``fi.polku.client.assessment_updated.v1`` events written into clients-api's outbox in
one transaction (Lahti's clients), delivered by clients-api's real dispatcher as signed webhooks to employer-api's
``POST /v1/events`` (and, as in every stack, to metrics-api's read model, which takes every event), kept in
employer-api's inbox and taken in by its inbox worker by the batch: events per second from the commit until the
last of them is taken in (its profile changed), with the CPU per event of each process on the way.

And the query plans (``EXPLAIN (ANALYZE, BUFFERS)``) of both matching queries as employer-api builds them, with
the rows each read beside the number of profiles and vacancies.

With ``--profile DIR``, py-spy samples employer-api while each endpoint is loaded and for the first
PROFILE_SECONDS of the catch-up (raw stacks, read with ``bench/profile_top.py``).

    uv run python bench/employer_scale.py [--profiles 300000] [--area 12000] [--vacancies 50000] [--duration 8]
                                          [--profile DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import asyncpg
import profile_top
import psutil
from clients_scale import CLIENT_COLUMNS, LAHTI, client_rows, machine
from gateway_load import PY_SPY, THREADS, CpuMeter, cpu_seconds, ensure_wrk, lua_list, postgres_processes, run_wrk
from sqlalchemy.dialects.postgresql import asyncpg as asyncpg_dialect

from employer_api.matching import repository as matching
from employer_api.matching.service import SCORED, terms
from polku_classifications import isco08
from polku_dev.devstack import NO_RATE_LIMITS, Ports, Stack
from polku_kit import calendar
from polku_kit.pii import PersonalDataVault
from polku_kit.settings import DEVELOPMENT_PII_KEY

RESULTS = Path(__file__).parent / "results"
# The other organisations of bench/clients_scale.py (its clients past the area belong to these, in turn).
ORGANISATIONS = [uuid.UUID(int=LAHTI.int + 1000 + n) for n in range(44)]
MUNICIPALITIES = ["398", "098", "560", "016", "316", "081", "111", "142", "576", "781", "491", "097"]
ASSESSED = "fi.polku.client.assessment_updated.v1"
PROFILE_SECONDS = 20
# The page the screens ask for.
PAGE = 20
# An event is taken in when its inbox row is processed: kept at delivery, applied to the profile by the worker.
TAKEN_IN = "SELECT count(*) FROM inbox_event WHERE type = $1 AND status = 'processed'"
NOTE = (
    "The machine is shared: two cores, with other work running beside this bench, and wrk, the gateway, the "
    "services and PostgreSQL on the same cores. Absolute figures move from run to run; compare the ratios to the "
    "bare health check of the same run."
)

# A profile per client of clients-api, client n's id being uuid(int=n+1) as in bench/clients_scale.py.
PROFILES = """
INSERT INTO candidate_profile (client_id, organisation_id, occupations, minor_groups, competences, languages,
                               driving_licences, municipality, status, unemployed_since, target_groups,
                               registered_at, status_at, target_groups_at)
SELECT lpad(to_hex(n + 1), 32, '0')::uuid,
       CASE WHEN n < $3 THEN $4::uuid ELSE ($5::uuid[])[1 + n % 44] END,
       occupations, ARRAY(SELECT DISTINCT left(code, 3) FROM unnest(occupations) AS code ORDER BY 1),
       ARRAY[($6::text[])[1 + (n * 13) % $7]],
       CASE WHEN n % 4 = 0 THEN ARRAY['en', 'fi'] ELSE ARRAY['fi'] END,
       CASE WHEN n % 2 = 0 THEN ARRAY['B'] ELSE '{}' END,
       ($8::text[])[1 + n % 12],
       CASE n % 10 WHEN 8 THEN 'in_activating_service' WHEN 9 THEN 'employed' ELSE 'unemployed' END,
       current_date - n % 900,
       CASE n % 7 WHEN 0 THEN ARRAY['under_25', 'under_30'] WHEN 1 THEN ARRAY['immigrant_in_integration_period']
                  ELSE '{}' END,
       now(), now(), now()
FROM generate_series($1::integer, $2::integer) AS n,
     LATERAL (SELECT CASE WHEN n % 3 = 0
                          THEN ARRAY[($6::text[])[1 + (n * 7) % $7], ($6::text[])[1 + (n * 7 + 1) % $7]]
                          ELSE ARRAY[($6::text[])[1 + (n * 7) % $7]] END AS occupations) AS chosen
"""

EMPLOYERS = """
INSERT INTO employer (id, authority_id, business_id, name, industry_code, industry_main_class, size_class,
                      municipalities, contact_people, account_manager_subject, consents_to_contact, network_member,
                      created_by)
SELECT lpad(to_hex(1000000 + k), 32, '0')::uuid,
       CASE WHEN k < $2 THEN $3::uuid ELSE ($4::uuid[])[1 + k % 44] END,
       'bench-' || k, 'Yritys ' || k || ' Oy', '25620', 'C', NULL, ARRAY['398'], '[]'::jsonb, NULL, true, false,
       'bench'
FROM generate_series(0, $1::integer - 1) AS k
"""

# Lahti's vacancies are those of its employers (the first $3 employers are Lahti's; vacancy n < $2 is Lahti's).
VACANCIES = """
INSERT INTO vacancy (id, authority_id, employer_id, title_fi, description, occupation_code, occupation_minor_group,
                     municipality, remote, working_time, employment_type, at_least_two_weeks, application_deadline,
                     languages, driving_licences, other_licences, competences, supports, positions, status, source,
                     published_at, created_by)
SELECT lpad(to_hex(2000000 + n), 32, '0')::uuid, employer.authority_id, employer.id, 'Työ ' || n, 'Kuvaus',
       code, left(code, 3), ($6::text[])[1 + n % 12], n % 10 = 0, 'full_time', 'permanent', true,
       current_date + 1 + n % 60, ARRAY['fi'], CASE WHEN n % 3 = 0 THEN ARRAY['B'] ELSE '{}' END, '{}',
       ARRAY[($4::text[])[1 + (n * 5) % $5]], CASE WHEN n % 4 = 0 THEN ARRAY['pay_subsidy'] ELSE '{}' END, 1,
       'published', 'here', now(), 'bench'
FROM generate_series(0, $1::integer - 1) AS n,
     LATERAL (SELECT ($4::text[])[1 + (n * 11) % $5] AS code) AS chosen,
     LATERAL (SELECT id, authority_id FROM employer
              WHERE id = lpad(to_hex(1000000 + CASE WHEN n < $2 THEN n % $3 ELSE $3 + n % ($7 - $3) END), 32,
                              '0')::uuid) AS employer
"""

EVENTS = """
INSERT INTO outbox_event (id, source, type, subject, time, data, audience)
SELECT gen_random_uuid(), '/polku/clients-api', $1, 'clients/' || client_id, now(),
       jsonb_build_object('client_id', client_id, 'organisation_id', $2::uuid::text, 'version', 2,
                          'assessed_on', current_date, 'occupations', jsonb_build_array(($3::text[])[1 + n % $4]),
                          'competences', '[]'::jsonb,
                          'languages', jsonb_build_array(jsonb_build_object('language', 'fi', 'level', 'native')),
                          'driving_licences', jsonb_build_array('B')),
       ARRAY[$2::uuid]
FROM generate_series(0, $5::integer - 1) AS n,
     LATERAL (SELECT lpad(to_hex(n % $6 + 1), 32, '0')::uuid AS client_id) AS client
"""


def unit_groups() -> list[str]:
    """The ISCO-08 unit groups the classification names (4 digits)."""
    return sorted(code for code in isco08.occupations() if len(code) == 4)


async def load_clients(dsn: str, total: int, *, area: int, batch: int = 20000) -> float:
    """clients-api's clients, without histories: the reach check reads only the client table."""
    vault = PersonalDataVault(DEVELOPMENT_PII_KEY)
    today = calendar.today()
    began = time.perf_counter()
    connection = await asyncpg.connect(dsn)
    try:
        for offset in range(0, total, batch):
            rows = client_rows(offset, min(batch, total - offset), area=area, vault=vault, today=today)
            await connection.copy_records_to_table("client", records=rows, columns=CLIENT_COLUMNS)
        await connection.execute("ANALYZE client")
    finally:
        await connection.close()
    return time.perf_counter() - began


async def load_employer(dsn: str, *, profiles: int, area: int, vacancies: int, employers: int) -> dict[str, float]:
    codes = unit_groups()
    lahti_vacancies = vacancies * area // profiles
    lahti_employers = max(1, employers * area // profiles)
    connection = await asyncpg.connect(dsn)
    seconds: dict[str, float] = {}
    try:
        began = time.perf_counter()
        for first in range(0, profiles, 50000):
            last = min(profiles, first + 50000) - 1
            await connection.execute(
                PROFILES, first, last, area, LAHTI, ORGANISATIONS, codes, len(codes), MUNICIPALITIES
            )
        seconds["profiles"] = round(time.perf_counter() - began, 1)
        began = time.perf_counter()
        await connection.execute(EMPLOYERS, employers, lahti_employers, LAHTI, ORGANISATIONS)
        await connection.execute(
            VACANCIES, vacancies, lahti_vacancies, lahti_employers, codes, len(codes), MUNICIPALITIES, employers
        )
        seconds["employers_and_vacancies"] = round(time.perf_counter() - began, 1)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return seconds


async def counts(dsn: str, tables: list[str]) -> dict[str, int]:
    connection = await asyncpg.connect(dsn)
    try:
        return {table: await connection.fetchval(f"SELECT count(*) FROM {table}") for table in tables}  # noqa: S608
    finally:
        await connection.close()


async def sample_ids(dsn: str) -> tuple[list[str], list[str]]:
    """50 of Lahti's published vacancies, and the demo coach's 100 clients (ids 1–100, as clients_scale makes)."""
    connection = await asyncpg.connect(dsn)
    try:
        rows = await connection.fetch(
            "SELECT id FROM vacancy WHERE authority_id = $1 AND status = 'published' ORDER BY id LIMIT 50", LAHTI
        )
    finally:
        await connection.close()
    return [str(row["id"]) for row in rows], [str(uuid.UUID(int=n + 1)) for n in range(100)]


async def explain(dsn: str, statement: Any, values: dict[str, Any]) -> str:
    """``EXPLAIN (ANALYZE, BUFFERS)`` of a statement as employer-api runs it (compiled for asyncpg, its parameters
    bound by the server as in the service)."""
    compiled = statement.compile(dialect=asyncpg_dialect.dialect())
    params = [values[name] for name in (compiled.positiontup or [])]
    connection = await asyncpg.connect(dsn)
    try:
        await connection.fetch(str(compiled), *params)  # warm the cache as the service's requests have
        rows = await connection.fetch("EXPLAIN (ANALYZE, BUFFERS) " + str(compiled), *params)
    finally:
        await connection.close()
    return "\n".join(row[0] for row in rows)


async def plans(dsn: str, vacancy_id: str, client_id: str, *, limit: int) -> dict[str, str]:
    """The plans of the first page of candidates for a vacancy (what employer services read), and of a client's
    vacancies."""
    connection = await asyncpg.connect(dsn)
    try:
        vacancy = await connection.fetchrow(
            f"SELECT authority_id, {matching.VACANCY_COLUMNS} FROM vacancy WHERE id = $1",  # noqa: S608
            uuid.UUID(vacancy_id),
        )
        profile = await connection.fetchrow(
            "SELECT organisation_id, occupations, minor_groups FROM candidate_profile WHERE client_id = $1",
            uuid.UUID(client_id),
        )
    finally:
        await connection.close()
    found = SimpleNamespace(**dict(vacancy))
    ranking = matching.ranking(terms(found), organisation_id=found.authority_id, today=calendar.today())
    return {
        "candidates": await explain(dsn, ranking.statement, {**ranking.parameters, "offset": 0, "limit": limit}),
        "vacancy_matches": await explain(
            dsn,
            matching.VACANCIES,
            {
                "authority_id": profile["organisation_id"],
                "occupations": list(profile["occupations"]),
                "minor_groups": list(profile["minor_groups"]),
                "limit": SCORED,
            },
        ),
    }


async def catch_up(clients_dsn: str, employer_dsn: str, *, events: int, area: int, within: float) -> dict[str, Any]:
    """EVENTS assessment events of Lahti's clients written in one transaction; seconds from the commit until
    employer-api has taken them all in: its inbox holds them processed, the profiles changed (polled every
    0.2 s)."""
    codes = unit_groups()
    clients = await asyncpg.connect(clients_dsn)
    employer = await asyncpg.connect(employer_dsn)
    try:
        before = await employer.fetchval(TAKEN_IN, ASSESSED)
        async with clients.transaction():
            await clients.execute(EVENTS, ASSESSED, LAHTI, codes, len(codes), events, area)
        committed = time.perf_counter()
        taken = 0
        while time.perf_counter() - committed < within:
            taken = await employer.fetchval(TAKEN_IN, ASSESSED) - before
            if taken >= events:
                break
            await asyncio.sleep(0.2)
        seconds = time.perf_counter() - committed
        updated = await employer.fetchval(
            "SELECT count(*) FROM candidate_profile WHERE organisation_id = $1 AND assessment_at IS NOT NULL", LAHTI
        )
        # Each transaction has one now(): the events a worker's transaction took in share their processed_at.
        batches = await employer.fetchval(
            "SELECT count(DISTINCT processed_at) FROM inbox_event WHERE type = $1 AND status = 'processed'", ASSESSED
        )
    finally:
        await clients.close()
        await employer.close()
    return {
        "events": events,
        "taken_in": taken,
        "seconds": round(seconds, 1),
        "events_per_second": round(taken / seconds, 1),
        "complete": taken >= events,
        "profiles_updated": updated,
        "worker_transactions": batches,
        "events_per_worker_transaction": round(taken / max(1, batches), 1),
    }


ROTATE = """
local paths = {{ {paths} }}
local i = 0
setup = function(thread) thread:set("start", _G.thread_index or 0); _G.thread_index = (_G.thread_index or 0) + 1 end
init = function(args) i = start * 7 end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], {{["Authorization"] = "Bearer {token}"}})
end
"""


# The processes the catch-up runs through: the sender's dispatcher, employer-api (and its inbox worker), the other
# receiver of every event, PostgreSQL.
CATCH_UP_PROCESSES = ("clients-dispatch", "employer", "employer-dispatch", "metrics")


class CatchUpCpu:
    """Milliseconds of CPU per event of each process of the catch-up, from their own CPU time."""

    def __init__(self, stack: Stack):
        ids = stack.process_ids()
        self.port = stack.ports.postgres
        self.groups = {name: {ids[name]: psutil.Process(ids[name])} for name in CATCH_UP_PROCESSES}
        self.groups["postgres"] = postgres_processes(self.port)
        self.started = {name: cpu_seconds(group) for name, group in self.groups.items()}

    def per_event(self, events: int) -> dict[str, float]:
        self.groups["postgres"] = postgres_processes(self.port) | self.groups["postgres"]
        figures = {}
        for name, group in self.groups.items():
            spent = sum(seconds - self.started[name].get(pid, 0.0) for pid, seconds in cpu_seconds(group).items())
            figures[name] = round(1000 * spent / max(1, events), 3)
        return figures


def request_meter(stack: Stack) -> CpuMeter:
    """CPU per request of employer-api, the gateway and PostgreSQL, and of clients-api, which answers employer-api's
    reach question on every matching request."""
    measuring = CpuMeter(stack, "employer")
    pid = stack.process_ids()["clients"]
    measuring.groups["clients"] = {pid: psutil.Process(pid)}
    measuring.started["clients"] = cpu_seconds(measuring.groups["clients"])
    return measuring


def profiler(stack: Stack, folder: Path | None, name: str, seconds: float) -> subprocess.Popen[bytes] | None:
    """py-spy sampling employer-api for ``seconds`` (raw stacks in ``folder/name.txt``), when asked for."""
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    pid = stack.process_ids()["employer"]
    return subprocess.Popen(
        [*PY_SPY, "--pid", str(pid), "--duration", f"{seconds:g}", "-o", str(folder / f"{name}.txt")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


# Frames that only wrap every request (the server, the middlewares): left out of the top costs.
WRAPPERS = ("service_cli", "Middleware.__call__", "receive_event", "vacancy_candidates", "client_vacancy_matches")


def top_costs(profile: Path, top: int = 10) -> list[tuple[float, str]]:
    """The functions of employer-api and the kit with the most samples on the stack (inclusive, % of all), then
    the library functions with the most samples of their own: where a request's time goes."""
    own, inclusive, total = profile_top.counts(profile)
    ours = [
        (frame, samples)
        for frame, samples in inclusive.most_common()
        if ("employer_api/" in frame or "polku_kit/" in frame) and not any(w in frame for w in WRAPPERS)
    ][:top]
    theirs = [(frame, samples) for frame, samples in own.most_common() if "employer_api/" not in frame][: top // 2]
    return [(round(100 * samples / total, 1), frame) for frame, samples in ours + theirs]


def token(stack: Stack, name: str) -> str:
    return subprocess.run(
        ["polku-identity", "token", name], env=stack.env(), capture_output=True, text=True, check=True
    ).stdout.strip()


def rows_of(plan: str) -> str:
    """The plan's first line (its total) for the summary."""
    return plan.splitlines()[0].strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=300_000)
    parser.add_argument("--area", type=int, default=12_000)
    parser.add_argument("--vacancies", type=int, default=50_000)
    parser.add_argument("--employers", type=int, default=5_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--duration", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--catch-up-timeout", type=float, default=300.0)
    parser.add_argument("--profile", type=Path, help="a folder: py-spy samples employer-api (raw stacks)")
    parser.add_argument("--before", type=Path, help="an earlier run's JSON, shown beside this one")
    args = parser.parse_args()
    wrk = ensure_wrk()

    var_dir = Path(tempfile.mkdtemp(prefix="polku-bench-"))
    stack = Stack(var_dir=var_dir, ports=Ports.free(), fast_database=True, settings=NO_RATE_LIMITS)
    stack.start()
    server = stack.database_url.replace("postgresql+asyncpg", "postgresql")
    clients_dsn, employer_dsn = server + "clients", server + "employer"
    report: dict[str, Any] = {"machine": machine(), "settings": vars(args), "day": calendar.today().isoformat()}
    try:
        loaded = {"clients": round(asyncio.run(load_clients(clients_dsn, args.profiles, area=args.area)), 1)}
        loaded.update(
            asyncio.run(
                load_employer(
                    employer_dsn,
                    profiles=args.profiles,
                    area=args.area,
                    vacancies=args.vacancies,
                    employers=args.employers,
                )
            )
        )
        report["load_seconds"] = loaded
        report["rows"] = asyncio.run(counts(employer_dsn, ["candidate_profile", "employer", "vacancy"]))
        print("loaded", loaded, report["rows"], flush=True)
        vacancy_ids, client_ids = asyncio.run(sample_ids(employer_dsn))
        report["plans"] = asyncio.run(plans(employer_dsn, vacancy_ids[0], client_ids[0], limit=PAGE))
        for name, plan in report["plans"].items():
            print(name, "\n", plan, flush=True)

        base = stack.public_url
        employer_services, coach = token(stack, "employer"), token(stack, "coach")
        candidate_paths = [f"/api/employer/v1/vacancies/{v}/candidates?limit={PAGE}" for v in vacancy_ids]
        scenarios = {
            "bare": ("GET /api/employer/healthz: no token, no database", f"{base}/api/employer/healthz", ""),
            "candidates": (
                f"GET /api/employer/v1/vacancies/{{id}}/candidates?limit={PAGE} (employer services, 50 vacancies in "
                "turn)",
                f"{base}/",
                ROTATE.format(paths=lua_list(candidate_paths), token=employer_services),
            ),
            "candidates_coach": (
                f"GET /api/employer/v1/vacancies/{{id}}/candidates?limit={PAGE} (the coach, whose caseload is 100 of "
                "the 12,000: clients-api asked about the best 200; 50 vacancies in turn)",
                f"{base}/",
                ROTATE.format(paths=lua_list(candidate_paths), token=coach),
            ),
            "vacancy_matches": (
                f"GET /api/employer/v1/clients/{{id}}/vacancy-matches?limit={PAGE} (the coach, 100 clients in turn)",
                f"{base}/",
                ROTATE.format(
                    paths=lua_list([f"/api/employer/v1/clients/{c}/vacancy-matches?limit={PAGE}" for c in client_ids]),
                    token=coach,
                ),
            ),
        }
        results: dict[str, dict[str, Any]] = {}
        for name, (description, url, script) in scenarios.items():
            sampling = profiler(stack, args.profile, name, args.duration + 1)
            results[name] = {"endpoint": description}
            results[name].update(
                run_wrk(
                    wrk,
                    url,
                    script,
                    duration=args.duration,
                    connections=args.connections,
                    meter=lambda: request_meter(stack),
                )
            )
            if sampling is not None:
                sampling.wait(timeout=60)
            print(name, results[name], flush=True)
        report["endpoints"] = results
        sampling = profiler(stack, args.profile, "catch_up", PROFILE_SECONDS)
        meter = CatchUpCpu(stack)
        report["catch_up"] = asyncio.run(
            catch_up(clients_dsn, employer_dsn, events=args.events, area=args.area, within=args.catch_up_timeout)
        )
        report["catch_up"]["cpu_ms_per_event"] = meter.per_event(report["catch_up"]["taken_in"])
        if sampling is not None:
            sampling.wait(timeout=60)
        report["load_average"] = [round(value, 2) for value in os.getloadavg()]
        print("catch-up", report["catch_up"], flush=True)
    finally:
        stack.stop()
        shutil.rmtree(var_dir, ignore_errors=True)

    bare = results["bare"]
    for row in results.values():
        row["ratio_to_bare_rps"] = round(row["throughput_rps"] / bare["throughput_rps"], 3)
        row["ratio_to_bare_p95"] = round(row["p95_ms"] / bare["p95_ms"], 2)
    if args.profile is not None:
        report["top_costs"] = {
            name: top_costs(args.profile / f"{name}.txt")
            for name in ("candidates", "candidates_coach", "vacancy_matches", "catch_up")
            if (args.profile / f"{name}.txt").exists()
        }
    if args.before is not None:
        report["before"] = json.loads(args.before.read_text())
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "employer-scale.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    write_markdown(report, args)


def before_and_after(report: dict[str, Any]) -> list[str]:
    """An earlier run (``--before``) beside this one: requests/s, ratio to bare, p95, CPU, catch-up events/s."""
    before = report.get("before")
    if before is None:
        return []
    lines = [
        "",
        "### Before and after",
        "",
        "| figure | before | after |",
        "|---|---:|---:|",
    ]
    for name in [name for name in report["endpoints"] if name in before["endpoints"]]:
        old, new = before["endpoints"][name], report["endpoints"][name]
        for key, label in (
            ("throughput_rps", "requests/s"),
            ("ratio_to_bare_rps", "ratio to bare"),
            ("p95_ms", "p95 ms"),
            ("service_cpu_ms", "employer-api CPU ms per request"),
            ("clients_cpu_ms", "clients-api CPU ms per request"),
            ("postgres_cpu_ms", "PostgreSQL CPU ms per request"),
        ):
            lines.append(f"| {name}: {label} | {old.get(key, '')} | {new.get(key, '')} |")
    lines.append(
        f"| catch-up: events/s | {before['catch_up']['events_per_second']} | "
        f"{report['catch_up']['events_per_second']} |"
    )
    lines.append(
        f"| catch-up: events per worker transaction | {before['catch_up'].get('events_per_worker_transaction', '')} "
        f"| {report['catch_up'].get('events_per_worker_transaction', '')} |"
    )
    lines.append(
        f"| load average (1, 5, 15 min) | {before.get('load_average', '')} | {report.get('load_average', '')} |"
    )
    for name, costs in before.get("top_costs", {}).items():
        lines += [
            "",
            f"Top costs before, {name}:",
            "",
            "| % | function |",
            "|---:|---|",
            *[f"| {share} | `{frame}` |" for share, frame in costs],
        ]
    return lines


def write_markdown(report: dict[str, Any], args: argparse.Namespace) -> None:
    rows, up = report["rows"], report["catch_up"]
    lines = [
        "# employer-api's matching at national scale",
        "",
        f"{rows['candidate_profile']:,} candidate profiles ({args.area:,} of them the demo organisation's), "
        f"{rows['vacancy']:,} published vacancies of {rows['employer']:,} employers; clients-api holds the same "
        f"{args.profiles:,} clients. wrk with {args.connections} connections ({THREADS} threads), "
        f"{args.duration:g} s per endpoint, through Caddy. Loaded with COPY and generate_series in "
        + ", ".join(f"{name} {seconds} s" for name, seconds in report["load_seconds"].items())
        + ".",
        "",
        NOTE,
        "",
        f"Load average at the end of the run: {', '.join(str(v) for v in report.get('load_average', []))}.",
        "",
        "| scenario | endpoint | requests/s | ratio to bare | p50 ms | p95 ms | p95 ÷ bare | employer-api CPU ms "
        "per request | clients-api CPU ms per request | PostgreSQL CPU ms per request | non-2xx | socket errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in report["endpoints"].items():
        lines.append(
            f"| {name} | {row['endpoint']} | {row['throughput_rps']:,} | {row['ratio_to_bare_rps']} | {row['p50_ms']} "
            f"| {row['p95_ms']} | {row['ratio_to_bare_p95']} | {row.get('service_cpu_ms', '')} "
            f"| {row.get('clients_cpu_ms', '')} | {row.get('postgres_cpu_ms', '')} | {row['non_2xx']} "
            f"| {row['socket_errors']} |"
        )
    lines += before_and_after(report)
    lines += [
        "",
        "## Candidate profiles catching up on clients-api's events",
        "",
        f"{up['events']:,} `fi.polku.client.assessment_updated.v1` events written into clients-api's outbox in one "
        f"transaction, delivered by clients-api's dispatcher as signed webhooks (to employer-api's `/v1/events`, and "
        f"to metrics-api's, which takes every event): {up['taken_in']:,} taken in by employer-api in "
        f"{up['seconds']} s, **{up['events_per_second']} events/s**"
        + ("" if up["complete"] else " (not all within the time allowed)")
        + f"; {up['profiles_updated']:,} of the organisation's profiles now hold an assessment. The inbox worker "
        f"took them in with {up['worker_transactions']:,} transactions "
        f"({up['events_per_worker_transaction']} events each on average).",
        "",
    ]
    if "cpu_ms_per_event" in up:
        lines += [
            "CPU per event taken in, by process (ms): "
            + ", ".join(f"{name} {ms}" for name, ms in up["cpu_ms_per_event"].items())
            + ".",
            "",
        ]
    for name, costs in report.get("top_costs", {}).items():
        lines += [
            f"Top costs of employer-api, {name} (py-spy, % of samples: our functions inclusive, then the libraries' "
            "own time):",
            "",
            "| % | function |",
            "|---:|---|",
            *[f"| {share} | `{frame}` |" for share, frame in costs],
            "",
        ]
    lines += [
        "## Query plans",
        "",
        f"Neither query reads every profile or every vacancy: the plans below read the rows the indexes give "
        f"(compare `rows` and `Buffers` with the {rows['candidate_profile']:,} profiles and {rows['vacancy']:,} "
        "vacancies). Each is the statement employer-api runs (`employer_api.matching.repository.ranking`, the first "
        f"page of {PAGE} as employer services read it, and `employer_api.matching.repository.VACANCIES`), for one of "
        "the demo organisation's vacancies and one of the demo coach's clients.",
        "",
    ]
    for name, plan in report["plans"].items():
        lines += [f"### {name}", "", "```", plan, "```", ""]
    (RESULTS / "employer-scale.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
