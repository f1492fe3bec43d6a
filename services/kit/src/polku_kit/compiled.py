"""A Core statement compiled once for the dialect and sent on the asyncpg connection itself (decision 68).

SQLAlchemy's execution of a statement built once (decision 50) still does per call what does not change between
calls: it looks the compiled form up in its cache by the statement's key, builds an execution context that puts the
parameters in order and runs each through its type's bind processor, passes them to its asyncpg adapter (a cursor,
a lock, the adapter's own cache of prepared statements, a regular expression over the status), and builds the result's
metadata and rows, in a greenlet. :class:`CompiledStatement` does the compiling once: the SQL as the dialect writes it
(``$1``, ``$2`` with the casts SQLAlchemy renders), the order of the parameters with each one's bind processor and
default value, and the result's keys and result processors. :func:`run` then sends it as a prepared statement of the
connection's asyncpg connection and returns the rows as SQLAlchemy's :class:`~sqlalchemy.engine.Row` (by attribute,
by name, by index) in a buffered :class:`~sqlalchemy.engine.Result`, with the same Python values SQLAlchemy gives:
the processors are SQLAlchemy's own (JSON, enums, arrays, numerics, type decorators such as ``polku_kit.columns``'),
applied to what asyncpg decodes with the codecs SQLAlchemy's dialect set on the connection.

What cannot be compiled once is not compiled here (:func:`compile_once` gives None, and the caller executes the
statement through SQLAlchemy): a statement that is not a ``SELECT`` (an ``INSERT`` or ``UPDATE`` may be a CTE of one);
an expanding ``IN`` or a ``literal_execute`` parameter, whose SQL is rendered anew for each execution's values; a
statement with execution options; a parameter name SQLAlchemy escapes.

A failure is raised as SQLAlchemy raises it (``sqlalchemy.exc.DBAPIError`` and its kinds, a lost connection
invalidated), through the connection's own handling, so that ``polku_kit.outage`` and the callers see no difference.
Listeners of ``before_cursor_execute`` and ``after_cursor_execute`` (the tests' statement counts) are told of each
statement sent here too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn

from sqlalchemy import Executable, exc
from sqlalchemy.engine import Connection, Dialect, Result
from sqlalchemy.engine.result import IteratorResult, SimpleResultMetaData
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.util import greenlet_spawn

# The prepared statements of one asyncpg connection, by SQL, in the pool's record of that connection (``info``: kept
# while the connection lives, forgotten with it when it is closed or invalidated), with the moment they were begun.
_PREPARED = "polku_kit.compiled.prepared"
# Prepared statements kept per connection (PostgreSQL keeps each in the connection's memory); past this many the
# oldest are closed first. SQLAlchemy's asyncpg adapter keeps 100 per connection of its own.
PREPARED_PER_CONNECTION = 100

_Processor = Callable[[Any], Any] | None


class _Parameter:
    """One positional parameter (``$n``): where its value comes from, and its type's bind processor."""

    __slots__ = ("bind", "key", "name", "process")

    def __init__(self, name: str, bind: BindParameter[Any], process: _Processor):
        self.key = bind.key
        self.name = name
        self.bind = bind
        self.process = process

    def value(self, parameters: Mapping[str, Any]) -> Any:
        # As SQLAlchemy's ``construct_params``: the bind parameter's key, then its compiled name, then its own value.
        if self.key in parameters:
            value = parameters[self.key]
        elif self.name in parameters:
            value = parameters[self.name]
        elif self.bind.required:
            raise exc.InvalidRequestError(f"A value is required for bind parameter {self.key!r}", code="cd3x")
        else:
            value = self.bind.effective_value
        return value if self.process is None else self.process(value)


class CompiledStatement:
    """A ``SELECT`` compiled once for ``dialect``: its SQL, its parameters in order and its result's shape."""

    __slots__ = ("_result_types", "dialect", "keys", "parameters", "result_metadata", "sql", "statement")

    def __init__(self, statement: Executable, compiled: SQLCompiler, dialect: Dialect):
        self.statement = statement
        self.dialect = dialect
        self.sql: str = compiled.string
        names: dict[str, BindParameter[Any]] = {}
        for bind, name in compiled.bind_names.items():
            names[name] = bind  # as construct_params: of binds sharing a name, the last one's key and value
        positions = compiled.positiontup or []
        self.parameters = tuple(
            _Parameter(name, names[name], names[name].type.dialect_impl(dialect).bind_processor(dialect))
            for name in positions
        )
        columns = compiled._result_columns
        self.keys = tuple(column.keyname for column in columns)
        self._result_types = tuple(column.type for column in columns)
        # The result's metadata (keys and processors), once the column types PostgreSQL describes are known.
        self.result_metadata: SimpleResultMetaData | None = None

    def arguments(self, parameters: Mapping[str, Any]) -> list[Any]:
        return [parameter.value(parameters) for parameter in self.parameters]

    def metadata(self, type_oids: Sequence[int]) -> SimpleResultMetaData:
        """The result's keys and result processors, for the column types of the prepared statement (a processor may
        depend on the type PostgreSQL sends: a ``numeric`` read as a float, say)."""
        if self.result_metadata is None:
            if len(type_oids) != len(self.keys):
                raise exc.InvalidRequestError(f"{len(type_oids)} columns for {len(self.keys)} keys: {self.sql}")
            processors = [
                type_.dialect_impl(self.dialect).result_processor(self.dialect, oid)
                for type_, oid in zip(self._result_types, type_oids, strict=True)
            ]
            ambiguous = frozenset(key for key in self.keys if self.keys.count(key) > 1)
            self.result_metadata = SimpleResultMetaData(
                self.keys, _processors=processors, _ambiguous_keys=ambiguous or None
            )
        return self.result_metadata


