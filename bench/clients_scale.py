"""clients-api at the scale of one employment area and of the whole country, measured through the gateway.

Starts the whole stack on free ports with a throwaway database, loads a synthetic employment area of
AREA clients (the demo coach's organisation: coaches of 100 clients each, the demo coach among them), measures,
then adds clients of other organisations up to TOTAL and measures again. Each client has two years of history:
job-search periods (one to three, under the Nordic model's rules and 2026's), status changes, interviews on the
statutory schedule, activating-service episodes (two to four), plan versions, consents and the timeline of it all.
Client rows are written with COPY, their histories by INSERT … SELECT with generate_series in PostgreSQL. After
each load the statutory deadlines of the new clients are computed and stored as the daily job does
(``refresh_seconds``: how long that took).

Measured with ``wrk`` (bench/gateway_load.py's helpers: CONNECTIONS connections, DURATION seconds each, requests/s,
p50/p95/p99, non-2xx, socket errors, CPU ms per request), at each scale, beside the bare health check of the same
scale:

- ``bare``: ``GET /api/clients/healthz``, no token and no database: every ratio is to this;
- ``search_name``: ``GET /v1/clients?name=…`` (first page of 20);
- ``search_code``: ``POST /v1/clients/search`` with the code in the body (found through the keyed hash);
- ``due_list``: ``GET /v1/due-list`` (the coach's 100 clients);
- ``client_page``: the requests the SPA's client page makes on opening (``CLIENT_PAGE``), in turn, over the
  coach's 100 clients; then each of them alone (``client_page clients/{id}/timeline`` …), over the same clients,
  to find which of them carries a change;
- ``caseload_balance``: ``GET /v1/caseloads`` as the demo authority's manager (caseload size, overdue deadlines
  and plan debt per coach and team);
- ``save_plan``: ``PUT /v1/clients/{id}/plan`` with ``If-Match``, 32 clients in turn.

The figures to watch are each endpoint's ratios to bare at TOTAL against the same at AREA (requests/s, and p95
latency: the endpoint's p95 divided by bare's): a read that depends only on the caseload or the organisation must
not slow down when the rest of the country's clients arrive. Last, the statements behind each endpoint at TOTAL
with their plans (bench/plans.py).

A freshly loaded database is not one in service, and the bench measures one in service: the data is loaded with
only PostgreSQL running, the history's overdue deadlines are recorded as announced when they fell due (else the
announcer's first run sends two years of them at once, and the dispatchers and metrics-api deliver them through the
whole measurement), the database is vacuumed and analysed (hint bits, the visibility map, statistics: what
autovacuum would otherwise do under wrk), then the rest of the stack starts and measuring waits until PostgreSQL is
quiet. Its CPU with no request is reported beside the figures (``idle_postgres_cpu_ms_per_s``).

Loading 300,000 clients takes many minutes. ``--keep DIR`` keeps the database of each scale, as loaded and
vacuumed and before any request, in ``DIR/<clients>/`` (the stack stops for the copy); ``--reuse DIR`` measures on
copies of those instead of loading (the branch's migrations are applied when the stack starts, so a new index is
measured on the same rows). ``--only`` measures some endpoints (beside bare) while iterating.

    uv run python bench/clients_scale.py [--area 12000] [--total 300000] [--duration 8] [--connections 16]
        [--keep DIR | --reuse DIR] [--only due_list,caseload_balance]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import psutil
from gateway_load import (
    GET,
    PLAN,
    PLAN_SAVE,
    ROTATE,
    THREADS,
    CpuMeter,
    cpu_seconds,
    ensure_wrk,
    lua_list,
    postgres_processes,
    run_wrk,
    settle,
)
from plans import AUTO_EXPLAIN, LARGE, capture, markdown, table_rows
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from clients_api.client.service import IDENTITY_CONTEXT
from clients_api.schedule.service import refresh_all
from polku_dev.devstack import NO_RATE_LIMITS, Ports, Stack
from polku_kit import calendar
from polku_kit.pii import PersonalDataVault
from polku_kit.settings import DEVELOPMENT_PII_KEY

RESULTS = Path(__file__).parent / "results"
LAHTI = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000001")
DEMO_COACH = "5e0f2a4c-1d2b-4a7e-8c3f-000000000001"
CASELOAD = 100
ALPHABET = "0123456789ABCDEFHJKLMNPRSTUVWXY"
FIRST = [
    "Aino",
    "Eino",
    "Helmi",
    "Väinö",
    "Sofia",
    "Elias",
    "Olivia",
    "Leo",
    "Aada",
    "Onni",
    "Emma",
    "Juho",
    "Ella",
    "Oliver",
    "Venla",
    "Eetu",
    "Lilja",
    "Niilo",
    "Iida",
    "Toivo",
    "Matti",
    "Liisa",
    "Ahmed",
    "Fatima",
]
LAST = [
    "Korhonen",
    "Virtanen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Lehtinen",
    "Saarinen",
    "Salminen",
    "Heinonen",
    "Niemi",
    "Heikkilä",
    "Kinnunen",
    "Salonen",
    "Turunen",
    "Salo",
    "Laitinen",
    "Tuominen",
    "Rantanen",
    "Karjalainen",
    "Jokinen",
    "Mattila",
]
MUNICIPALITIES = ["398", "098", "560", "016", "316", "081", "111", "142", "576", "781", "491", "097"]
STATUSES = ["unemployed"] * 8 + ["in_activating_service", "employed"]


def identity_code(birth: date, individual: int) -> str:
    sign = "-" if birth.year < 2000 else "A"
    digits = f"{birth:%d%m%y}{individual:03d}"
    return f"{birth:%d%m%y}{sign}{individual:03d}{ALPHABET[int(digits) % 31]}"


def person(number: int) -> tuple[date, int]:
    """A birth date and individual number that no other ``number`` gets (so every code is unique)."""
    return date(1960, 1, 1) + timedelta(days=number % 16800), 2 + number // 16800


def client_rows(start: int, count: int, *, area: int, vault: PersonalDataVault, today: date) -> list[tuple[Any, ...]]:
    rng = random.Random(start)
    organisations = [uuid.UUID(int=LAHTI.int + 1000 + n) for n in range(44)]
    rows = []
    now = datetime.now(UTC)
    for number in range(start, start + count):
        birth, individual = person(number)
        code = identity_code(birth, individual)
        if number < area:
            organisation, coach = LAHTI, DEMO_COACH if number < CASELOAD else f"coach-area-{number // CASELOAD}"
        else:
            organisation = organisations[number % len(organisations)]
            coach = f"coach-{organisation.int % 1000}-{number // CASELOAD}"
        started = today - timedelta(days=rng.randint(0, 900))
        rows.append(
            (
                uuid.UUID(int=number + 1),
                organisation,
                vault.lookup_hash(code),
                vault.encrypt(code, context=IDENTITY_CONTEXT),
                birth,
                rng.choice(FIRST),
                rng.choice(LAST),
                None,
                None,
                rng.choice(MUNICIPALITIES),
                ["fi"],
                started,
                rng.choice(STATUSES),
                coach,
                1,
                now,
                now,
            )
        )
    return rows


CLIENT_COLUMNS = [
    "id",
    "organisation_id",
    "identity_code_hash",
    "identity_code_encrypted",
    "birth_date",
    "first_names",
    "last_name",
    "email",
    "phone",
    "home_municipality",
    "languages",
    "job_search_started_on",
    "status",
    "coach_subject",
    "version",
    "created_at",
    "updated_at",
]

HISTORY = """
-- Every client registered on the day their search began; some moved on since.
INSERT INTO client_status_change (id, client_id, status, changed_on, reason, changed_by)
SELECT gen_random_uuid(), id, 'unemployed', job_search_started_on, 'registered', coach_subject
FROM client WHERE id = ANY($1::uuid[]);
INSERT INTO client_status_change (id, client_id, status, changed_on, reason, changed_by)
SELECT gen_random_uuid(), id, status, job_search_started_on + 30, 'status changed', coach_subject
FROM client WHERE id = ANY($1::uuid[]) AND status <> 'unemployed';
-- The initial interview a week in, then one every three months.
INSERT INTO interview (id, client_id, held_on, channel, notes, recorded_by)
SELECT gen_random_uuid(), id, job_search_started_on + 7 + 90 * n, 'in_person', 'Keskusteltu työnhausta', coach_subject
FROM client, generate_series(0, 9) AS n
WHERE id = ANY($1::uuid[]) AND job_search_started_on + 7 + 90 * n < current_date;
-- Plan versions: one at the start, a revision at every half year.
INSERT INTO plan_version (id, client_id, version, plan_type, goals, tasks, applications_per_period, period_months,
                          next_review_on, created_by)
