"""The app factory every service uses: errors, logging, metrics, auth, database and health, wired once."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import structlog
from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.routing import APIRoute
from fastapi.telemetry import TelemetryConfig
from pydantic import BaseModel
from sqlalchemy import text

from polku_kit.auth import CurrentPrincipal, Principal, TokenVerifier, Verified
from polku_kit.db import Database
from polku_kit.errors import ServiceUnavailable, document_problems, install_problem_handlers, problem_responses
from polku_kit.idempotency import install_replay_handler
from polku_kit.migrations import applied_heads, script_heads
from polku_kit.observability import Metrics, RequestContextMiddleware, configure_logging
from polku_kit.outage import install_outage_handler
from polku_kit.ratelimit import RateLimitMiddleware
from polku_kit.reference import describe_parameters
from polku_kit.retention import dead_letters
from polku_kit.routing import install_route_index
from polku_kit.settings import BaseServiceSettings

log = structlog.get_logger(__name__)


class Health(BaseModel):
    status: str
    service: str


class Readiness(Health):
    database: str
    migrations: str


# FastAPI's own OpenTelemetry spans, metrics and logs are off. The services count and time their requests for
# Prometheus and log each one with its request id (polku_kit.observability); and FastAPI's telemetry would
# record request bodies and validation failures with their input values (personal identity codes among
# them) to whatever OpenTelemetry provider the process happens to have. Tracing, when it comes, is a
# decision of its own, with redaction.
NO_FRAMEWORK_TELEMETRY: TelemetryConfig = {
    "tracing": False,
    "metrics": False,
    "logs": False,
    "operation_spans": False,
    "auto_configure": False,
}


def _operation_id(route: APIRoute) -> str:
    """Operation ids the generated TypeScript client can use as names: ``list_webhook_subscriptions``."""
    return route.name


def _health_router(service_dir: Path) -> APIRouter:
    router = APIRouter(tags=["health"])
    expected_heads = script_heads(service_dir)

    @router.get("/healthz", response_model=Health, summary="Liveness")
    async def healthz(request: Request) -> Health:
        return Health(status="ok", service=request.app.state.settings.service_name)

    @router.get(
        "/readyz",
        response_model=Readiness,
        summary="Readiness: the database answers and every migration is applied",
        responses=problem_responses(503),
    )
    async def readyz(request: Request) -> Readiness:
        database: Database = request.app.state.database
        try:
            async with database.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
                applied = await applied_heads(connection)
        except Exception as exc:
            log.warning("not_ready", reason="database", error=str(exc))
            raise ServiceUnavailable("The database is not reachable") from None
        if applied != expected_heads:
            raise ServiceUnavailable(
                "Database migrations are not applied",
                expected=sorted(expected_heads),
                applied=sorted(applied),
            )
        return Readiness(status="ok", service=request.app.state.settings.service_name, database="ok", migrations="ok")

    @router.get(
        "/v1/me",
        response_model=Principal,
        tags=["session"],
        summary="The caller as this service sees it: subject, roles and organisation from the token",
        responses=problem_responses(401),
    )
    async def read_me(request: Request, principal: CurrentPrincipal) -> Response:
        # The principal's JSON, encoded once per verified token (polku_kit.auth.Verified); the same bytes as
        # FastAPI's encoding of the response model.
        verified: Verified = request.scope["state"]["verified"]
        return Response(verified.answer(), media_type="application/json")

    @router.get("/metrics", include_in_schema=False)
    async def metrics(request: Request) -> Response:
        await _count_dead_letters(request.app)
        body, content_type = request.app.state.metrics.render()
        return Response(body, media_type=content_type)

    return router


async def _count_dead_letters(app: FastAPI) -> None:
    """The dead-letter gauge, from the database; a scrape still answers (without it) when the database does not."""
    try:
        async with app.state.database.sessionmaker() as session:
            count = await dead_letters(session)
    except Exception as exc:
        log.warning("dead_letters_not_counted", error=str(exc))
        return
    app.state.metrics.dead_letters.labels(app.state.settings.service_name).set(count)


def _document_problems(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = describe_parameters(document_problems(generate()))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def create_service_app(
    settings: BaseServiceSettings,
    *,
    title: str,
    description: str,
    version: str,
    service_dir: Path,
    routers: Sequence[APIRouter],
    tags: list[dict[str, Any]] | None = None,
    on_startup: Callable[[FastAPI], Any] | None = None,
    on_shutdown: Callable[[FastAPI], Any] | None = None,
) -> FastAPI:
    configure_logging(service=settings.service_name, level=settings.log_level, json=settings.log_json)
    metrics = Metrics(settings.service_name)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not hasattr(app.state, "database"):
            app.state.database = Database(
                settings.database_dsn,
                pool_size=settings.database_pool_size,
                max_overflow=settings.database_max_overflow,
            )
        if on_startup is not None:
            await on_startup(app)
        log.info("service_started", env=settings.env.value)
        try:
            yield
        finally:
            if on_shutdown is not None:
                await on_shutdown(app)
            await app.state.database.dispose()

    app = FastAPI(
        title=title,
        description=description,
        version=version,
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        openapi_tags=tags,
        telemetry=NO_FRAMEWORK_TELEMETRY,
    )
    _document_problems(app)
    app.state.settings = settings
    app.state.metrics = metrics
    app.state.token_verifier = TokenVerifier(settings)
    install_problem_handlers(app)
    install_outage_handler(app)
    install_replay_handler(app)
    app.add_middleware(RateLimitMiddleware, per_minute=settings.rate_limit_per_minute, burst=settings.rate_limit_burst)
    app.add_middleware(RequestContextMiddleware, metrics=metrics)
    app.include_router(_health_router(service_dir))
    for router in routers:
        app.include_router(router)
    install_route_index(app)
    return app
