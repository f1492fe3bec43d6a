"""The webhook dispatcher's throughput, wake-up latency and idle CPU, with the real ``dispatch`` command.

One service's outbox (referrals-api's database, migrated, on an embedded PostgreSQL) gets ``--events`` events
written in one transaction, over ``--subjects`` subjects; one subscription points at a receiver on loopback that
answers 204 at once. The receiver is a separate process (a raw asyncio HTTP/1.1 server on uvloop), so it is not
the limit; it counts every delivery by event id and checks that each subject's events arrive in order.

Measured:

- throughput: events ÷ seconds from the commit to the receiver's last new event id;
- the dispatcher's CPU seconds over ``--idle`` seconds with nothing to do, before the load;
- wake-up: one event written to an idle dispatcher, seconds from the commit to its delivery (median of 3).

Results: bench/results/dispatcher.{json,md}, kept per ``--label`` (``before``, ``after``), so one file compares
two versions of the code measured the same way.

    uv run python bench/dispatcher.py --label after [--events 100000] [--subjects 10000] [--idle 60]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"
REPO = Path(__file__).resolve().parent.parent


# --- the receiver (a process of its own) ----------------------------------------------------------------------


class _Sink(asyncio.Protocol):
    """HTTP/1.1 with keep-alive: every request answered ``204`` at once. Counts event ids, checks order."""

    state: dict[str, Any] = {"seen": set(), "total": 0, "last_n": {}, "out_of_order": 0}

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport: asyncio.Transport = transport  # type: ignore[assignment]
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end].decode("latin-1").lower()
            length = 0
            for line in head.split("\r\n"):
                if line.startswith("content-length:"):
                    length = int(line.split(":", 1)[1])
            if len(self.buffer) < end + 4 + length:
                return
            body = self.buffer[end + 4 : end + 4 + length]
            self.buffer = self.buffer[end + 4 + length :]
            self.transport.write(b"HTTP/1.1 204 No Content\r\n\r\n")
            self.count(body)

    def count(self, body: bytes) -> None:
        state = self.state
        state["total"] += 1
        event = json.loads(body)
        if event["id"] in state["seen"]:
            return
        state["seen"].add(event["id"])
        n = event["data"]["n"]
        if state["last_n"].get(event["subject"], -1) > n:
            state["out_of_order"] += 1
        state["last_n"][event["subject"]] = n
        unique = len(state["seen"])
        if unique >= state["report_from"]:
            print(f"delivered {unique} {time.time():.6f} {state['total']} {state['out_of_order']}", flush=True)


def receive(port: int, report_from: int) -> None:
    import uvloop

    _Sink.state["report_from"] = report_from

    async def serve() -> None:
        server = await asyncio.get_running_loop().create_server(_Sink, "127.0.0.1", port, backlog=1024)
        print("ready", flush=True)
        async with server:
            await server.serve_forever()

    uvloop.run(serve())


# --- the bench ---------------------------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Lines:
    """The receiver's stdout, read in a thread."""

    def __init__(self, process: subprocess.Popen[str]):
        self.queue: asyncio.Queue[str] = asyncio.Queue()
        loop = asyncio.get_running_loop()
        assert process.stdout is not None
        stdout = process.stdout

        def pump() -> None:
            for line in stdout:
                loop.call_soon_threadsafe(self.queue.put_nowait, line.strip())

        threading.Thread(target=pump, daemon=True).start()

    async def until(self, predicate: Any, seconds: float) -> str:
        async with asyncio.timeout(seconds):
            while True:
                line = await self.queue.get()
                if predicate(line):
                    return line


