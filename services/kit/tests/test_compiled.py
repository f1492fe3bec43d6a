"""A statement compiled once and sent on the asyncpg connection (``polku_kit.compiled``) gives what SQLAlchemy's own
execution gives: the same rows, keys and Python values (of the same types) over the column types the services read,
the same errors, and the statement told to the listeners that count statements."""

from __future__ import annotations

import enum
import uuid
from collections.abc import AsyncIterator
from contextlib import nullcontext
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import (
    DDL,
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Enum,
    Executable,
    Float,
    Integer,
    Interval,
    LargeBinary,
    MetaData,
    Numeric,
    Table,
    Text,
    Uuid,
    bindparam,
    event,
    func,
    insert,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, aggregate_order_by
from sqlalchemy.exc import IntegrityError, InvalidRequestError, NotSupportedError, StatementError
from sqlalchemy.ext.asyncio import AsyncConnection

import polku_kit.compiled as compiled_module
from polku_kit.audit import AuditAction, AuditRecord, audited, record_parameters
from polku_kit.auth import Principal
from polku_kit.columns import EnumText
from polku_kit.compiled import compile_once, run, sends_as_is
from polku_kit.db import CompiledStatements, OneStatement
from polku_kit.sealing import SealedJSON, SealedText


class Colour(enum.StrEnum):
    red = "red"
    green = "green"


def _table() -> Table:
    """A table of every kind of column the services read, named anew for each test (its statements are prepared on
    the connection, which outlives the test's transaction)."""
    return Table(
        f"compiled_{uuid.uuid4().hex[:12]}",
        MetaData(),
        Column("id", Uuid(), primary_key=True),
        Column("name", Text()),
        Column("colour_text", EnumText(Colour)),
        Column("colour", Enum(Colour, name="compiled_colour", create_type=False)),
        Column("data", JSON()),
        Column("data_b", JSONB()),
        Column("amount", Numeric(10, 2)),
        Column("amount_float", Numeric(10, 2, asdecimal=False)),
        Column("ratio", Float()),
        Column("count", Integer()),
        Column("big", BigInteger()),
        Column("blob", LargeBinary()),
        Column("tags", ARRAY(Text())),
        Column("ids", ARRAY(Uuid())),
        Column("colours", ARRAY(EnumText(Colour))),
        Column("at", DateTime(timezone=True)),
        Column("day", Date()),
        Column("span", Interval()),
        Column("flag", Boolean()),
        Column("secret", SealedText(b"compiled-test")),
        Column("sealed", SealedJSON(b"compiled-test-json")),
    )


ROWS: list[dict[str, Any]] = [
    {
        "id": uuid.UUID("00000000-0000-4000-8000-000000000001"),
        "name": "Äänekoski",
        "colour_text": Colour.red,
        "colour": Colour.green,
        "data": {"a": [1, 2.5, None], "b": "ö"},
        "data_b": {"nested": {"list": [True, False]}, "n": 3},
        "amount": Decimal("1234.50"),
        "amount_float": 12.25,
        "ratio": 0.1,
        "count": 7,
        "big": 2**40,
        "blob": b"\x01\x00\xffciphertext",
        "tags": ["yksi", "kaksi"],
        "ids": [uuid.UUID("00000000-0000-4000-8000-0000000000aa")],
        "colours": [Colour.green, Colour.red],
        "at": datetime(2026, 12, 4, 10, 30, 15, 123456, tzinfo=UTC),
        "day": date(2026, 2, 28),
        "span": timedelta(days=3, seconds=5),
        "flag": True,
        "secret": "010190-900X",
        "sealed": {"plan": ["haku"], "n": 1},
    },
    {"id": uuid.UUID("00000000-0000-4000-8000-000000000002")},  # every other column NULL
]


@pytest_asyncio.fixture(loop_scope="session")
async def table(db_connection: AsyncConnection) -> AsyncIterator[Table]:
    made = _table()
    await db_connection.execute(text("CREATE TYPE compiled_colour AS ENUM ('red', 'green')"))
    await db_connection.run_sync(made.metadata.create_all)
    for row in ROWS:
        await db_connection.execute(insert(made).values(row))
    yield made


async def both_ways(
    connection: AsyncConnection, statement: Executable, parameters: dict[str, Any]
) -> tuple[list[Any], list[Any]]:
    """The statement's rows through SQLAlchemy and compiled once, each as (keys, values, the values' types)."""
    compiled = compile_once(statement, connection.dialect)
    assert compiled is not None and sends_as_is(connection)
    through_sqlalchemy = (await connection.execute(statement, parameters)).all()
    compiled_once = (await run(connection, compiled, parameters)).all()

    def shape(rows: list[Any]) -> list[Any]:
        return [(tuple(row._mapping.keys()), tuple(row), tuple(type(value) for value in row)) for row in rows]

    return shape(through_sqlalchemy), shape(compiled_once)


class TestTheSameValues:
    async def test_every_column_type_and_null(self, db_connection: AsyncConnection, table: Table) -> None:
        statement = select(table).order_by(table.c.id)
        sqlalchemys, compiled = await both_ways(db_connection, statement, {})
        assert compiled == sqlalchemys
        (keys, values, _), (_, nulls, _) = compiled
        assert dict(zip(keys, values, strict=True)) == ROWS[0]  # the values written, not just the same both ways
        assert nulls == (ROWS[1]["id"],) + (None,) * (len(keys) - 1)

    async def test_parameters_of_every_type_bound_through_their_processors(
        self, db_connection: AsyncConnection, table: Table
    ) -> None:
        c = table.c
        statement = select(c.id, c.name).where(
            c.colour_text == bindparam("colour_text"),
            c.colour == bindparam("colour"),
            c.amount == bindparam("amount"),
            c.at == bindparam("at"),
            c.day <= bindparam("day"),
            c.tags.contains(bindparam("tags", type_=ARRAY(Text()))),
            c.colours == bindparam("colours"),
            c.data_b["n"].astext == bindparam("n", type_=Text()),
            c.data_b == bindparam("data_b"),
            c.flag.is_(True),
            c.id == bindparam("id"),
        )
        parameters = {key: ROWS[0][key] for key in ("colour_text", "colour", "amount", "at", "day", "colours", "id")}
        parameters |= {"tags": ["kaksi"], "n": "3", "data_b": ROWS[0]["data_b"]}
        sqlalchemys, compiled = await both_ways(db_connection, statement, parameters)
        assert compiled == sqlalchemys and len(compiled) == 1

    async def test_expressions_aggregates_and_literal_values(
        self, db_connection: AsyncConnection, table: Table
    ) -> None:
        c = table.c
        statement = (
            select(
                func.count().label("rows"),
                func.array_agg(aggregate_order_by(c.colour_text, c.id)).label("colours"),
                func.jsonb_agg(c.data_b).label("data"),
                func.sum(c.amount).label("total"),
                func.max(c.at).filter(c.flag).label("latest"),
                (func.coalesce(c.count, 0) + 1).label("next"),
                literal_column("'vakio'").label("constant"),
            )
            .group_by(c.count, c.colour_text, c.data_b, c.amount, c.at, c.flag)
            .where(c.name != "ei", c.count < 10)
        )
        sqlalchemys, compiled = await both_ways(db_connection, statement, {})
        assert compiled == sqlalchemys and compiled

    async def test_a_read_with_its_audit_record_in_one_statement(
        self, db_connection: AsyncConnection, table: Table
    ) -> None:
        statement = audited(select(table.c.id, table.c.secret).where(table.c.id == bindparam("id")), subject="id")
        principal = Principal(subject="coach-1", roles=frozenset({"coach"}), organisation_id=uuid.uuid4())
        parameters = {
            "id": ROWS[0]["id"],
            **record_parameters(actor=principal, action=AuditAction.read, resource_type="test", purpose="both ways"),
        }
        sqlalchemys, compiled = await both_ways(db_connection, statement, parameters)
        assert compiled == sqlalchemys and compiled[0][1] == (ROWS[0]["id"], ROWS[0]["secret"])
        records = await db_connection.execute(
            select(AuditRecord.details, AuditRecord.actor_roles).where(AuditRecord.purpose == "both ways")
        )
        assert records.all() == [({}, ["coach"])] * 2

    async def test_rows_by_attribute_name_and_index_and_the_result_methods(
        self, db_connection: AsyncConnection, table: Table
    ) -> None:
        statement = select(table.c.id, table.c.name.label("nimi")).where(table.c.id == bindparam("id"))
        compiled = compile_once(statement, db_connection.dialect)
        assert compiled is not None
        row = (await run(db_connection, compiled, {"id": ROWS[0]["id"]})).one()
        assert (row.nimi, row._mapping["nimi"], row[1], row._asdict()) == (
            "Äänekoski",
            "Äänekoski",
            "Äänekoski",
            {"id": ROWS[0]["id"], "nimi": "Äänekoski"},
        )
        assert (await run(db_connection, compiled, {"id": uuid.uuid4()})).one_or_none() is None
        assert (await run(db_connection, compiled, {"id": ROWS[1]["id"]})).scalar() == ROWS[1]["id"]


class TestWhatIsNotCompiledOnce:
    async def test_an_expanding_in_or_a_literal_execute_parameter_goes_through_sqlalchemy(
        self, db_connection: AsyncConnection, table: Table
    ) -> None:
        expanding = select(table.c.id).where(table.c.id.in_(bindparam("ids", expanding=True))).order_by(table.c.id)
        literal = select(table.c.id).where(table.c.count == bindparam("count", literal_execute=True))
        assert compile_once(expanding, db_connection.dialect) is None
        assert compile_once(literal, db_connection.dialect) is None
        statements = CompiledStatements(db_connection.dialect)
        ids = [row["id"] for row in ROWS]
        result = await OneStatement(lambda: nullcontext(db_connection), statements).execute(expanding, {"ids": ids})
        assert result.scalars().all() == ids  # executed through SQLAlchemy, with the values of this execution
        assert (
            await OneStatement(lambda: nullcontext(db_connection), statements).execute(literal, {"count": 7})
        ).scalars().all() == ids[:1]

    async def test_only_a_select_and_none_with_execution_options(
        self, db_connection: AsyncConnection, table: Table
    ) -> None:
        assert compile_once(insert(table).values(id=uuid.uuid4()), db_connection.dialect) is None
        assert compile_once(select(table.c.id).execution_options(yield_per=10), db_connection.dialect) is None

    async def test_a_missing_value_is_refused_as_sqlalchemy_refuses_it(
        self, db_connection: AsyncConnection, table: Table
    ) -> None:
        statement = select(table.c.id).where(table.c.id == bindparam("id"))
        compiled = compile_once(statement, db_connection.dialect)
        assert compiled is not None
        with pytest.raises(StatementError, match="A value is required for bind parameter 'id'") as compiled_once:
            await run(db_connection, compiled, {})
        with pytest.raises(StatementError, match="A value is required for bind parameter 'id'") as sqlalchemys:
            await db_connection.execute(statement, {})
        assert type(compiled_once.value.orig) is type(sqlalchemys.value.orig) is InvalidRequestError

    async def test_a_transaction_not_yet_begun_on_the_server_is_begun_by_sqlalchemy(
        self, app: Any, table: Table
    ) -> None:
        """A connection in a transaction SQLAlchemy has not sent ``BEGIN`` for yet: a statement sent directly would
        run outside it, so it goes through SQLAlchemy, which sends the ``BEGIN`` first."""
        async with app.state.database.engine.connect() as connection:
            transaction = await connection.begin()
            assert not sends_as_is(connection)
            statements = CompiledStatements(connection.dialect)
            result = await OneStatement(lambda: nullcontext(connection), statements).execute(
                select(literal_column("1").label("one")), {}
            )
            assert result.scalar() == 1 and sends_as_is(connection)
            await transaction.rollback()


class TestErrorsAndListeners:
    async def test_a_refused_statement_raises_sqlalchemys_error(self, db_connection: AsyncConnection) -> None:
        refused = select(literal_column("1").label("one")).add_cte(
            insert(AuditRecord.__table__).values(id=bindparam("id", type_=Uuid()), actor_subject=None).cte("refused")
        )
        compiled = compile_once(refused, db_connection.dialect)
        assert compiled is not None
        nested = await db_connection.begin_nested()
        with pytest.raises(IntegrityError) as raised:
            await run(db_connection, compiled, {"id": uuid.uuid4()})
        assert raised.value.orig.sqlstate == "23502"  # type: ignore[union-attr]  # NOT NULL, as SQLAlchemy raises it
        assert not raised.value.connection_invalidated
        await nested.rollback()
        assert (await db_connection.execute(text("SELECT 2"))).scalar() == 2

    async def test_listeners_are_told_of_the_statement(self, db_connection: AsyncConnection, table: Table) -> None:
        seen: list[tuple[str, Any]] = []
        engine = db_connection.engine.sync_engine

        def before(_conn: Any, _cursor: Any, sql: str, parameters: Any, *_: Any) -> None:
            seen.append((sql, parameters))

        statement = select(table.c.name).where(table.c.id == bindparam("id"))
        compiled = compile_once(statement, db_connection.dialect)
        assert compiled is not None
        event.listen(engine, "before_cursor_execute", before)
        try:
            await run(db_connection, compiled, {"id": ROWS[0]["id"]})
            await db_connection.execute(statement, {"id": ROWS[0]["id"]})
        finally:
            event.remove(engine, "before_cursor_execute", before)
        assert seen[0] == seen[1] and seen[0][0] == compiled.sql, seen


class TestPreparedStatements:
    async def test_a_connection_keeps_a_bounded_number_and_prepares_again_what_it_let_go(
        self, db_connection: AsyncConnection, table: Table, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(compiled_module, "PREPARED_PER_CONNECTION", 2)
        statements = [
            compile_once(
                select(table.c.id, literal_column(str(number)).label("n")).order_by(table.c.id), db_connection.dialect
            )
            for number in range(3)
        ]
        for number, statement in [*enumerate(statements), (0, statements[0])]:
            assert statement is not None
            rows = (await run(db_connection, statement, {})).all()
            assert [row.n for row in rows] == [number, number]
        prepared = (await db_connection.get_raw_connection()).info[compiled_module._PREPARED][1]
        assert list(prepared) == [statements[2].sql, statements[0].sql]  # type: ignore[union-attr]

    async def test_ddl_run_through_sqlalchemy_has_them_prepared_again(
        self, db_connection: AsyncConnection, table: Table
    ) -> None:
        statement = compile_once(select(table).order_by(table.c.id), db_connection.dialect)
        assert statement is not None
        await run(db_connection, statement, {})
        await db_connection.execute(DDL(f"ALTER TABLE {table.name} ALTER COLUMN name TYPE varchar(100)"))
        rows = (await run(db_connection, statement, {})).all()
        assert rows[0].name == "Äänekoski"

    async def test_a_statement_gone_stale_otherwise_fails_once_as_sqlalchemys_does(
        self, db_connection: AsyncConnection, table: Table
    ) -> None:
        """A schema change SQLAlchemy did not see as DDL: the prepared statement fails once, as one prepared by
        SQLAlchemy's adapter does, and is prepared again by the next execution."""
        query = select(table).order_by(table.c.id)
        statement = compile_once(query, db_connection.dialect)
        assert statement is not None
        await run(db_connection, statement, {})
        await db_connection.execute(query)
        await db_connection.execute(text(f"ALTER TABLE {table.name} ALTER COLUMN name TYPE varchar(100)"))
        for execute in (lambda: run(db_connection, statement, {}), lambda: db_connection.execute(query)):
            savepoint = await db_connection.begin_nested()
            with pytest.raises(NotSupportedError, match="cached statement plan is invalid"):
                await execute()
            await savepoint.rollback()
        rows = (await run(db_connection, statement, {})).all()
        assert rows[0].name == "Äänekoski"
