"""Problem details (RFC 9457) for every kind of failure, with field errors and nothing internal leaked."""

import socket
import threading
import time
from collections.abc import Iterator
from http.client import HTTPConnection

import httpx
import pytest
import structlog
import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field

from polku_kit.errors import Conflict, NotFound, install_problem_handlers
from polku_kit.observability import Metrics, RequestContextMiddleware


class ThingNotFound(NotFound):
    slug = "thing-not-found"
    title = "Thing not found"


class ThingCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    seats: int = Field(ge=0)


def make_app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/things")
    async def create(thing: ThingCreate) -> ThingCreate:
        return thing

    @app.get("/things/{thing_id}")
    async def read(thing_id: str) -> None:
        raise ThingNotFound(f"No thing {thing_id}")

    @app.get("/conflict")
    async def conflict() -> None:
        raise Conflict("Already registered", existing="/things/1")

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("SELECT secret FROM internal_table")

    return app


@pytest.fixture
async def http() -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=make_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


class TestProblems:
    async def test_validation_errors_name_each_field(self, http: httpx.AsyncClient) -> None:
        response = await http.post("/things", json={"name": "", "seats": -1, "extra": 1})
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        body = response.json()
        assert body["type"] == "https://polku.fi/problems/validation-error"
        assert {error["field"] for error in body["errors"]} == {"body.name", "body.seats", "body.extra"}

    async def test_typed_error_has_its_own_type_and_detail(self, http: httpx.AsyncClient) -> None:
        response = await http.get("/things/42")
        assert response.status_code == 404
        assert response.json() == {
            "type": "https://polku.fi/problems/thing-not-found",
            "title": "Thing not found",
            "status": 404,
            "detail": "No thing 42",
            "instance": "/things/42",
        }

    async def test_extension_members_are_kept(self, http: httpx.AsyncClient) -> None:
        response = await http.get("/conflict")
        assert response.status_code == 409
        assert response.json()["existing"] == "/things/1"

    async def test_unexpected_error_leaks_nothing(self, http: httpx.AsyncClient) -> None:
        response = await http.get("/boom")
        assert response.status_code == 500
        assert response.headers["content-type"] == "application/problem+json"
        assert "SELECT" not in response.text
        assert "Traceback" not in response.text

    async def test_wrong_method_is_a_problem_too(self, http: httpx.AsyncClient) -> None:
        response = await http.delete("/conflict")
        assert response.status_code == 405
        assert response.json()["status"] == 405


@pytest.fixture
def served() -> Iterator[tuple[str, int]]:
    """The app behind a real uvicorn (httptools, as the services run), on a free port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(make_app(), log_config=None, access_log=False, http="httptools"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield listener.getsockname()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()


class TestUnexpectedErrorOnAKeptConnection:
    def test_the_next_request_on_the_connection_is_answered(self, served: tuple[str, int]) -> None:
        # A gateway keeps connections to the service alive: a failure must not break the request after it.
        connection = HTTPConnection(*served, timeout=5)
        connection.request("GET", "/boom")
        failed = connection.getresponse()
        body = failed.read()
        assert failed.status == 500
        assert failed.getheader("content-type") == "application/problem+json"
        assert b"SELECT" not in body
        connection.request("GET", "/things/42")
        after = connection.getresponse()
        assert after.status == 404
        assert after.read()
        connection.close()


class TestUnexpectedErrorIsLogged:
    async def test_with_the_request_id_and_without_leaking_it_to_the_caller(self) -> None:
        app = make_app()
        app.add_middleware(RequestContextMiddleware, metrics=Metrics("test"))
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        with structlog.testing.capture_logs(processors=[structlog.contextvars.merge_contextvars]) as logs:
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                response = await client.get("/boom", headers={"X-Request-Id": "req-boom-1"})
        assert response.status_code == 500
        assert response.headers["x-request-id"] == "req-boom-1"
        errors = [entry for entry in logs if entry["event"] == "unhandled_error"]
        assert len(errors) == 1
        assert errors[0]["request_id"] == "req-boom-1"
        assert errors[0]["path"] == "/boom"
        assert [entry["status"] for entry in logs if entry["event"] == "request"] == [500]
