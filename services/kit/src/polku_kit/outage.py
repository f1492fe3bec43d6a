"""The database unreachable is a 503 with ``Retry-After``, not a 500.

While PostgreSQL restarts, fails over or refuses connections, a request fails on connecting (asyncpg raises
``ConnectionRefusedError`` or ``CannotConnectNowError`` as they are), on a connection cut in the middle of a
statement (SQLAlchemy's ``DBAPIError`` with ``connection_invalidated``), on a closed connection
(``InterfaceError``), or waiting for the pool (``sqlalchemy.exc.TimeoutError``). Each is the service being
briefly unavailable, not a defect: the caller is told to try again, in a problem document. The request's
transaction did not commit, so a retry (with the same ``Idempotency-Key``) is safe.

Any other database error is left to the generic handler.
"""

from __future__ import annotations

import asyncpg
import structlog
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import exc as sa_exc

from polku_kit.errors import ServiceUnavailable, problem_response

log = structlog.get_logger(__name__)

RETRY_AFTER_SECONDS = 5

# Raised as they are, outside SQLAlchemy's wrapping, when a connection cannot be made.
_CONNECT_ERRORS: tuple[type[BaseException], ...] = (
    ConnectionError,
    asyncpg.exceptions.PostgresConnectionError,  # the connection failed or is gone
    asyncpg.exceptions.OperatorInterventionError,  # starting up, shutting down, statement cancelled
    asyncpg.exceptions.TooManyConnectionsError,
    asyncpg.exceptions.InterfaceError,  # used after it was closed
)


class DatabaseUnavailable(ServiceUnavailable):
    slug = "database-unavailable"
    title = "The service's database is not reachable"


# SQLSTATE classes of an unreachable server: 08 connection exception, 57P01–57P03 shutting down or starting
# up (operator intervention), 53300 too many connections.
_OUTAGE_SQLSTATES = ("08", "57P01", "57P02", "57P03", "53300")


def is_database_outage(exc: BaseException) -> bool:
    """Whether ``exc`` says the database could not be reached (as opposed to refusing a statement)."""
    if isinstance(exc, sa_exc.TimeoutError | sa_exc.OperationalError | sa_exc.InterfaceError):
        return True
    if isinstance(exc, sa_exc.DBAPIError):
        sqlstate = str(getattr(exc.orig, "sqlstate", None) or "")
        return (
            bool(exc.connection_invalidated)
            or isinstance(exc.orig, _CONNECT_ERRORS)
            or sqlstate.startswith(_OUTAGE_SQLSTATES)
        )
    return isinstance(exc, _CONNECT_ERRORS)


async def _outage_handler(request: Request, exc: Exception) -> JSONResponse:
    if not is_database_outage(exc):
        raise exc  # not an outage: the generic handler answers
    log.warning("database_unavailable", path=request.url.path, error=f"{type(exc).__name__}: {exc}"[:300])
    problem = DatabaseUnavailable("Try again shortly").to_problem(instance=request.url.path)
    return problem_response(problem, {"Retry-After": str(RETRY_AFTER_SECONDS)})


def install_outage_handler(app: FastAPI) -> None:
    """Answer 503 with ``Retry-After`` when the database is unreachable (see the module docstring)."""
    for exception in (sa_exc.DBAPIError, sa_exc.TimeoutError, *_CONNECT_ERRORS):
        app.add_exception_handler(exception, _outage_handler)