SELECT gen_random_uuid(), id, n + 1, 'employment', '["Työ logistiikka-alalta"]'::jsonb,
       '[{"description": "Trukkikortti", "due_on": "2027-01-31"}]'::jsonb, 4, 1,
       job_search_started_on + 180 * (n + 1), coach_subject
FROM client, generate_series(0, 4) AS n
WHERE id = ANY($1::uuid[]) AND job_search_started_on + 180 * n <= current_date;
INSERT INTO consent (id, client_id, recipient_organisation_id, categories, purpose, valid_from, valid_until,
                     recorded_by)
SELECT gen_random_uuid(), id, '0b0c8f6e-6f1a-4c36-9d55-000000000002', ARRAY['contact_details', 'assessment'],
       'Työkykyarvio', job_search_started_on + 20, job_search_started_on + 400, coach_subject
FROM client WHERE id = ANY($1::uuid[]) AND random() < 0.3;
-- Job-search periods: the current one began on job_search_started_on (ended by the job for the employed); before it
-- none, one or two earlier ones of 150 days, 270 or 400 days apart, so that a later period holds a new initial
-- interview only after six months without one. They fall under both rule sets (the Nordic model until 2025, 2026's).
INSERT INTO job_search_period (id, client_id, started_on, initial_interview, ended_on, end_reason, started_by,
                               ended_by, version)
SELECT gen_random_uuid(), c.id, c.job_search_started_on - p.cycle * n, n = p.earlier OR p.cycle - 150 >= 183,
       CASE WHEN n > 0 THEN c.job_search_started_on - p.cycle * n + 150
            WHEN c.status = 'employed' THEN LEAST(c.job_search_started_on + 30, current_date) END,
       CASE WHEN n > 0 THEN (ARRAY['employed', 'in_education', 'moved'])[1 + n % 3]
            WHEN c.status = 'employed' THEN 'employed' END,
       c.coach_subject, CASE WHEN n > 0 OR c.status = 'employed' THEN c.coach_subject END, 1
FROM client AS c
CROSS JOIN LATERAL (SELECT get_byte(uuid_send(c.id), 15) % 3 AS earlier,
                           CASE WHEN get_byte(uuid_send(c.id), 14) % 2 = 0 THEN 270 ELSE 400 END AS cycle) AS p
CROSS JOIN LATERAL generate_series(0, p.earlier) AS n
WHERE c.id = ANY($1::uuid[]);
-- The interviews of the earlier periods.
INSERT INTO interview (id, client_id, held_on, channel, notes, recorded_by)
SELECT gen_random_uuid(), p.client_id, p.started_on + 7 + 90 * n, 'phone', 'Keskusteltu työnhausta', p.started_by
FROM job_search_period AS p, generate_series(0, 1) AS n
WHERE p.client_id = ANY($1::uuid[]) AND p.ended_on IS NOT NULL AND p.started_on + 7 + 90 * n < p.ended_on
  AND p.ended_on < current_date;
-- Activating-service episodes: two to four over the two years, of every type in turn, the last maybe ongoing.
INSERT INTO service_episode (id, client_id, organisation_id, type, starts_on, ends_on, provider_name, origin,
                             recorded_by, version)
SELECT gen_random_uuid(), c.id, c.organisation_id,
       (ARRAY['pay_subsidised_work', 'work_trial', 'labour_market_training', 'coaching', 'self_motivated_study',
              'rehabilitative_work_activity', 'job_alternation_substitute', 'start_up_grant'])
           [1 + (get_byte(uuid_send(c.id), 15) + m) % 8],
       current_date - 700 + 200 * m + get_byte(uuid_send(c.id), 15) % 60,
       NULLIF(LEAST(current_date - 700 + 200 * m + get_byte(uuid_send(c.id), 15) % 60 + 120, current_date + 1),
              current_date + 1),
       'Palveluntuottaja ' || (1 + m), 'coach', c.coach_subject, 1
FROM client AS c, generate_series(0, 3) AS m
WHERE c.id = ANY($1::uuid[]) AND m <= 1 + get_byte(uuid_send(c.id), 15) % 3;
-- The timeline of all of it.
INSERT INTO timeline_entry (id, client_id, event_id, source, type, occurred_at, actor_subject, data)
SELECT gen_random_uuid(), client_id, gen_random_uuid()::text, '/polku/clients-api', 'fi.polku.client.interview_held.v1',
       held_on::timestamptz, recorded_by, jsonb_build_object('client_id', client_id, 'held_on', held_on)
FROM interview WHERE client_id = ANY($1::uuid[]);
INSERT INTO timeline_entry (id, client_id, event_id, source, type, occurred_at, actor_subject, data)
SELECT gen_random_uuid(), client_id, gen_random_uuid()::text, '/polku/clients-api',
       'fi.polku.client.status_changed.v1', changed_on::timestamptz, changed_by,
       jsonb_build_object('client_id', client_id, 'status', status)
FROM client_status_change WHERE client_id = ANY($1::uuid[]);
"""


async def populate(dsn: str, start: int, count: int, *, area: int, batch: int = 20000) -> float:
    vault = PersonalDataVault(DEVELOPMENT_PII_KEY)
    today = calendar.today()
    began = time.perf_counter()
    connection = await asyncpg.connect(dsn)
    try:
        for offset in range(start, start + count, batch):
            size = min(batch, start + count - offset)
            rows = client_rows(offset, size, area=area, vault=vault, today=today)
            async with connection.transaction():
                await connection.copy_records_to_table("client", records=rows, columns=CLIENT_COLUMNS)
                ids = [row[0] for row in rows]
                for statement in HISTORY.split(";\n"):
                    if statement.strip():
                        await connection.execute(statement, ids)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return time.perf_counter() - began


async def refresh_deadlines(url: str) -> float:
    """Compute and store the deadlines of every client loaded since the last call (the daily job's first step)."""
    engine = create_async_engine(url)
    began = time.perf_counter()
    try:
        await refresh_all(async_sessionmaker(engine, expire_on_commit=False), batch=1000)
        async with engine.begin() as connection:
            await connection.exec_driver_sql("ANALYZE client")
            await connection.exec_driver_sql("ANALYZE client_deadline")
    finally:
        await engine.dispose()
    return time.perf_counter() - began


async def table_sizes(dsn: str) -> dict[str, int]:
    connection = await asyncpg.connect(dsn)
    try:
        tables = [
            "client",
            "client_status_change",
            "interview",
            "plan_version",
            "consent",
            "timeline_entry",
            "client_deadline",
            "job_search_period",
            "service_episode",
        ]
        return {
            table: await connection.fetchval(f"SELECT count(*) FROM {table}")  # noqa: S608
            for table in tables
        }
    finally:
        await connection.close()


def machine() -> dict[str, Any]:
    return {
        "cpus": psutil.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


# The requests the SPA's client page makes on opening (its default tab, the schedule): the client, the status history,
# the workspace's highlights (the timeline's first page, the schedule, meetings, plan and consents), the schedule
# tab's interviews, and the client's referrals (referrals-api).
CLIENT_PAGE = [
    "/api/clients/v1/clients/{id}",
    "/api/clients/v1/clients/{id}/status-history",
    "/api/clients/v1/clients/{id}/timeline?limit=20",
    "/api/clients/v1/clients/{id}/schedule",
    "/api/clients/v1/clients/{id}/meetings",
    "/api/clients/v1/clients/{id}/plan",
    "/api/clients/v1/clients/{id}/consents",
    "/api/clients/v1/clients/{id}/interviews",
    "/api/referrals/v1/referrals?client_id={id}&limit=50",
]


def part(path: str) -> str:
    """The name of one of the client page's requests measured alone: ``client_page clients/{id}/timeline``."""
    return "client_page " + path.split("/v1/", 1)[1].split("?")[0]


POST_JSON = """
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer {token}"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{body}'
"""
SAVED_PLANS = 32


def token(stack: Stack, name: str) -> str:
    return subprocess.run(
        ["polku-identity", "token", name], env=stack.env(), capture_output=True, text=True, check=True
    ).stdout.strip()


def scenarios(stack: Stack, tokens: dict[str, str]) -> dict[str, tuple[str, str, str, int]]:
    """name → (description, URL, wrk script, connections if not the default), as the demo coach (the balance:
    the demo authority's manager)."""
    base, coach = stack.public_url, tokens["coach"]
    api = f"{base}/api/clients/v1"
    clients = [str(uuid.UUID(int=number + 1)) for number in range(CASELOAD)]  # the demo coach's synthetic ones
    code = identity_code(*person(CASELOAD // 2))
    versions = []
    with httpx.Client(timeout=60, headers={"Authorization": f"Bearer {coach}"}) as http:
        for client in clients[:SAVED_PLANS]:
            for attempt in range(5):  # a loaded machine: the service may still be catching up
                plan = http.get(f"{api}/clients/{client}/plan")
                if plan.status_code == 200:
                    break
                time.sleep(2 * (attempt + 1))
            if plan.status_code != 200:
                raise SystemExit(f"reading the plan of {client}: {plan.status_code} {plan.text[:300]}")
            versions.append(plan.json()["version"])
    page = [path.format(id=client) for client in clients for path in CLIENT_PAGE]
    return {
        "bare": ("GET /api/clients/healthz: no token, no database", f"{base}/api/clients/healthz", "", 0),
        "search_name": (
            "GET /v1/clients?name=Heikki&limit=20",
            f"{api}/clients?name=Heikki&limit=20",
            GET.format(token=coach),
            0,
        ),
        "search_code": (
            "POST /v1/clients/search with a personal identity code (the keyed hash)",
            f"{api}/clients/search",
            POST_JSON.format(token=coach, body=json.dumps({"personal_identity_code": code})),
            0,
        ),
        "due_list": (
            "GET /v1/due-list: the coach's statutory deadlines",
            f"{api}/due-list",
            GET.format(token=coach),
            0,
        ),
        "client_page": (
            f"the client page's {len(CLIENT_PAGE)} requests in turn, over the coach's {CASELOAD} clients",
            f"{base}/",
            ROTATE.format(paths=lua_list(page), token=coach),
            0,
        ),
        # The page's requests one at a time (each over the coach's clients in turn): which of them carries a change.
        **{
            part(path): (
                f"GET {path.split('?')[0]} alone, over the coach's {CASELOAD} clients",
                f"{base}/",
                ROTATE.format(paths=lua_list([path.format(id=client) for client in clients]), token=coach),
                0,
            )
            for path in CLIENT_PAGE
        },
        "save_plan": (
            f"PUT /v1/clients/{{id}}/plan with If-Match, {SAVED_PLANS} clients in turn",
            f"{base}/",
            PLAN_SAVE.format(
                clients=lua_list(clients[:SAVED_PLANS]),
                versions=lua_list(versions),
                body=json.dumps(PLAN),
                token=coach,
                threads=THREADS,
            ),
            0,
        ),
        # Last: a request the service cannot answer within wrk's run leaves work behind it.
        "caseload_balance": (
            "GET /v1/caseloads: size, overdue deadlines and plan debt per coach and team (the manager)",
            f"{api}/caseloads",
            GET.format(token=tokens["manager"]),
            0,
        ),
        "caseload_balance_alone": (
            "the same with one connection: the latency one manager sees",
            f"{api}/caseloads",
            GET.format(token=tokens["manager"]),
            1,
        ),
    }


# Person tokens live 15 minutes: a scale's scenarios are rebuilt with fresh ones when this old (the waits for an idle
# service can add up on a loaded machine).
TOKEN_AGE_S = 10 * 60


def fresh_tokens(stack: Stack) -> dict[str, str]:
    return {name: token(stack, name) for name in ("coach", "manager")}


def measure(
    stack: Stack, *, wrk: str, duration: float, connections: int, only: set[str] | None = None
) -> dict[str, Any]:
    results: dict[str, dict[str, Any]] = {}
    minted, defined = time.monotonic(), scenarios(stack, fresh_tokens(stack))
    # ``client_page`` names the page and each of its requests alone (``client_page clients/{id}/timeline``).
    for name in [each for each in defined if only is None or each == "bare" or each.split(" ")[0] in only]:
        if time.monotonic() - minted > TOKEN_AGE_S:
            minted, defined = time.monotonic(), scenarios(stack, fresh_tokens(stack))
        description, url, script, own = defined[name]
        # The client page's referrals are referrals-api's (the page itself: clients-api's CPU, eight of its nine).
        service = "referrals" if description.startswith("GET /api/referrals/") else "clients"
        waited = settle(stack, service)
        results[name] = {
            "endpoint": description,
            "settled_s": waited,
            **run_wrk(
                wrk,
                url,
                script,
                duration=duration,
                connections=own or connections,
                meter=lambda service=service: CpuMeter(stack, service),
            ),
        }
        print(name, results[name], flush=True)
        if results[name]["requests"] and results[name]["non_2xx"] == results[name]["requests"]:
            raise SystemExit(f"{name}: every answer was an error (an expired token?)")
    bare = results["bare"]
    for row in results.values():
        row["ratio_to_bare"] = round(row["throughput_rps"] / bare["throughput_rps"], 3)
        # Latency the other way round: how many times bare's p95 the endpoint's p95 is (1.0: as fast as bare).
        row["p95_to_bare"] = round(row["p95_ms"] / bare["p95_ms"], 2) if row["requests"] else None
    return results


async def vacuum(dsn: str) -> float:
    """VACUUM (ANALYZE) the database just loaded: hint bits set, the visibility map made (index-only scans), the
    statistics fresh; what autovacuum would otherwise do during the measurement."""
    began = time.perf_counter()
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute("VACUUM (ANALYZE)")
        await connection.execute("CHECKPOINT")
    finally:
        await connection.close()
    return time.perf_counter() - began


def postgres_cpu(stack: Stack, seconds: float) -> float:
    """PostgreSQL's CPU milliseconds per second over ``seconds`` (every process of the server)."""
    processes = postgres_processes(stack.ports.postgres)
    started = cpu_seconds(processes)
    time.sleep(seconds)
    ended = cpu_seconds(processes | postgres_processes(stack.ports.postgres))
    return round(1000 * sum(ended[pid] - started.get(pid, 0.0) for pid in ended) / seconds, 1)


def quiet(stack: Stack, *, below: float = 30.0, within_s: float = 300.0) -> tuple[float, float]:
    """Wait until PostgreSQL is quiet with no request (the stack's jobs' first runs after starting done, no
    autovacuum worker), at most ``within_s``: seconds waited and its CPU ms/s over the last 5 s."""
    began = time.monotonic()
    while True:
        idle = postgres_cpu(stack, 5.0)
        if idle < below or time.monotonic() - began > within_s:
            return round(time.monotonic() - began, 1), idle


def plan_requests(stack: Stack, tokens: dict[str, str]) -> dict[str, tuple[int, Callable[[], None]]]:
    """One request of each measured endpoint (each of the client page's on its own), with the process id of the
    service it reaches, for the plans."""
    base, client = stack.public_url, str(uuid.UUID(int=1))
    api = f"{base}/api/clients/v1"
    ids = stack.process_ids()
    http = httpx.Client(timeout=60, headers={"Authorization": f"Bearer {tokens['coach']}"})
    plan = http.get(f"{api}/clients/{client}/plan")
    body = {key: plan.json()[key] for key in PLAN}

    def get(url: str, as_manager: bool = False) -> tuple[int, Callable[[], None]]:
        headers = {"Authorization": f"Bearer {tokens['manager']}"} if as_manager else {}
        service = "referrals" if "/api/referrals/" in url else "clients"
        return ids[service], lambda: http.get(url, headers=headers).raise_for_status()

    def search() -> None:
        code = identity_code(*person(CASELOAD // 2))
        http.post(f"{api}/clients/search", json={"personal_identity_code": code}).raise_for_status()

    def save() -> None:
        http.put(
            f"{api}/clients/{client}/plan", json=body, headers={"If-Match": plan.headers["etag"]}
        ).raise_for_status()

    return {
        "search_name": get(f"{api}/clients?name=Heikki&limit=20"),
        "search_code": (ids["clients"], search),
        "due_list": get(f"{api}/due-list"),
        **{part(path): get(base + path.format(id=client)) for path in CLIENT_PAGE},
        "caseload_balance": get(f"{api}/caseloads", as_manager=True),
        "save_plan": (ids["clients"], save),
    }


def new_stack(var_dir: Path) -> Stack:
    return Stack(
        var_dir=var_dir,
        ports=Ports.free(),
        fast_database=True,
        settings=NO_RATE_LIMITS,
        postgres_settings=AUTO_EXPLAIN,
    )


def copy_database(source: Path, target: Path) -> None:
    """The PostgreSQL folder of a stopped stack, owners and modes kept (the server may run as its own user)."""
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cp", "-a", str(source), str(target)], check=True)


# The history's overdue deadlines were announced as each fell due (the announcer's notices, with its key): in service
# the announcer meets a few new ones a day, not two years' worth at once, whose events would keep the dispatchers and
# metrics-api busy through the whole measurement.
ANNOUNCED = """
INSERT INTO overdue_notice (id, client_id, search_started_on, kind, number, due_on, rule_set, announced_at)
SELECT gen_random_uuid(), d.client_id, c.job_search_started_on, d.kind, d.number, d.due_on, d.rule_set,
       (d.due_on + 1)::timestamptz
FROM client_deadline AS d JOIN client AS c ON c.id = d.client_id
WHERE d.held_on IS NULL AND NOT d.waived AND d.due_on < current_date
  AND c.status IN ('unemployed', 'in_activating_service')
ON CONFLICT DO NOTHING
"""


async def announced(dsn: str) -> None:
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(ANNOUNCED)
    finally:
        await connection.close()


def load(stack: Stack, dsn: str, loaded: int, scale: int, area: int) -> dict[str, float]:
    """Load clients ``loaded`` to ``scale`` (the stack's database only running), store their deadlines, record their
    overdue ones as announced, vacuum: seconds of each step."""
    seconds = asyncio.run(populate(dsn, loaded, scale - loaded, area=area))
    print(f"loaded {scale} clients ({seconds:.0f} s)", flush=True)
    refreshed = asyncio.run(refresh_deadlines(stack.database_url + "clients"))
    print(f"stored the deadlines of {scale - loaded} clients ({refreshed:.0f} s)", flush=True)
    asyncio.run(announced(dsn))
    vacuumed = asyncio.run(vacuum(dsn))
    print(f"vacuumed ({vacuumed:.0f} s)", flush=True)
    return {
        "load_seconds": round(seconds, 1),
        "refresh_seconds": round(refreshed, 1),
        "vacuum_seconds": round(vacuumed, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--area", type=int, default=12_000)
    parser.add_argument("--total", type=int, default=300_000)
    parser.add_argument("--duration", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=16)
    kept = parser.add_mutually_exclusive_group()
    kept.add_argument("--keep", type=Path, help="keep each scale's loaded database in DIR/<clients>/")
    kept.add_argument("--reuse", type=Path, help="measure on copies of the databases kept by --keep DIR")
    parser.add_argument("--only", help="the endpoints to measure beside bare, comma-separated")
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None
    wrk = ensure_wrk()

    var_dir = Path(tempfile.mkdtemp(prefix="polku-bench-"))
    stack = new_stack(var_dir)
    report: dict[str, Any] = {
        "machine": machine(),
        # Whether databases were kept or reused, not where (the results speak of the bench, not of one machine).
        "settings": {key: value is not None if isinstance(value, Path) else value for key, value in vars(args).items()},
        "scales": {},
    }
    try:
        loaded = 0
        for scale in (args.area, args.total):
            # The data is loaded with only the database running (no job of the stack meets half a load), then the
            # rest of the stack starts.
            stack.stop()
            if args.reuse is not None:
                # A stack of its own on a copy of the scale's kept database (its migrations applied on start).
                copy_database(args.reuse / str(scale) / "postgres", var_dir / "postgres")
                stack = new_stack(var_dir)
                stack.prepare()
                # The deadlines that fell due since the database was kept, announced on their day as in service
                # (ANNOUNCED): otherwise the announcer's first run meets them all at once and their events keep the
                # dispatchers and metrics-api busy through the measurement.
                asyncio.run(announced(stack.database_url.replace("postgresql+asyncpg", "postgresql") + "clients"))
                loading = json.loads((args.reuse / str(scale) / "loaded.json").read_text())
            else:
                stack = new_stack(var_dir)
                stack.prepare()
                dsn = stack.database_url.replace("postgresql+asyncpg", "postgresql") + "clients"
                loading = load(stack, dsn, loaded, scale, args.area)
                if args.keep is not None:
                    stack.stop()
                    copy_database(var_dir / "postgres", args.keep / str(scale) / "postgres")
                    (args.keep / str(scale) / "loaded.json").write_text(json.dumps(loading) + "\n")
                    stack = new_stack(var_dir)
                    stack.prepare()
            stack.launch()
            stack.wait_ready()
            loaded = scale
            dsn = stack.database_url.replace("postgresql+asyncpg", "postgresql") + "clients"
            waited, idle = quiet(stack)
            print(f"quiet after {waited} s; PostgreSQL idle: {idle} CPU ms/s", flush=True)
            # Fresh tokens for each scale (loading the country takes longer than a token lives), and again when a
            # scale's measuring runs long.
            before = os.getloadavg()
            endpoints = measure(stack, wrk=wrk, duration=args.duration, connections=args.connections, only=only)
            report["scales"][str(scale)] = {
                **loading,
                "reused": args.reuse is not None,
                "quiet_wait_seconds": waited,
                "idle_postgres_cpu_ms_per_s": idle,
                "rows": asyncio.run(table_sizes(dsn)),
                "load_average": {"before": before, "after": os.getloadavg()},
                "endpoints": endpoints,
            }
            # Kept as it goes: a run that fails at national scale still leaves the area's figures.
            RESULTS.mkdir(exist_ok=True)
            (RESULTS / "clients-scale.partial.json").write_text(json.dumps(report, indent=2) + "\n")
        dsn = stack.database_url.replace("postgresql+asyncpg", "postgresql") + "clients"
        sizes = asyncio.run(table_rows(dsn)) | asyncio.run(table_rows(dsn.removesuffix("clients") + "referrals"))
        requests = plan_requests(stack, fresh_tokens(stack))
        if only is not None:
            requests = {name: request for name, request in requests.items() if name.split(" ")[0] in only}
        report["plans"] = capture(var_dir / "postgres" / "postgres.log", dsn, requests, sizes, whole=True)
    finally:
        stack.stop()
        shutil.rmtree(var_dir, ignore_errors=True)
    write(report, args)


def latencies(row: dict[str, Any]) -> str:
    if not row["requests"]:
        return "none answered within 10 s | | "
    return f"{row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']}"


def p95_change(now: Any, was: Any) -> Any:
    return round(now / was, 2) if now is not None and was else None


def write(report: dict[str, Any], args: argparse.Namespace) -> None:
    small, large = (report["scales"][str(n)] for n in (args.area, args.total))
    for name, row in large["endpoints"].items():
        was = small["endpoints"][name]
        row["ratio_change"] = round(row["ratio_to_bare"] / was["ratio_to_bare"], 2) if was["ratio_to_bare"] else None
        row["p95_change"] = p95_change(row["p95_to_bare"], was["p95_to_bare"])
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "clients-scale.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    area, total = f"{args.area:,}", f"{args.total:,}"
    lines = [
        "# clients-api at area and national scale",
        "",
        f"{report['machine']['cpus']} CPUs shared with other work, wrk with {args.connections} connections "
        f"({THREADS} threads), {args.duration:g} s per endpoint, through Caddy; the demo coach has {CASELOAD} "
        f"clients, the demo authority {area}. First with {area} clients, then with {total}, in "
        "one run; every ratio is to the bare health check measured just before it at the same scale.",
        "",
        "Load average (1, 5, 15 min) before and after measuring: "
        + "; ".join(
            f"at {int(scale):,} {fmt(data['load_average']['before'])} → {fmt(data['load_average']['after'])}"
            for scale, data in report["scales"].items()
        )
        + ". PostgreSQL's own CPU with no request, once quiet (vacuumed, the stack's jobs' first runs done): "
        + "; ".join(
            f"at {int(scale):,} {data['idle_postgres_cpu_ms_per_s']} ms/s" for scale, data in report["scales"].items()
        )
        + ".",
        "",
        f"| endpoint | req/s at {area} | ratio at {area} | req/s at {total} | ratio at {total} | change "
        f"| p95 ms at {area} | p95 ÷ bare at {area} | p95 ÷ bare at {total} | p95 change "
        f"| p50 ms | p95 ms | p99 ms | non-2xx | socket errors | CPU ms/req service | PostgreSQL "
        f"| PostgreSQL at {area} |",
        "|---|" + "---:|" * 16,
    ]
    for name, row in large["endpoints"].items():
        was = small["endpoints"][name]
        lines.append(
            f"| {name} | {was['throughput_rps']:,} | {was['ratio_to_bare']} | {row['throughput_rps']:,} "
            f"| {row['ratio_to_bare']} | {row['ratio_change']} "
            f"| {was['p95_ms']} | {was['p95_to_bare']} | {row['p95_to_bare']} | {row['p95_change']} "
            f"| {latencies(row)} "
            f"| {was['non_2xx'] + row['non_2xx']} | {was['socket_errors'] + row['socket_errors']} "
            f"| {row.get('service_cpu_ms', '')} | {row.get('postgres_cpu_ms', '')} "
            f"| {was.get('postgres_cpu_ms', '')} |"
        )
    reused = " (reused: loaded by the run that kept the databases)" if large.get("reused") else ""
    lines += [
        "",
        f"Latencies, errors and CPU are those at {total} (PostgreSQL's CPU also at {area}); change is the ratio at "
        f"{total} divided by the ratio at {area} (1.0: the rest of the country's clients cost the endpoint "
        f"nothing). p95 ÷ bare is the endpoint's p95 latency divided by bare's at the same scale, and p95 change "
        f"that at {total} divided by that at {area} (above 1.0: slower at national scale). "
        "client_page is the page's requests in turn on each connection, each timed on its own: a page is "
        f"{len(CLIENT_PAGE)} requests, so pages/s is requests/s ÷ {len(CLIENT_PAGE)}; its CPU is clients-api's "
        "only. The rows client_page <request> are each of the page's requests alone, over the coach's clients "
        "in turn (the referrals' CPU is referrals-api's and is not counted). save_plan's non-2xx are 412s: two "
        "connections saving the same plan at once (each wrk thread's connections go through 16 plans in turn, so "
        "a save slower than eight others meets the next save of its plan; on a loaded machine often). "
        "caseload_balance_alone is the same request with one connection.",
        "",
        f"Rows at {total}: " + ", ".join(f"{table} {count:,}" for table, count in large["rows"].items()),
        "",
        "Loading (COPY and generate_series), storing the statutory deadlines of the clients loaded (the daily "
        f"job's refresh) and vacuuming{reused}: {small['load_seconds']} s, {small['refresh_seconds']} s and "
        f"{small.get('vacuum_seconds', '–')} s for the first {area}, {large['load_seconds']} s, "
        f"{large['refresh_seconds']} s and {large.get('vacuum_seconds', '–')} s for the next "
        f"{args.total - args.area:,}.",
        "",
        f"The statements behind each endpoint at {total} (auto_explain's EXPLAIN (ANALYZE, BUFFERS) of one "
        "request each, after the measurement; whole plans in the JSON). A sequential scan of a table of more than "
        f"{LARGE:,} rows is flagged in the last column.",
        "",
        *markdown(report["plans"]),
    ]
    (RESULTS / "clients-scale.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def fmt(load: list[float] | tuple[float, ...]) -> str:
    return "/".join(f"{value:.1f}" for value in load)


if __name__ == "__main__":
    main()
