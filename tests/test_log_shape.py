"""The local issuer writes its logs in the services' shape (it keeps its own copy of the set-up because it
installs without the kit): the same fields on a structured record and on a standard-library one."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator

import pytest
import structlog

from polku_identity import logs as issuer_logs
from polku_kit import observability


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    uvicorn_error = logging.getLogger("uvicorn.error")
    handlers, level, config = root.handlers[:], root.level, structlog.get_config()
    uvicorn_handlers, uvicorn_propagate = uvicorn_error.handlers[:], uvicorn_error.propagate
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    structlog.configure(**config)
    uvicorn_error.handlers[:] = uvicorn_handlers
    uvicorn_error.propagate = uvicorn_propagate


def _lines(configure: Callable[[], None], capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    # As uvicorn leaves its error log when it configured logging before the application did.
    uvicorn_error = logging.getLogger("uvicorn.error")
    uvicorn_error.handlers[:] = [logging.StreamHandler()]
    uvicorn_error.propagate = False
    configure()
    structlog.contextvars.bind_contextvars(request_id="r-1")
    try:
        structlog.get_logger("polku.test").info("structured", answer=42)
        logging.getLogger("uvicorn.error").warning("from the standard library")
    finally:
        structlog.contextvars.clear_contextvars()
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_issuer_and_services_log_the_same_fields(restore_logging: None, capsys: pytest.CaptureFixture[str]) -> None:
    kit = _lines(lambda: observability.configure_logging(service="identity"), capsys)
    issuer = _lines(lambda: issuer_logs.configure_logging(), capsys)

    assert len(kit) == len(issuer) == 2
    for ours, theirs in zip(issuer, kit, strict=True):
        assert set(ours) == set(theirs)
        assert {key: ours[key] for key in ("event", "level", "request_id", "service")} == {
            key: theirs[key] for key in ("event", "level", "request_id", "service")
        }
    assert issuer[0]["answer"] == 42 and issuer[0]["service"] == "identity"
