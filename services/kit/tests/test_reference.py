"""The parameters every service names the same way are described in each OpenAPI document."""

import uuid
from typing import Annotated

from fastapi import FastAPI, Header, Query

from polku_kit.reference import describe_parameters


def make_document() -> dict:  # type: ignore[type-arg]
    app = FastAPI()

    @app.put("/v1/things/{thing_id}/parts/{work_item_id}")
    async def edit(
        thing_id: uuid.UUID,
        work_item_id: uuid.UUID,
        if_match: Annotated[str | None, Header()] = None,
        idempotency_key: Annotated[str | None, Header()] = None,
    ) -> None: ...

    @app.get("/v1/things/{name}")
    async def by_name(
        name: str,
        cursor: str | None = None,
        limit: Annotated[int, Query(description="At most this many things")] = 50,
        colour: str | None = None,
        owner_id: uuid.UUID | None = None,
    ) -> None: ...

    return describe_parameters(app.openapi())


def parameters(document: dict, path: str, method: str) -> dict[str, str | None]:  # type: ignore[type-arg]
    return {p["name"]: p.get("description") for p in document["paths"][path][method]["parameters"]}


class TestDescribeParameters:
    def test_ids_in_the_path_and_the_common_headers_are_described(self) -> None:
        described = parameters(make_document(), "/v1/things/{thing_id}/parts/{work_item_id}", "put")
        assert described["thing_id"] == "The thing's id (a UUID), the `id` the API returned for it."
        assert described["work_item_id"] == "The work item's id (a UUID), the `id` the API returned for it."
        assert "412" in described["if-match"] and "428" in described["if-match"]  # type: ignore[operator]
        assert "retried POST" in described["idempotency-key"]  # type: ignore[operator]

    def test_a_router_s_own_description_is_kept_and_unknown_names_are_left_alone(self) -> None:
        described = parameters(make_document(), "/v1/things/{name}", "get")
        assert described["limit"] == "At most this many things"
        assert described["cursor"] == "The `next_cursor` of the previous page; leave out for the first page."
        assert described["owner_id"] == "Only those of this owner (its id, a UUID)."
        assert described["name"] is None and described["colour"] is None
