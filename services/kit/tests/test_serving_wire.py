"""The bytes on the wire of :class:`polku_kit.serving.OneWriteProtocol`, on a real uvicorn on loopback.

Each test starts uvicorn on its own thread and event loop (uvloop, as ``serve`` runs it) and talks to it through a
raw socket, so what is checked is what a client (the gateway) reads: whole answers, in order, on a connection that
stays usable, and the head leaving with the body in one write. uvicorn's own protocol is run beside it where the
difference is the point: there the head arrives alone.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from polku_kit.serving import OneWriteProtocol

HELLO_HEAD = b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 5\r\n\r\n"
HELLO = HELLO_HEAD + b"hello"
CHUNKED_HEAD = b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n"
BIG = 4 * 1024 * 1024  # far past the transport's high-water mark and the socket's buffers: writing pauses


def get(path: str, method: str = "GET", extra: bytes = b"") -> bytes:
    return f"{method} {path} HTTP/1.1\r\nhost: test\r\n".encode() + extra + b"\r\n"


class App:
    """Answers by path; what it saw (errors from ``send``, the messages it received) is kept for the test."""

    def __init__(self) -> None:
        self.released = threading.Event()  # the test's go-ahead for an app waiting between two messages
        self.pause = 0.5  # how long such an app waits without it
        self.send_errors: list[BaseException] = []
        self.received: list[dict[str, Any]] = []
        self.done = threading.Event()

    async def wait_released(self) -> None:
        """Until the test lets the app go on, or ``pause`` seconds (the test may be waiting for the app instead)."""
        await asyncio.to_thread(self.released.wait, self.pause)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        path = scope["path"]
        plain = [(b"content-type", b"text/plain")]
        hello = {"type": "http.response.start", "status": 200, "headers": [*plain, (b"content-length", b"5")]}
        try:
            if path == "/hello":
                await send(hello)
                await send({"type": "http.response.body", "body": b"hello"})
            elif path == "/paused":
                # Work between the head and the body (until the test has read once, or ``pause`` seconds).
                await send(hello)
                await self.wait_released()
                await send({"type": "http.response.body", "body": b"hello"})
            elif path == "/stream":
                await send({"type": "http.response.start", "status": 200, "headers": plain})
                await send({"type": "http.response.body", "body": b"ab", "more_body": True})
                await self.wait_released()
                await send({"type": "http.response.body", "body": b"", "more_body": True})
                await send({"type": "http.response.body", "body": b"c", "more_body": True})
                await send({"type": "http.response.body", "body": b""})
            elif path == "/empty":
                await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"0")]})
                await send({"type": "http.response.body", "body": b""})
            elif path == "/no-content":
                await send({"type": "http.response.start", "status": 204, "headers": []})
                await send({"type": "http.response.body", "body": b""})
            elif path == "/not-modified":
                await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", b'"7"')]})
                await send({"type": "http.response.body", "body": b""})
            elif path == "/echo":
                body = b""
                while True:
                    message = await receive()
                    self.received.append(message)
                    body += message.get("body", b"")
                    if not message.get("more_body"):
                        break
                length = str(len(body)).encode()
                await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", length)]})
                await send({"type": "http.response.body", "body": body})
            elif path == "/big":
                size = str(BIG).encode()
                await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", size)]})
                for piece in range(4):
                    more = piece < 3
                    await send(
                        {"type": "http.response.body", "body": bytes([65 + piece]) * (BIG // 4), "more_body": more}
                    )
            elif path == "/closing":
                await send(
                    {
                        "type": "http.response.start",
                        "status": 200,
                        "headers": [*hello["headers"], (b"connection", b"close")],
                    }
                )
                await send({"type": "http.response.body", "body": b"hello"})
            elif path == "/fails-after-start":
                await send(hello)
                raise RuntimeError("the app fails after starting its answer")
            elif path == "/returns-after-start":
                await send(hello)
            elif path == "/fails-before-start":
                raise RuntimeError("the app fails before answering")
            elif path == "/outlives-its-client":
                # The head is held when the client goes; the body is sent after it has gone.
                await send(hello)
                while (await receive())["type"] != "http.disconnect":
                    pass
                await send({"type": "http.response.body", "body": b"hello"})
        except BaseException as error:
            if not path.startswith("/fails"):
                self.send_errors.append(error)
            raise
        finally:
            self.done.set()


@contextmanager
def served(app: App, protocol: type[HttpToolsProtocol] = OneWriteProtocol, loop: str = "uvloop") -> Iterator[int]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    config = uvicorn.Config(
        app,
        http=protocol,
        loop=loop,
        lifespan="off",
        log_config=None,
        access_log=False,
        server_header=False,
        date_header=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:  # uvicorn's Server says it has started by a flag, not an event
            assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.01)
        yield listener.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(10)
        listener.close()


@contextmanager
def connection(port: int) -> Iterator[socket.socket]:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        yield sock


def receive_exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        piece = sock.recv(size - len(data))
        assert piece, f"the connection closed after {data!r}"
        data += piece
    return data


def receive_until_closed(sock: socket.socket) -> bytes:
    data = b""
    while piece := sock.recv(65536):
        data += piece
    return data


@pytest.fixture
def app() -> App:
    return App()


class TestOneWrite:
    @pytest.mark.parametrize("loop", ["uvloop", "asyncio"])
    @pytest.mark.parametrize("protocol", [OneWriteProtocol, HttpToolsProtocol], ids=["one-write", "uvicorn"])
    def test_a_small_answer_arrives_in_one_read(self, app: App, protocol: type[HttpToolsProtocol], loop: str) -> None:
        """The app works between starting its answer and sending the body; the client reads once and then lets the
        app go on. Ours has held the head: the one read is the whole answer. uvicorn's own has written the head at
        the start: the read is the head alone (the same two writes that, without the pause, are two segments and two
        wake-ups of the gateway)."""
        if protocol is HttpToolsProtocol:
            app.pause = 10.0  # the head alone has come: the test lets the app go on at once, however loaded the machine
        with served(app, protocol, loop) as port, connection(port) as sock:
            sock.sendall(get("/paused"))
            first = sock.recv(65536)
            app.released.set()
            rest = receive_exactly(sock, len(HELLO) - len(first))
        assert first + rest == HELLO
        assert first == (HELLO if protocol is OneWriteProtocol else HELLO_HEAD)

    def test_an_answer_without_pause_is_one_read_and_the_connection_stays_open(self, app: App) -> None:
        with served(app) as port, connection(port) as sock:
            for _ in range(3):
                sock.sendall(get("/hello"))
                assert sock.recv(65536) == HELLO

    def test_pipelined_requests_get_their_answers_in_order(self, app: App) -> None:
        with served(app) as port, connection(port) as sock:
            sock.sendall(get("/hello") + get("/empty") + get("/hello", method="HEAD") + get("/hello"))
            empty = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"
            expected = HELLO + empty + HELLO_HEAD + HELLO
            assert receive_exactly(sock, len(expected)) == expected

    def test_a_streamed_answer_has_its_head_in_the_first_pieces_write_and_the_rest_as_sent(self, app: App) -> None:
        with served(app) as port, connection(port) as sock:
            sock.sendall(get("/stream"))
            first = sock.recv(65536)
            app.released.set()
            assert first == CHUNKED_HEAD + b"2\r\nab\r\n"
            rest = b"1\r\nc\r\n0\r\n\r\n"
            assert receive_exactly(sock, len(rest)) == rest
            sock.sendall(get("/hello"))  # the connection is kept
            assert receive_exactly(sock, len(HELLO)) == HELLO

    @pytest.mark.parametrize(
        ("request_bytes", "answer"),
        [
            (get("/hello", method="HEAD"), HELLO_HEAD),
            (get("/empty"), b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"),
            (get("/no-content"), b"HTTP/1.1 204 No Content\r\n\r\n"),
            (get("/not-modified"), b'HTTP/1.1 304 Not Modified\r\netag: "7"\r\n\r\n'),
        ],
        ids=["HEAD", "empty", "204", "304"],
    )
    def test_an_answer_without_a_body_is_its_head_and_the_connection_stays_open(
        self, app: App, request_bytes: bytes, answer: bytes
    ) -> None:
        with served(app) as port, connection(port) as sock:
            sock.sendall(request_bytes)
            assert receive_exactly(sock, len(answer)) == answer
            sock.sendall(get("/hello"))
            assert receive_exactly(sock, len(HELLO)) == HELLO

    @pytest.mark.parametrize(
        ("request_bytes", "answer"),
        [
            (get("/hello", extra=b"connection: close\r\n"), HELLO_HEAD[:-2] + b"connection: close\r\n\r\nhello"),
            (get("/closing"), HELLO_HEAD[:-2] + b"connection: close\r\n\r\nhello"),
            (b"GET /hello HTTP/1.0\r\n\r\n", HELLO_HEAD[:-2] + b"connection: close\r\n\r\nhello"),
            (
                get("/hello", method="HEAD", extra=b"connection: close\r\n"),
                HELLO_HEAD[:-2] + b"connection: close\r\n\r\n",
            ),
            (
                get("/no-content", extra=b"connection: close\r\n"),
                b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n",
            ),
        ],
        ids=["client-closes", "app-closes", "HTTP/1.0", "HEAD-closes", "204-closes"],
    )
    def test_a_closing_connection_gets_the_whole_answer_before_it_closes(
        self, app: App, request_bytes: bytes, answer: bytes
    ) -> None:
        with served(app) as port, connection(port) as sock:
            sock.sendall(request_bytes)
            assert receive_until_closed(sock) == answer

    def test_expect_100_continue_is_answered_before_the_head(self, app: App) -> None:
        with served(app) as port, connection(port) as sock:
            sock.sendall(b"POST /echo HTTP/1.1\r\nhost: test\r\nexpect: 100-continue\r\ncontent-length: 5\r\n\r\n")
            interim = b"HTTP/1.1 100 Continue\r\n\r\n"
            assert receive_exactly(sock, len(interim)) == interim
            sock.sendall(b"hello")
            answer = b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello"
            assert receive_exactly(sock, len(answer)) == answer
            sock.sendall(get("/hello"))
            assert receive_exactly(sock, len(HELLO)) == HELLO

    def test_a_large_answer_to_a_slow_reader_arrives_whole_and_in_order(self, app: App) -> None:
        """The client reads nothing for a while: the transport's buffer fills, uvicorn pauses writing and the app's
        ``send`` waits, the pipelined next answer's start too (its head held while it waits); then every byte
        arrives once, in order, and the connection serves the next request."""
        with served(app) as port, connection(port) as sock:
            sock.sendall(get("/big") + get("/hello"))
            time.sleep(0.3)
            head = f"HTTP/1.1 200 OK\r\ncontent-length: {BIG}\r\n\r\n".encode()
            answer = receive_exactly(sock, len(head) + BIG)
            assert receive_exactly(sock, len(HELLO)) == HELLO
            sock.sendall(get("/hello"))
            assert receive_exactly(sock, len(HELLO)) == HELLO
        assert answer[: len(head)] == head
        body = answer[len(head) :]
        assert [body.count(bytes([65 + piece])) for piece in range(4)] == [BIG // 4] * 4
        assert body == b"".join(bytes([65 + piece]) * (BIG // 4) for piece in range(4))
        assert app.send_errors == []

    @pytest.mark.parametrize("path", ["/fails-after-start", "/returns-after-start"])
    def test_an_answer_the_app_leaves_unfinished_closes_the_connection_without_its_held_head(
        self, app: App, path: str
    ) -> None:
        """Nothing of a started but unfinished answer reaches the client, and the connection is closed, so no
        later answer on it can carry the held head."""
        with served(app) as port, connection(port) as sock:
            sock.sendall(get(path) + get("/hello"))
            assert receive_until_closed(sock) == b""
            with connection(port) as again:  # the server goes on
                again.sendall(get("/hello"))
                assert receive_exactly(again, len(HELLO)) == HELLO

    def test_an_app_failing_before_its_answer_gets_uvicorns_500_in_one_piece(self, app: App) -> None:
        with served(app) as port, connection(port) as sock:
            sock.sendall(get("/fails-before-start"))
            assert receive_until_closed(sock) == (
                b"HTTP/1.1 500 Internal Server Error\r\ncontent-type: text/plain; charset=utf-8\r\n"
                b"content-length: 21\r\nconnection: close\r\n\r\nInternal Server Error"
            )

    def test_a_client_that_goes_before_the_body_costs_the_app_no_error(self, app: App) -> None:
        with served(app) as port:
            with connection(port) as sock:
                sock.sendall(get("/outlives-its-client"))
                time.sleep(0.1)
            assert app.done.wait(5)
            assert app.send_errors == []
            with connection(port) as again:
                again.sendall(get("/hello"))
                assert receive_exactly(again, len(HELLO)) == HELLO
