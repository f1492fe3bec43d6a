"""Serving an app: uvicorn writing each answer in one piece, and the heap of a started app kept out of the
garbage collector's full passes.

uvicorn's httptools protocol writes an answer's status line and headers when the app starts the response and the
body when it sends it: two writes to the socket, two system calls and two segments for the gateway to read, on
every request. Under load that write was the largest single cost of an authenticated request without the
database (about half of the service's samples in py-spy, the health check's a third). :class:`OneWriteProtocol`
keeps the head until the first piece of the body and writes them together; an answer without a body (``HEAD``,
``204``) gets its head alone, as before.

A started service holds a few hundred thousand objects that live as long as the process (modules, routes, models,
SQLAlchemy's mappers and compiled statements). Python's collector walks all of them in each full collection, and
under load the objects of the requests in flight, alive while they wait for the database, are promoted to the
oldest generation fast enough to start one every few hundred requests: hundreds of milliseconds of a core each
(decision 50; a fifth of the client search's samples under wrk, all charged to whichever allocation set it off).
:class:`Server` freezes what the started app holds (``gc.freeze()``) once its startup is done, so that full
collections walk only what was made since.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle


class _Held:
    """A stand-in for the transport while uvicorn writes the head: it keeps what is written."""

    def __init__(self, transport: Any):
        self.transport = transport
        self.written: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.written.append(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.transport, name)


class _Prefixed:
    """A stand-in for the transport while uvicorn writes the body: the first write carries the held head."""

    def __init__(self, transport: Any, head: bytes):
        self.transport = transport
        self.head: bytes | None = head

    def write(self, data: bytes) -> None:
        if self.head is not None:
            data, self.head = self.head + data, None
        self.transport.write(data)

    def close(self) -> None:
        # An answer without a body on a connection that closes after it: the head first.
        if self.head is not None:
            self.transport.write(self.head)
            self.head = None
        self.transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.transport, name)


class OneWriteCycle(RequestResponseCycle):
    """uvicorn's request-response cycle, its head written with the first piece of the body."""

    head: bytes | None = None

    async def send(self, message: Any) -> None:
        transport = self.transport
        if message["type"] == "http.response.start" and not self.response_started:
            held = _Held(transport)
            self.transport = held  # type: ignore[assignment]
            try:
                await super().send(message)
            finally:
                self.transport = transport
            self.head = b"".join(held.written)
            return
        head, self.head = self.head, None
        if head is None:
            await super().send(message)
            return
        prefixed = _Prefixed(transport, head)
        self.transport = prefixed  # type: ignore[assignment]
        try:
            await super().send(message)
        finally:
            self.transport = transport
            if prefixed.head is not None and not self.disconnected:
                # Nothing of the body was written (HEAD, an empty chunk-less answer): the head goes alone.
                transport.write(prefixed.head)


class OneWriteProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with :class:`OneWriteCycle` (``uvicorn.run(..., http=OneWriteProtocol)``)."""

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        # The cycle's task is created but has not run yet: from its first step it sends through OneWriteCycle.
        if type(self.cycle) is RequestResponseCycle:
            self.cycle.__class__ = OneWriteCycle


class Server(uvicorn.Server):
    """uvicorn's server, the app's heap frozen for the collector once its startup (the lifespan's) is done."""

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            gc.collect()
            gc.freeze()


def serve(app_path: str, **options: Any) -> None:
    """``uvicorn.run`` (one process, no reload) with :class:`OneWriteProtocol` and :class:`Server`."""
    server = Server(uvicorn.Config(app_path, http=OneWriteProtocol, **options))
    # uvicorn raises a captured SIGINT again once it has shut down, as uvicorn.run expects.
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    if not server.started:
        sys.exit(STARTUP_FAILURE)
