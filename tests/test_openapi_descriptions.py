"""The reference at ``/api/docs/`` is read by people who have not seen the code: every operation says what it does,
every parameter what it takes, and every enum what each of its values means. The documents are the committed ones,
which test_openapi_current.py keeps equal to what the services serve, so a route or an enum added without its
words fails here, naming each one."""

import json
from pathlib import Path
from typing import Any

import pytest

from polku_dev.openapi import SERVICES

COMMITTED = Path(__file__).resolve().parents[1] / "frontend" / "openapi"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
PLACES = ("query", "path", "header")


def document(service: str) -> dict[str, Any]:
    return json.loads((COMMITTED / f"{service}.json").read_text())


def fastapi_summary(operation_id: str) -> str:
    """The summary FastAPI makes up from the function's name when a route gives none (``read_team`` → ``Read
    Team``): it repeats the name and says nothing, so it counts as none."""
    return operation_id.replace("_", " ").title()


def bare_parameters(where: str, parameters: list[dict[str, Any]]) -> list[str]:
    return [
        f"{where}: {parameter['in']} parameter {parameter['name']} has no description"
        for parameter in parameters
        if parameter.get("in") in PLACES and not (parameter.get("description") or "").strip()
    ]


def undescribed(doc: dict[str, Any]) -> list[str]:
    """Each operation without a summary of its own, each query, path or header parameter without a description,
    and each enum schema without a description, one line each."""
    found = []
    for path, item in doc.get("paths", {}).items():
        found += bare_parameters(path, item.get("parameters", []))
        for method, operation in item.items():
            if method not in METHODS:
                continue
            where = f"{method.upper()} {path}"
            summary = (operation.get("summary") or "").strip()
            if not summary or summary == fastapi_summary(operation.get("operationId", "")):
                found.append(f"{where}: no summary")
            found += bare_parameters(where, operation.get("parameters", []))
    for name, schema in doc.get("components", {}).get("schemas", {}).items():
        if "enum" in schema and not (schema.get("description") or "").strip():
            found.append(f"enum {name} has no description")
    return found


def unnamed_values(doc: dict[str, Any]) -> dict[str, list[str]]:
    """Each enum whose description does not name every one of its values as ``value`` (to say what it means)."""
    found = {}
    for name, schema in doc.get("components", {}).get("schemas", {}).items():
        if "enum" in schema:
            missing = [str(value) for value in schema["enum"] if f"``{value}``" not in schema.get("description", "")]
            if missing:
                found[name] = missing
    return found


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_every_operation_parameter_and_enum_is_described(service: str) -> None:
    offenders = undescribed(document(service))
    assert offenders == [], f"frontend/openapi/{service}.json lacks descriptions:\n" + "\n".join(offenders)


def test_what_is_missing_is_named() -> None:
    # The check itself: one of each kind of gap, each named; a described one passes.
    doc = {
        "paths": {
            "/v1/things": {
                "get": {
                    "operationId": "list_things",
                    "summary": "List Things",
                    "parameters": [
                        {"name": "status", "in": "query", "schema": {"$ref": "#/components/schemas/Status"}},
                        {"name": "limit", "in": "query", "description": "How many items one page holds at most."},
                    ],
                },
                "post": {"operationId": "create_thing", "summary": "Create a thing"},
                "parameters": [{"name": "shared", "in": "query"}],
            },
            "/v1/things/{name}": {
                "delete": {"operationId": "delete_thing", "parameters": [{"name": "name", "in": "path"}]},
                "put": {"operationId": "replace_thing", "summary": "Replace a thing", "parameters": []},
            },
        },
        "components": {
            "schemas": {
                "Status": {"type": "string", "enum": ["open", "done"]},
                "Kind": {"type": "string", "enum": ["a"], "description": "``a``: the only kind."},
                "Thing": {"type": "object", "properties": {}},
            }
        },
    }
    assert undescribed(doc) == [
        "/v1/things: query parameter shared has no description",
        "GET /v1/things: no summary",
        "GET /v1/things: query parameter status has no description",
        "DELETE /v1/things/{name}: no summary",
        "DELETE /v1/things/{name}: path parameter name has no description",
        "enum Status has no description",
    ]


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_an_enum_says_what_each_value_means(service: str) -> None:
    unnamed = unnamed_values(document(service))
    assert unnamed == {}, (
        f"frontend/openapi/{service}.json: enums that do not say (as ``value``) what a value means:\n"
        + ("\n".join(f"{name}: {', '.join(values)}" for name, values in sorted(unnamed.items())))
    )


def test_a_value_left_unnamed_is_found() -> None:
    doc = {
        "components": {
            "schemas": {
                "Side": {"enum": ["incoming", "outgoing"], "description": "``incoming``: to the coach; outgoing: not"},
                "Kind": {"enum": ["a"], "description": "``a``: the only kind."},
                "Bare": {"enum": ["x"]},
            }
        }
    }
    assert unnamed_values(doc) == {"Side": ["outgoing"], "Bare": ["x"]}
