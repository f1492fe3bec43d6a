"""Load through the gateway with wrk: what authentication, the database, the audit record and a write cost.

Starts the whole stack on free ports (the same processes as `make run`, with the demo data in a throwaway
database, rate limits off), then runs `wrk` (Debian's, a compiled load generator: it leaves the two cores to the
stack) against each endpoint, CONNECTIONS connections for DURATION seconds each, in this order:

- ``bare``: ``GET /api/clients/healthz`` — no token, no database; every ratio is to this figure of the same run;
- ``me``: ``GET /api/clients/v1/me`` — the token checked, no database;
- ``due_list``: ``GET /api/clients/v1/due-list`` — the demo coach's statutory deadlines;
- ``client_search``: ``POST /api/clients/v1/clients/search`` — the coach's first 20 clients (JSON body);
- ``client_read``: ``GET /api/clients/v1/clients/{id}`` — one client, an audit record written in the same
  transaction;
- ``plan_save``: ``PUT /api/clients/v1/clients/{id}/plan`` — a write with ``If-Match``: the script keeps each
  plan's version from the answers (a 412's too) and saves 32 clients' plans in turn (each with a first plan saved
  before the run, so that every save measured is a later version), never one plan by two connections at once, so a
  conflict (412) is a fault, counted;
- ``referral_board``: ``GET /api/referrals/v1/referrals?status=requested&limit=20`` — the coach's board list;
- ``referral_due``: ``GET /api/referrals/v1/referrals/due?mine=true`` — the board's due list;
- ``partner_inbox``: ``GET /api/referrals/v1/referrals?status=requested&limit=20`` as a partner's user;
- ``transition``: ``POST /api/referrals/v1/referrals/{id}/transitions`` — the partner moves 47 referrals between
  in progress and on hold, each referral's current status kept from the answers (a 409's too), never one referral
  by two connections at once.

wrk reports requests/s, p50/p95/p99 (a Lua ``done()`` prints them as JSON), answers of 400 and above and socket
errors; the writes count their answers by status. ``--waits`` samples what the scenario's database connections do
(``pg_stat_activity``: running, waiting on which wait event and for which statement, idle); ``--postgres
NAME=VALUE`` runs the stack's PostgreSQL with a setting; ``--statements N`` lists each database's top N statements
by total time during each measured run, per request of the scenario (``pg_stat_statements``, reset before the run:
start the stack with ``--postgres shared_preload_libraries=pg_stat_statements``), so that a write's PostgreSQL figure
can be split into its own statement and its event's fan-out, claim, delivery and the receiver's inbox. Every scenario
here is one request repeated, which wrk does; none needs the Python client any more.

Before each scenario the bench waits until every service's outbox is fanned out, every due delivery made and every
inbox handled (the demo data's events when the stack is up, the previous scenario's after it), so that a scenario's
PostgreSQL and service CPU are its own requests' and their events'; the JSON keeps what was found and the wait.

    uv run python bench/gateway_load.py [--duration 8] [--connections 16] [--only bare,me] [--waits] [--statements 12]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import psutil

from clients_api.seed import identity_code
from polku_dev.devstack import NO_RATE_LIMITS, Ports, Stack
from polku_kit.calendar import today as calendar_today
from referrals_api.seed import SERVICES, WELLBEING_COUNTY

RESULTS = Path(__file__).parent / "results"

# Before every script: each thread's index (0, 1, …) and, in each thread, ``answers`` (status → answers), which a
# script's ``response`` counts with ``count(status)`` (only the writes have one: wrk parses no answer for the others).
PRELUDE = """
local threads = {}
setup = function(thread) thread:set("index", #threads); threads[#threads + 1] = thread end
answers = {}
count = function(status) answers[status] = (answers[status] or 0) + 1 end
"""

# Prints the figures of one run as one JSON line (latencies in microseconds), after wrk's own report; ``answers``:
# the answers by status, summed over the threads (empty unless the script counts them).
DONE = """
done = function(summary, latency, requests)
  local e, totals, listed = summary.errors, {}, {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("answers") or {}) do totals[status] = (totals[status] or 0) + n end
  end
  for status, n in pairs(totals) do listed[#listed + 1] = string.format('"%d": %d', status, n) end
  table.sort(listed)
  io.write(string.format(
    '\\nPOLKU {"requests": %d, "duration_us": %d, "status_errors": %d, "socket_errors": %d, '
    .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %d, "answers": {%s}}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean,
    table.concat(listed, ", ")))
end
"""

GET = """
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer {token}"
"""

SEARCH = """
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer {token}"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{{"limit": 20}}'
"""

# Each connection's requests go through PATHS in turn (each thread starts at its own place): the requests a page
# makes on opening, say, each timed on its own; the page's figures are the mix's.
ROTATE = """
local paths = {{ {paths} }}
local cursor = 0
init = function(args) cursor = index % #paths end
request = function()
  cursor = cursor % #paths + 1
  return wrk.format("GET", paths[cursor], {{["Authorization"] = "Bearer {token}"}})
end
"""

# The writes' items (plans, referrals) shared out: each thread takes its own share of ITEMS, the last one excepted,
# which the warm-up (``-- warm-up``) moves alone, so that the measured run starts from the states the script was
# given. A request goes to the thread's next item that has no request of the thread in flight (the answer names
# its item), so that no two connections change the same item at once: a conflict (409, 412) is then a fault, not
# the bench's own race. ``landed(id)``: the item an answer names, no longer in flight.
SHARE = """
local mine, cursor, flying, where = {{}}, 0, {{}}, {{}}
share = function(items, args)
  for i = 1, #items do where[items[i]] = i end
  if args[1] == "warm-up" then mine[1] = #items; return end
  for i = 1, #items - 1 do if (i - 1) % {threads} == index then mine[#mine + 1] = i end end
end
take = function()
  for _ = 1, #mine do
    cursor = cursor % #mine + 1
    if not flying[mine[cursor]] then break end
  end
  local i = mine[cursor]
  flying[i] = true
  return i
end
landed = function(id)
  local i = id and where[id]
  if i then flying[i] = nil end
  return i
end
"""

# Each wrk thread saves its own share of the plans in turn; the version of each comes back in the answer (a 412
# names the current one).
PLAN_SAVE = (
    SHARE
    + """
local clients = {{ {clients} }}
local versions = {{ {versions} }}
local body = '{body}'
init = function(args) share(clients, args) end
request = function()
  local i = take()
  local v = versions[i]
  local match = v == 0 and "*" or string.format('"plan-v%d"', v)
  return wrk.format("PUT", "/api/clients/v1/clients/" .. clients[i] .. "/plan",
    {{["Authorization"] = "Bearer {token}", ["Content-Type"] = "application/json", ["If-Match"] = match}}, body)
end
response = function(status, headers, answer)
  count(status)
  if status == 200 then
    local i = landed(answer:match('"client_id":"([^"]+)"'))
    if i then versions[i] = tonumber(answer:match('"version":(%d+)')) end
  else
    local i = landed(answer:match('clients/([%x%-]+)/plan'))
    local current = tonumber(answer:match('"current_version":(%d+)') or "")
    if i and current then versions[i] = current end
  end
end
"""
)

# The partner moves each of its share of the referrals between in progress and on hold; the status of each comes
# back in the answer: a 200's is the referral's own "status" (the first of that name: the fields before it are ids,
# strings and nulls), a 409 names the current one ("current") and the referral (its "instance").
TRANSITION = (
    SHARE
    + """
local referrals = {{ {referrals} }}
local statuses = {{ {statuses} }}
init = function(args) share(referrals, args) end
request = function()
  local i = take()
  local to = statuses[i] == "in_progress" and "on_hold" or "in_progress"
  return wrk.format("POST", "/api/referrals/v1/referrals/" .. referrals[i] .. "/transitions",
    {{["Authorization"] = "Bearer {token}", ["Content-Type"] = "application/json"}},
    '{{"status": "' .. to .. '"}}')
end
response = function(status, headers, answer)
  count(status)
  if status == 200 then
    local i = landed(answer:match('^{{"id":"([^"]+)"'))
    if i then statuses[i] = answer:match('"status":"([%w_]+)"') end
  else
    local i = landed(answer:match('referrals/([%x%-]+)/transitions'))
    local current = answer:match('"current":"([%w_]+)"')
    if i and current then statuses[i] = current end
  end
end
"""
)

PLAN = {
    "plan_type": "employment",
    "goals": ["Work in logistics within six months"],
    "tasks": [],
    "applications_per_period": 4,
    "period_months": 1,
    "next_review_on": "2027-06-01",
}
THREADS = 2
NOTE = (
    "CPU ms/request: the CPU time the scenario's service, PostgreSQL (every backend) and Caddy spent during the "
    "measured run, divided by the requests wrk completed; on a shared machine the requests/s follow the share of the "
    "cores the stack gets, the CPU a request costs much less so. "
    "The writes never send two requests for one plan or referral at once and keep each one's version or status "
    "from the answers, a refusal's too: a 412 or 409 among their answers (counted by status) is a fault to look "
    "into, not the bench's own race. Every scenario is wrk's; none needs the Python client. On a machine shared "
    "with other work, compare the ratios within one run; the load average is the 1-minute one at the run's end."
)
PY_SPY = ["py-spy", "record", "--format", "raw", "--rate", "200", "--nonblocking"]


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found is None:
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)
        found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    return found


def run_wrk(
    wrk: str,
    url: str,
    script: str,
    *,
    duration: float,
    connections: int,
    meter: Callable[[], CpuMeter] | None = None,
    waits: Callable[[], WaitSampler] | None = None,
    statements: Statements | None = None,
) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(PRELUDE + script + DONE)
    sampling = None
    try:
        # A short warm-up (connections, the JWKS, PostgreSQL's caches; a write's script moves an item of its own),
        # then the measured run.
        subprocess.run(
            [wrk, "-t", "1", "-c", "2", "-d", "1s", "-s", file.name, url, "--", "warm-up"],
            capture_output=True,
            check=True,
        )
        if statements is not None:
            statements.reset()
        measuring = meter() if meter is not None else None
        sampling = waits() if waits is not None else None
        output = subprocess.run(
            [
                wrk,
                "-t",
                str(min(THREADS, connections)),
                "-c",
                str(connections),
                "-d",
                f"{duration:g}s",
                "--timeout",
                "10s",
                "-s",
                file.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        Path(file.name).unlink()
        waited = sampling.stop() if sampling is not None else None
    figures = json.loads(output.split("POLKU ", 1)[1].splitlines()[0])
    seconds = figures["duration_us"] / 1e6
    errors = figures["status_errors"] + figures["socket_errors"]
    cpu = measuring.per_request(figures["requests"]) if measuring is not None else {}
    top = statements.top(figures["requests"]) if statements is not None else None
    return {
        **cpu,
        "requests": figures["requests"],
        "throughput_rps": round(figures["requests"] / seconds, 1),
        "p50_ms": round(figures["p50_us"] / 1000, 2),
        "p95_ms": round(figures["p95_us"] / 1000, 2),
        "p99_ms": round(figures["p99_us"] / 1000, 2),
        "mean_ms": round(figures["mean_us"] / 1000, 2),
        "non_2xx": figures["status_errors"],
        "socket_errors": figures["socket_errors"],
        "error_ratio": round(errors / max(1, figures["requests"]), 4),
        **({"answers": figures["answers"]} if figures["answers"] else {}),
        **({"waits": waited} if waited is not None else {}),
        **({"statements": top} if top is not None else {}),
        "load_average": [round(load, 2) for load in os.getloadavg()],
    }


def cpu_seconds(processes: dict[int, psutil.Process]) -> dict[int, float]:
    """CPU time (user and system) of each process still running, by process id."""
    seconds = {}
    for pid, process in processes.items():
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        seconds[pid] = times.user + times.system
    return seconds


def postgres_processes(port: int) -> dict[int, psutil.Process]:
    """The embedded PostgreSQL's postmaster (the one started with ``-p port``) and its backends."""
    for process in psutil.process_iter(["cmdline"]):
        cmdline = process.info["cmdline"] or []
        if cmdline and cmdline[0].endswith("postgres") and "-p" in cmdline and str(port) in cmdline:
            return {each.pid: each for each in [process, *process.children(recursive=True)]}
    return {}


class CpuMeter:
    """Milliseconds of CPU per request of the scenario's service, of PostgreSQL and of the gateway, from the
    processes' own CPU time across the measured run: on a machine shared with other work the requests/s follow
    the share of the cores the stack gets, the CPU a request costs much less so."""

    def __init__(self, stack: Stack, service: str):
        ids = stack.process_ids()
        self.port = stack.ports.postgres
        self.groups = {
            "service": {ids[service]: psutil.Process(ids[service])},
            "gateway": {ids["gateway"]: psutil.Process(ids["gateway"])},
            "postgres": postgres_processes(self.port),
        }
        self.started = {name: cpu_seconds(group) for name, group in self.groups.items()}

    def per_request(self, requests: int) -> dict[str, float]:
        # Backends opened during the run count from zero.
        self.groups["postgres"] = postgres_processes(self.port) | self.groups["postgres"]
        figures = {}
        for name, group in self.groups.items():
            ended = cpu_seconds(group)
            spent = sum(seconds - self.started[name].get(pid, 0.0) for pid, seconds in ended.items())
            figures[f"{name}_cpu_ms"] = round(1000 * spent / max(1, requests), 3)
        return figures


class WaitSampler:
    """What the scenario's database connections are doing, sampled from ``pg_stat_activity`` every INTERVAL seconds
    across the measured run: the average number of backends running, waiting on each wait event (``Lock:tuple``,
    ``LWLock:WALWrite``, ``IO:WALSync``, …), idle in a transaction or idle (their request elsewhere: the service,
    the gateway, the pool). The sampler's own backend is left out; its queries cost PostgreSQL a little CPU."""

    INTERVAL = 0.01

    def __init__(self, stack: Stack, database: str):
        self.port, self.database = stack.ports.postgres, database
        self.samples = 0
        self.seen: dict[str, int] = {}
        self.blocked: dict[str, int] = {}
        self.ready, self.stopping = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._sample()), daemon=True)
        self.thread.start()
        self.ready.wait(10)

    async def _sample(self) -> None:
        import asyncpg

        connection = await asyncpg.connect(host="127.0.0.1", port=self.port, user="postgres", database="postgres")
        try:
            # A backend waiting on a lock: its statement and the statement of the first backend it waits for.
            query = await connection.prepare(
                "SELECT a.state, a.wait_event_type, a.wait_event, "
                "CASE WHEN a.wait_event_type = 'Lock' THEN left(a.query, 70) || ' ← ' || coalesce(("
                "SELECT b.state || ': ' || left(b.query, 70) FROM pg_stat_activity b "
                "WHERE b.pid = (pg_blocking_pids(a.pid))[1]), '?') END "
                "FROM pg_stat_activity a "
                "WHERE a.datname = $1 AND a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()"
            )
            self.ready.set()
            while not self.stopping.is_set():
                for state, kind, event, blocked in await query.fetch(self.database):
                    if state == "active":
                        name = f"active, waiting on {kind}:{event}" if kind else "active, running"
                    else:
                        name = str(state)  # idle, idle in transaction (waiting for the client: ClientRead)
                    self.seen[name] = self.seen.get(name, 0) + 1
                    if blocked is not None:
                        self.blocked[blocked] = self.blocked.get(blocked, 0) + 1
                self.samples += 1
                await asyncio.sleep(self.INTERVAL)
        finally:
            self.ready.set()
            await connection.close()

    def stop(self) -> dict[str, Any]:
        """Backends by what they did, on average over the samples (most first), and the number of samples."""
        self.stopping.set()
        self.thread.join(10)
        samples = max(1, self.samples)
        backends = {name: round(n / samples, 2) for name, n in sorted(self.seen.items(), key=lambda item: -item[1])}
        blocked = sorted(self.blocked.items(), key=lambda item: -item[1])[:5]
        return {
            "samples": self.samples,
            "backends": backends,
            "lock_waits": {statements: round(n / samples, 2) for statements, n in blocked},
        }


