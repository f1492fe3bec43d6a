"""The national platform's events through the gateway into clients-api and employer-api: taken in (verified,
deduplicated, kept, 202) and handled by the inbox workers of the dispatch processes (decision 33).

Starts the whole stack on free ports (the processes of `make run`, rate limits off), pre-generates ``--events``
signed events (half job seekers registered for clients-api, half vacancies published for employer-api; each
signed once, so each run of wrk must fit in the five minutes a signature stays valid), and for each service runs
`wrk` with a Lua script that cycles through them (wrk cannot sign) for ``--duration`` seconds; an event sent
again once the list is used up is a duplicate the inbox drops. Then it waits until the service's inbox holds
nothing waiting, and reads from the inbox how many events were kept and when the last was handled. Beside them,
in the same run, the bare health check.

    uv run python bench/inbound.py [--events 100000] [--duration 20] [--connections 16]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import psutil

sys.path.insert(0, str(Path(__file__).parent))

from gateway_load import THREADS, ensure_wrk, run_wrk

from polku_dev.devstack import NO_RATE_LIMITS, Ports, Stack
from polku_kit.calendar import today
from polku_kit.settings import DEVELOPMENT_EVENTS_SECRET
from polku_kit.webhooks import sign

RESULTS = Path(__file__).parent / "results"
CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
SOURCE = "https://tyomarkkinatori.fi"


def identity_code(n: int) -> str:
    """The n-th of distinct valid personal identity codes (born 1950–2003, individual numbers 002–899)."""
    day, individual = divmod(n, 898)
    born = date(1950, 1, 1) + timedelta(days=day)
    digits = f"{born:%d%m%y}{2 + individual:03d}"
    century = "-" if born.year < 2000 else "A"
    return f"{born:%d%m%y}{century}{2 + individual:03d}{CHECK[int(digits) % 31]}"


def job_seeker(n: int) -> dict[str, Any]:
    return {
        "type": "fi.tyomarkkinatori.jobseeker.registered.v1",
        "subject": f"job-seekers/bench-{n}",
        "data": {
            "personal_identity_code": identity_code(n),
            "first_names": "Testi",
            "last_name": f"Henkilö {n}",
            "home_municipality": "398",
            "registered_on": (today() - timedelta(days=7)).isoformat(),
        },
    }


def vacancy(n: int) -> dict[str, Any]:
    return {
        "type": "fi.tyomarkkinatori.vacancy.published.v1",
        "subject": f"vacancies/BENCH-{n}",
        "data": {
            "national_id": f"BENCH-{n}",
            "employer_business_id": "0112038-9",
            "employer_name": "Lahden Konepaja Oy",
            "title_fi": "Hitsaaja",
            "description": "Mig-hitsausta",
            "occupation_code": "7212",
            "municipality": "398",
            "working_time": "full_time",
            "employment_type": "permanent",
            "application_deadline": (today() + timedelta(days=30)).isoformat(),
        },
    }


def lua_requests(events: list[dict[str, Any]], path: str, token: str, file: Path) -> None:
    """A Lua file returning the signed requests (body and headers), signed now."""
    now = datetime.now(UTC)
    lines = ["return {"]
    for shape in events:
        event_id = str(uuid.uuid4())
        event = {"specversion": "1.0", "id": event_id, "source": SOURCE, "time": now.isoformat(), **shape}
        body = json.dumps(event, separators=(",", ":"))
        headers = sign(DEVELOPMENT_EVENTS_SECRET, event_id, body, now)
        lines.append(
            "{"
            + f"body={json.dumps(body)},id={json.dumps(headers['webhook-id'])},"
            + f"ts={json.dumps(headers['webhook-timestamp'])},sig={json.dumps(headers['webhook-signature'])}"
            + "},"
        )
    lines.append("}")
    file.write_text("\n".join(lines))


def cycling_script(requests_file: Path, path: str, token: str) -> str:
    """Each wrk thread takes every THREADS-th request from its own offset, and starts over at the end."""
    return f"""
local requests = dofile({json.dumps(str(requests_file))})
local offset = 0
setup = function(thread)
  thread:set("first", offset)
  offset = offset + 1
end
local index = nil
request = function()
  if index == nil then index = (first or 0) + 1 end
  local r = requests[index]
  index = index + {THREADS}
  if index > #requests then index = (first or 0) + 1 end
  return wrk.format("POST", {json.dumps(path)}, {{
    ["Authorization"] = "Bearer {token}",
    ["Content-Type"] = "application/json",
    ["webhook-id"] = r.id, ["webhook-timestamp"] = r.ts, ["webhook-signature"] = r.sig,
  }}, r.body)
