"""Tests every service must pass. A service's test suite imports these classes, and pytest runs them
against that service's app (fixtures ``client`` and ``test_issuer`` from :mod:`polku_kit.testing`); the
authorization matrix (:class:`AuthorizationMatrix`) is subclassed with the service's own resources."""

from __future__ import annotations

import base64
import collections.abc
import datetime
import hashlib
import hmac
import inspect
import json
import time
import types
import typing
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

import httpx
import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, _IncludedRouter, iter_route_contexts
from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from polku_kit.auth import Role
from polku_kit.inbox import InboxEvent, InboxStatus
from polku_kit.outbox import emit
from polku_kit.routing import RouteIndex
from polku_kit.testing import KELA, LAHTI, MIKKELI, WELLBEING_COUNTY, TestIssuer
from polku_kit.webhooks.models import WebhookDelivery
from polku_kit.webhooks.queue import fan_out

PROBLEM = "application/problem+json"
PROTECTED = "/v1/me"


def _segment(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


class TestHealth:
    async def test_liveness(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/healthz")
        assert response.status_code == 200
        assert response.json()["status"] == "ok"

    async def test_readiness_checks_database_and_migrations(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/readyz")
        assert response.status_code == 200, response.text
        assert response.json() | {"service": None} == {
            "status": "ok",
            "service": None,
            "database": "ok",
            "migrations": "ok",
        }

    async def test_metrics_count_requests_by_route(self, client: httpx.AsyncClient) -> None:
        await client.get("/healthz")
        response = await client.get("/metrics")
        assert response.status_code == 200
        assert "polku_http_requests_total" in response.text
        assert 'route="/healthz"' in response.text

    async def test_metrics_count_every_request_of_a_route(self, app: FastAPI, client: httpx.AsyncClient) -> None:
        """The labelled series are kept after the first request of a route (``Metrics.observe``): each later
        request still counts, in the same series."""
        service = app.state.settings.service_name
        series = f'polku_http_requests_total{{method="GET",route="/healthz",service="{service}",status="200"}}'

        async def count() -> float:
            lines = (await client.get("/metrics")).text.splitlines()
            return next((float(line.rsplit(" ", 1)[1]) for line in lines if line.startswith(series)), 0.0)

        await client.get("/healthz")
        before = await count()
        for _ in range(3):
            await client.get("/healthz")
        assert await count() == before + 3

    def test_no_framework_telemetry(self, app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
        """FastAPI's own OpenTelemetry (request bodies and validation inputs included) stays off even when the
        process has an OpenTelemetry provider: see ``polku_kit.app.NO_FRAMEWORK_TELEMETRY``."""
        from fastapi.telemetry import _asgi

        monkeypatch.setattr(_asgi, "_unconfigured", lambda provider: False)  # as if a provider were installed
        assert not app._native_telemetry.enabled()

    async def test_request_id_is_kept_or_made(self, client: httpx.AsyncClient) -> None:
        given = await client.get("/healthz", headers={"X-Request-Id": "abc-123"})
        assert given.headers["x-request-id"] == "abc-123"
        made = await client.get("/healthz", headers={"X-Request-Id": "bad id with spaces"})
        assert made.headers["x-request-id"] not in ("", "bad id with spaces")

    async def test_unknown_route_is_a_problem_document(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/v1/no-such-thing")
        assert response.status_code == 404
        assert response.headers["content-type"].startswith(PROBLEM)
        assert response.json()["status"] == 404

    async def test_no_response_may_be_stored_by_a_cache(
        self, client: httpx.AsyncClient, test_issuer: TestIssuer
    ) -> None:
        """Answers carry personal data: no browser or shared cache keeps any of them (errors and health too)."""
        answers = [
            await client.get(PROTECTED, headers=test_issuer.headers(subject="coach-1", roles=["coach"])),
            await client.get(PROTECTED),
            await client.get("/v1/no-such-thing"),
            await client.get("/healthz"),
            await client.get("/openapi.json"),
        ]
        assert [answer.headers.get("cache-control") for answer in answers] == ["no-store"] * len(answers)

    async def test_openapi_documents_errors_and_security(self, client: httpx.AsyncClient) -> None:
        document = (await client.get("/openapi.json")).json()
        assert document["openapi"].startswith("3.")
        for path, operations in document["paths"].items():
            if not path.startswith("/v1/"):
                continue
            for method, operation in operations.items():
                assert operation.get("security"), f"{method.upper()} {path} declares no security"
                assert "401" in operation["responses"], f"{method.upper()} {path} documents no 401"


class TestTokenChecks:
    """Every way a token can be wrong is the same 401 problem document."""

    async def _refused(self, client: httpx.AsyncClient, headers: dict[str, str]) -> None:
        response = await client.get(PROTECTED, headers=headers)
        assert response.status_code == 401, response.text
        assert response.headers["content-type"].startswith(PROBLEM)
        assert response.json()["type"].endswith("/unauthorized")
        assert "bearer" in response.headers["www-authenticate"].lower()

    async def test_a_valid_token_is_accepted(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        response = await client.get(PROTECTED, headers=test_issuer.headers(subject="coach-1", roles=["coach"]))
        assert response.status_code == 200, response.text
        assert response.json()["subject"] == "coach-1"
        assert response.json()["roles"] == ["coach"]

    async def test_missing_token(self, client: httpx.AsyncClient) -> None:
        await self._refused(client, {})

    async def test_not_a_token(self, client: httpx.AsyncClient) -> None:
        await self._refused(client, {"Authorization": "Bearer not.a.token"})

    async def test_expired_token(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        claims = test_issuer.claims(iat=int(time.time()) - 7200, exp=int(time.time()) - 3600)
        await self._refused(client, {"Authorization": f"Bearer {test_issuer.sign(claims)}"})

    async def test_wrong_issuer(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        claims = test_issuer.claims(iss="https://evil.example/auth")
        await self._refused(client, {"Authorization": f"Bearer {test_issuer.sign(claims)}"})

    async def test_wrong_audience(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        claims = test_issuer.claims(aud="some-other-api")
        await self._refused(client, {"Authorization": f"Bearer {test_issuer.sign(claims)}"})

    @pytest.mark.parametrize("claim", ["exp", "iat", "iss", "aud", "sub"])
    async def test_required_claim_missing(self, client: httpx.AsyncClient, test_issuer: TestIssuer, claim: str) -> None:
        claims = test_issuer.claims()
        del claims[claim]
        await self._refused(client, {"Authorization": f"Bearer {test_issuer.sign(claims)}"})

    async def test_alg_none(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        token = ".".join(
            [_segment({"alg": "none", "typ": "JWT", "kid": test_issuer.kid}), _segment(test_issuer.claims()), ""]
        )
        await self._refused(client, {"Authorization": f"Bearer {token}"})

    async def test_hs256_signed_with_the_public_key(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        signing_input = ".".join(
            [_segment({"alg": "HS256", "typ": "JWT", "kid": test_issuer.kid}), _segment(test_issuer.claims())]
        )
        for secret in (test_issuer.public_pem.encode(), json.dumps(test_issuer.public_jwk).encode()):
            mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
            token = f"{signing_input}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"
            await self._refused(client, {"Authorization": f"Bearer {token}"})

    async def test_unknown_kid(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        token = test_issuer.sign(test_issuer.claims(), headers={"kid": "not-a-known-key"})
        await self._refused(client, {"Authorization": f"Bearer {token}"})

    async def test_signed_by_another_key_with_a_known_kid(self, client: httpx.AsyncClient) -> None:
        impostor = TestIssuer()
        await self._refused(client, impostor.headers())

    async def test_partner_token_without_organisation(self, client: httpx.AsyncClient, test_issuer: TestIssuer) -> None:
        await self._refused(client, test_issuer.headers(roles=["partner"], org=None))


# What PostgreSQL or the calendar cannot take: the NUL character in text, days outside Python's calendar once
# a deadline is added or the day is turned into UTC.
# (of several lengths, so that a length limit does not hide it)
_NUL_TEXTS = ("\x00", "a\x00b", "Helsinki\x00 Helsingfors")
_BAD_DATES = ("0001-01-01", "9999-12-31")
_BAD_DATETIMES = ("0001-01-01T00:00:00+02:00", "9999-12-31T23:59:59-02:00")


def _bad_values(annotation: Any) -> list[Any]:
    """Values of this type's shape that carry what the database or the calendar cannot take (none for types that
    hold no text and no date: numbers, UUIDs, enumerations, nested models, which are checked on their own)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _bad_values(args[0])
    if origin in (typing.Union, types.UnionType):
        return [bad for arg in args for bad in _bad_values(arg)]
    if origin in (list, set, frozenset, tuple, collections.abc.Sequence):
        return [[bad] for bad in _bad_values(args[0])] if args else []
    if origin is dict:
        return [{bad: "x"} for bad in _bad_values(args[0])] + [{"key": bad} for bad in _bad_values(args[1])]
    if annotation is str:
        return list(_NUL_TEXTS)
    if annotation is datetime.datetime:
        return list(_BAD_DATETIMES)
    if annotation is datetime.date:
        return list(_BAD_DATES)
    return []


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models(arg)


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def input_types_taking_bad_values(app: FastAPI) -> list[str]:
    """Every query or path parameter and every field of a request body (nested models too) that takes text with
    a NUL character or a date the calendar cannot compute with, named as ``METHOD path: where.name <- value``."""
    found: list[str] = []
    models: dict[type[BaseModel], str] = {}
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.original_route, APIRoute):
            continue
        operation = f"{sorted(context.methods or ['?'])[0]} {context.path_format}"
        for dependant in _dependants(getattr(context, "dependant", None) or context.original_route.dependant):
            for where, params in (("query", dependant.query_params), ("path", dependant.path_params)):
                for param in params:
                    for bad in _bad_values(param.field_info.annotation):
                        _, errors = param.validate(bad, {}, loc=(where, param.alias))
                        if not errors:
                            found.append(f"{operation}: {where}.{param.alias} <- {bad!r}")
            for param in dependant.body_params:
                for bad in _bad_values(param.field_info.annotation):
                    _, errors = param.validate(bad, {}, loc=("body", param.alias))
                    if not errors:
                        found.append(f"{operation}: body.{param.alias} <- {bad!r}")
                for model in _models(param.field_info.annotation):
                    models.setdefault(model, operation)
    seen: set[type[BaseModel]] = set()
    while models:
        model, operation = models.popitem()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            annotated: Any = typing.Annotated[field.annotation, field]  # built at runtime: no static form
            adapter: TypeAdapter[Any] = TypeAdapter(annotated)
            for bad in _bad_values(field.annotation):
                try:
                    adapter.validate_json(json.dumps(bad))
                except ValidationError:
                    continue
                found.append(f"{operation}: {model.__name__}.{name} <- {bad!r}")
            for nested in _models(field.annotation):
                models.setdefault(nested, operation)
    return found


class TestInputTypes:
    """No input reaches the database or the calendar with what they cannot take: the schemas refuse it (422
    naming the field) through the kit's types (:mod:`polku_kit.types`)."""

    def test_no_input_takes_nul_text_or_an_unrepresentable_date(self, app: FastAPI) -> None:
        found = input_types_taking_bad_values(app)
        assert not found, "\n".join(["These inputs take what the database or the calendar cannot:", *found])


def _runs_on_the_loop(call: Callable[..., Any]) -> bool:
    """An ``async def`` function, async generator or object with an async ``__call__``: FastAPI awaits it on the
    event loop. Anything else it sends to the threadpool, a hand-over and back on every request."""
    target = call if inspect.isroutine(call) else getattr(call, "__call__", None)  # noqa: B004
    target = inspect.unwrap(target) if target is not None else None
    return inspect.iscoroutinefunction(target) or inspect.isasyncgenfunction(target)


def routes_on_the_threadpool(app: FastAPI) -> list[str]:
    """Every endpoint and dependency that is a plain ``def``, named as ``METHOD path: function``."""
    found: list[str] = []
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.original_route, APIRoute):
            continue
        operation = f"{sorted(context.methods or ['?'])[0]} {context.path_format}"
        for dependant in _dependants(getattr(context, "dependant", None) or context.original_route.dependant):
            if dependant.call is not None and not _runs_on_the_loop(dependant.call):
                found.append(f"{operation}: {getattr(dependant.call, '__qualname__', dependant.call)}")
    return found


def fastapi_choice(app: FastAPI, scope: dict[str, Any]) -> object | None:
    """The route FastAPI's own router chooses for ``scope``, walking its included routers as it does."""
    for route in app.router.routes:
        if isinstance(route, _IncludedRouter):
            match, _, chosen, context = route._match(scope)
            while isinstance(chosen, _IncludedRouter):
                match, _, chosen, context = chosen._match(scope)
            if match.name == "FULL":
                return context if context is not None else chosen
        elif route.matches(scope)[0].name == "FULL":
            return route
    return None


def request_scope(method: str, path: str) -> dict[str, Any]:
    return {"type": "http", "method": method, "path": path, "root_path": "", "headers": [], "query_string": b""}


def routes_chosen_otherwise(app: FastAPI) -> list[str]:
    """Every API route for which the route index and FastAPI's router would choose different routes, for a path
    of the route with each parameter filled in (an id, then a word that could also be a fixed segment)."""
    index = RouteIndex(app, app.router.middleware_stack)
    found: list[str] = []
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.original_route, APIRoute):
            continue
        for method in sorted(context.methods or ["GET"]):
            for value in (str(uuid.UUID(int=7)), "search"):
                path = "/".join(value if part.startswith("{") else part for part in str(context.path_format).split("/"))
                expected = fastapi_choice(app, request_scope(method, path))
                chosen = index.choose(request_scope(method, path))
                if chosen is not None and chosen[0] is not expected:
                    instead = getattr(expected, "path_format", expected)
                    found.append(f"{method} {path}: {chosen[0].path_format} instead of {instead}")
                if chosen is None and isinstance(expected, type(context)):
                    found.append(f"{method} {path}: not indexed")
    return found


class TestRequestPath:
    """What every request of a service pays for, kept from coming back."""

    def test_the_route_index_chooses_the_route_fastapi_would(self, app: FastAPI) -> None:
        """Requests find their route through :class:`polku_kit.routing.RouteIndex`; for every route (and a word in
        place of each parameter, which a fixed segment of another route could also match) it chooses the route
        FastAPI's own router would, and chooses one at all."""
        found = routes_chosen_otherwise(app)
        assert not found, "\n".join(["The route index chooses otherwise than FastAPI:", *found])

    def test_no_endpoint_or_dependency_runs_in_the_threadpool(self, app: FastAPI) -> None:
        """A ``def`` dependency (even one that only reads ``app.state``) is run in the threadpool: a thread hand-over
        and back on every request, a tenth of a database read's time under load. Each is ``async def``."""
        found = sorted(set(routes_on_the_threadpool(app)))
        assert not found, "\n".join(["These run in the threadpool on every request:", *found])


# The authorization matrix ---------------------------------------------------------------------------------------

EVERY_ROLE = (
    Role.coach,
    Role.manager,
    Role.admin,
    Role.employer_services,
    Role.dpo,
    Role.partner,
    Role.service,
    Role.platform,
)


@dataclass(frozen=True)
class MatrixRoute:
    """A route of the API with the roles its ``require_roles`` (or ``require_scope``) dependency lets through:
    every role when it has none."""

    method: str
    path: str
    roles: frozenset[str]
    checked: bool
    scope: str | None = None

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def parameters(self) -> frozenset[str]:
        return frozenset(part[1:-1] for part in self.path.split("/") if part.startswith("{"))


def matrix_routes(app: FastAPI, roles: tuple[str, ...] = EVERY_ROLE) -> list[MatrixRoute]:
    """Every ``/v1/`` route of ``app``, with the roles that its dependencies let through."""
    routes = []
    for context in iter_route_contexts(app.routes):
        path = context.path_format or ""
        if not isinstance(context.original_route, APIRoute) or not path.startswith("/v1/"):
            continue
        allowed: set[str] = set()
        scope = None
        pending = [getattr(context, "dependant", None) or context.original_route.dependant]
        while pending:
            dependant = pending.pop()
            for dependency in dependant.dependencies:
                allowed |= getattr(dependency.call, "roles", frozenset())
                scope = scope or getattr(dependency.call, "scope", None)
                pending.append(dependency)
        for method in sorted(context.methods or ()):
            routes.append(
                MatrixRoute(
                    method=method.lower(),
                    path=path,
                    roles=frozenset(allowed) or frozenset(roles),
                    checked=bool(allowed),
                    scope=scope,
                )
            )
    return sorted(routes, key=str)


class AuthorizationMatrix:
    """The authorization matrix, generated from the app's routes: every ``/v1/`` route, called by every role, from
    the organisation that owns the resource and from another one.

    - A role the route does not let through gets 403 (the roles come from the route's ``require_roles``).
    - A role it lets through, from another organisation, gets 404 on a route with an id in its path: another
      organisation's resource is never seen, nor changed.
    - The same role from the owning organisation gets neither (the route is reachable, so the 404 above means
      something).
    - Every route names the roles it lets through, unless it is one of ``open_routes`` (open to every caller).

    A service subclasses this as ``TestAuthorizationMatrix``, names its app (``app_factory``) and provides the
    fixture ``matrix_ids``: for each side (``staff``, ``partner``), one id per path parameter of resources owned by
    :meth:`owner_of`. A new route joins the matrix by itself; a new path parameter fails until the fixture gives
    an id for it, and a route that needs a request body to reach its checks names one in ``bodies``. A route that
    no role opens without a scope and a person asked for (another service's call) may be named in ``left_out``,
    when its own tests cover the scope, the person and the organisation.
    """

    app_factory: ClassVar[Callable[[], FastAPI]]
    roles: ClassVar[tuple[str, ...]] = EVERY_ROLE
    bodies: ClassVar[dict[tuple[str, str], dict[str, Any]]] = {}
    open_routes: ClassVar[frozenset[str]] = frozenset({"GET /v1/me"})
    left_out: ClassVar[frozenset[str]] = frozenset()

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if "route" in metafunc.fixturenames:
            routes = [
                route
                for route in matrix_routes(type(self).app_factory(), self.roles)
                if str(route) not in self.left_out
            ]
            metafunc.parametrize("route", routes, ids=[str(route) for route in routes])

    def owner_of(self, role: str) -> uuid.UUID:
        return WELLBEING_COUNTY if role == Role.partner else LAHTI

    def stranger_of(self, role: str) -> uuid.UUID:
        return KELA if role == Role.partner else MIKKELI

    def side_of(self, role: str) -> str:
        return "partner" if role == Role.partner else "staff"

    def headers(self, issuer: TestIssuer, route: MatrixRoute, role: str, org: uuid.UUID) -> dict[str, str]:
        """A caller with one role (subject ``{role}-{org}``), and the route's scope when it has one."""
        return issuer.headers(subject=f"{role}-{org}", roles=[role], org=org, scope=route.scope)

    async def call(
        self, client: httpx.AsyncClient, route: MatrixRoute, ids: dict[str, str], headers: dict[str, str]
    ) -> httpx.Response:
        extra = self.bodies.get((route.method, route.path), {})
        return await client.request(
            route.method.upper(),
            route.path.format(**ids),
            params=extra.get("params"),
            json=extra.get("json"),
            content=extra.get("content"),
            headers={**headers, **extra.get("headers", {})},
        )

    def test_every_route_names_its_roles(self, route: MatrixRoute) -> None:
        assert route.checked or str(route) in self.open_routes, f"{route} lets every role through"

    async def test_other_organisations_get_404_and_other_roles_403(
        self,
        client: httpx.AsyncClient,
        test_issuer: TestIssuer,
        matrix_ids: dict[str, dict[str, str]],
        route: MatrixRoute,
    ) -> None:
        missing = route.parameters - set(matrix_ids["staff"])
        assert not missing, f"matrix_ids gives no id for {sorted(missing)}"
        seen: dict[tuple[str, str], object] = {}
        expected: dict[tuple[str, str], object] = {}
        for role in self.roles:
            ids = matrix_ids[self.side_of(role)]
            own = await self.call(client, route, ids, self.headers(test_issuer, route, role, self.owner_of(role)))
            seen[(role, "own organisation")] = own.status_code
            expected[(role, "own organisation")] = "reachable" if role in route.roles else 403
            if route.parameters:
                other = self.headers(test_issuer, route, role, self.stranger_of(role))
                seen[(role, "other organisation")] = (await self.call(client, route, ids, other)).status_code
                expected[(role, "other organisation")] = 404 if role in route.roles else 403
        actual = {
            key: ("reachable" if expected[key] == "reachable" and status not in (403, 404) else status)
            for key, status in seen.items()
        }
        differing = {
            key: f"{actual[key]}, expected {expected[key]}" for key in expected if actual[key] != expected[key]
        }
        assert actual == expected, differing


async def parked_event_ids(session: AsyncSession) -> dict[str, dict[str, str]]:
    """An inbound event parked for Lahti: the id of the kit's parked-event routes (:mod:`polku_kit.inbox_admin`)
    for :class:`AuthorizationMatrix`."""
    event_id = f"matrix-{uuid.uuid4()}"
    session.add(
        InboxEvent(
            id=event_id,
            source="/matrix",
            type="fi.example.matrix.v1",
            organisation_id=LAHTI,
            status=InboxStatus.parked,
            attempts=5,
            last_error="matrix",
        )
    )
    await session.flush()
    return {side: {"event_id": event_id} for side in ("staff", "partner")}


# Request bodies that reach the checks of the kit's webhook routes.
WEBHOOK_BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("patch", "/v1/webhook-subscriptions/{subscription_id}"): {"json": {"description": "Tapahtumat"}},
    ("post", "/v1/webhook-subscriptions/{subscription_id}/replay"): {"json": {"since": "2026-01-01T00:00:00Z"}},
}


async def webhook_ids(
    client: httpx.AsyncClient, session: AsyncSession, issuer: TestIssuer, *, source: str, event_type: str
) -> dict[str, dict[str, str]]:
    """A webhook subscription for each side (Lahti's admin, the wellbeing county's partner), and a delivery of
    one event to each: the ids of the kit's webhook routes for :class:`AuthorizationMatrix` (the event's id too,
    which both sides' subscribers may fetch)."""
    matrix = AuthorizationMatrix()
    subscriptions = {}
    for side, role in (("staff", Role.admin), ("partner", Role.partner)):
        org = matrix.owner_of(role)
        created = await client.post(
            "/v1/webhook-subscriptions",
            headers=issuer.headers(subject=f"{role}-{org}", roles=[role], org=org),
            json={"url": f"https://{side}.example.fi/events", "event_types": [event_type]},
        )
        assert created.status_code == 201, created.text
        subscriptions[side] = created.json()["id"]
    event = await emit(
        session,
        type=event_type,
        subject="matrix/1",
        source=source,
        audience=[LAHTI, WELLBEING_COUNTY],
        data={"note": "matrix"},
    )
    await fan_out(session, limit=10)
    deliveries = {str(row.subscription_id): str(row.id) for row in await session.scalars(select(WebhookDelivery))}
    return {
        side: {
            "subscription_id": subscriptions[side],
            "delivery_id": deliveries[subscriptions[side]],
            "webhook_event_id": str(event.id),  # the fetch of an event (polku_kit.webhooks.events)
        }
        for side in ("staff", "partner")
    }