# What the event machinery still has to do in one service's database: events not fanned out, deliveries due,
# events its inbox keeps for the worker.
BACKLOG = """
    SELECT (SELECT count(*) FROM outbox_event WHERE fanned_out_at IS NULL) AS events,
           (SELECT count(*) FROM webhook_delivery WHERE status = 'pending' AND next_attempt_at <= now()) AS deliveries,
           (SELECT count(*) FROM inbox_event WHERE status = 'received' AND next_attempt_at <= now()) AS inbox
"""


def backlog(stack: Stack) -> dict[str, dict[str, int]]:
    """By database, what the dispatchers and inbox workers have not done yet (only what is not nothing)."""
    found = {}
    for database in SERVICE_DATABASES:
        row = stack.query(database, BACKLOG)[0]
        if any(row.values()):
            found[database] = dict(row)
    return found


def drain(stack: Stack, *, timeout: float = 600.0) -> dict[str, Any]:
    """Wait until every outbox is fanned out and delivered and every inbox handled (the demo data's events at the
    stack's start), so that a scenario measures its own writes' events and not the seed's; what was left at the
    start and the seconds waited."""
    began = time.monotonic()
    first = left = backlog(stack)
    while left and time.monotonic() - began < timeout:
        time.sleep(1.0)
        left = backlog(stack)
    return {"at_start": first, "seconds": round(time.monotonic() - began, 1), "left": left}