end
"""


async def inbox_figures(database_url: str, database: str, *, wait: float) -> dict[str, Any]:
    """Wait until nothing is waiting in the inbox (at most ``wait`` seconds), then its figures."""
    connection = await asyncpg.connect(database_url.replace("postgresql+asyncpg", "postgresql") + database)
    try:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            waiting = await connection.fetchval("SELECT count(*) FROM inbox_event WHERE status = 'received'")
            if waiting == 0:
                break
            await asyncio.sleep(1.0)
        row = await connection.fetchrow(
            """
            SELECT count(*) FILTER (WHERE payload IS NOT NULL) AS kept,
                   count(*) FILTER (WHERE payload IS NOT NULL AND status = 'processed') AS processed,
                   count(*) FILTER (WHERE status = 'parked') AS parked,
                   count(*) FILTER (WHERE status = 'received') AS waiting,
                   extract(epoch FROM max(processed_at) FILTER (WHERE payload IS NOT NULL)
                       - min(received_at) FILTER (WHERE payload IS NOT NULL)) AS seconds
            FROM inbox_event
            """
        )
        return dict(row)
    finally:
        await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wait", type=float, default=1800.0, help="at most this long for the workers to finish")
    args = parser.parse_args()
    wrk = ensure_wrk()

    var_dir = Path(tempfile.mkdtemp(prefix="polku-bench-inbound-"))
    stack = Stack(var_dir=var_dir, ports=Ports.free(), fast_database=True, settings=NO_RATE_LIMITS)
    stack.start()
    results: dict[str, dict[str, Any]] = {}
    try:
        token = subprocess.run(
            ["polku-identity", "token", "national-platform"],
            env=stack.env(),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        base = stack.public_url
        bare = run_wrk(
            wrk, f"{base}/api/clients/healthz", "", duration=min(args.duration, 8.0), connections=args.connections
        )
        results["bare"] = {"endpoint": "GET /api/clients/healthz", **bare}
        print("bare", results["bare"], flush=True)
        half = args.events // 2
        for name, database, path, make in (
            ("clients", "clients", "/api/clients/v1/platform/events", job_seeker),
            ("employer", "employer", "/api/employer/v1/platform/events", vacancy),
        ):
            requests_file = var_dir / f"{name}-requests.lua"
            lua_requests([make(n) for n in range(half)], path, token, requests_file)
            started = time.monotonic()
            intake = run_wrk(
                wrk,
                f"{base}{path}",
                cycling_script(requests_file, path, token),
                duration=args.duration,
                connections=args.connections,
            )
            figures = asyncio.run(inbox_figures(stack.database_url, database, wait=args.wait))
            handled_seconds = float(figures["seconds"] or 0.0)
            results[name] = {
                "endpoint": f"POST {path}",
                **intake,
                "events_generated": half,
                "events_kept": figures["kept"],
                "events_processed": figures["processed"],
                "events_parked": figures["parked"],
                "events_waiting": figures["waiting"],
                "processed_per_s": round(figures["processed"] / handled_seconds, 1) if handled_seconds else 0.0,
                "wall_s": round(time.monotonic() - started, 1),
            }
            print(name, results[name], flush=True)
    finally:
        stack.stop()
        shutil.rmtree(var_dir, ignore_errors=True)

    bare_rps = results["bare"]["throughput_rps"]
    for row in results.values():
        row["ratio_to_bare"] = round(row["throughput_rps"] / bare_rps, 3)
    report = {
        "machine": {
            "cpus": psutil.cpu_count(),
            "load_average": [round(value, 2) for value in psutil.getloadavg()],
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "settings": {
            "events": args.events,
            "duration_s": args.duration,
            "connections": args.connections,
            "threads": THREADS,
            "tool": "wrk",
        },
        "endpoints": results,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "inbound.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        "# Inbound platform events",
        "",
        f"{report['machine']['cpus']} CPUs (load average {report['machine']['load_average']} at the end), wrk with "
        f"{args.connections} connections ({THREADS} threads), {args.duration:g} s per service, through Caddy, the "
        f"processes of `make run`; {args.events:,} signed events generated, half for each service. *Taken in*: "
        "answered 202 (verified, deduplicated, kept). *Handled*: kept events the inbox worker of the service's "
        "dispatch process handled, per second from the first kept to the last handled.",
        "",
        "| scenario | endpoint | requests/s | ratio to bare | p50 ms | p99 ms | non-2xx | events kept | handled "
        "| handled/s | parked | waiting |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in results.items():
        lines.append(
            f"| {name} | {row['endpoint']} | {row['throughput_rps']:,} | {row['ratio_to_bare']} | {row['p50_ms']} "
            f"| {row['p99_ms']} | {row['non_2xx']} | {row.get('events_kept', '')} | {row.get('events_processed', '')} "
            f"| {row.get('processed_per_s', '')} | {row.get('events_parked', '')} | {row.get('events_waiting', '')} |"
        )
    (RESULTS / "inbound.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
