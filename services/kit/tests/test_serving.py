"""uvicorn writing each answer in one piece (polku_kit.serving), measured on uvicorn's own cycle."""

import asyncio
import logging
from typing import Any

from uvicorn.protocols.http.flow_control import FlowControl

from polku_kit.serving import OneWriteCycle


class Transport:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        assert not self.closed, "written after close"
        self.writes.append(data)

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def pause_reading(self) -> None: ...

    def resume_reading(self) -> None: ...

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return default


def cycle(transport: Transport, *, method: str = "GET", keep_alive: bool = True) -> OneWriteCycle:
    scope: Any = {"type": "http", "method": method, "http_version": "1.1", "path": "/", "headers": []}
    return OneWriteCycle(
        scope=scope,
        transport=transport,  # type: ignore[arg-type]
        flow=FlowControl(transport),  # type: ignore[arg-type]
        logger=logging.getLogger("test"),
        access_logger=logging.getLogger("test.access"),
        access_log=False,
        default_headers=[],
        message_event=asyncio.Event(),
        expect_100_continue=False,
        keep_alive=keep_alive,
        on_response=lambda: None,
    )


START = {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]}


class TestOneWrite:
    async def test_the_head_and_the_body_go_in_one_write(self) -> None:
        transport = Transport()
        answer = cycle(transport)
        await answer.send(START)
        assert transport.writes == []
        await answer.send({"type": "http.response.body", "body": b"{}"})
        assert len(transport.writes) == 1
        assert transport.writes[0].startswith(b"HTTP/1.1 200 OK\r\n") and transport.writes[0].endswith(b"\r\n\r\n{}")

    async def test_a_body_in_pieces_carries_the_head_in_its_first(self) -> None:
        transport = Transport()
        answer = cycle(transport)
        await answer.send({"type": "http.response.start", "status": 200, "headers": []})
        await answer.send({"type": "http.response.body", "body": b"ab", "more_body": True})
        await answer.send({"type": "http.response.body", "body": b"c"})
        assert len(transport.writes) == 2
        assert b"transfer-encoding: chunked" in transport.writes[0] and transport.writes[0].endswith(b"2\r\nab\r\n")
        assert transport.writes[1] == b"1\r\nc\r\n0\r\n\r\n"

    async def test_an_answer_to_head_is_its_head(self) -> None:
        transport = Transport()
        answer = cycle(transport, method="HEAD")
        await answer.send(START)
        await answer.send({"type": "http.response.body", "body": b""})
        assert len(transport.writes) == 1 and transport.writes[0].endswith(b"content-length: 2\r\n\r\n")

    async def test_the_head_goes_before_a_closing_connection_closes(self) -> None:
        transport = Transport()
        answer = cycle(transport, method="HEAD", keep_alive=False)
        await answer.send(START)
        await answer.send({"type": "http.response.body", "body": b""})
        assert len(transport.writes) == 1 and transport.closed


class TestServer:
    async def test_uvicorn_answers_through_the_one_write_cycle(self) -> None:
        import socket

        import httpx
        import uvicorn

        from polku_kit.serving import OneWriteProtocol

        cycles: list[str] = []

        async def app(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                return
            cycles.append(type(send.__self__).__name__)
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
            await send({"type": "http.response.body", "body": b"hello"})

        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, http=OneWriteProtocol, lifespan="off", log_config=None))
        serving = asyncio.create_task(server.serve(sockets=[listener]))
        try:
            for _ in range(500):  # uvicorn's Server says it has started by a flag, not an event
                if server.started:
                    break
                await asyncio.sleep(0.01)
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                answers = [await client.get("/"), await client.get("/")]  # the second on the kept-alive connection
        finally:
            server.should_exit = True
            await serving
        assert [answer.text for answer in answers] == ["hello", "hello"]
        assert cycles == ["OneWriteCycle", "OneWriteCycle"]

    async def test_the_started_apps_heap_is_frozen_for_the_collector(self) -> None:
        """What the app holds once its startup is done is out of the collector's full passes (decision 50); what a
        request makes after that is not."""
        import gc
        import socket

        import uvicorn

        from polku_kit.serving import Server

        held: list[object] = []

        async def app(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "lifespan":
                await receive()
                held.append(["made at startup"])
                await send({"type": "lifespan.startup.complete"})
                await receive()
                await send({"type": "lifespan.shutdown.complete"})

        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        server = Server(uvicorn.Config(app, lifespan="on", log_config=None))
        gc.unfreeze()
        try:
            serving = asyncio.create_task(server.serve(sockets=[listener]))
            for _ in range(500):
                if server.started:
                    break
                await asyncio.sleep(0.01)
            assert server.started
            frozen = gc.get_freeze_count()
            later = ["made after startup"]
            assert frozen > 0
            assert gc.is_tracked(held[0]) and not any(held[0] is item for item in gc.get_objects())
            assert any(later is item for item in gc.get_objects())
            server.should_exit = True
            await serving
        finally:
            gc.unfreeze()  # the test process's objects go back to the collector