SERVICE_DATABASES = ("clients", "referrals", "employer", "metrics")


class Statements:
    """The statements that took PostgreSQL's time during a measured run, by database, from
    ``pg_stat_statements`` (the stack started with ``--postgres shared_preload_libraries=pg_stat_statements``):
    reset before the run, read after it; each database's statements by total execution time, the top ``limit``,
    with calls, milliseconds and shared buffers per request of the scenario."""

    def __init__(self, stack: Stack, limit: int):
        self.stack, self.limit = stack, limit
        stack.query("postgres", "CREATE EXTENSION IF NOT EXISTS pg_stat_statements")

    def reset(self) -> None:
        self.stack.query("postgres", "SELECT pg_stat_statements_reset()")

    def top(self, requests: int) -> dict[str, Any]:
        rows = self.stack.query(
            "postgres",
            """
            SELECT d.datname AS database, s.query, s.calls, s.total_exec_time AS ms, s.rows,
                   s.shared_blks_hit + s.shared_blks_read + s.shared_blks_dirtied + s.shared_blks_written AS buffers,
                   s.wal_records
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = ANY ($1) AND s.query NOT LIKE '%pg_stat_statements%'
            """,
            list(SERVICE_DATABASES),
        )
        per = max(1, requests)
        found: dict[str, Any] = {}
        for database in SERVICE_DATABASES:
            mine = sorted((row for row in rows if row["database"] == database), key=lambda row: -row["ms"])
            if not mine:
                continue
            found[database] = {
                "ms_per_request": round(sum(row["ms"] for row in mine) / per, 4),
                "calls_per_request": round(sum(row["calls"] for row in mine) / per, 2),
                "top": [
                    {
                        "statement": " ".join(row["query"].split())[:160],
                        "calls_per_request": round(row["calls"] / per, 3),
                        "ms_per_request": round(row["ms"] / per, 4),
                        "ms_per_call": round(row["ms"] / max(1, row["calls"]), 3),
                        "rows_per_call": round(row["rows"] / max(1, row["calls"]), 1),
                        "buffers_per_call": round(row["buffers"] / max(1, row["calls"]), 1),
                        "wal_records_per_call": round(row["wal_records"] / max(1, row["calls"]), 1),
                    }
                    for row in mine[: self.limit]
                ],
            }
        return found


