"""The pytest plugin every Polku test suite uses (loaded with ``-p polku_kit.testing``).

- One real PostgreSQL per test run: the embedded server in a temporary folder, or the server named by
  ``POLKU_TEST_DATABASE_URL``.
- Each service's test database is migrated once per run; each test runs inside a transaction that is
  rolled back, so tests never see each other's rows and stay fast.
- :class:`TestIssuer` signs tokens with a key the app under test trusts, so tests exercise the real
  token checks.
- :func:`sql_statements` counts the statements a request sends; :func:`statements_sent` captures them with their
  parameters and :func:`explain` gives PostgreSQL's plan of one (:class:`QueryPlan`: the node types, the tables
  and indexes read), for tests that pin a query's plan.

A service's ``tests/conftest.py`` only provides the ``service_spec`` fixture.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI
from jose import jwt
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.sql.base import Executable

from polku_kit.db import Database
from polku_kit.settings import BaseServiceSettings

TEST_ISSUER = "http://issuer.test/auth"
TEST_AUDIENCE = "polku-api"
LAHTI = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000001")
WELLBEING_COUNTY = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000002")
KELA = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000003")
MIKKELI = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000006")


# What a production deployment at least sets (deploy/k8s/base/config.yaml): a key of its own and its OIDC provider
# over https. Tests of production-only rules start from these settings.
PRODUCTION_SETTINGS: dict[str, Any] = {
    "env": "production",
    "pii_key": "a-production-secret-of-32-bytes-or-more",
    "oidc_issuer": "https://login.example.fi/realms/polku",
    "oidc_jwks_url": "https://login.example.fi/realms/polku/protocol/openid-connect/certs",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class TestIssuer:
    """Signs tokens the way the real issuer does, with a key of its own."""

    __test__ = False

    def __init__(self, issuer: str = TEST_ISSUER, audience: str = TEST_AUDIENCE):
        self.issuer = issuer
        self.audience = audience
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "test-key-1"
        numbers = self.private_key.public_key().public_numbers()
        self.public_jwk = {
            "kty": "RSA",
            "kid": self.kid,
            "use": "sig",
            "alg": "RS256",
            "n": _b64(numbers.n),
            "e": _b64(numbers.e),
        }
        self.private_pem = self.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
        self.public_pem = (
            self.private_key.public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            .decode()
        )

    @property
    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.public_jwk]}

    def claims(
        self,
        *,
        subject: str | None = None,
        roles: Sequence[str] = ("coach",),
        org: uuid.UUID | None = LAHTI,
        lifetime: int = 300,
        **extra: Any,
    ) -> dict[str, Any]:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": subject or str(uuid.uuid4()),
            "iat": now,
            "exp": now + lifetime,
            "roles": list(roles),
            "name": "Test Person",
        }
        if org is not None:
            claims["org"] = str(org)
        claims.update(extra)
        return {key: value for key, value in claims.items() if value is not None}

    def sign(self, claims: dict[str, Any], *, headers: dict[str, Any] | None = None) -> str:
        return jwt.encode(claims, self.private_pem, algorithm="RS256", headers={"kid": self.kid, **(headers or {})})

    def token(self, **kwargs: Any) -> str:
        return self.sign(self.claims(**kwargs))

    def headers(self, **kwargs: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(**kwargs)}"}


@dataclass(frozen=True)
class ServiceSpec:
    create_app: Callable[..., FastAPI]
    settings_class: type[BaseServiceSettings]
    service_dir: Path


# --- database ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """A real PostgreSQL server for the whole run."""
    external = os.environ.get("POLKU_TEST_DATABASE_URL")
    if external:
        yield external
        return
    from polku_kit.pg import FAST_SETTINGS, EmbeddedPostgres

    server = EmbeddedPostgres(Path(tempfile.mkdtemp(prefix="polku-test-pg-")), port=free_port(), settings=FAST_SETTINGS)
    server.start()
    try:
        yield server.url
    finally:
        server.destroy()


async def create_migrated_database(server_url: str, service_dir: Path, name: str) -> str:
    """A new database with every migration applied; returns its URL."""
    from sqlalchemy.engine import make_url

    from polku_kit.migrations import upgrade
    from polku_kit.pg import drop_database, ensure_databases

    await drop_database(server_url, name)
    await ensure_databases(server_url, [name])
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    await asyncio.to_thread(upgrade, service_dir, url)
    return url


async def run_sql(url: str, statement: str, parameters: dict[str, object] | None = None) -> list[tuple[object, ...]]:
    """``statement`` run once on the database at ``url`` in a transaction of its own (a migration test's seed and
    checks, between the migrations); its rows, none for a statement that returns none."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            result = await connection.execute(text(statement), parameters or {})
            return [tuple(row) for row in result.all()] if result.returns_rows else []
    finally:
        await engine.dispose()