async def write_events(engine: Any, *, count: int, subjects: int, first: int) -> float:
    """``count`` events in one transaction; the wall-clock time right after the commit."""
    from sqlalchemy import text

    async with engine.begin() as connection:
        await connection.execute(
            text(
                """
                INSERT INTO outbox_event (id, source, type, subject, time, data)
                SELECT gen_random_uuid(), '/polku/referrals-api', 'fi.polku.referral.sent.v1',
                       'referrals/' || (n % CAST(:subjects AS integer)), now(),
                       jsonb_build_object('n', n, 'referral_id', gen_random_uuid(), 'status', 'requested')
                FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS n
                """
            ),
            {"subjects": subjects, "first": first, "last": first + count - 1},
        )
    return time.time()


async def measure(url: str, args: argparse.Namespace) -> dict[str, Any]:
    from sqlalchemy import func, select, text
    from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

    from polku_kit.testing import free_port
    from polku_kit.webhooks.models import WebhookDelivery, WebhookSubscription
    from polku_kit.webhooks.signing import new_secret

    engine = create_async_engine(url)
    port = free_port()
    receiver = subprocess.Popen(  # noqa: ASYNC220 (started once, before anything is measured)
        [sys.executable, __file__, "receive", "--port", str(port), "--report-from", str(args.events)],
        stdout=subprocess.PIPE,
        text=True,
    )
    lines = Lines(receiver)
    await lines.until(lambda line: line == "ready", 30)
    async with async_sessionmaker(engine)() as session, session.begin():
        session.add(
            WebhookSubscription(
                id=uuid.uuid4(),
                organisation_id=uuid.uuid4(),
                url=f"http://127.0.0.1:{port}/events",
                event_types=["fi.polku.referral.*"],
                secret=new_secret(),
                created_by="bench",
            )
        )
    await asyncio.sleep(0.05)  # the events are written after the subscription
    command = shutil.which("referrals-api", path=str(Path(sys.executable).parent))
    assert command, "referrals-api is not installed (uv sync --all-packages)"
    env = {
        **os.environ,
        "POLKU_ENV": "development",
        "POLKU_REFERRALS_DATABASE_URL": url,
        "POLKU_WEBHOOKS_ALLOW_PRIVATE_TARGETS": "true",
        "POLKU_EVENT_SUBSCRIBERS": "[]",
    }
    dispatcher = subprocess.Popen(  # noqa: ASYNC220 (started once, before anything is measured)
        [command, "dispatch"], env=env, stdout=subprocess.DEVNULL, cwd=REPO
    )
    result: dict[str, Any] = {"events": args.events, "subjects": args.subjects}
    try:
        # Started and settled: its imports and first looks done (slow on a busy machine).
        async with asyncio.timeout(180):
            while True:
                before = cpu_seconds(dispatcher.pid)
                await asyncio.sleep(5)
                if cpu_seconds(dispatcher.pid) - before < 0.05:
                    break
        before = cpu_seconds(dispatcher.pid)
        await asyncio.sleep(args.idle)
        result["idle_seconds"] = args.idle
        result["idle_cpu_seconds"] = round(cpu_seconds(dispatcher.pid) - before, 3)

        cpu_before = cpu_seconds(dispatcher.pid)
        committed = await write_events(engine, count=args.events, subjects=args.subjects, first=0)
        line = await lines.until(lambda line: line.startswith(f"delivered {args.events} "), args.timeout)
        _, _, at, total, out_of_order = line.split()
        elapsed = float(at) - committed
        result["seconds"] = round(elapsed, 2)
        result["events_per_second"] = round(args.events / elapsed)
        result["dispatcher_cpu_seconds"] = round(cpu_seconds(dispatcher.pid) - cpu_before, 2)
        result["requests"] = int(total)
        result["out_of_order"] = int(out_of_order)

        wakes = []
        for round_ in range(3):
            await asyncio.sleep(3)
            committed = await write_events(engine, count=1, subjects=args.subjects, first=args.events + round_)
            line = await lines.until(lambda line, n=args.events + round_ + 1: line.startswith(f"delivered {n} "), 120)
            wakes.append(float(line.split()[2]) - committed)
        result["wake_seconds"] = [round(wake, 3) for wake in wakes]
        result["wake_seconds_median"] = round(statistics.median(wakes), 3)
        await asyncio.sleep(1)
        async with async_sessionmaker(engine)() as session:
            states = await session.execute(
                select(WebhookDelivery.status, func.count()).group_by(WebhookDelivery.status)
            )
            result["deliveries"] = {status: count for status, count in states.all()}
            result["postgres"] = await session.scalar(text("SHOW server_version"))
    finally:
        dispatcher.send_signal(signal.SIGTERM)
        try:
            dispatcher.wait(timeout=30)
        except subprocess.TimeoutExpired:
            dispatcher.kill()
        receiver.terminate()
        receiver.wait()
        await engine.dispose()
    return result