def settle(stack: Stack, service: str, *, idle_percent: float = 15.0, timeout: float = 120.0) -> float:
    """Wait until the service is idle (the requests left behind by the previous run answered); seconds waited."""
    process = psutil.Process(stack.process_ids()[service])
    began = time.monotonic()
    while time.monotonic() - began < timeout and process.cpu_percent(interval=0.5) > idle_percent:
        pass
    return round(time.monotonic() - began, 1)


def lua_list(values: list[Any]) -> str:
    return ", ".join(json.dumps(value) if isinstance(value, str) else str(value) for value in values)


def scenarios(stack: Stack) -> dict[str, tuple[str, str, str]]:
    """name → (description, URL, wrk script): the demo data's ids found through the API, as a user would."""

    def token(name: str) -> str:
        return subprocess.run(
            ["polku-identity", "token", name], env=stack.env(), capture_output=True, text=True, check=True
        ).stdout.strip()

    coach, partner = token("coach"), token("hyvinvointialue")
    base = stack.public_url
    clients_api, referrals_api = f"{base}/api/clients/v1", f"{base}/api/referrals/v1"
    as_coach = {"Authorization": f"Bearer {coach}"}
    as_partner = {"Authorization": f"Bearer {partner}"}
    with httpx.Client(timeout=30) as http:

        def ok(response: httpx.Response) -> dict[str, Any]:
            if response.status_code >= 300:
                raise SystemExit(f"{response.request.method} {response.request.url}: {response.text}")
            return response.json()  # type: ignore[no-any-return]

        demo = [
            item["id"]
            for item in ok(http.post(f"{clients_api}/clients/search", json={"limit": 100}, headers=as_coach))["items"]
        ]
        # The demo has no referrals: each demo client consents to the wellbeing county, which is sent eight referrals
        # (64 in all); the county accepts and starts three in four, so the board and the inbox have pages to show
        # and the partner moves 47 of them (23 or 24 a wrk thread, none by two connections at once) and the warm-up one.
        consent = {
            "recipient_organisation_id": str(WELLBEING_COUNTY),
            "categories": ["contact_details", "assessment"],
            "purpose": "Lähete kumppanille",
            "valid_from": calendar_today().isoformat(),
        }
        referral_ids: list[str] = []
        for client_id in demo:
            ok(http.post(f"{clients_api}/clients/{client_id}/consents", json=consent, headers=as_coach))
            for _ in range(8):
                draft = {
                    "client_id": client_id,
                    "service_id": str(SERVICES[0]["id"]),
                    "categories": ["contact_details", "assessment"],
                    "reason": "Työkyvyn arviointi ennen suunnitelman päivitystä",
                }
                referral = ok(http.post(f"{referrals_api}/referrals", json=draft, headers=as_coach))
                ok(http.post(f"{referrals_api}/referrals/{referral['id']}/send", headers=as_coach))
                referral_ids.append(referral["id"])
        started = [referral_id for number, referral_id in enumerate(referral_ids) if number % 4]
        for referral_id in started:
            for status in ("accepted", "in_progress"):
                ok(
                    http.post(
                        f"{referrals_api}/referrals/{referral_id}/transitions",
                        json={"status": status},
                        headers=as_partner,
                    )
                )
        # Plans are saved for 32 clients of the coach's (the demo's and more registered here) and one more the warm-up
        # saves alone.
        client_ids = list(demo)
        for number in range(33 - len(client_ids)):
            registered = {
                "personal_identity_code": identity_code("010190", "-", 900 - 2 * number - 2),
                "first_names": "Kuorma",
                "last_name": f"Testi {number}",
                "home_municipality": "398",
                "job_search_started_on": (calendar_today() - timedelta(days=10)).isoformat(),
            }
            client_ids.append(ok(http.post(f"{clients_api}/clients", json=registered, headers=as_coach))["id"])
        # Each client has a plan before the run, so that the run measures the save it names, a later version: a
        # client's first plan is a save of its own (the request's transaction, the deadlines computed), which would
        # otherwise be the first request of each client in the measured run.
        versions = []
        for client_id in client_ids:
            plan = http.get(f"{clients_api}/clients/{client_id}/plan", headers=as_coach)
            if plan.status_code == 404:
                plan = http.put(
                    f"{clients_api}/clients/{client_id}/plan", json=PLAN, headers={**as_coach, "If-Match": "*"}
                )
            versions.append(ok(plan)["version"])
    get_coach, get_partner = GET.format(token=coach), GET.format(token=partner)
    return {
        "bare": ("GET /api/clients/healthz: no token, no database", f"{base}/api/clients/healthz", ""),
        "me": ("GET /api/clients/v1/me: the token checked, no database", f"{clients_api}/me", get_coach),
        "due_list": ("GET /api/clients/v1/due-list (the demo coach)", f"{clients_api}/due-list", get_coach),
        "client_search": (
            "POST /api/clients/v1/clients/search, 20 clients",
            f"{clients_api}/clients/search",
            SEARCH.format(token=coach),
        ),
        "client_read": (
            "GET /api/clients/v1/clients/{id}: audited read",
            f"{clients_api}/clients/{demo[0]}",
            get_coach,
        ),
        "plan_save": (
            "PUT /api/clients/v1/clients/{id}/plan with If-Match: a write",
            f"{base}/",
            PLAN_SAVE.format(
                clients=lua_list(client_ids),
                versions=lua_list(versions),
                body=json.dumps(PLAN),
                token=coach,
                threads=THREADS,
            ),
        ),
        "referral_board": (
            "GET /api/referrals/v1/referrals?status=requested&limit=20 (the coach)",
            f"{referrals_api}/referrals?status=requested&limit=20",
            get_coach,
        ),
        "referral_due": (
            "GET /api/referrals/v1/referrals/due?mine=true (the coach)",
            f"{referrals_api}/referrals/due?mine=true",
            get_coach,
        ),
        "partner_inbox": (
            "GET /api/referrals/v1/referrals?status=in_progress&limit=20 (a partner's user)",
            f"{referrals_api}/referrals?status=in_progress&limit=20",
            get_partner,
        ),
        "transition": (
            "POST /api/referrals/v1/referrals/{id}/transitions: a write",
            f"{base}/",
            TRANSITION.format(
                referrals=lua_list(started),
                statuses=lua_list(["in_progress"] * len(started)),
                token=partner,
                threads=THREADS,
            ),
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", default="", help="comma-separated scenario names (bare always runs)")
    parser.add_argument(
        "--profile", type=Path, help="a folder: py-spy samples the service of each scenario while wrk runs (raw stacks)"
    )
    parser.add_argument(
        "--waits",
        action="store_true",
        help="sample what the scenario's database connections do (pg_stat_activity's states and wait events)",
    )
    parser.add_argument(
        "--postgres",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a PostgreSQL server setting for this run (commit_delay=100, say); repeatable",
    )
    parser.add_argument(
        "--statements",
        type=int,
        default=0,
        metavar="N",
        help="after each scenario, the top N statements of each database by total time, per request "
        "(pg_stat_statements: needs --postgres shared_preload_libraries=pg_stat_statements)",
    )
    args = parser.parse_args()
    wrk = ensure_wrk()
    postgres_settings = dict(setting.split("=", 1) for setting in args.postgres)

    var_dir = Path(tempfile.mkdtemp(prefix="polku-bench-"))
    stack = Stack(var_dir=var_dir, ports=Ports.free(), settings=NO_RATE_LIMITS, postgres_settings=postgres_settings)
    stack.start()
    try:
        # The demo data's events may still be fanned out, delivered and handled when the stack is up, and a
        # scenario's events after its run: a scenario measured meanwhile would pay for them. Each scenario waits
        # until every outbox and inbox is drained.
        at_start = backlog(stack)
        print("backlog when the stack was up", at_start, flush=True)
        statements = Statements(stack, args.statements) if args.statements else None
        plan = scenarios(stack)
        wanted = {"bare", *filter(None, args.only.split(","))} if args.only else set(plan)
        results: dict[str, dict[str, Any]] = {}
        for name, (description, url, script) in plan.items():
            if name not in wanted:
                continue
            service = "referrals" if "/api/referrals/" in url or name == "transition" else "clients"
            profiler = None
            if args.profile is not None:
                args.profile.mkdir(parents=True, exist_ok=True)
                pid, seconds, output = stack.process_ids()[service], f"{args.duration + 1:g}", args.profile / name
                profiler = subprocess.Popen(
                    [*PY_SPY, "--pid", str(pid), "--duration", seconds, "-o", f"{output}.txt"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            results[name] = {"endpoint": description, "drained": drain(stack)}
            results[name].update(
                run_wrk(
                    wrk,
                    url,
                    script,
                    duration=args.duration,
                    connections=args.connections,
                    meter=lambda service=service: CpuMeter(stack, service),  # type: ignore[misc]
                    waits=(lambda service=service: WaitSampler(stack, service)) if args.waits else None,  # type: ignore[misc]
                    statements=statements,
                )
            )
            if profiler is not None:
                profiler.wait(timeout=60)
            print(name, results[name], flush=True)
    finally:
        stack.stop()
        shutil.rmtree(var_dir, ignore_errors=True)

    bare = results["bare"]["throughput_rps"]
    for row in results.values():
        row["ratio_to_bare"] = round(row["throughput_rps"] / bare, 3)
    report = {
        "machine": {
            "cpus": psutil.cpu_count(),
            "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "settings": {
            "duration_s": args.duration,
            "connections": args.connections,
            "threads": THREADS,
            "tool": "wrk",
            **({"postgres": postgres_settings} if postgres_settings else {}),
        },
        "backlog_when_up": at_start,
        "endpoints": results,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "gateway-load.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        "# Gateway load",
        "",
        f"{report['machine']['cpus']} CPUs, wrk with {args.connections} connections ({THREADS} threads), "
        f"{args.duration:g} s per endpoint, through Caddy, the processes of `make run`, the demo data. "
        "Ratios are to the bare health check of the same run.",
        "",
        "| scenario | endpoint | requests/s | ratio to bare | p50 ms | p95 ms | p99 ms | non-2xx | socket errors "
        "| CPU ms/request: service | PostgreSQL | gateway | load average |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in results.items():
        # The writes count their answers by status: the non-2xx ones are named (412: 3).
        refused = ", ".join(f"{status}: {n:,}" for status, n in row.get("answers", {}).items() if status >= "300")
        lines.append(
            f"| {name} | {row['endpoint']} | {row['throughput_rps']:,} | {row['ratio_to_bare']} | {row['p50_ms']} "
            f"| {row['p95_ms']} | {row['p99_ms']} | {row['non_2xx']}{f' ({refused})' if refused else ''} "
            f"| {row['socket_errors']} | {row.get('service_cpu_ms', '')} | {row.get('postgres_cpu_ms', '')} "
            f"| {row.get('gateway_cpu_ms', '')} | {row['load_average'][0]} |"
        )
    waited = {name: row["waits"] for name, row in results.items() if "waits" in row}
    if waited:
        lines += [
            "",
            "What the scenario's database connections did, on average over the run (pg_stat_activity sampled every "
            f"{WaitSampler.INTERVAL * 1000:g} ms): backends running, waiting on a wait event, idle in a transaction, "
            "idle (the request elsewhere).",
            "",
            "| scenario | backends |",
            "|---|---|",
            *(
                f"| {name} | {'; '.join(f'{state} {n}' for state, n in row['backends'].items())} |"
                for name, row in waited.items()
            ),
        ]
    lines += ["", NOTE]
    (RESULTS / "gateway-load.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
