"""RFC 9457 problem details: one exception hierarchy, one renderer.

Services raise subclasses (``class ReferralNotFound(NotFound)``) with a stable ``type`` slug; the handlers
below turn them, FastAPI's validation errors and anything unexpected into ``application/problem+json``.
Nothing else ever reaches the caller: no stack trace, no SQL.
"""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import Any, ClassVar

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://polku.fi/problems/"

log = structlog.get_logger(__name__)


class FieldError(BaseModel):
    """One invalid input: where it is (``body.email``) and what is wrong with it."""

    field: str = Field(examples=["body.email"])
    message: str = Field(examples=["value is not a valid email address"])
    code: str = Field(examples=["value_error"])


class Problem(BaseModel):
    """An RFC 9457 problem details document."""

    type: str = Field(examples=[PROBLEM_TYPE_BASE + "not-found"])
    title: str = Field(examples=["Not found"])
    status: int = Field(examples=[404])
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldError] | None = None

    model_config = {"extra": "allow"}


class ProblemError(Exception):
    """Base of every expected error. Subclass and set ``status``, ``slug`` and ``title``."""

    status: ClassVar[int] = 500
    slug: ClassVar[str] = "internal-error"
    title: ClassVar[str] = "Internal server error"

    def __init__(self, detail: str | None = None, *, headers: dict[str, str] | None = None, **extra: Any):
        super().__init__(detail or self.title)
        self.detail = detail
        self.headers = headers
        self.extra = extra

    def to_problem(self, instance: str | None = None) -> Problem:
        return Problem(
            type=PROBLEM_TYPE_BASE + self.slug,
            title=self.title,
            status=self.status,
            detail=self.detail,
            instance=instance,
            **self.extra,
        )


class BadRequest(ProblemError):
    status, slug, title = 400, "bad-request", "Bad request"


class Unauthorized(ProblemError):
    status, slug, title = 401, "unauthorized", "Authentication required"

    def __init__(self, detail: str | None = None, **extra: Any):
        super().__init__(detail, headers={"WWW-Authenticate": 'Bearer realm="polku"'}, **extra)


class Forbidden(ProblemError):
    status, slug, title = 403, "forbidden", "Not allowed"


class NotFound(ProblemError):
    status, slug, title = 404, "not-found", "Not found"


class Conflict(ProblemError):
    status, slug, title = 409, "conflict", "Conflict"


class PreconditionFailed(ProblemError):
    status, slug, title = 412, "precondition-failed", "The resource has changed"


class PreconditionRequired(ProblemError):
    status, slug, title = 428, "precondition-required", "If-Match header required"


class Unprocessable(ProblemError):
    status, slug, title = 422, "validation-error", "Invalid request"


class ServiceUnavailable(ProblemError):
    status, slug, title = 503, "service-unavailable", "Service unavailable"


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def _field_name(location: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in location)


async def _problem_error_handler(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, ProblemError):  # registered for that class only
        raise exc
    return problem_response(exc.to_problem(instance=request.url.path), exc.headers)


async def _validation_handler(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, RequestValidationError):  # registered for that class only
        raise exc
    errors = [
        FieldError(field=_field_name(error["loc"]), message=error["msg"], code=error["type"]) for error in exc.errors()
    ]
    problem = Problem(
        type=PROBLEM_TYPE_BASE + Unprocessable.slug,
        title=Unprocessable.title,
        status=422,
        detail=f"{len(errors)} field(s) are invalid",
        instance=request.url.path,
        errors=errors,
    )
    return problem_response(problem)


def _allowed_methods(request: Request) -> str | None:
    """Every method the path supports, from the OpenAPI document (Starlette names only the first route)."""
    path = request.scope.get("path", "")
    root = request.scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :]
    matches: dict[int, set[str]] = {}
    for template, operations in request.app.openapi().get("paths", {}).items():
        if re.fullmatch(re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)), path):
            # A literal segment names the path better than a parameter: /v1/referrals/due is not a referral id.
            matches.setdefault(template.count("{"), set()).update(method.upper() for method in operations)
    methods = matches[min(matches)] if matches else set()
    return ", ".join(sorted(methods)) or None


async def _http_exception_handler(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, StarletteHTTPException):  # registered for that class only
        raise exc
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:
        allowed = _allowed_methods(request)
        if allowed:
            headers["Allow"] = allowed
    status = HTTPStatus(exc.status_code)
    slug = status.phrase.lower().replace(" ", "-")
    problem = Problem(
        type=PROBLEM_TYPE_BASE + slug,
        title=status.phrase,
        status=exc.status_code,
        detail=exc.detail if isinstance(exc.detail, str) and exc.detail != status.phrase else None,
        instance=request.url.path,
    )
    return problem_response(problem, headers or None)


class UnexpectedErrorMiddleware:
    """Anything unexpected is answered with a 500 problem document, logged (with the request id bound by the
    request context), and goes no further. Starlette's own last-resort handler sends its answer and then
    re-raises for the server to log; uvicorn then closes the connection, and a gateway that keeps connections
    to the service alive fails its next request on it with a 502: one fault would become two, the second
    someone else's. Only an error after the response has started is passed on, since closing the connection
    is then the only way to tell the client that the body is incomplete."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_tracking)
        except Exception:
            if started:
                raise
            path = Request(scope).url.path
            # A logger bound now, not the module's cached one: the configuration in force decides where it goes.
            structlog.get_logger(__name__).exception("unhandled_error", method=scope["method"], path=path)
            await problem_response(ProblemError().to_problem(instance=path))(scope, receive, send)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ProblemError, _problem_error_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_exception_handler)
    app.add_middleware(UnexpectedErrorMiddleware)


def document_problems(document: dict[str, Any]) -> dict[str, Any]:
    """Make the OpenAPI document say what the API does: every error of a ``/v1`` operation is a problem
    document (``application/problem+json``), including FastAPI's own 422, and any of them may answer 400
    to a body or cursor it cannot parse."""
    problem = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, operations in document.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            if path.startswith("/v1/"):
                responses.setdefault("400", {"description": "Bad Request"})
            for status, response in responses.items():
                if status[0] in "45":
                    response["content"] = problem
    if any(
        "webhookSignature" in requirement
        for operations in document.get("paths", {}).values()
        for operation in operations.values()
        for requirement in operation.get("security", [])
    ):
        document.setdefault("components", {}).setdefault("securitySchemes", {})["webhookSignature"] = {
            "type": "apiKey",
            "in": "header",
            "name": "webhook-signature",
            "description": "A Standard Webhooks signature (with `webhook-id` and `webhook-timestamp`) made with "
            "a secret shared with the sender; bodies are CloudEvents 1.0 in structured JSON mode.",
        }
    schemas = document.get("components", {}).get("schemas", {})
    if "Problem" in schemas:
        for unused in ("HTTPValidationError", "ValidationError"):
            schemas.pop(unused, None)
    return document


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries for the given error statuses, all documented as problem details."""
    return {
        status: {
            "model": Problem,
            "content": {PROBLEM_MEDIA_TYPE: {}},
            "description": HTTPStatus(status).phrase,
        }
        for status in statuses
    }
