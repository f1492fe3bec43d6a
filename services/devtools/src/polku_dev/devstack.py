"""``polku-dev``: the whole product on one machine, for ``make run``, the cross-service tests and the demo.

    polku-dev run                 start everything on the default ports with data under var/ (Ctrl-C stops)
    polku-dev stack -- CMD ...    start a throwaway stack on free ports, run CMD against it, tear it down
    polku-dev postgres            run only the embedded PostgreSQL in the foreground

Production runs each process on its own (see deploy/); nothing here is used there.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from employer_api.seed import LAHTI as DEMO_LAHTI
from polku_dev.platform_sim.app import DEVELOPMENT_API_KEY as PLATFORM_SIM_KEY
from polku_kit.pg import EmbeddedPostgres, ensure_databases
from polku_kit.settings import DEVELOPMENT_EVENTS_SECRET

REPO = Path(__file__).resolve().parents[4]

# (short name used in URLs and database names, package and command name, default port)
SERVICES = (
    ("clients", "clients-api", 8001),
    ("referrals", "referrals-api", 8002),
    ("employer", "employer-api", 8003),
    ("metrics", "metrics-api", 8004),
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Ports:
    gateway: int = 8080
    postgres: int = 5433
    identity: int = 8010
    services: dict[str, int] = field(default_factory=lambda: {short: port for short, _, port in SERVICES})
    # The national platform simulator (polku_dev.platform_sim), in place of KEHA's Kipa.
    platform: int = 8090

    @classmethod
    def free(cls) -> Ports:
        return cls(
            gateway=_free_port(),
            postgres=_free_port(),
            identity=_free_port(),
            services={short: _free_port() for short, _, _ in SERVICES},
            platform=_free_port(),
        )

    def all(self) -> dict[str, int]:
        return {
            "gateway": self.gateway,
            "postgres": self.postgres,
            "identity": self.identity,
            **self.services,
            "platform": self.platform,
        }


DEMO_AUTHORITY = str(DEMO_LAHTI)  # the demo data's authority
# The national platform's machine client of the demo issuer (polku_identity.demo), as the simulator signs in.
PLATFORM_CLIENT_ID = "national-platform"
PLATFORM_CLIENT_SECRET = "national-platform-secret"  # noqa: S105 - the demo issuer's development secret

# Rate limits off (decision 13): for the benches, whose load comes from one caller at one address, and the
# end-to-end tests, which sign in many times in a minute.
NO_RATE_LIMITS = {"POLKU_RATE_LIMIT_PER_MINUTE": "0", "POLKU_IDENTITY_SIGN_IN_PER_MINUTE": "0"}
# The throwaway stack (`polku-dev stack`, the end-to-end tests): a received event that keeps failing is parked
# after three attempts a fraction of a second apart, not after the production schedule's six minutes.
SHORT_INBOX_RETRIES = {"POLKU_INBOX_RETRY_SCHEDULE_SECONDS": "[0.2, 0.2]"}


@dataclass
class Stack:
    """Every process of Polku, started in order: database, migrations and demo data, then the rest."""

    var_dir: Path
    ports: Ports = field(default_factory=Ports)
    fast_database: bool = False
    json_logs: bool = True
    # More POLKU_* settings for every process of this stack (NO_RATE_LIMITS, say).
    settings: dict[str, str] = field(default_factory=dict)
    # More PostgreSQL server settings (a bench's auto_explain, say).
    postgres_settings: dict[str, str] = field(default_factory=dict)
    _postgres: EmbeddedPostgres | None = None
    _processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def public_url(self) -> str:
        return f"http://localhost:{self.ports.gateway}"

    @property
    def database_url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.ports.postgres}/"

    def query(self, database: str, sql: str, *args: Any) -> list[asyncpg.Record]:
        """The rows of one statement on one of the stack's databases (``clients``, ``postgres`` …), as the superuser."""

        async def run() -> list[asyncpg.Record]:
            connection = await asyncpg.connect(
                host="127.0.0.1", port=self.ports.postgres, user="postgres", database=database
            )
            try:
                return list(await connection.fetch(sql, *args))
            finally:
                await connection.close()

        return asyncio.run(run())

    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith("POLKU_")}
        bin_dir = str(Path(sys.executable).parent)
        env.update(
            PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
            PYTHONUNBUFFERED="1",
            POLKU_ENV="development",
            POLKU_PUBLIC_URL=self.public_url,
            POLKU_VAR_DIR=str(self.var_dir),
            POLKU_DATABASE_URL=self.database_url,
            POLKU_OIDC_ISSUER=f"{self.public_url}/auth",
            POLKU_OIDC_JWKS_URL=f"http://127.0.0.1:{self.ports.identity}/auth/jwks",
            # Service-to-service calls: machine tokens straight from the issuer, clients-api without the gateway.
            POLKU_OIDC_TOKEN_URL=f"http://127.0.0.1:{self.ports.identity}/auth/token",
            POLKU_CLIENTS_API_URL=f"http://127.0.0.1:{self.ports.services['clients']}",
            # The services clients-api's personal-data export asks for their part (decision 18).
            POLKU_PERSONAL_DATA_SOURCES=json.dumps(
                [
                    {"name": "referrals-api", "url": f"http://127.0.0.1:{self.ports.services['referrals']}"},
                    {"name": "employer-api", "url": f"http://127.0.0.1:{self.ports.services['employer']}"},
                ]
            ),
            POLKU_IDENTITY_SPA_REDIRECT_URIS=f"{self.public_url}/callback",
            POLKU_WEBHOOKS_ALLOW_PRIVATE_TARGETS="true",
            # The national platform is the simulator: its job postings (P66/P67) for employer-api, its job seekers for
            # clients-api's reconciliation, both for the demo authority (Lahti) and its area.
            POLKU_NATIONAL_API_URL=f"http://127.0.0.1:{self.ports.platform}",
            POLKU_NATIONAL_API_KEY=PLATFORM_SIM_KEY,
            POLKU_NATIONAL_AUTHORITY_ID=DEMO_AUTHORITY,
            POLKU_NATIONAL_ORGANISATION_ID=DEMO_AUTHORITY,
            POLKU_NATIONAL_MUNICIPALITIES=json.dumps(["398", "098", "111", "532", "560", "576", "781", "016"]),
            POLKU_LOG_JSON="true" if self.json_logs else "false",
            POLKU_GATEWAY_ADDRESS=f":{self.ports.gateway}",
            POLKU_IDENTITY_UPSTREAM=f"127.0.0.1:{self.ports.identity}",
            POLKU_SPA_ROOT=str(REPO / "frontend" / "dist"),
            POLKU_API_DOCS_ROOT=str(REPO / "deploy" / "caddy" / "api-docs"),
        )
        for short, _, _ in SERVICES:
            env[f"POLKU_{short.upper()}_UPSTREAM"] = f"127.0.0.1:{self.ports.services[short]}"
        # Referral events reach clients-api's timeline, and every event metrics-api's read model, through the signed
        # internal webhooks (docs/contract.md).
        env["POLKU_INBOUND_WEBHOOK_SECRETS"] = json.dumps([DEVELOPMENT_EVENTS_SECRET])
        # The national platform's events (its simulator signs with the development secret).
        env["POLKU_PLATFORM_WEBHOOK_SECRETS"] = json.dumps([DEVELOPMENT_EVENTS_SECRET])
        env["POLKU_EVENT_SUBSCRIBERS"] = json.dumps(
            [
                {
                    "name": "clients-api timeline",
                    "url": f"http://127.0.0.1:{self.ports.services['clients']}/v1/events",
                    "secret": DEVELOPMENT_EVENTS_SECRET,
                    "sources": ["referrals-api"],
                    "event_types": ["fi.polku.referral.*"],
                },
                # Offers, introductions and supports reach the client's timeline in clients-api.
                {
                    "name": "clients-api timeline (employer services)",
                    "url": f"http://127.0.0.1:{self.ports.services['clients']}/v1/events",
                    "secret": DEVELOPMENT_EVENTS_SECRET,
                    "sources": ["employer-api"],
                    "event_types": ["fi.polku.job_offer.*", "fi.polku.introduction.*", "fi.polku.subsidy.*"],
                },
                # clients-api's client events feed employer-api's candidate profiles (decisions 29 and 58).
                {
                    "name": "employer-api candidate profiles",
                    "url": f"http://127.0.0.1:{self.ports.services['employer']}/v1/events",
                    "secret": DEVELOPMENT_EVENTS_SECRET,
                    "sources": ["clients-api"],
                    "event_types": [
                        "fi.polku.client.registered.v1",
                        "fi.polku.client.status_changed.v1",
                        "fi.polku.client.assessment_updated.v1",
                        "fi.polku.client.episode_started.v1",
                        "fi.polku.client.episode_ended.v1",
                        "fi.polku.client.episode_corrected.v1",
                    ],
                },
                {
                    # The read model of the indicators (metrics-api): fed only by these events (decision 31).
                    "name": "metrics-api read model",
                    "url": f"http://127.0.0.1:{self.ports.services['metrics']}/v1/events",
                    "secret": DEVELOPMENT_EVENTS_SECRET,
                    "sources": ["clients-api", "referrals-api", "employer-api"],
                    "event_types": ["*"],
                },
            ]
        )
        env.update(self.settings)
        return env

    def commands(self) -> dict[str, list[str]]:
        commands = {
            "identity": ["polku-identity", "serve", "--port", str(self.ports.identity)],
        }
        for short, command, _ in SERVICES:
            commands[short] = [command, "serve", "--port", str(self.ports.services[short])]
            commands[f"{short}-dispatch"] = [command, "dispatch"]
        # Periodic jobs of a service, run in a loop here (a CronJob in Kubernetes).
        commands["referrals-expire"] = ["referrals-api", "expire", "--every", "300"]
        commands["employer-expire"] = ["employer-api", "expire", "--every", "300"]
        commands["clients-announce-overdue"] = ["clients-api", "announce-overdue", "--every", "300"]
        commands["clients-route-handovers"] = ["clients-api", "route-handovers", "--every", "3600"]
        # The national platform simulator, and the exchange with it: postings read and sent every minute,
        # reconciliation every ten.
        commands["platform-sim"] = [
            sys.executable,
            "-m",
            "polku_dev.platform_sim.app",
            "--port",
            str(self.ports.platform),
            "--api-key",
            PLATFORM_SIM_KEY,
            # It sends the platform's events (POST /control/send) straight to the services, as national-platform.
            "--clients-url",
            f"http://127.0.0.1:{self.ports.services['clients']}",
            "--employer-url",
            f"http://127.0.0.1:{self.ports.services['employer']}",
            "--token-url",
            f"http://127.0.0.1:{self.ports.identity}/auth/token",
            "--client-id",
            PLATFORM_CLIENT_ID,
            "--client-secret",
            PLATFORM_CLIENT_SECRET,
            "--webhook-secret",
            DEVELOPMENT_EVENTS_SECRET,
        ]
        commands["employer-poll-postings"] = ["employer-api", "poll-postings", "--every", "60"]
        commands["employer-publish-postings"] = ["employer-api", "publish-postings", "--every", "60"]
        commands["employer-reconcile"] = ["employer-api", "reconcile", "--every", "600"]
        commands["clients-reconcile"] = ["clients-api", "reconcile", "--every", "600"]
        commands["gateway"] = [
            "caddyserver",
            "run",
            "--config",
            str(REPO / "deploy" / "caddy" / "Caddyfile"),
            "--adapter",
            "caddyfile",
        ]
        return commands

    def prepare(self) -> None:
        """Start PostgreSQL, create the databases, apply migrations and load the demo data."""
        busy = [f"{name} {port}" for name, port in self.ports.all().items() if _port_in_use(port)]
        if busy:
            raise SystemExit(f"ports already in use: {', '.join(busy)} (is Polku already running?)")
        self.var_dir.mkdir(parents=True, exist_ok=True)
        settings = {"fsync": "off", "synchronous_commit": "off"} if self.fast_database else {}
        settings |= self.postgres_settings
        self._postgres = EmbeddedPostgres(self.var_dir / "postgres", port=self.ports.postgres, settings=settings)
        self._postgres.start()
        asyncio.run(ensure_databases(self.database_url, [short for short, _, _ in SERVICES]))
        env = self.env()
        for _, command, _ in SERVICES:
            subprocess.run([command, "migrate"], env=env, check=True, cwd=REPO)
        # Each dispatcher makes its internal subscriptions first, so that the demo data's events reach the other
        # services (clients-api's registrations and assessments feed employer-api's candidate profiles).
        for _, command, _ in SERVICES:
            subprocess.run([command, "dispatch", "--once"], env=env, check=True, cwd=REPO)
        for _, command, _ in SERVICES:
            subprocess.run([command, "seed"], env=env, check=True, cwd=REPO)

    def start(self, *, log_dir: Path | None = None) -> None:
        """Start every process in the background (tests); logs go to ``log_dir``."""
        self.prepare()
        self.launch(log_dir=log_dir)

    def launch(self, *, log_dir: Path | None = None) -> None:
        """Start every process but the database, which :meth:`prepare` started (a bench loads its data between the
        two, with no job of the stack running yet)."""
        log_dir = log_dir or self.var_dir / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        env = self.env()
        for name, command in self.commands().items():
            with open(log_dir / f"{name}.log", "ab") as log:  # the child keeps its own copy of the file
                self._processes[name] = subprocess.Popen(
                    command, env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise

    def ready_urls(self) -> list[str]:
        urls = [f"{self.public_url}/auth/.well-known/openid-configuration"]
        urls += [f"{self.public_url}/api/{short}/readyz" for short, _, _ in SERVICES]
        return urls

    def wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        pending = self.ready_urls()
        with httpx.Client(timeout=2.0) as client:
            while pending and time.monotonic() < deadline:
                for name, process in self._processes.items():
                    if process.poll() is not None:
                        raise RuntimeError(f"{name} exited with {process.returncode}; see {self.var_dir}/logs")
                still = []
                for url in pending:
                    try:
                        if client.get(url).status_code != 200:
                            still.append(url)
                    except httpx.HTTPError:
                        still.append(url)
                pending = still
                if pending:
                    time.sleep(0.25)
        if pending:
            raise TimeoutError(f"not ready after {timeout} s: {', '.join(pending)}")

    def stop(self) -> None:
        for process in self._processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in self._processes.values():
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self._processes.clear()
        if self._postgres is not None:
            self._postgres.stop()
            self._postgres = None

    def process_ids(self) -> dict[str, int]:
        return {name: process.pid for name, process in self._processes.items()}


def _banner(stack: Stack) -> str:
    lines = [
        "",
        f"Polku is running at {stack.public_url}",
        f"  API documents: {stack.public_url}/api/docs/",
        "  Demo logins (password: demo): coach, coach2, coach3, employer, manager, admin,",
        "    hyvinvointialue, kela, salpaus, setlementti (partner organisations)",
        "  A token for curl: uv run polku-identity token coach",
        "  Stop with Ctrl-C; the data stays under var/.",
        "",
    ]
    return "\n".join(lines)


def _run(args: argparse.Namespace) -> int:
    from honcho.manager import Manager

    if not (REPO / "frontend" / "dist" / "index.html").exists():
        print("warning: frontend/dist is missing; build the SPA with `make frontend`", file=sys.stderr)
    stack = Stack(var_dir=Path(args.var_dir).resolve(), json_logs=False)
    stack.prepare()
    manager = Manager()
    env = stack.env()
    for name, command in stack.commands().items():
        manager.add_process(name, " ".join(command), env=env, cwd=str(REPO))

    def announce() -> None:
        try:
            stack.wait_ready(timeout=120)
        except (TimeoutError, RuntimeError) as exc:
            print(f"Polku did not become ready: {exc}", file=sys.stderr)
            return
        print(_banner(stack), flush=True)

    threading.Thread(target=announce, daemon=True).start()
    try:
        manager.loop()
    finally:
        stack.stop()
    return manager.returncode or 0


def _stack(args: argparse.Namespace) -> int:
    var_dir = Path(tempfile.mkdtemp(prefix="polku-stack-"))
    stack = Stack(
        var_dir=var_dir, ports=Ports.free(), fast_database=True, settings=NO_RATE_LIMITS | SHORT_INBOX_RETRIES
    )
    try:
        stack.start()
        # The command sees the stack's own settings, so `polku-identity token …` signs with the stack's key.
        env = {**stack.env(), "POLKU_E2E_BASE_URL": stack.public_url}
        return subprocess.run(args.argv, env=env, check=False).returncode
    except Exception:
        for log in sorted((var_dir / "logs").glob("*.log")):
            print(f"--- {log.name} (last lines)", file=sys.stderr)
            print("\n".join(log.read_text(errors="replace").splitlines()[-30:]), file=sys.stderr)
        raise
    finally:
        stack.stop()
        shutil.rmtree(var_dir, ignore_errors=True)


def _postgres(args: argparse.Namespace) -> int:
    server = EmbeddedPostgres(Path(args.var_dir).resolve() / "postgres", port=args.port)
    return server.run_foreground()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="polku-dev", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="start the whole product with demo data")
    run.add_argument("--var-dir", default=str(REPO / "var"))
    stack = commands.add_parser("stack", help="run a command against a throwaway stack on free ports")
    stack.add_argument("argv", nargs=argparse.REMAINDER, metavar="COMMAND")
    postgres = commands.add_parser("postgres", help="run the embedded PostgreSQL in the foreground")
    postgres.add_argument("--var-dir", default=str(REPO / "var"))
    postgres.add_argument("--port", type=int, default=5433)
    args = parser.parse_args(argv)
    if args.command == "stack":
        args.argv = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
        if not args.argv:
            parser.error("stack needs a command to run")
    handler = {"run": _run, "stack": _stack, "postgres": _postgres}[args.command]
    sys.exit(handler(args))