@asynccontextmanager
async def throwaway_database(server_url: str, name: str) -> AsyncIterator[str]:
    """A new empty database of its own for each test worker (``name`` and the worker), for a migration's test to
    upgrade step by step; yields its URL and drops it afterwards."""
    from sqlalchemy.engine import make_url

    from polku_kit.pg import drop_database, ensure_databases

    name = f"{name}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    await drop_database(server_url, name)
    await ensure_databases(server_url, [name])
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        await drop_database(server_url, name)


@pytest.fixture(scope="session")
def test_issuer() -> TestIssuer:
    return TestIssuer()


@pytest.fixture(scope="session")
def service_spec() -> ServiceSpec:
    raise pytest.UsageError("define a session fixture `service_spec` in the service's conftest.py")


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def _service_apps() -> AsyncIterator[dict[ServiceSpec, FastAPI]]:
    """Apps by service, so that one run can test several services (function-scoped lookups below)."""
    apps: dict[ServiceSpec, FastAPI] = {}
    yield apps
    for application in apps.values():
        await application.state.database.dispose()


def make_test_settings(
    spec: ServiceSpec, database_url: str, issuer: TestIssuer, **overrides: Any
) -> BaseServiceSettings:
    values: dict[str, Any] = {
        "env": "test",
        "service_database_url": database_url,
        "oidc_issuer": issuer.issuer,
        "oidc_audience": issuer.audience,
        "oidc_jwks_url": "http://issuer.test/auth/jwks",
        "webhooks_allow_private_targets": True,
        "log_json": True,
        "rate_limit_per_minute": 0,  # the limiter's own tests turn it on
        **overrides,
    }
    return spec.settings_class(**values)


def build_test_app(spec: ServiceSpec, settings: BaseServiceSettings, issuer: TestIssuer) -> FastAPI:
    app = spec.create_app(settings)
    app.state.database = Database(settings.database_dsn, pool_size=5, max_overflow=5)
    app.state.token_verifier.jwks.prime(issuer.jwks)
    return app


@pytest_asyncio.fixture(loop_scope="session")
async def app(
    service_spec: ServiceSpec,
    postgres_server_url: str,
    test_issuer: TestIssuer,
    _service_apps: dict[ServiceSpec, FastAPI],
) -> FastAPI:
    """The service under test, on its own migrated test database (made once per run)."""
    if service_spec not in _service_apps:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        name = f"test_{service_spec.settings_class.database_name}_{worker}"
        url = await create_migrated_database(postgres_server_url, service_spec.service_dir, name)
        _service_apps[service_spec] = build_test_app(
            service_spec, make_test_settings(service_spec, url, test_issuer), test_issuer
        )
    return _service_apps[service_spec]


@pytest_asyncio.fixture(loop_scope="session")
async def db_connection(app: FastAPI) -> AsyncIterator[AsyncConnection]:
    """The test's connection: everything the app and the test do on it is rolled back at the end."""
    database: Database = app.state.database
    async with database.engine.connect() as connection:
        transaction = await connection.begin()
        # asyncpg's BEGIN is sent with the first statement; sent now, a request of one statement finds the transaction
        # begun and sends its statement compiled once from the first request on (``polku_kit.compiled.sends_as_is``).
        await connection.exec_driver_sql("SELECT 1")
        try:
            with on_connection(database, connection):
                yield connection
        finally:
            await transaction.rollback()


