"""clients-api at the scale of one employment area and of the whole country, measured through the gateway.

Starts the whole stack on free ports with a throwaway database, loads a synthetic employment area of
AREA clients (the demo coach's organisation: coaches of 100 clients each, the demo coach among them), measures,
then adds clients of other organisations up to TOTAL and measures again. Each client has a history: status
changes, interviews held on the statutory schedule, plan versions, consents and the timeline of it all. After
each load the statutory deadlines of the new clients are computed and stored as the daily job does
(``refresh_seconds``: how long that took).

Measured, each as a closed loop of CONCURRENCY users for DURATION seconds, as the demo coach:

- ``bare``: ``GET /api/clients/healthz``, no token and no database: the floor this machine gives any request
  through the gateway at this concurrency (the load generator shares its cores);
- ``search_name``: ``GET /v1/clients?name=…`` (a common surname, first page of 20);
- ``search_code``: ``POST /v1/clients/search`` with the code in the body (found through the keyed hash);
- ``due_list``: ``GET /v1/due-list`` (the coach's 100 clients);
- ``bare_x4``: four of those in parallel, timed until the last answer: the floor of an action of four requests;
- ``client_page``: opening a client page: the client, schedule, plan and timeline, fetched in parallel as the
  SPA does, timed until the last answer;
- ``save_plan``: ``PUT /v1/clients/{id}/plan`` with ``If-Match`` (the ETag read beforehand is not timed).

Then, at TOTAL, every action again with one user: the latency of a read with nothing queued before it.

The figures to watch are the ratios TOTAL / AREA of each p95: a read that depends only on the caseload or the
organisation must not slow down when the rest of the country's clients arrive.

    uv run python bench/clients_scale.py [--area 12000] [--total 300000] [--duration 10] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import random
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import psutil
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
        ]
        return {
            table: await connection.fetchval(f"SELECT count(*) FROM {table}")  # noqa: S608
            for table in tables
        }
    finally:
        await connection.close()


def percentiles(latencies: list[float], elapsed: float, errors: int) -> dict[str, float]:
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 2)

    return {
        "requests": len(latencies),
        "errors": errors,
        "throughput_rps": round(len(latencies) / elapsed, 1),
        "p50_ms": pct(0.5),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
    }


Action = Callable[[int], Awaitable[list[httpx.Response] | tuple[float, list[httpx.Response]]]]


# The floor an action is compared with: the bare request fired as many times in parallel as the action fires.
FLOOR = {"client_page": "bare_x4"}


def fired_together(http: httpx.AsyncClient, url: str, count: int) -> Action:
    """``count`` GETs of ``url`` in parallel, timed until the last answer: the floor of an action of that many
    requests (the bare health check as a page of four, a board of six)."""

    async def action(_: int) -> list[httpx.Response]:
        return list(await asyncio.gather(*(http.get(url) for _ in range(count))))

    return action


async def closed_loop(action: Action, *, duration: float, concurrency: int, own: int = 1) -> dict[str, float]:
    """CONCURRENCY users each calling ``action`` again as soon as it answers, for DURATION seconds. User
    ``number`` passes steps number, number + concurrency, … (``own`` of them, then again), so users can keep to
    data of their own. ``action`` returns its responses, or (seconds to count, responses) when part of it must
    not be timed; every response of 400 or above is an error."""
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + duration

    async def user(number: int) -> None:
        nonlocal errors
        iteration = 0
        while time.perf_counter() < deadline:
            step = number + concurrency * (iteration % own)
            iteration += 1
            started = time.perf_counter()
            outcome = await action(step)
            if isinstance(outcome, tuple):
                took, responses = outcome
            else:
                took, responses = time.perf_counter() - started, outcome
            latencies.append(took)
            errors += sum(response.status_code >= 400 for response in responses)

    began = time.perf_counter()
    await asyncio.gather(*(user(number) for number in range(concurrency)))
    return percentiles(latencies, time.perf_counter() - began, errors)


def machine() -> dict[str, Any]:
    return {
        "cpus": psutil.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


async def measure(base: str, token: str, *, duration: float, concurrency: int) -> dict[str, dict[str, float]]:
    api = f"{base}/api/clients/v1"
    limits = httpx.Limits(max_connections=concurrency * 4, max_keepalive_connections=concurrency * 4)
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {token}"}, limits=limits, timeout=30) as http:
        clients = [str(uuid.UUID(int=number + 1)) for number in range(CASELOAD)]  # the demo coach's synthetic ones
        code = identity_code(*person(CASELOAD // 2))

        async def bare(_: int) -> list[httpx.Response]:
            return [await http.get(f"{base}/api/clients/healthz")]

        async def search_name(_: int) -> list[httpx.Response]:
            return [await http.get(f"{api}/clients", params={"name": "Heikki", "limit": 20})]

        async def search_code(_: int) -> list[httpx.Response]:
            return [await http.post(f"{api}/clients/search", json={"personal_identity_code": code})]

        async def due_list(_: int) -> list[httpx.Response]:
            return [await http.get(f"{api}/due-list")]

        async def client_page(n: int) -> list[httpx.Response]:
            client = clients[n % len(clients)]
            return list(
                await asyncio.gather(
                    http.get(f"{api}/clients/{client}"),
                    http.get(f"{api}/clients/{client}/schedule"),
                    http.get(f"{api}/clients/{client}/plan"),
                    http.get(f"{api}/clients/{client}/timeline", params={"limit": 20}),
                )
            )

        async def save_plan(n: int) -> tuple[float, list[httpx.Response]]:
            client = clients[n % len(clients)]
            current = await http.get(f"{api}/clients/{client}/plan")
            if current.status_code != 200:
                raise SystemExit(f"reading the plan of {client} failed: {current.status_code} {current.text}")
            body = {
                key: current.json()[key]
                for key in ("plan_type", "goals", "tasks", "applications_per_period", "period_months", "next_review_on")
            }
            started = time.perf_counter()
            saved = await http.put(
                f"{api}/clients/{client}/plan", json=body, headers={"If-Match": current.headers["etag"]}
            )
            return time.perf_counter() - started, [saved]

        actions = {
            "bare": bare,
            "bare_x4": fired_together(http, f"{base}/api/clients/healthz", 4),
            "search_name": search_name,
            "search_code": search_code,
            "due_list": due_list,
            "client_page": client_page,
            "save_plan": save_plan,
        }
        for action in actions.values():  # warm-up
            for n in range(5):
                await action(n)
        # Each user works through clients of their own (number, number + concurrency, …): two users never
        # save the same plan at once, so every 412 would be a real fault.
        return {
            name: await closed_loop(
                action, duration=duration, concurrency=concurrency, own=max(1, CASELOAD // concurrency)
            )
            for name, action in actions.items()
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--area", type=int, default=12_000)
    parser.add_argument("--total", type=int, default=300_000)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="polku-bench-"))
    stack = Stack(var_dir=var_dir, ports=Ports.free(), fast_database=True, settings=NO_RATE_LIMITS)
    stack.start()
    dsn = stack.database_url.replace("postgresql+asyncpg", "postgresql") + "clients"
    report: dict[str, Any] = {
        "machine": machine(),
        "settings": vars(args),
        "scales": {},
    }
    try:
        token = subprocess.run(
            ["polku-identity", "token", "coach"], env=stack.env(), capture_output=True, text=True, check=True
        ).stdout.strip()
        loaded = 0
        for scale in (args.area, args.total):
            seconds = asyncio.run(populate(dsn, loaded, scale - loaded, area=args.area))
            print(f"loaded {scale} clients ({seconds:.0f} s)", flush=True)
            refreshed = asyncio.run(refresh_deadlines(stack.database_url + "clients"))
            print(f"stored the deadlines of {scale - loaded} clients ({refreshed:.0f} s)", flush=True)
            loaded = scale
            report["scales"][str(scale)] = {
                "load_seconds": round(seconds, 1),
                "refresh_seconds": round(refreshed, 1),
                "rows": asyncio.run(table_sizes(dsn)),
                "endpoints": asyncio.run(
                    measure(stack.public_url, token, duration=args.duration, concurrency=args.concurrency)
                ),
            }
        # The same at national scale with one user: the latency of each read without other users' requests
        # queued before it on the shared cores.
        report["single_user"] = asyncio.run(measure(stack.public_url, token, duration=args.duration, concurrency=1))
    finally:
        stack.stop()
        shutil.rmtree(var_dir, ignore_errors=True)

    small, large = (report["scales"][str(n)]["endpoints"] for n in (args.area, args.total))
    report["p95_ratio_total_to_area"] = {
        name: round(large[name]["p95_ms"] / small[name]["p95_ms"], 2) for name in small
    }
    report["p95_ratio_to_bare_at_total"] = {
        name: round(large[name]["p95_ms"] / large[FLOOR.get(name, "bare")]["p95_ms"], 2) for name in large
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "clients-scale.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        "# clients-api at area and national scale",
        "",
        f"{report['machine']['cpus']} CPUs, {args.concurrency} concurrent users, {args.duration:g} s per "
        "endpoint, load generator on the same machine; the demo coach has 100 clients.",
        "",
        "The last ratio divides by the floor of the same number of parallel requests: bare, or bare_x4 for the "
        "client page.",
        "",
        f"| endpoint | p95 ms at {args.area:,} | p95 ms at {args.total:,} | ratio | ÷ floor at {args.total:,} "
        f"| requests/s at {args.total:,} | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in small:
        lines.append(
            f"| {name} | {small[name]['p95_ms']} | {large[name]['p95_ms']} | "
            f"{report['p95_ratio_total_to_area'][name]} | {report['p95_ratio_to_bare_at_total'][name]} | "
            f"{large[name]['throughput_rps']} | "
            f"{small[name]['errors'] + large[name]['errors']} |"
        )
    single = report["single_user"]
    lines += [
        "",
        f"One user at {args.total:,} (nothing queued before each request):",
        "",
        "| endpoint | p50 ms | p95 ms | p99 ms | requests/s |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['throughput_rps']} |"
        for name, row in single.items()
    ]
    rows = report["scales"][str(args.total)]["rows"]
    lines += ["", "Rows at national scale: " + ", ".join(f"{table} {count:,}" for table, count in rows.items())]
    lines += [
        "",
        "Storing the statutory deadlines of the clients loaded (the daily job's refresh, every client out of "
        f"date): {report['scales'][str(args.area)]['refresh_seconds']} s for the first {args.area:,}, "
        f"{report['scales'][str(args.total)]['refresh_seconds']} s for the next {args.total - args.area:,}.",
    ]
    (RESULTS / "clients-scale.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
