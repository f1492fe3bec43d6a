"""The SPA's generated API client is built from the OpenAPI documents in frontend/openapi/; they must be the
documents the services serve now, or the client's types lie. `make openapi` rewrites them."""

import json
from pathlib import Path

import pytest

from polku_dev.openapi import SERVICES, export

COMMITTED = Path(__file__).resolve().parents[1] / "frontend" / "openapi"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("openapi")
    export(folder)
    return folder


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_committed_document_matches_the_service(exported: Path, service: str) -> None:
    current = json.loads((exported / f"{service}.json").read_text())
    committed = json.loads((COMMITTED / f"{service}.json").read_text())
    assert committed == current, f"frontend/openapi/{service}.json is stale: run `make openapi`"