@contextmanager
def on_connection(database: Database, connection: AsyncConnection) -> Iterator[None]:
    """While the block runs, the app's requests work on ``connection`` (a test's, in a transaction the test rolls
    back): each request's session in a savepoint of it, and a request of one statement (``polku_kit.db.OneStatement``)
    sends it on the connection as it is, without a savepoint, as production sends no BEGIN. A statement that fails
    there fails the test's transaction."""

    @asynccontextmanager
    async def statement_connection() -> AsyncIterator[AsyncConnection]:
        yield connection

    original = database.sessionmaker, database.statement_connection
    database.sessionmaker = async_sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    database.statement_connection = statement_connection
    try:
        yield
    finally:
        database.sessionmaker, database.statement_connection = original


@pytest_asyncio.fixture(loop_scope="session")
async def db_session(app: FastAPI, db_connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    """A session on the test's connection, for arranging data and checking what the app wrote."""
    async with app.state.database.sessionmaker() as session:
        yield session


@pytest_asyncio.fixture(loop_scope="session")
async def client(app: FastAPI, db_connection: AsyncConnection) -> AsyncIterator[httpx.AsyncClient]:
    # Unexpected errors reach the test as the 500 problem a caller would get (and in the captured log).
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://service.test") as http:
        yield http


# The test's own transaction wraps each request's in a savepoint; production sends none of these.
_TEST_ONLY_STATEMENTS = ("SAVEPOINT ", "RELEASE SAVEPOINT ", "ROLLBACK TO SAVEPOINT ")


@contextmanager
def sql_statements(app: FastAPI, *, transactions: bool = False) -> Iterator[list[str]]:
    """The SQL statements the app sends to its database while the block runs (the test's savepoints left out), for
    tests that keep a hot endpoint's round trips from growing: counted, not timed, so they hold on any machine.

    ``transactions``: the request's transaction counted too, as production sends it. In a test it is a savepoint of
    the test's transaction; its opening is listed as ``BEGIN``, its release as ``COMMIT`` and its rollback as
    ``ROLLBACK``, one round trip each (a savepoint inside it, such as ``begin_nested``, is listed as it is: production
    sends that too). A request of one statement (``polku_kit.db.OneStatement``) opens none."""
    statements: list[str] = []
    engine = app.state.database.engine.sync_engine
    depth = 0

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        nonlocal depth
        if not statement.startswith(_TEST_ONLY_STATEMENTS):
            statements.append(statement)
            return
        opens = statement.startswith("SAVEPOINT ")
        # SQLAlchemy ends a savepoint with RELEASE or with ROLLBACK TO (then releases nothing).
        depth += 1 if opens else -1
        if transactions:
            ended = "COMMIT" if statement.startswith("RELEASE ") else "ROLLBACK"
            outermost = depth == 1 if opens else depth == 0
            statements.append(("BEGIN" if opens else ended) if outermost else statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


# --- the plan of a statement --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SentStatement:
    """A statement as the driver was given it: its SQL and its parameters (for asyncpg, positional)."""

    sql: str
    parameters: Any


@contextmanager
def statements_sent(on: FastAPI | AsyncEngine | AsyncConnection) -> Iterator[list[SentStatement]]:
    """Every statement sent while the block runs, with its parameters, on an app's database, an engine or one
    connection (the test's savepoints included: :func:`sql_statements` counts round trips), for
    :func:`explain`."""
    target = on.state.database.engine if isinstance(on, FastAPI) else on
    sync = target.sync_engine if isinstance(target, AsyncEngine) else target.sync_connection
    sent: list[SentStatement] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        sent.append(SentStatement(statement, parameters))

    event.listen(sync, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(sync, "before_cursor_execute", record)


@dataclass(frozen=True, repr=False)
class QueryPlan:
    """PostgreSQL's plan of one statement (``EXPLAIN (FORMAT JSON)``): ``root`` is its top node, each node a dict
    with the keys of the JSON format (``Node Type``, ``Relation Name``, ``Index Name``, ``Index Cond``, …) and its
    children, CTEs and subplans included, under ``Plans``. Its ``text`` reads like ``EXPLAIN``'s, for an assertion's
    message."""

    root: dict[str, Any]

    @property
    def nodes(self) -> list[dict[str, Any]]:
        """Every node, depth first, the top one first."""
        return _nodes(self.root)

    @property
    def node_types(self) -> list[str]:
        return [node["Node Type"] for node in self.nodes]

    @property
    def indexes(self) -> set[str]:
        """The indexes read."""
        return {node["Index Name"] for node in self.nodes if "Index Name" in node}

    @property
    def index_scans(self) -> set[tuple[str, str]]:
        """How each index is read: (node type, index), such as ``("Index Only Scan", "ix_client_job_seekers")``."""
        return {(node["Node Type"], node["Index Name"]) for node in self.nodes if "Index Name" in node}

    @property
    def relations(self) -> set[str]:
        """The tables read or written."""
        return {node["Relation Name"] for node in self.nodes if "Relation Name" in node}

    @property
    def scans(self) -> set[tuple[str, str]]:
        """How each table is reached: (node type, table), such as ``("Seq Scan", "client")``."""
        return {(node["Node Type"], node["Relation Name"]) for node in self.nodes if "Relation Name" in node}

    def below(self, node_type: str) -> QueryPlan:
        """The plan of the first node of ``node_type`` (depth first), which it heads."""
        return QueryPlan(next(node for node in self.nodes if node["Node Type"] == node_type))

    @property
    def text(self) -> str:
        """Each node on a line, indented under its parent: its type, index and table, what it measured when the plan
        was run (``EXPLAIN (ANALYZE, BUFFERS)``: rows, loops, shared buffers), and its conditions."""
        return "\n".join(_lines(self.root, 0))

    def __repr__(self) -> str:
        return self.text


_SHOWN = ("Index Cond", "Recheck Cond", "Filter", "Join Filter", "Hash Cond", "Sort Key")


def _nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node, *(each for child in node.get("Plans", []) for each in _nodes(child))]


def _lines(node: dict[str, Any], depth: int) -> list[str]:
    head = node["Node Type"]
    if "Index Name" in node:
        head += f" using {node['Index Name']}"
    if "Relation Name" in node:
        head += f" on {node['Relation Name']}"
    if "Subplan Name" in node:
        head = f"{node['Subplan Name']}: {head}"
    if "Actual Rows" in node:
        head += f" (rows={node['Actual Rows']} loops={node['Actual Loops']}"
        if "Shared Hit Blocks" in node:
            head += f" buffers={node['Shared Hit Blocks'] + node.get('Shared Read Blocks', 0)}"
        head += ")"
    indent = "  " * depth
    details = [f"{indent}    {key}: {_shown(node[key])}" for key in _SHOWN if key in node]
    return [indent + head, *details, *(line for child in node.get("Plans", []) for line in _lines(child, depth + 1))]


def _shown(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


async def explain(
    connection: AsyncConnection | AsyncSession,
    statement: SentStatement | Executable,
    parameters: Mapping[str, Any] | None = None,
) -> QueryPlan:
    """PostgreSQL's plan of a statement, as it would run it: of one captured by :func:`statements_sent`, with its
    parameters, or of a SQLAlchemy statement with ``parameters``, compiled and sent as the service sends it with
    ``EXPLAIN (FORMAT JSON)`` in front. Not run (an ``INSERT`` in it writes nothing)."""
    if isinstance(connection, AsyncSession):
        connection = await connection.connection()
    if isinstance(statement, SentStatement):
        result = await connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement.sql}", statement.parameters)
    else:

        def explained(_conn: Any, _cursor: Any, sql: str, sent: Any, *_: Any) -> tuple[str, Any]:
            return f"EXPLAIN (FORMAT JSON) {sql}", sent

        sync = connection.sync_connection
        assert sync is not None
        event.listen(sync, "before_cursor_execute", explained, retval=True)
        try:
            # Compiled anew, not taken from the cache: a cached compilation of the same statement, run before, carries
            # the metadata of its own rows, which EXPLAIN's one column does not match.
            result = await connection.execute(
                statement, dict(parameters) if parameters else None, execution_options={"compiled_cache": None}
            )
        finally:
            event.remove(sync, "before_cursor_execute", explained)
    [document] = [row[0] for row in result.all()]
    [plan] = json.loads(document) if isinstance(document, str) else document
    return QueryPlan(plan["Plan"])
