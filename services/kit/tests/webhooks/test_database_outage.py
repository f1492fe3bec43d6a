"""The dispatcher through a database outage: what was sent while the database was unreachable is recorded
once it is back, not sent again after the lease (a real PostgreSQL behind a TCP relay the test cuts)."""

from __future__ import annotations

import asyncio
import contextlib

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from polku_kit.testing import free_port
from services.kit.tests.receiver import Receiver
from services.kit.tests.webhooks.support import Admin, delivery_states, dispatcher, emit_events


class Relay:
    """127.0.0.1:``port`` relayed to PostgreSQL; ``cut()`` drops every connection and refuses new ones, as a
    stopped server does, until ``restore()``."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.port = free_port()
        self.server: asyncio.Server | None = None
        self.writers: set[asyncio.StreamWriter] = set()

    async def restore(self) -> None:
        self.server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in list(self.writers):
            writer.close()
        self.writers.clear()
        self.server = None

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        self.writers |= {writer, upstream_writer}

        async def pump(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError, ConnectionError):
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            sink.close()

        await asyncio.gather(pump(reader, upstream_writer), pump(upstream_reader, writer))


class TestDatabaseOutage:
    async def test_a_result_is_recorded_once_the_database_is_back(
        self, engine: AsyncEngine, admin: Admin, database_url: str
    ) -> None:
        url = make_url(database_url)
        relay = Relay(url.port or 5432)
        await relay.restore()
        relayed = create_async_engine(url.set(port=relay.port), pool_pre_ping=True)
        async with Receiver() as receiver:
            await admin.subscribe(receiver.url)
            [event_id] = await emit_events(engine, 1)
            worker = dispatcher(relayed)
            await worker.prepare()
            [claimed] = await worker.claim(1)
            await relay.cut()
            delivering = asyncio.create_task(worker.deliver(claimed))
            await receiver.wait_for(1)
            await asyncio.sleep(1.5)  # the result cannot be recorded meanwhile
            await relay.restore()
            await asyncio.wait_for(delivering, 30)
            await worker.close()
        await relayed.dispose()
        await relay.cut()
        assert receiver.ids == [event_id]
        assert await delivery_states(engine) == {"delivered": 1}
