"""Finding a request's route by the literal start of its path instead of trying every route of the service.

FastAPI keeps an included router as a branch of its own and walks the branches in order on every request, each
route's regular expression tried in turn, every branch matched twice (once to choose it, once to handle it) and
each checking first that no route was added since. With the few hundred routes of clients-api a request for a
route near the end paid about 0.4 ms of a core before its endpoint ran (a 404 walked everything); the health
check, matched first, paid almost nothing.

:class:`RouteIndex` lists the same routes in the same order (each with the prefixes and dependencies of the
routers it was included through, as FastAPI resolves them) and files them by the literal segments their path
starts with, at most two (``/v1/clients/{client_id}`` under ``v1/clients``). A request tries only the routes whose
literal start its path has, in their original order, so the first full match is the one FastAPI would choose.
Anything else (no full match, a method not allowed, a redirect for a trailing slash, a route that is not an
API route) goes to FastAPI's own router unchanged.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.routing import (  # the resolved routes FastAPI itself dispatches to
    _FASTAPI_EFFECTIVE_ROUTE_CONTEXT_KEY,
    _EffectiveRouteContext,
    _get_fastapi_scope,
    _IncludedRouter,
    _update_scope,
)
from starlette._utils import get_route_path
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Receive, Scope, Send

# A route is filed under at most this many literal segments of its path.
DEPTH = 2

Entry = tuple[int, "_EffectiveRouteContext | BaseRoute"]


def _literal_start(path: str) -> tuple[str, ...]:
    literal: list[str] = []
    for segment in path.split("/")[1 : DEPTH + 1]:
        if "{" in segment:
            break
        literal.append(segment)
    return tuple(literal)


def _form_limits(branch: _IncludedRouter) -> bool:
    if branch.include_context.form_limits:
        return True
    return any(_form_limits(child) for child in branch.effective_candidates() if isinstance(child, _IncludedRouter))


class RouteIndex:
    """The app's routes filed by the literal start of their paths; rebuilt when a route is added."""

    def __init__(self, app: FastAPI, fallback: ASGIApp):
        self.app = app
        self.fallback = fallback
        self.version = -1
        self.usable = False
        self.by_start: dict[tuple[str, ...], list[Entry]] = {}
        self.merged: dict[tuple[tuple[str, ...], ...], list[Entry]] = {}

    def _build(self) -> None:
        router = self.app.router
        entries: list[_EffectiveRouteContext | BaseRoute] = []
        usable = not router.form_limits
        for route in router.routes:
            if isinstance(route, _IncludedRouter):
                usable = usable and not _form_limits(route)
                entries.extend(route.effective_route_contexts())
            else:
                entries.append(route)
        by_start: dict[tuple[str, ...], list[Entry]] = {}
        for position, entry in enumerate(entries):
            path = getattr(entry, "path_format", None)
            start = _literal_start(path) if isinstance(path, str) and path.startswith("/") else ()
            by_start.setdefault(start, []).append((position, entry))
        self.by_start, self.merged, self.usable = by_start, {}, usable
        self.version = router._routes_version

    def candidates(self, path: str) -> list[Entry]:
        segments = path.split("/", DEPTH + 1)[1 : DEPTH + 1]
        starts = tuple(
            start for start in (tuple(segments[:depth]) for depth in range(DEPTH + 1)) if start in self.by_start
        )
        found = self.merged.get(starts)
        if found is None:
            # Only starts some route has are keys here, so this stays as small as the set of routes.
            found = sorted((entry for start in starts for entry in self.by_start[start]), key=lambda entry: entry[0])
            self.merged[starts] = found
        return found

    def choose(self, scope: Scope) -> tuple[_EffectiveRouteContext, Scope] | None:
        """The API route FastAPI would choose for ``scope`` and its path parameters, or None when FastAPI's router
        must decide (no full match among the candidates, or a route that is not an API route matched first)."""
        # A route added to the app (or a router included) after the first request is filed then. The routers the
        # app includes are complete before the app is made (each service's routers are built at import).
        if self.version != self.app.router._routes_version:
            self._build()
        if not self.usable:
            return None
        for _, entry in self.candidates(get_route_path(scope)):
            match, child_scope = entry.matches(scope)
            if match is not Match.FULL:
                continue
            if isinstance(entry, _EffectiveRouteContext) and entry.app is not None:
                return entry, child_scope
            # Not an API route (the OpenAPI document, a mount): FastAPI's router handles it as it always has.
            return None
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        chosen = self.choose(scope) if scope["type"] == "http" else None
        if chosen is None:
            await self.fallback(scope, receive, send)
            return
        context, child_scope = chosen
        await self._handle(context, child_scope, scope, receive, send)

    async def _handle(
        self, context: _EffectiveRouteContext, child_scope: Scope, scope: Scope, receive: Receive, send: Send
    ) -> None:
        """What FastAPI does once it has chosen an API route (``_IncludedRouter._handle_selected``)."""
        scope.setdefault("router", self.app.router)
        child_scope["route"] = context.original_route
        _update_scope(scope, child_scope)
        _get_fastapi_scope(scope)[_FASTAPI_EFFECTIVE_ROUTE_CONTEXT_KEY] = context
        if context.app is not None:  # always, for an API route (choose() returns no other)
            await context.app(scope, receive, send)


def install_route_index(app: FastAPI) -> None:
    """Puts a :class:`RouteIndex` in front of the app's router (inside every middleware, exception handler and
    dependency exit stack, exactly where the router was)."""
    app.router.middleware_stack = RouteIndex(app, app.router.middleware_stack)
