"""The route index: a request reaches the route FastAPI would choose, with its routers' dependencies, and the
cases the index leaves to FastAPI (a method not allowed, a route added later) are answered as before."""

from typing import Annotated

import httpx
from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException

from polku_kit.routing import RouteIndex, install_route_index


async def tagged(x_tag: Annotated[str, Header()] = "") -> None:
    if x_tag == "refuse":
        raise HTTPException(status_code=403)


def build() -> FastAPI:
    app = FastAPI()
    items = APIRouter(prefix="/items", dependencies=[Depends(tagged)])

    @items.get("/search")
    async def search() -> dict[str, str]:
        return {"route": "search"}

    @items.get("/{item_id}")
    async def read(item_id: str) -> dict[str, str]:
        return {"route": "read", "item_id": item_id}

    v1 = APIRouter(prefix="/v1")
    v1.include_router(items)
    app.include_router(v1)
    install_route_index(app)
    return app


async def get(app: FastAPI, method: str, path: str, headers: dict[str, str] | None = None) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        return await client.request(method, path, headers=headers)


class TestRouteIndex:
    async def test_a_fixed_segment_before_a_parameter_wins_as_in_fastapi(self) -> None:
        app = build()
        assert (await get(app, "GET", "/v1/items/search")).json() == {"route": "search"}
        assert (await get(app, "GET", "/v1/items/7")).json() == {"route": "read", "item_id": "7"}

    async def test_the_request_is_chosen_by_the_index(self) -> None:
        app = build()
        index = app.router.middleware_stack
        assert isinstance(index, RouteIndex)
        await get(app, "GET", "/v1/items/7")
        assert index.merged, "the request went through the index's candidates"

    async def test_the_routers_dependencies_still_run(self) -> None:
        assert (await get(build(), "GET", "/v1/items/7", headers={"x-tag": "refuse"})).status_code == 403

    async def test_a_method_not_allowed_and_an_unknown_path_answer_as_before(self) -> None:
        app = build()
        assert (await get(app, "POST", "/v1/items/7")).status_code == 405
        assert (await get(app, "GET", "/v2/nothing")).status_code == 404

    async def test_a_route_added_after_the_first_request_is_found(self) -> None:
        app = build()
        await get(app, "GET", "/v1/items/7")
        later = APIRouter(prefix="/v1/later")

        @later.get("/one")
        async def one() -> dict[str, str]:
            return {"route": "later"}

        app.include_router(later)
        assert (await get(app, "GET", "/v1/later/one")).json() == {"route": "later"}
