"""Problem details (RFC 9457) for every kind of failure, with field errors and nothing internal leaked."""

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field

from polku_kit.errors import Conflict, NotFound, install_problem_handlers


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
