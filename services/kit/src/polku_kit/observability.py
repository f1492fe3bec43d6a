"""Structured JSON logs with the gateway's request id, Prometheus metrics, and the health endpoints."""

from __future__ import annotations

import datetime
import json as jsonlib
import logging
import re
import sys
import time
import uuid
from typing import Any

import pydantic_core
import structlog
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from polku_kit.actor import set_actor

REQUEST_ID_HEADER = "x-request-id"
_REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def configure_logging(*, service: str, level: str = "INFO", json: bool = True) -> None:
    """structlog renders both our own and the standard library's records, one JSON object a line."""
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.format_exc_info,
    ]
    renderer: Any = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()
    structlog.configure(
        processors=(processors := [*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter]),
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stdout)
    global _json_handler
    # A copy: structlog.testing.capture_logs changes the configured list in place.
    _json_handler = (handler, service, tuple(processors)) if json else None
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[
                lambda _, __, event: {**event, "service": service},
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                renderer,
            ],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # uvicorn's own records go through the same JSON formatter, whatever uvicorn configured before us.
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # uvicorn's own access log is replaced by ours, which carries the request id.
    logging.getLogger("uvicorn.access").handlers[:] = []
    logging.getLogger("uvicorn.access").propagate = False


# The handler configure_logging installs for JSON lines, and the service it names: the access line's fast path.
_json_handler: tuple[logging.StreamHandler[Any], str, tuple[Any, ...]] | None = None


def _timestamp(now: float) -> str:
    """``now`` (seconds since the epoch) as structlog's ``TimeStamper(fmt="iso", utc=True)`` writes it:
    ``2026-12-04T23:04:41.562091Z``, the microseconds left out when they are zero, as ``isoformat`` does. The
    date and time to the second are formatted once a second."""
    global _second
    whole = int(now)
    micro = round((now - whole) * 1_000_000)
    if micro == 1_000_000:
        whole, micro = whole + 1, 0
    if _second[0] != whole:
        _second = (whole, datetime.datetime.fromtimestamp(whole, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S"))
    return f"{_second[1]}.{micro:06d}Z" if micro else f"{_second[1]}Z"


_second: tuple[int, str] = (-1, "")
# The values pydantic's encoder writes as the standard library's does.
_PLAIN = frozenset({str, int, float, bool, type(None)})


class AccessLog:
    """The access line of every request. It carries what any other line carries (the request's context: request
    id, subject, organisation; level, timestamp, service) and is written by the same handler, but rendered here
    in one step: through structlog's processors, a ``logging`` record and the formatter it was a sixth of an
    authenticated request's time without the database. The object is encoded by pydantic's JSON encoder (in Rust;
    the standard library's took four times as long for this line): the same keys, values and order as structlog's
    renderer gives, without the spaces after ``:`` and ``,``. A line with a character outside ASCII, or with a value
    that is not a string, number, boolean or null (which structlog's renderer writes as its ``repr``), is encoded
    by the standard library instead, as every other line is. When the root logger's handlers are not the one
    :func:`configure_logging` installed for JSON (a test capturing records, a console renderer), or structlog's
    processors are not the ones it configured, the line takes the ordinary way."""

    def __init__(self) -> None:
        self.logger = logging.getLogger("polku.access")
        self.fallback = structlog.get_logger("polku.access")

    def info(self, event: str, **fields: Any) -> None:
        installed = _json_handler
        if (
            installed is None
            or logging.getLogger().handlers != [installed[0]]
            or tuple(structlog.get_config()["processors"]) != installed[2]  # structlog.testing.capture_logs, say
        ):
            self.fallback.info(event, **fields)
            return
        if not self.logger.isEnabledFor(logging.INFO):
            return
        handler, service, _ = installed
        line = structlog.contextvars.merge_contextvars(None, "info", {**fields, "event": event})
        line["level"] = "info"
        line["timestamp"] = _timestamp(time.time())
        line["service"] = service
        rendered = pydantic_core.to_json(line).decode() if all(type(v) in _PLAIN for v in line.values()) else ""
        if not rendered or not rendered.isascii():
            rendered = jsonlib.dumps(line, default=repr)
        rendered += handler.terminator
        handler.acquire()
        try:
            handler.stream.write(rendered)
            handler.flush()
        finally:
            handler.release()


class Metrics:
    """The HTTP metrics of one app, in a registry of its own so that tests can create many apps."""

    def __init__(self, service: str):
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "polku_http_requests_total",
            "HTTP requests by route template, method and status",
            ["service", "method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "polku_http_request_duration_seconds",
            "HTTP request duration by route template",
            ["service", "method", "route"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
        )
        # Counted from the database on every scrape (polku_kit.retention.dead_letters).
        self.dead_letters = Gauge(
            "polku_webhook_dead_letters",
            "Webhook deliveries dead-lettered after their last attempt, waiting for a replay",
            ["service"],
            registry=self.registry,
        )
        self.service = service
        # The labelled children, looked up once per route, method and status: ``labels()`` validates and locks.
        self._children: dict[tuple[str, str, str], tuple[Any, Any]] = {}

    def observe(self, method: str, template: str, status: int, elapsed: float) -> None:
        """Counts one request and its duration."""
        key = (method, template, str(status))
        children = self._children.get(key)
        if children is None:
            children = (
                self.requests.labels(self.service, method, template, key[2]),
                self.latency.labels(self.service, method, template),
            )
            if len(self._children) < 1000:  # route templates are few; methods are whatever callers send
                self._children[key] = children
        children[0].inc()
        children[1].observe(elapsed)

    def render(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


def _route_template(scope: Scope) -> str:
    """The matched route's path template (``/v1/webhook-subscriptions/{subscription_id}``), so that metrics
    have one series per route, not one per id. FastAPI keeps the effective (prefixed) path of routes from
    included routers in its own scope entry; plain Starlette routes carry it on ``scope["route"]``."""
    context = scope.get("fastapi", {}).get("effective_route_context")
    template = getattr(context, "path_format", None) or getattr(scope.get("route"), "path", None)
    return str(template) if template else "unmatched"


class RequestContextMiddleware:
    """Takes the request id from the gateway (or makes one), binds it to every log line of the request,
    returns it in the response with ``Cache-Control: no-store``, logs one access line and counts the request."""

    def __init__(self, app: ASGIApp, *, metrics: Metrics):
        self.app = app
        self.metrics = metrics
        self.log = AccessLog()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = ""
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                request_id = value.decode("latin-1")
                break
        if not _REQUEST_ID_PATTERN.match(request_id):
            request_id = uuid.uuid4().hex
        structlog.contextvars.clear_contextvars()
        set_actor(None)
        structlog.contextvars.bind_contextvars(request_id=request_id)
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = message.setdefault("headers", [])
                headers.append((b"x-request-id", request_id.encode()))
                # Answers carry personal data: no browser or shared cache may keep one.
                if not any(name.lower() == b"cache-control" for name, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            template = _route_template(scope)
            method = scope["method"]
            self.metrics.observe(method, template, status, elapsed)
            if template not in ("/healthz", "/metrics"):
                self.log.info(
                    "request",
                    method=method,
                    path=scope["path"],
                    route=template,
                    status=status,
                    duration_ms=round(elapsed * 1000, 2),
                )
            structlog.contextvars.clear_contextvars()
