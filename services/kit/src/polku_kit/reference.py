"""What a service's OpenAPI document says about the parameters every service names the same way, so that each
one in the reference at ``/api/docs/`` has a description without the same sentence written in every router."""

from __future__ import annotations

from typing import Any

COMMON_PARAMETERS: dict[tuple[str, str], str] = {
    ("header", "if-match"): (
        "The `ETag` of the version you edited, as the last read or save returned it. If someone saved in between, "
        "the answer is 412 and nothing is overwritten; without the header, 428."
    ),
    ("header", "idempotency-key"): (
        "A key of your own (a UUID) that makes a retried POST safe: the same key with the same body gets the first "
        "answer again instead of a second resource; with a different body, 422."
    ),
    ("query", "cursor"): "The `next_cursor` of the previous page; leave out for the first page.",
    ("query", "limit"): "How many items one page holds at most.",
}


def describe_parameters(document: dict[str, Any]) -> dict[str, Any]:
    """Give each parameter without a description the common one for its name; a path parameter named ``<thing>_id``
    is the id the API returned for that thing, a query parameter of that name a filter by it. Descriptions written
    in a router are kept."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("description"):
                    continue
                name, place = parameter["name"], parameter["in"]
                common = COMMON_PARAMETERS.get((place, name.lower()))
                if common is not None:
                    parameter["description"] = common
                elif name.endswith("_id") and place in ("path", "query"):
                    thing = name.removesuffix("_id").replace("_", " ")
                    parameter["description"] = (
                        f"The {thing}'s id (a UUID), the `id` the API returned for it."
                        if place == "path"
                        else f"Only those of this {thing} (its id, a UUID)."
                    )
    return document
