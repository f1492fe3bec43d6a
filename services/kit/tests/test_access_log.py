"""The access line: written in one step, the same line (keys, values, order) as through structlog and logging."""

import datetime
import io
import json
import logging
import uuid
from collections.abc import Iterator

import pytest
import structlog

from polku_kit import observability
from polku_kit.observability import AccessLog, configure_logging

FIELDS = {"method": "GET", "path": "/v1/me", "route": "/v1/me", "status": 200, "duration_ms": 1.25}


@pytest.fixture
def stream() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    configure_logging(service="sample-api", level="INFO", json=True)
    captured = io.StringIO()
    root.handlers[0].setStream(captured)  # type: ignore[attr-defined]
    structlog.contextvars.bind_contextvars(request_id="req-1", subject="coach-7", organisation="org-1")
    yield captured
    structlog.contextvars.clear_contextvars()
    root.handlers[:] = handlers
    root.setLevel(level)


def only_the_json_handler() -> None:
    """pytest adds its own capturing handlers to the root logger for each test; a service has only the JSON one."""
    root = logging.getLogger()
    root.handlers[:] = [handler for handler in root.handlers if type(handler) is logging.StreamHandler]


def lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


class TestAccessLog:
    def test_the_line_is_the_one_structlog_and_logging_write(self, stream: io.StringIO) -> None:
        only_the_json_handler()
        AccessLog().info("request", **FIELDS)
        structlog.get_logger("polku.access").info("request", **FIELDS)
        fast, ordinary = lines(stream)
        assert fast.pop("timestamp") and ordinary.pop("timestamp")
        assert list(fast.items()) == list(ordinary.items())
        assert fast["request_id"] == "req-1" and fast["service"] == "sample-api" and fast["status"] == 200

    def test_a_level_above_info_writes_no_line(self, stream: io.StringIO) -> None:
        only_the_json_handler()
        logging.getLogger().setLevel(logging.WARNING)
        AccessLog().info("request", **FIELDS)
        assert stream.getvalue() == ""

    def test_other_handlers_get_the_line_the_ordinary_way(self, stream: io.StringIO) -> None:
        records: list[logging.LogRecord] = []

        class Keep(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                records.append(record)

        logging.getLogger().addHandler(Keep())
        AccessLog().info("request", **FIELDS)
        assert len(records) == 1 and len(lines(stream)) == 1

    def test_a_value_that_is_not_plain_json_is_written_as_structlog_writes_it(self, stream: io.StringIO) -> None:
        only_the_json_handler()
        odd = uuid.UUID("0b0c8f6e-6f1a-4c36-9d55-000000000001")
        AccessLog().info("request", **FIELDS, odd=odd)
        structlog.get_logger("polku.access").info("request", **FIELDS, odd=odd)
        fast, ordinary = lines(stream)
        assert fast.pop("timestamp") and ordinary.pop("timestamp")
        assert list(fast.items()) == list(ordinary.items())
        assert fast["odd"] == repr(odd)

    def test_a_path_outside_ascii_is_escaped_as_on_every_other_line(self, stream: io.StringIO) -> None:
        only_the_json_handler()
        AccessLog().info("request", **{**FIELDS, "path": "/v1/työnhakijat"})
        structlog.get_logger("polku.access").info("request", **{**FIELDS, "path": "/v1/työnhakijat"})
        fast, ordinary = stream.getvalue().splitlines()
        assert "\\u00f6" in fast and "ö" not in fast
        assert json.loads(fast)["path"] == json.loads(ordinary)["path"] == "/v1/työnhakijat"


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 12, 4, 23, 4, 41, 562091, datetime.UTC),
        datetime.datetime(2026, 12, 4, 23, 4, 41, 0, datetime.UTC),  # isoformat leaves out zero microseconds
        datetime.datetime(2026, 12, 31, 23, 59, 59, 999999, datetime.UTC),
        datetime.datetime(2027, 1, 1, 0, 0, 0, 1, datetime.UTC),
    ],
)
def test_the_timestamp_is_structlogs(moment: datetime.datetime) -> None:
    expected = moment.isoformat().replace("+00:00", "Z")  # structlog's TimeStamper(fmt="iso", utc=True)
    assert observability._timestamp(moment.timestamp()) == expected
    assert observability._timestamp(moment.timestamp()) == expected  # the second, now formatted once
