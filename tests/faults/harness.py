"""The fault harness: its own PostgreSQL, issuer and services on free ports, dispatchers started as the real
``<service> dispatch`` command, and a real webhook receiver on loopback that verifies every signature and
counts deliveries per event id.

Time is the one thing the harness does not wait for: the retry schedule (5 s, 30 s, 2 min, …) and the
dispatcher's 60-second lease are honoured by moving the queue's times back (:meth:`FaultStack.advance_clock`),
exactly as if that much time had passed.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from polku_dev.devstack import REPO, SERVICES, Ports, Stack
from polku_kit.pg import EmbeddedPostgres, ensure_databases
from polku_kit.testing import free_port


def wait_until(condition: Callable[[], bool], *, seconds: float, what: str, every: float = 0.2) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not within {seconds:g} s: {what}")
        time.sleep(every)


# --- the receiver ----------------------------------------------------------------------------------------


@dataclass
class Receiver:
    """A partner's webhook endpoint on 127.0.0.1, in a thread of the test process.

    ``mode`` says how it answers: ``ok`` (verify, handle once per event id, 204); ``slow`` (answer 204 only
    after ``slow_seconds``, past the sender's timeout, and handle nothing: its work is cancelled with the
    connection); ``late`` (handle, then answer after ``slow_seconds``: the acknowledgement may be lost);
    ``error`` (500, nothing handled); ``down`` (not listening: connections are refused). Event ids in
    ``failing`` get 500 whatever the mode.
    ``receipts`` counts every verified delivery per event id; ``handled`` is the inbox (each id once).
    """

    port: int = field(default_factory=free_port)
    secret: str | None = None
    mode: str = "ok"
    slow_seconds: float = 3.0
    failing: set[str] = field(default_factory=set)
    receipts: Counter[str] = field(default_factory=Counter)
    handled: set[str] = field(default_factory=set)
    refused_signatures: int = 0
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def start(self) -> None:
        if self._server is not None:
            return
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                status = receiver.receive({k.lower(): v for k, v in self.headers.items()}, body)
                try:
                    self.send_response(status)
                    self.send_header("content-length", "0")
                    self.end_headers()
                except OSError:
                    pass  # the sender gave up waiting

        class Server(ThreadingHTTPServer):
            allow_reuse_address = True
            request_queue_size = 256  # the dispatcher opens up to 50 connections at once
            daemon_threads = True

        self._server = Server(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        if mode == "down":
            self.stop()
        else:
            self.start()

    def receive(self, headers: dict[str, str], body: bytes) -> int:
        try:
            Webhook(self.secret or "").verify(body.decode(), headers)
        except (WebhookVerificationError, ValueError):
            with self._lock:
                self.refused_signatures += 1
            return 401
        event_id = json.loads(body)["id"]
        if headers.get("webhook-id") != event_id:
            return 400
        if self.mode == "error" or event_id in self.failing:
            return 500
        if self.mode == "slow":
            time.sleep(self.slow_seconds)
            return 204
        with self._lock:
            self.receipts[event_id] += 1
            self.handled.add(event_id)  # the inbox: a second receipt of an id is acknowledged, not handled
        if self.mode == "late":
            time.sleep(self.slow_seconds)
        return 204

    @property
    def duplicates(self) -> int:
        return sum(self.receipts.values()) - len(self.receipts)


# --- the stack -------------------------------------------------------------------------------------------


@dataclass
class FaultStack(Stack):
    """Only the parts a scenario needs: PostgreSQL, the issuer and the named services (no gateway, no
    dispatchers: the scenarios start and kill those themselves). ``seed`` loads the demo data."""

    names: tuple[str, ...] = ("referrals",)
    seed: bool = False
    extra_env: dict[str, str] = field(default_factory=dict)
    dispatchers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        env = super().env()
        env["POLKU_EVENT_SUBSCRIBERS"] = "[]"  # only the receiver's subscription, made through the API
        env.update(self.extra_env)
        return env

    def command_of(self, short: str) -> str:
        return next(command for name, command, _ in SERVICES if name == short)

    def commands(self) -> dict[str, list[str]]:
        commands = {"identity": ["polku-identity", "serve", "--port", str(self.ports.identity)]}
        for short in self.names:
            commands[short] = [self.command_of(short), "serve", "--port", str(self.ports.services[short])]
        return commands

    def prepare(self) -> None:
        self.var_dir.mkdir(parents=True, exist_ok=True)
        self._postgres = EmbeddedPostgres(
            self.var_dir / "postgres", port=self.ports.postgres, settings={"fsync": "off", "synchronous_commit": "off"}
        )
        self._postgres.start()
        asyncio.run(ensure_databases(self.database_url, list(self.names)))
        env = self.env()
        for short in self.names:
            subprocess.run([self.command_of(short), "migrate"], env=env, check=True, cwd=REPO, capture_output=True)
            if self.seed:
                subprocess.run([self.command_of(short), "seed"], env=env, check=True, cwd=REPO, capture_output=True)

    def ready_urls(self) -> list[str]:
        urls = [f"http://127.0.0.1:{self.ports.identity}/auth/.well-known/openid-configuration"]
        return urls + [f"{self.url(short)}/readyz" for short in self.names]

    def url(self, short: str) -> str:
        return f"http://127.0.0.1:{self.ports.services[short]}"

    @property
    def postgres(self) -> EmbeddedPostgres:
        assert self._postgres is not None
        return self._postgres

    # --- processes the scenarios kill and start ---

    def _log(self, name: str) -> Any:
        (self.var_dir / "logs").mkdir(parents=True, exist_ok=True)
        return open(self.var_dir / "logs" / f"{name}.log", "ab")  # the child process writes to it

    def start_dispatcher(self, short: str = "referrals", **env: str) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [self.command_of(short), "dispatch"],
            env={**self.env(), **env},
            cwd=REPO,
            stdout=self._log(f"{short}-dispatch"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.dispatchers.append(process)
        return process

    def stop_dispatchers(self) -> None:
        for process in self.dispatchers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.dispatchers:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.dispatchers.clear()

    def kill_dispatcher(self, process: subprocess.Popen[bytes]) -> None:
        """SIGKILL: no drain, no shutdown handler, as a crash or the OOM killer would."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        self.dispatchers.remove(process)

    def kill(self, name: str) -> None:
        """SIGKILL: no drain, no shutdown handler, as a crash or the OOM killer would."""
        process = self._processes[name]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def restart(self, name: str) -> None:
        self._processes[name] = subprocess.Popen(
            self.commands()[name],
            env=self.env(),
            cwd=REPO,
            stdout=self._log(name),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_ready()

    def stop(self) -> None:
        self.stop_dispatchers()
        super().stop()

    def logged(self, name: str, *, levels: Iterable[str] = ("error", "critical")) -> list[dict[str, Any]]:
        """A process's log records (JSON lines) of the given levels, oldest first."""
        path = self.var_dir / "logs" / f"{name}.log"
        lines = path.read_text(errors="replace").splitlines() if path.exists() else []
        records = [json.loads(line) for line in lines if line.startswith("{")]
        return [record for record in records if record.get("level") in set(levels)]

    # --- the database, as the test sees it ---

    def advance_clock(self, short: str, seconds: float) -> None:
        """As if ``seconds`` passed for the delivery queue: retries fall due and leases lapse sooner (and the
        dispatchers, asleep until the next retry was due, are woken)."""
        self.query(
            short,
            """UPDATE webhook_delivery
               SET next_attempt_at = next_attempt_at - make_interval(secs => $1),
                   locked_until = locked_until - make_interval(secs => $1)
               WHERE status = 'pending'""",
            float(seconds),
        )
        self.query(short, "SELECT pg_notify('polku_webhooks', '')")

    def deliveries(self, short: str, subscription_id: str) -> dict[str, dict[str, Any]]:
        """The subscription's deliveries by event id: status and attempt count."""
        rows = self.query(
            short,
            "SELECT event_id::text AS event_id, id::text AS id, status, attempt_count, locked_until "
            "FROM webhook_delivery "
            "WHERE subscription_id = $1",
            uuid.UUID(subscription_id),
        )
        return {row["event_id"]: dict(row) for row in rows}

    def emit(self, short: str, count: int, audience: str) -> list[str]:
        """``count`` new events in the service's outbox (one transaction, as a service's emit writes them)."""
        rows = self.query(
            short,
            """INSERT INTO outbox_event (id, source, type, subject, time, data, audience)
               SELECT gen_random_uuid(), '/polku/faults', 'fi.polku.fault.injected.v1', 'faults/' || n, now(),
                      jsonb_build_object('n', n), ARRAY[$1::uuid]
               FROM generate_series(1, $2) AS n
               RETURNING id::text""",
            uuid.UUID(audience),
            count,
        )
        return [row["id"] for row in rows]


def new_stack(var_dir: Path, **options: Any) -> FaultStack:
    return FaultStack(var_dir=var_dir, ports=Ports.free(), fast_database=True, **options)


def token(stack: Stack, name: str) -> str:
    result = subprocess.run(
        ["polku-identity", "token", name], env=stack.env(), capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def subscribe(stack: FaultStack, short: str, receiver: Receiver, owner: str, types: Iterable[str]) -> str:
    """The receiver's subscription, made by its owner through the API as a partner would; returns its id."""
    headers = {"Authorization": f"Bearer {token(stack, owner)}"}
    response = httpx.post(
        f"{stack.url(short)}/v1/webhook-subscriptions",
        headers=headers,
        json={"url": receiver.url, "event_types": list(types)},
        timeout=10,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    receiver.secret = body["secret"]
    return str(body["id"])


@dataclass
class Tally:
    """One scenario's counts, as the closing note quotes them."""

    scenario: str
    sent: int
    delivered: int
    duplicated: int
    lost: int
    dead_lettered: int
    note: str = ""

    def line(self) -> str:
        return (
            f"{self.scenario}: sent {self.sent}, delivered {self.delivered}, duplicated {self.duplicated}, "
            f"lost {self.lost}, dead-lettered {self.dead_lettered}" + (f" ({self.note})" if self.note else "")
        )


TALLIES: list[Tally] = []


def report(tally: Tally) -> Tally:
    print(tally.line())
    TALLIES.append(tally)
    return tally