def compile_once(statement: Executable, dialect: Dialect) -> CompiledStatement | None:
    """``statement`` compiled for ``dialect``, or None where its SQL or its parameters are not fixed (see the module's
    doc): such a statement is executed through SQLAlchemy."""
    if not getattr(statement, "is_select", False) or statement.get_execution_options():
        return None
    compiled = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
    if not isinstance(compiled, SQLCompiler) or (compiled.positiontup is None and compiled.bind_names):
        return None
    if compiled.post_compile_params or compiled.literal_execute_params or compiled.escaped_bind_names:
        return None
    if getattr(compiled, "_collected_params", None):  # values given with ``.params()``
        return None
    return CompiledStatement(statement, compiled, dialect)


async def run(connection: AsyncConnection, compiled: CompiledStatement, parameters: Mapping[str, Any]) -> Result[Any]:
    """``compiled`` with ``parameters`` on ``connection``'s asyncpg connection, as one prepared statement; its rows
    as SQLAlchemy's, buffered. ``connection`` must be connected and either in autocommit or in a transaction asyncpg
    has begun (:func:`sends_as_is`)."""
    sync = _connected(connection)
    try:
        arguments = compiled.arguments(parameters)
    except exc.InvalidRequestError as error:  # a value missing: wrapped with the statement, as SQLAlchemy does
        raise exc.DBAPIError.instance(
            compiled.sql, [dict(parameters)], error, sync.dialect.loaded_dbapi.Error, dialect=sync.dialect
        ) from error
    events = sync._has_events or sync.engine._has_events
    if events:
        for listener in sync.dispatch.before_cursor_execute:
            listener(sync, None, compiled.sql, tuple(arguments), None, False)
    try:
        prepared = await _prepared(sync, compiled.sql)
        records = await prepared.fetch(*arguments)
    except Exception as error:
        sync.connection.info.pop(_PREPARED, None)  # a statement gone stale (a schema change) is prepared again
        await _raise_as_sqlalchemy(connection, error, compiled.sql, tuple(arguments))
    metadata = compiled.result_metadata
    if metadata is None:
        metadata = compiled.metadata([attribute.type.oid for attribute in prepared.get_attributes()])
    if events:
        for listener in sync.dispatch.after_cursor_execute:
            listener(sync, None, compiled.sql, tuple(arguments), None, False)
    return IteratorResult(metadata, iter(records))


async def _prepared(sync: Connection, sql: str) -> Any:
    """The asyncpg connection's prepared statement of ``sql``, prepared at its first use on the connection and again
    after SQLAlchemy ran DDL (as its adapter's own cache of prepared statements does)."""
    pooled = sync.connection
    since = getattr(sync.dialect, "_invalidate_schema_cache_asof", 0)
    cached = pooled.info.get(_PREPARED)
    if cached is None or cached[0] < since:
        cached = pooled.info[_PREPARED] = (since, {})
    statements: dict[str, Any] = cached[1]
    prepared = statements.get(sql)
    if prepared is None:
        if len(statements) >= PREPARED_PER_CONNECTION:
            del statements[next(iter(statements))]  # asyncpg closes a statement no longer referenced
        prepared = statements[sql] = await pooled.driver_connection.prepare(sql)  # type: ignore[union-attr]
    return prepared


def sends_as_is(connection: AsyncConnection) -> bool:
    """Whether a statement sent on ``connection``'s asyncpg connection is sent as SQLAlchemy would send it: on a
    connection in autocommit (no ``BEGIN``), or in a transaction asyncpg has begun. A connection whose transaction
    SQLAlchemy has not yet begun on the server (it does at the first statement) or that was invalidated is not."""
    sync = connection.sync_connection
    if sync is None or sync.closed or sync.invalidated:
        return False
    pooled = sync.connection
    adapted = pooled.dbapi_connection
    return bool(getattr(adapted, "autocommit", False)) or pooled.driver_connection.is_in_transaction()  # type: ignore[union-attr]


def _connected(connection: AsyncConnection) -> Connection:
    sync = connection.sync_connection
    if sync is None:
        raise exc.ResourceClosedError("the connection is not connected")
    return sync


async def _raise_as_sqlalchemy(connection: AsyncConnection, error: Exception, sql: str, arguments: Any) -> NoReturn:
    """Raise ``error`` as SQLAlchemy would have, had it sent the statement: translated to the adapter's DB-API error
    and then by the connection's own handling (its ``DBAPIError`` kinds, a disconnect invalidating the connection)."""
    sync = _connected(connection)
    adapted = sync.connection.dbapi_connection
    try:
        adapted._handle_exception(error)  # type: ignore[union-attr]
    except Exception as translated:
        await greenlet_spawn(sync._handle_dbapi_exception, translated, sql, arguments, None, None)
    raise error
