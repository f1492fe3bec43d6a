"""The database unreachable is a 503 with ``Retry-After``, not a 500.

While PostgreSQL restarts, fails over or refuses connections, a request fails on connecting (asyncpg raises
``ConnectionRefusedError`` or ``CannotConnectNowError`` as they are), on a connection cut in the middle of a
statement (SQLAlchemy's ``DBAPIError`` with ``connection_invalidated``), on a closed connection
(``InterfaceError``), or waiting for the pool (``sqlalchemy.exc.TimeoutError``). Each is the service being
briefly unavailable, not a defect: the caller is told to try again, in a problem document. The request's
transaction did not commit, so a retry (with the same ``Idempotency-Key``) is safe.

A transaction PostgreSQL aborts to break a deadlock (SQLSTATE 40P01) or a serialization failure (40001) is the
same kind of moment: two writes met, one was rolled back whole, and sending it again succeeds. It is a 503 with a
short ``Retry-After`` of its own (``transaction-conflict``), never a 500.

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


class TransactionConflict(ServiceUnavailable):
    slug = "transaction-conflict"
    title = "The change met another at the same moment and was not made"


TRANSACTION_CONFLICT_RETRY_AFTER_SECONDS = 1
# 40001 serialization failure, 40P01 deadlock detected: the transaction was rolled back whole.
_CONFLICT_SQLSTATES = ("40001", "40P01")


def is_transaction_conflict(exc: BaseException) -> bool:
    """Whether PostgreSQL rolled the transaction back to settle it with another (deadlock, serialization)."""
    return isinstance(exc, sa_exc.DBAPIError) and str(getattr(exc.orig, "sqlstate", None) or "") in _CONFLICT_SQLSTATES


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
    if is_transaction_conflict(exc):
        log.warning("transaction_conflict", path=request.url.path, error=f"{type(exc).__name__}: {exc}"[:300])
        conflict = TransactionConflict("Send the same request again").to_problem(instance=request.url.path)
        return problem_response(conflict, {"Retry-After": str(TRANSACTION_CONFLICT_RETRY_AFTER_SECONDS)})
    if not is_database_outage(exc):
        raise exc  # not an outage: the generic handler answers
    log.warning("database_unavailable", path=request.url.path, error=f"{type(exc).__name__}: {exc}"[:300])
    problem = DatabaseUnavailable("Try again shortly").to_problem(instance=request.url.path)
    return problem_response(problem, {"Retry-After": str(RETRY_AFTER_SECONDS)})


def install_outage_handler(app: FastAPI) -> None:
    """Answer 503 with ``Retry-After`` when the database is unreachable (see the module docstring)."""
    for exception in (sa_exc.DBAPIError, sa_exc.TimeoutError, *_CONNECT_ERRORS):
        app.add_exception_handler(exception, _outage_handler)