def write(label: str, result: dict[str, Any], command: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "dispatcher.json"
    everything = json.loads(path.read_text()) if path.exists() else {}
    everything[label] = {**result, "command": command, "cpus": os.cpu_count()}
    path.write_text(json.dumps(everything, indent=2) + "\n")
    lines = [
        "# Webhook dispatcher",
        "",
        "One service's outbox, events written in one transaction, one subscription to a receiver on loopback that",
        "answers 204 at once (a separate uvloop process); the real `dispatch` command. Written by",
        "`bench/dispatcher.py`; see the notes below the table.",
        "",
        "| run | events | subjects | commit → last delivery s | events/s | dispatcher CPU s | CPU ms / event | "
        "requests | out of order | wake-up s (median of 3) | idle CPU s / 60 s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, run in everything.items():
        idle = run["idle_cpu_seconds"] * 60 / run["idle_seconds"]
        per_event = 1000 * run["dispatcher_cpu_seconds"] / run["events"]
        lines.append(
            f"| {name} | {run['events']:,} | {run['subjects']:,} | {run['seconds']} | {run['events_per_second']:,} | "
            f"{run['dispatcher_cpu_seconds']} | {per_event:.2f} | {run['requests']:,} | {run['out_of_order']} | "
            f"{run['wake_seconds_median']} | {idle:.2f} |"
        )
    lines += ["", "Commands:", ""]
    lines += [f"- {name}: `{run['command']}`" for name, run in everything.items()]
    notes = RESULTS / "dispatcher-notes.md"
    if notes.exists():
        lines += ["", notes.read_text().rstrip()]
    (RESULTS / "dispatcher.md").write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="mode")
    sink = sub.add_parser("receive", help="(internal) the receiver process")
    sink.add_argument("--port", type=int, required=True)
    sink.add_argument("--report-from", type=int, required=True)
    parser.add_argument("--label", default="after", help="the name of this run in the results (before, after)")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--subjects", type=int, default=10_000, help="events are spread over this many subjects")
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of idle CPU measurement")
    parser.add_argument("--timeout", type=float, default=1800.0, help="give up after this many seconds")
    args = parser.parse_args()
    if args.mode == "receive":
        receive(args.port, args.report_from)
        return

    from sqlalchemy.engine import make_url

    from polku_kit.migrations import upgrade
    from polku_kit.pg import FAST_SETTINGS, EmbeddedPostgres, ensure_databases
    from polku_kit.testing import free_port
    from referrals_api import SERVICE_DIR

    server = EmbeddedPostgres(
        Path(tempfile.mkdtemp(prefix="polku-bench-pg-")),
        port=free_port(),
        settings={**FAST_SETTINGS, "shared_buffers": "256MB"},
    )
    server.start()
    try:
        asyncio.run(ensure_databases(server.url, ["referrals"]))
        url = make_url(server.url).set(database="referrals").render_as_string(hide_password=False)
        upgrade(SERVICE_DIR, url)
        result = asyncio.run(measure(url, args))
    finally:
        server.destroy()
    command = shlex.join(["uv", "run", "python", "bench/dispatcher.py", *sys.argv[1:]])
    write(args.label, result, command)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
